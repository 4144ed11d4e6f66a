#pragma once
// Exports of the web front end that run in the background, so a long one
// (a region's bundle with every version's ODT and DOCX: about 4 ms per
// version) shows its progress instead of a page that hangs. A job writes to
// a spooled file through the engine's own export (its progress callback
// counts the versions), takes one of the heavy slots while it runs, and is
// kept for its owner to download for a while after it is done. Jobs live in
// this server's memory: behind a load balancer the status page must reach
// the same server (docs/web.md).

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/Http.h"
#include "api/WorkSlots.h"
#include "beraad/Engine.h"

namespace beraad::server::web {

struct ExportJobStatus {
    enum class State { Waiting, Running, Done, Failed };
    State state = State::Waiting;
    std::int64_t done = 0;   // versions written
    std::int64_t total = 0;  // versions to write (0 until known)
    std::string subject;     // "AM05" or "AM05-convenant-1"
    std::string format;      // "zip", "json", …
    std::string fileName;
    std::string mediaType;
    std::uint64_t bytes = 0;
    std::string problem;  // in Dutch, when failed
    std::chrono::steady_clock::time_point finished{};
};

class ExportJobs {
  public:
    struct Limits {
        std::size_t maxJobs = 16;     // waiting, running and done, per server
        std::size_t maxPerOwner = 4;  // of those, per person
        std::chrono::minutes kept{30};
    };
    ExportJobs(Engine& engine, Limits limits);
    ~ExportJobs();  // waits for the running jobs
    ExportJobs(const ExportJobs&) = delete;
    ExportJobs& operator=(const ExportJobs&) = delete;

    void useHeavySlots(WorkSlots* slots) { heavy_ = slots; }

    // A new job for `actor`: its id (random, 32 hex digits). Refused when the
    // server, or this person, holds the maximum of jobs that are waiting,
    // running or done and not yet expired (failed ones do not count).
    Result<std::string> start(const Actor& actor, ExportRequest request);
    // The job's state; nullopt for an unknown id or another person's job.
    std::optional<ExportJobStatus> status(const std::string& id, const Actor& actor) const;
    // The finished job's file; null unless it is done and `actor`'s.
    std::shared_ptr<SpooledBody> file(const std::string& id, const Actor& actor) const;

  private:
    struct Job;
    void run(std::shared_ptr<Job> job, Actor actor, ExportRequest request);
    void forgetExpired();

    Engine& engine_;
    Limits limits_;
    WorkSlots* heavy_ = nullptr;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    std::atomic<bool> stopping_{false};
};

}  // namespace beraad::server::web
