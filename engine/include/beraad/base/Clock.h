#pragma once
// Time as the engine sees it: injectable so tests can fix it.

#include <chrono>
#include <memory>
#include <string>

namespace beraad {

class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
};

std::shared_ptr<Clock> systemClock();

// ISO 8601 in UTC with milliseconds: "2026-11-28T20:25:26.123Z".
std::string formatTimestamp(std::chrono::system_clock::time_point time);

// The calendar date part ("2026-11-28") of a time, in UTC.
std::string formatDate(std::chrono::system_clock::time_point time);

}  // namespace beraad
