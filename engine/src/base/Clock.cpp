#include "beraad/base/Clock.h"

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

}  // namespace beraad
