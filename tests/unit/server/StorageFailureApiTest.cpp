// What a client is told when the disk fails under a write: a 503 problem
// "opslag" with a kenmerk to quote, the detail (SQL, file path) kept to the
// log; the same request succeeds once the disk is back.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <sqlite3.h>

#include "FailingVfs.h"
#include "TestSupport.h"
#include "api/Api.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::server {
namespace {

using testing::FailingVfs;

class StorageFailureApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        vfs_ = &FailingVfs::install();
        engine_ = std::make_unique<Engine>(openSqliteStore({path()}),
                                           std::make_shared<testing::SteppingClock>());
        ASSERT_TRUE(engine_->initialize().ok());
        testing::registerTwentePartners(*engine_);
        api_ = std::make_unique<Api>(
            *engine_, [](const std::string&) -> Result<Actor> { return testing::kwartiermaker(); });
    }

    void TearDown() override { vfs_->disarm(); }

    std::string path() const { return dir_.file("s.sqlite"); }

    ApiResponse createConvenant() {
        ApiRequest request;
        request.method = "POST";
        request.path = "/api/v1/documenten";
        request.query["bericht"] = "Eerste concept";
        request.headers = {{"Content-Type", "application/xml"},
                           {"If-Match", "*"},
                           {"Authorization", "Bearer proef"}};
        request.body = testing::twenteConvenant();
        return api_->handle(request);
    }

    testing::TempDir dir_;
    FailingVfs* vfs_ = nullptr;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<Api> api_;
};

TEST_F(StorageFailureApiTest, AFullDiskIsA503WithAKenmerkAndNoInternals) {
    for (auto call : {FailingVfs::Call::Write, FailingVfs::Call::Sync}) {
        vfs_->arm({call, 1, call == FailingVfs::Call::Write ? SQLITE_FULL : SQLITE_IOERR_FSYNC,
                   FailingVfs::Files::Journal, false});
        auto response = createConvenant();
        ASSERT_TRUE(vfs_->fired());
        vfs_->disarm();

        EXPECT_EQ(response.status, 503) << response.body;
        EXPECT_EQ(response.headers.at("Content-Type"), "application/problem+json");
        Poco::JSON::Parser parser;
        auto body = parser.parse(response.body).extract<Poco::JSON::Object::Ptr>();
        EXPECT_EQ(body->getValue<std::string>("type"), "https://beraad.nl/api/problemen/opslag");
        EXPECT_EQ(body->getValue<std::string>("code"), "storage");
        std::string kenmerk = body->getValue<std::string>("kenmerk");
        EXPECT_EQ(kenmerk.size(), 16u);
        EXPECT_EQ(kenmerk, response.correlationId);
        EXPECT_NE(body->getValue<std::string>("detail").find(kenmerk), std::string::npos);
        for (const char* internal : {"sqlite", "SQL", "COMMIT", "disk", "store failure", ".wal"})
            EXPECT_EQ(response.body.find(internal), std::string::npos) << internal;
        EXPECT_EQ(response.body.find(dir_.path().string()), std::string::npos);
        EXPECT_NE(response.logDetail.find("store failure"), std::string::npos)
            << response.logDetail;
    }

    auto again = createConvenant();
    EXPECT_EQ(again.status, 201) << again.body;
    auto documents = engine_->listDocuments(testing::auditor(), {});
    ASSERT_TRUE(documents.ok());
    EXPECT_EQ(documents->size(), 1u);
}

}  // namespace
}  // namespace beraad::server
