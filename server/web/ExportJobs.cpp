#include "web/ExportJobs.h"

#include <filesystem>
#include <fstream>

#include "beraad/base/Random.h"
#include "beraad/present/Dutch.h"

namespace beraad::server::web {

struct ExportJobs::Job {
    std::string owner;  // name, role and scope of the actor who started it
    mutable std::mutex mutex;
    ExportJobStatus status;
    std::shared_ptr<SpooledBody> file;
    std::thread thread;  // joined when the job is forgotten or the server stops
};

namespace {

std::string ownerOf(const Actor& actor) {
    return actor.name + "\n" + std::string(toString(actor.role)) + "\n" + actor.regionScope;
}

}  // namespace

ExportJobs::ExportJobs(Engine& engine, Limits limits) : engine_(engine), limits_(limits) {}

ExportJobs::~ExportJobs() {
    stopping_ = true;
    std::lock_guard lock(mutex_);
    for (auto& [id, job] : jobs_) {
        if (job->thread.joinable()) job->thread.join();
    }
}

void ExportJobs::forgetExpired() {
    auto now = std::chrono::steady_clock::now();
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        bool expired = false;
        {
            std::lock_guard lock(it->second->mutex);
            const auto& status = it->second->status;
            bool over = status.state == ExportJobStatus::State::Done ||
                        status.state == ExportJobStatus::State::Failed;
            expired = over && now - status.finished > limits_.kept;
        }
        if (!expired) {
            ++it;
            continue;
        }
        // Its thread has set the final state and is returning.
        if (it->second->thread.joinable()) it->second->thread.join();
        it = jobs_.erase(it);
    }
}

Result<std::string> ExportJobs::start(const Actor& actor, ExportRequest request) {
    std::lock_guard lock(mutex_);
    forgetExpired();
    // Failed jobs hold a place for nobody; the rest count for the server and
    // for their owner, so one person cannot take every place.
    std::size_t held = 0;
    std::size_t own = 0;
    std::string owner = ownerOf(actor);
    for (const auto& [id, job] : jobs_) {
        std::lock_guard jobLock(job->mutex);
        if (job->status.state == ExportJobStatus::State::Failed) continue;
        ++held;
        if (job->owner == owner) ++own;
    }
    if (own >= limits_.maxPerOwner) {
        return makeError(ErrorCode::Refused,
                         "you hold " + std::to_string(own) +
                             " exports already, the most one person may; download them or wait "
                             "until one expires");
    }
    if (held >= limits_.maxJobs) {
        return makeError(ErrorCode::Refused, "the server holds its maximum of " +
                                                 std::to_string(limits_.maxJobs) +
                                                 " exports; try again when one has expired");
    }
    auto job = std::make_shared<Job>();
    job->owner = owner;
    job->status.subject = request.region ? *request.region : request.documentId.value_or("");
    job->status.format = std::string(toString(request.format));
    std::string id = randomHex(16);
    // Known only once its thread runs: a thread that cannot start leaves no job.
    job->thread = std::thread(&ExportJobs::run, this, job, actor, std::move(request));
    jobs_[id] = job;
    return id;
}

void ExportJobs::run(std::shared_ptr<Job> job, Actor actor, ExportRequest request) {
    // One heavy slot while it runs, as a download takes one.
    while (heavy_ != nullptr && !heavy_->acquire()) {
        if (stopping_) return;
    }
    struct Release {
        WorkSlots* slots;
        ~Release() {
            if (slots) slots->release();
        }
    } release{heavy_};
    {
        std::lock_guard lock(job->mutex);
        job->status.state = ExportJobStatus::State::Running;
    }
    request.progress = [&job](const ExportProgress& progress) {
        std::lock_guard lock(job->mutex);
        job->status.done = progress.done;
        job->status.total = progress.total;
    };
    // Nothing may leave this thread: a failure (no temporary file, a full
    // disk) fails the job, never the server.
    std::shared_ptr<SpooledBody> spooled;
    std::ofstream out;
    Result<ExportSummary> summary = makeError(ErrorCode::Storage, "the export did not run");
    try {
        spooled = SpooledBody::create();
        out.open(spooled->path(), std::ios::binary | std::ios::trunc);
        summary = engine_.exportHistory(actor, request, out);
    } catch (const std::exception& failure) {
        summary = makeError(ErrorCode::Storage, failure.what());
    }
    out.close();
    std::lock_guard lock(job->mutex);
    job->status.finished = std::chrono::steady_clock::now();
    if (!summary || !out) {
        job->status.state = ExportJobStatus::State::Failed;
        job->status.problem = summary ? "Het exportbestand kon niet worden geschreven."
                                      : present::inDutch(summary.error().message);
        return;
    }
    job->status.state = ExportJobStatus::State::Done;
    job->status.fileName = summary->fileName;
    job->status.mediaType = summary->mediaType;
    std::error_code ignored;
    auto size = std::filesystem::file_size(spooled->path(), ignored);
    job->status.bytes = ignored ? 0 : size;
    if (job->status.total == 0) job->status.total = job->status.done;
    job->file = std::move(spooled);
}

std::optional<ExportJobStatus> ExportJobs::status(const std::string& id, const Actor& actor) const {
    std::shared_ptr<Job> job;
    {
        std::lock_guard lock(mutex_);
        auto found = jobs_.find(id);
        if (found == jobs_.end()) return std::nullopt;
        job = found->second;
    }
    if (job->owner != ownerOf(actor)) return std::nullopt;
    std::lock_guard lock(job->mutex);
    return job->status;
}

std::shared_ptr<SpooledBody> ExportJobs::file(const std::string& id, const Actor& actor) const {
    std::shared_ptr<Job> job;
    {
        std::lock_guard lock(mutex_);
        auto found = jobs_.find(id);
        if (found == jobs_.end()) return nullptr;
        job = found->second;
    }
    if (job->owner != ownerOf(actor)) return nullptr;
    std::lock_guard lock(job->mutex);
    return job->file;
}

}  // namespace beraad::server::web
