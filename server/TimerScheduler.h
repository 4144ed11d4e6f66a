#pragma once
// The server's scheduler of timed transitions (docs/workflow.md, "Timed
// transitions"): a thread that runs Engine::runTimers as the systeem actor
// when the server starts (catching up on what fell due while it was down)
// and then every interval, and logs what it did. Several servers on one
// store may each run one: every step is taken once.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "beraad/Engine.h"

namespace beraad::server {

class TimerScheduler {
  public:
    // An interval of 0 makes start() do nothing.
    TimerScheduler(Engine& engine, std::chrono::seconds interval, std::ostream& log);
    ~TimerScheduler();
    TimerScheduler(const TimerScheduler&) = delete;
    TimerScheduler& operator=(const TimerScheduler&) = delete;

    void start();
    // Waits for a run in progress to finish.
    void stop();
    // Runs done so far (for tests).
    std::int64_t runs() const;

  private:
    void loop();
    void runOnce();

    Engine& engine_;
    std::chrono::seconds interval_;
    std::ostream& log_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::int64_t runs_ = 0;
    std::map<std::string, std::string> refusedBefore_;  // "document transition" -> reason
    std::thread thread_;
};

}  // namespace beraad::server
