#include "base/Dates.h"

#include <array>
#include <cstdio>

namespace beraad::dates {

using namespace std::chrono;

std::optional<year_month_day> parse(std::string_view iso) {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
    }
    y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
    m = static_cast<unsigned>((iso[5] - '0') * 10 + (iso[6] - '0'));
    d = static_cast<unsigned>((iso[8] - '0') * 10 + (iso[9] - '0'));
    year_month_day date{year{y}, month{m}, day{d}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string format(year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

year_month_day addYears(year_month_day date, int years) {
    year_month_day moved = date + std::chrono::years{years};
    if (!moved.ok())
        moved = year_month_day{year_month_day_last{moved.year(), month_day_last{moved.month()}}};
    return moved;
}

year_month_day addDays(year_month_day date, int days) {
    return year_month_day{sys_days{date} + std::chrono::days{days}};
}

long daysBetween(year_month_day from, year_month_day to) {
    return static_cast<long>((sys_days{to} - sys_days{from}).count());
}

std::string_view monthName(unsigned month) {
    static constexpr std::array<std::string_view, 12> kMonths{
        "januari", "februari", "maart",     "april",   "mei",      "juni",
        "juli",    "augustus", "september", "oktober", "november", "december"};
    return month >= 1 && month <= 12 ? kMonths[month - 1] : std::string_view{};
}

std::string dutch(year_month_day date) {
    return std::to_string(static_cast<unsigned>(date.day())) + " " +
           std::string(monthName(static_cast<unsigned>(date.month()))) + " " +
           std::to_string(static_cast<int>(date.year()));
}

}  // namespace beraad::dates
