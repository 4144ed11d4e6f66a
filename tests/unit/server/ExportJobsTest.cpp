// Exports in the background (server/web/ExportJobs.h): a job waits for a
// heavy slot, counts the versions it wrote, is done with a file that is the
// engine's export, is seen only by the person who started it, and the
// server holds at most its maximum of jobs.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "ApiFixture.h"
#include "beraad/audit/BundleVerifier.h"
#include "web/ExportJobs.h"

namespace beraad::server {
namespace {

using web::ExportJobs;
using web::ExportJobStatus;
using State = ExportJobStatus::State;

class ExportJobsTest : public testing_api::ApiFixture {
  protected:
    void SetUp() override {
        start();
        auto created = engine_->createDocument(
            testing::kwartiermaker("AM05"), {DocumentKind::Samenwerkingsconvenant, "AM05",
                                             testing::twenteConvenant(), "concept", std::nullopt});
        ASSERT_TRUE(created.ok()) << created.error().describe();
        document_ = created->id;
    }

    ExportRequest bundle() {
        ExportRequest request;
        request.region = "AM05";
        request.format = ExportFormat::Bundel;
        return request;
    }

    ExportJobStatus waitWhile(ExportJobs& jobs, const std::string& id, State state) {
        for (int i = 0; i < 2000; ++i) {  // bounded: 20 s
            auto status = jobs.status(id, testing::auditor());
            if (!status || status->state != state) return status.value_or(ExportJobStatus{});
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return *jobs.status(id, testing::auditor());
    }

    // The job's state once it is done or failed (bounded: 20 s).
    ExportJobStatus waitUntilOver(ExportJobs& jobs, const std::string& id, const Actor& actor) {
        ExportJobStatus status;
        for (int i = 0; i < 2000; ++i) {
            status = *jobs.status(id, actor);
            if (status.state == State::Done || status.state == State::Failed) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return status;
    }

    std::string document_;
};

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

TEST_F(ExportJobsTest, AJobWaitsForASlotThenWritesTheEnginesExportWithItsProgress) {
    WorkSlots slots(1, std::chrono::milliseconds(20));
    ASSERT_TRUE(slots.acquire());  // the one slot is busy
    ExportJobs jobs(*engine_, {});
    jobs.useHeavySlots(&slots);
    auto id = jobs.start(testing::auditor(), bundle());
    ASSERT_TRUE(id.ok()) << id.error().describe();
    EXPECT_EQ(id->size(), 32u);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto waiting = jobs.status(*id, testing::auditor());
    ASSERT_TRUE(waiting);
    EXPECT_EQ(waiting->state, State::Waiting) << "no slot, no work";
    EXPECT_EQ(jobs.file(*id, testing::auditor()), nullptr);
    slots.release();

    auto done = waitWhile(jobs, *id, State::Waiting);
    done = done.state == State::Running ? waitWhile(jobs, *id, State::Running) : done;
    ASSERT_EQ(done.state, State::Done) << done.problem;
    EXPECT_EQ(done.subject, "AM05");
    EXPECT_EQ(done.fileName, "AM05-export.zip");
    EXPECT_GE(done.total, 1);
    EXPECT_EQ(done.done, done.total) << "every version counted";
    auto file = jobs.file(*id, testing::auditor());
    ASSERT_NE(file, nullptr);
    std::string bytes = readAll(file->path());
    EXPECT_EQ(bytes.size(), done.bytes);
    EXPECT_TRUE(verifyBundle(bytes).intact()) << "the engine's own bundle";
    EXPECT_TRUE(slots.acquire()) << "the slot is given back";
}

TEST_F(ExportJobsTest, OnlyTheOneWhoStartedItSeesIt) {
    ExportJobs jobs(*engine_, {});
    auto id = jobs.start(testing::auditor(), bundle());
    ASSERT_TRUE(id.ok());
    Actor other = testing::auditor();
    other.name = "Andere Auditor";
    EXPECT_FALSE(jobs.status(*id, other));
    EXPECT_EQ(jobs.file(*id, other), nullptr);
    EXPECT_FALSE(jobs.status(std::string(32, '0'), testing::auditor()));
}

TEST_F(ExportJobsTest, AnExportTheRoleMayNotMakeFailsWithTheReasonInDutch) {
    ExportJobs jobs(*engine_, {});
    auto kwartiermaker = testing::kwartiermaker("AM05");
    auto id = jobs.start(kwartiermaker, bundle());
    ASSERT_TRUE(id.ok());
    auto status = waitUntilOver(jobs, *id, kwartiermaker);
    ASSERT_EQ(status.state, State::Failed);
    EXPECT_FALSE(status.problem.empty());
    EXPECT_TRUE(testing::englishWords(status.problem).empty()) << status.problem;
    EXPECT_EQ(jobs.file(*id, kwartiermaker), nullptr);
}

TEST_F(ExportJobsTest, TheServerHoldsAtMostItsMaximumOfJobs) {
    WorkSlots slots(1, std::chrono::milliseconds(20));
    ASSERT_TRUE(slots.acquire());  // every job waits
    ExportJobs jobs(*engine_, {2, 4, std::chrono::minutes(30)});
    jobs.useHeavySlots(&slots);
    ASSERT_TRUE(jobs.start(testing::auditor(), bundle()).ok());
    ASSERT_TRUE(jobs.start(testing::auditor(), bundle()).ok());
    auto third = jobs.start(testing::auditor(), bundle());
    ASSERT_FALSE(third.ok());
    EXPECT_NE(third.error().message.find("maximum of 2 exports"), std::string::npos);
    slots.release();  // the waiting jobs finish before the jobs are destroyed
}

TEST_F(ExportJobsTest, OnePersonCannotTakeEveryPlaceAndFailedJobsHoldNone) {
    WorkSlots slots(1, std::chrono::milliseconds(20));
    ASSERT_TRUE(slots.acquire());  // every export job waits
    ExportJobs jobs(*engine_, {3, 2, std::chrono::minutes(30)});
    jobs.useHeavySlots(&slots);
    ASSERT_TRUE(jobs.start(testing::auditor(), bundle()).ok());
    ASSERT_TRUE(jobs.start(testing::auditor(), bundle()).ok());
    auto third = jobs.start(testing::auditor(), bundle());
    ASSERT_FALSE(third.ok());
    EXPECT_NE(third.error().message.find("the most one person may"), std::string::npos);
    Actor other = testing::auditor();
    other.name = "Andere Auditor";
    EXPECT_TRUE(jobs.start(other, bundle()).ok()) << "another person still has a place";
    slots.release();
}

TEST_F(ExportJobsTest, FailedJobsDoNotCountAgainstTheMaximum) {
    ExportJobs jobs(*engine_, {1, 1, std::chrono::minutes(30)});
    auto kwartiermaker = testing::kwartiermaker("AM05");
    auto failing = jobs.start(kwartiermaker, bundle());  // the engine refuses the role
    ASSERT_TRUE(failing.ok());
    ASSERT_EQ(waitUntilOver(jobs, *failing, kwartiermaker).state, State::Failed);
    EXPECT_TRUE(jobs.start(testing::auditor(), bundle()).ok()) << "a failed job holds no place";
}

}  // namespace
}  // namespace beraad::server
