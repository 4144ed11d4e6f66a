#include "beraad/base/Clock.h"

#include <optional>

#include <ctime>
#include <cstdio>

namespace beraad {
namespace {

class SystemClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
};

std::tm toUtc(std::chrono::system_clock::time_point time) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return utc;
}

}  // namespace

std::shared_ptr<Clock> systemClock() {
    static auto clock = std::make_shared<SystemClock>();
    return clock;
}

std::string formatTimestamp(std::chrono::system_clock::time_point time) {
    auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()) % 1000;
    if (millis.count() < 0) millis += std::chrono::milliseconds(1000);
    std::tm utc = toUtc(time - millis);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(millis.count()));
    return buffer;
}

std::string formatDate(std::chrono::system_clock::time_point time) {
    return formatTimestamp(time).substr(0, 10);
}

namespace {

using std::chrono::sys_days;

// 01:00 UTC on the last Sunday of `month` in `year`.
std::chrono::system_clock::time_point lastSundayOneUtc(int year, unsigned month) {
    sys_days day{std::chrono::year{year} / std::chrono::month{month} / std::chrono::last};
    day -= (std::chrono::weekday{day} - std::chrono::Sunday);
    return day + std::chrono::hours(1);
}

}  // namespace

namespace {

// The time shifted to Amsterdam's wall clock (still read as if UTC).
std::chrono::system_clock::time_point amsterdamWallClock(
    std::chrono::system_clock::time_point time) {
    int year = toUtc(time).tm_year + 1900;
    bool summer = time >= lastSundayOneUtc(year, 3) && time < lastSundayOneUtc(year, 10);
    return time + std::chrono::hours(summer ? 2 : 1);
}

std::optional<std::chrono::system_clock::time_point> parseTimestamp(const std::string& timestamp) {
    std::tm utc{};
    if (std::sscanf(timestamp.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &utc.tm_year, &utc.tm_mon,
                    &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec) != 6) {
        return std::nullopt;
    }
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&utc));
}

}  // namespace

std::string amsterdamDate(std::chrono::system_clock::time_point time) {
    return formatDate(amsterdamWallClock(time));
}

std::string amsterdamDate(const std::string& timestamp) {
    auto time = parseTimestamp(timestamp);
    return time ? amsterdamDate(*time) : timestamp.substr(0, 10);
}

std::optional<std::chrono::system_clock::time_point> amsterdamMidnight(const std::string& date) {
    auto day = parseTimestamp(date + "T00:00:00");
    if (!day || formatDate(*day) != date) return std::nullopt;
    // Midnight never falls in a changeover (they happen at 02:00 and 03:00
    // local time), so one of the two offsets reads back as 00:00 that day.
    auto summer = *day - std::chrono::hours(2);
    if (formatTimestamp(amsterdamWallClock(summer)).substr(0, 19) == date + "T00:00:00")
        return summer;
    return *day - std::chrono::hours(1);
}

std::string amsterdamTime(const std::string& timestamp) {
    auto time = parseTimestamp(timestamp);
    if (!time) return timestamp;
    std::string local = formatTimestamp(amsterdamWallClock(*time));
    return local.substr(0, 10) + " " + local.substr(11, 5);
}

}  // namespace beraad
