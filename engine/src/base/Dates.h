#pragma once
// ISO calendar dates ("2026-01-01") and their Dutch spelling, for guards,
// deadlines, model drafts and the template formatters. Internal.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace beraad::dates {

std::optional<std::chrono::year_month_day> parse(std::string_view iso);
std::string format(std::chrono::year_month_day date);
// The same day `years` later; 29 February becomes 28 February when needed.
std::chrono::year_month_day addYears(std::chrono::year_month_day date, int years);
std::chrono::year_month_day addDays(std::chrono::year_month_day date, int days);
// Days from `from` to `to` (negative when `to` lies before `from`).
long daysBetween(std::chrono::year_month_day from, std::chrono::year_month_day to);
// The Dutch name of a month (1 = "januari"); empty outside 1..12. The one
// month table of the engine.
std::string_view monthName(unsigned month);
// "1 januari 2026".
std::string dutch(std::chrono::year_month_day date);

}  // namespace beraad::dates
