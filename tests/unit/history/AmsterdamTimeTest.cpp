// Human-facing times: Europe/Amsterdam from the UTC timestamps of the chain.
#include <gtest/gtest.h>

#include "beraad/base/Clock.h"

namespace beraad {
namespace {

// People read times in Europe/Amsterdam: CET in winter, CEST from the last
// Sunday of March to the last Sunday of October (01:00 UTC); the chain and
// JSON keep UTC.
TEST(AmsterdamTime, WinterSummerAndTheChangeovers) {
    EXPECT_EQ(amsterdamTime("2026-12-03T15:21:16.000Z"), "2026-12-03 16:21");
    EXPECT_EQ(amsterdamTime("2026-07-01T22:30:00.000Z"), "2026-07-02 00:30");
    EXPECT_EQ(amsterdamTime("2026-03-29T00:59:00.000Z"), "2026-03-29 01:59");
    EXPECT_EQ(amsterdamTime("2026-03-29T01:00:00.000Z"), "2026-03-29 03:00");
    EXPECT_EQ(amsterdamTime("2026-10-25T00:59:00.000Z"), "2026-10-25 02:59");
    EXPECT_EQ(amsterdamTime("2026-10-25T01:00:00.000Z"), "2026-10-25 02:00");
    EXPECT_EQ(amsterdamDate("2026-12-31T23:30:00.000Z"), "2027-01-01");
    EXPECT_EQ(amsterdamTime("geen tijd"), "geen tijd");
}

// Timed transitions fall due at 00:00 Amsterdam time: 23:00 UTC the day
// before in winter, 22:00 in summer, also on the changeover days.
TEST(AmsterdamTime, MidnightOfADate) {
    auto utc = [](const std::string& date) {
        auto midnight = amsterdamMidnight(date);
        return midnight ? formatTimestamp(*midnight) : std::string("none");
    };
    EXPECT_EQ(utc("2027-01-01"), "2026-12-31T23:00:00.000Z");
    EXPECT_EQ(utc("2026-07-01"), "2026-06-30T22:00:00.000Z");
    EXPECT_EQ(utc("2026-03-29"), "2026-03-28T23:00:00.000Z");
    EXPECT_EQ(utc("2026-03-30"), "2026-03-29T22:00:00.000Z");
    EXPECT_EQ(utc("2026-10-25"), "2026-10-24T22:00:00.000Z");
    EXPECT_EQ(utc("2026-10-26"), "2026-10-25T23:00:00.000Z");
    EXPECT_EQ(utc("2026-02-30"), "none");
    EXPECT_EQ(utc("1 januari"), "none");
}

}  // namespace
}  // namespace beraad
