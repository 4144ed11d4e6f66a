#pragma once
// A bounded number of heavy requests (renders, exports, verifications) at a
// time: a request takes a slot, waits a short while for one when all are
// taken, and is refused when none comes free in time.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace beraad::server {

class WorkSlots {
  public:
    WorkSlots(int slots, std::chrono::milliseconds wait) : free_(slots), wait_(wait) {}

    // Takes a slot, waiting at most the configured time; false when none came free.
    bool acquire() {
        std::unique_lock lock(mutex_);
        if (!freed_.wait_for(lock, wait_, [this] { return free_ > 0; })) return false;
        --free_;
        return true;
    }
    void release() {
        {
            std::lock_guard lock(mutex_);
            ++free_;
        }
        freed_.notify_one();
    }

    // Holds a slot for its lifetime.
    class Held {
      public:
        explicit Held(WorkSlots& slots) : slots_(slots) {}
        ~Held() { slots_.release(); }
        Held(const Held&) = delete;
        Held& operator=(const Held&) = delete;

      private:
        WorkSlots& slots_;
    };

  private:
    std::mutex mutex_;
    std::condition_variable freed_;
    int free_;
    std::chrono::milliseconds wait_;
};

}  // namespace beraad::server
