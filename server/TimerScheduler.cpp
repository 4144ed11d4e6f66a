#include "TimerScheduler.h"

#include <map>
#include <sstream>
#include <string>

namespace beraad::server {

TimerScheduler::TimerScheduler(Engine& engine, std::chrono::seconds interval, std::ostream& log)
    : engine_(engine), interval_(interval), log_(log) {}

TimerScheduler::~TimerScheduler() {
    stop();
}

void TimerScheduler::start() {
    if (interval_.count() <= 0 || thread_.joinable()) return;
    thread_ = std::thread([this] { loop(); });
}

void TimerScheduler::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::int64_t TimerScheduler::runs() const {
    std::lock_guard lock(mutex_);
    return runs_;
}

void TimerScheduler::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        runOnce();
        lock.lock();
        ++runs_;
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

void TimerScheduler::runOnce() {
    auto run = engine_.runTimers(systemActor());
    // One line per step, written whole so request log lines do not cut it.
    std::ostringstream lines;
    if (!run) {
        lines << "beraad-server: timed transitions failed: " << run.error().describe() << '\n';
    } else {
        for (const auto& step : run->fired) {
            lines << "beraad-server: timer: " << step.document << " " << step.from << " -> "
                  << step.to << " (" << step.transition << ", due " << step.due << ")\n";
            for (const auto& effect : step.effects)
                lines << "beraad-server: timer:   effect " << effect << '\n';
        }
        // A refusal is logged when it is new or its reason changed, not every run.
        std::map<std::string, std::string> refused;
        for (const auto& step : run->refused) {
            std::string key = step.document + " " + step.transition;
            auto before = refusedBefore_.find(key);
            if (before == refusedBefore_.end() || before->second != step.refused) {
                lines << "beraad-server: timer: " << key << " is due since " << step.due
                      << " but refused: " << step.refused << '\n';
            }
            refused[key] = step.refused;
        }
        refusedBefore_ = std::move(refused);
    }
    if (!lines.str().empty()) log_ << lines.str() << std::flush;
}

}  // namespace beraad::server
