// Several writers on one store file, each with its own Engine and
// connections, as separate CLI processes or server instances would be.
#include <atomic>
#include <barrier>
#include <thread>

#include "EngineFixture.h"

namespace beraad {
namespace {

using testing::auditor;
using testing::EngineTest;
using testing::kwartiermaker;
using testing::replaceOnce;
using testing::SteppingClock;
using testing::twenteConvenant;

TEST_F(EngineTest, OfTwoWritersOnTheSameBaseOneWinsAndNothingIsLost) {
    constexpr int kRounds = 20;
    Document document = createConvenant();
    std::int64_t base = 1;
    for (int round = 0; round < kRounds; ++round) {
        std::barrier start(2);
        Result<Version> outcomes[2] = {makeError(ErrorCode::Storage, "not run"),
                                       makeError(ErrorCode::Storage, "not run")};
        auto writer = [&](int index) {
            Engine own(openSqliteStore({path()}), std::make_shared<SteppingClock>());
            std::string content = replaceOnce(
                twenteConvenant(), "J. de Vries",
                "Schrijver " + std::to_string(index) + " ronde " + std::to_string(round));
            start.arrive_and_wait();
            outcomes[index] =
                own.addVersion(kwartiermaker(), {document.id, base, content, "gelijktijdig"});
        };
        std::thread first(writer, 0);
        std::thread second(writer, 1);
        first.join();
        second.join();

        int wins = 0;
        std::string winningHash;
        for (const auto& outcome : outcomes) {
            if (outcome.ok()) {
                ++wins;
                winningHash = outcome->contentHash;
            } else {
                EXPECT_EQ(outcome.error().code, ErrorCode::Conflict) << outcome.error().describe();
            }
        }
        ASSERT_EQ(wins, 1) << "round " << round;
        ++base;
        auto latest = engine().version(auditor(), document.id, std::nullopt);
        ASSERT_TRUE(latest.ok());
        EXPECT_EQ(latest->number, base);
        EXPECT_EQ(latest->contentHash, winningHash);
    }
    EXPECT_EQ(engine().listVersions(auditor(), document.id)->size(),
              static_cast<size_t>(kRounds + 1));
    EXPECT_TRUE(engine().verifyDocument(auditor(), document.id)->intact());
}

TEST_F(EngineTest, WritersOnDifferentDocumentsAllSucceed) {
    constexpr int kWriters = 4;
    constexpr int kEditsEach = 10;
    std::vector<std::string> ids;
    // One convenant per region: the writers work in four regions.
    const std::string regions[kWriters] = {"AM05", "AM14", "AM22", "AM24"};
    for (const auto& region : regions)
        ids.push_back(createConvenant(region).id);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kWriters; ++i) {
        threads.emplace_back([&, i] {
            Engine own(openSqliteStore({path()}), std::make_shared<SteppingClock>());
            for (int edit = 1; edit <= kEditsEach; ++edit) {
                std::string content = replaceOnce(twenteConvenant(), "J. de Vries",
                                                  "Bewerking " + std::to_string(edit));
                content = replaceOnce(content, "regio=\"AM05\"", "regio=\"" + regions[i] + "\"");
                auto result =
                    own.addVersion(kwartiermaker(regions[i]), {ids[i], edit, content, "parallel"});
                if (!result.ok()) ++failures;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(failures.load(), 0);
    for (const auto& id : ids) {
        EXPECT_EQ(engine().document(auditor(), id)->latestVersion, kEditsEach + 1);
        EXPECT_TRUE(engine().verifyDocument(auditor(), id)->intact());
    }
}

}  // namespace
}  // namespace beraad
