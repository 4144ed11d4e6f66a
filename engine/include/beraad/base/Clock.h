#pragma once
// Time as the engine sees it: injectable so tests can fix it.

#include <chrono>
#include <memory>
#include <optional>
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

// The calendar date ("2026-11-28") of a time in Europe/Amsterdam (CET, and
// CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC).
std::string amsterdamDate(std::chrono::system_clock::time_point time);

// The calendar date in Europe/Amsterdam of a formatTimestamp string; the
// first ten characters when it cannot be read.
std::string amsterdamDate(const std::string& timestamp);

// 00:00 in Europe/Amsterdam on an ISO calendar date ("2027-01-01" gives
// 2026-12-31T23:00:00Z); nothing when the date cannot be read.
std::optional<std::chrono::system_clock::time_point> amsterdamMidnight(const std::string& date);

// A formatTimestamp string as people read it: "2026-12-03 16:21" in
// Europe/Amsterdam; the string itself when it cannot be read.
std::string amsterdamTime(const std::string& timestamp);

}  // namespace beraad
