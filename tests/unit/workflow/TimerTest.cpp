// Timed transitions on one store shared by several engines (several servers,
// or one restarted): every due step is taken exactly once, as the system.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ScenarioRunner.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::testing {
namespace {

class FixedClock final : public Clock {
  public:
    explicit FixedClock(std::chrono::system_clock::time_point time) : time_(time) {}
    std::chrono::system_clock::time_point now() const override { return time_; }

  private:
    std::chrono::system_clock::time_point time_;
};

// The signed convenant of the shared preamble, its ingangsdatum come.
class Timers : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const auto& failure : runner_.runFile("common/convenant-signed.txt"))
            ADD_FAILURE() << failure;
        due_ = *amsterdamMidnight("2026-01-01") + std::chrono::minutes(5);
    }

    std::unique_ptr<Engine> server() {
        return std::make_unique<Engine>(openSqliteStore({runner_.storePath()}),
                                        std::make_shared<FixedClock>(due_));
    }

    int startEvents() {
        auto events = runner_.engine().history(systemActor(), runner_.documentId("c"));
        EXPECT_TRUE(events.ok());
        int count = 0;
        for (const auto& event : events.value()) {
            if (event.kind == "overgang" &&
                event.payload.find("\"in-werking-treden\"") != std::string::npos)
                ++count;
        }
        return count;
    }

    ScenarioRunner runner_;
    std::chrono::system_clock::time_point due_;
};

TEST_F(Timers, SeveralServersAtOnceTakeTheStepOnce) {
    constexpr int kServers = 4;
    std::vector<std::unique_ptr<Engine>> servers;
    for (int i = 0; i < kServers; ++i)
        servers.push_back(server());
    std::atomic<int> fired{0}, refused{0}, failed{0};
    std::vector<std::thread> threads;
    for (auto& engine : servers) {
        threads.emplace_back([&engine, &fired, &refused, &failed] {
            auto run = engine->runTimers(systemActor());
            if (!run)
                ++failed;
            else {
                fired += static_cast<int>(run->fired.size());
                refused += static_cast<int>(run->refused.size());
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(fired.load(), 1);
    EXPECT_EQ(refused.load(), 0);  // the others found it taken, not in their way
    EXPECT_EQ(startEvents(), 1);
    auto document = runner_.engine().document(systemActor(), runner_.documentId("c"));
    ASSERT_TRUE(document.ok());
    EXPECT_EQ(document->state, "in-werking");
    auto verified = runner_.engine().verifyDocument(systemActor(), runner_.documentId("c"));
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->intact());
}

TEST_F(Timers, ARestartedServerDoesNotTakeItAgain) {
    auto first = server()->runTimers(systemActor());
    ASSERT_TRUE(first.ok()) << first.error().describe();
    ASSERT_EQ(first->fired.size(), 1u);
    EXPECT_EQ(first->fired[0].due, "2025-12-31T23:00:00.000Z");
    EXPECT_EQ(first->fired[0].from, "ondertekend");
    EXPECT_EQ(first->fired[0].to, "in-werking");
    auto again = server()->runTimers(systemActor());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->fired.empty());
    EXPECT_TRUE(again->refused.empty());
    EXPECT_EQ(startEvents(), 1);
}

TEST_F(Timers, OnlyInTheActorsScope) {
    Actor elsewhere{"secretariaat-am13", Role::Secretariaat, "AM13", std::nullopt};
    auto run = server()->runTimers(elsewhere);
    ASSERT_TRUE(run.ok());
    EXPECT_TRUE(run->fired.empty());
    EXPECT_TRUE(run->upcoming.empty());
    EXPECT_EQ(startEvents(), 0);
}

}  // namespace
}  // namespace beraad::testing
