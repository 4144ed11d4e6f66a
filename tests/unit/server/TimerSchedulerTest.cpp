// The server's scheduler of timed transitions: runs at start and then every
// interval, stops at once when asked, and is off with an interval of 0.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "ServerConfig.h"
#include "TestSupport.h"
#include "TimerScheduler.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::server {
namespace {

class TimerSchedulerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        engine_ = std::make_unique<Engine>(openSqliteStore({dir_.file("s.sqlite")}));
        ASSERT_TRUE(engine_->initialize().ok());
    }
    testing::TempDir dir_;
    std::unique_ptr<Engine> engine_;
};

TEST_F(TimerSchedulerTest, RunsAtStartAndStopsWithoutWaitingForTheInterval) {
    std::ostringstream log;
    TimerScheduler scheduler(*engine_, std::chrono::seconds(3600), log);
    scheduler.start();
    for (int i = 0; i < 500 && scheduler.runs() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(scheduler.runs(), 1);  // at start, the next one an hour later
    auto before = std::chrono::steady_clock::now();
    scheduler.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(60));
    EXPECT_EQ(log.str(), "");  // nothing was due, nothing failed
}

TEST_F(TimerSchedulerTest, AnIntervalOfZeroIsOff) {
    std::ostringstream log;
    TimerScheduler scheduler(*engine_, std::chrono::seconds(0), log);
    scheduler.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(scheduler.runs(), 0);
    scheduler.stop();
}

TEST(TimerInterval, IsASettingInSeconds) {
    ServerConfig config;
    EXPECT_EQ(config.timerInterval, std::chrono::seconds(60));
    ASSERT_TRUE(applySetting(config, "timer-interval", "5").ok());
    EXPECT_EQ(config.timerInterval, std::chrono::seconds(5));
    ASSERT_TRUE(applySetting(config, "timer-interval", "0").ok());
    EXPECT_EQ(config.timerInterval, std::chrono::seconds(0));
    auto refused = applySetting(config, "timer-interval", "elke minuut");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("timer-interval"), std::string::npos);
    EXPECT_EQ(config.timerInterval, std::chrono::seconds(0));
}

}  // namespace
}  // namespace beraad::server
