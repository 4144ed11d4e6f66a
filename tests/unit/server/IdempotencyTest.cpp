// Idempotency-Key on POST (issue 21, item 5c): a retry with the same key and
// request gets the first answer, not a second write; the key is the actor's,
// kept in the store (so also across a restart), and expires after a day.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "ApiFixture.h"

namespace beraad::server {
namespace {

class IdempotencyTest : public testing_api::ApiFixture {
  protected:
    void SetUp() override {
        start();
        kwartiermaker_ = issue(Role::Kwartiermaker, "AM05");
        secretariaat_ = issue(Role::Secretariaat, "AM05");
    }

    ApiResponse create(const std::string& token, const std::string& key,
                       const std::string& message = "Eerste%20concept") {
        Headers headers{{"Content-Type", "application/xml"}, {"If-Match", "*"}};
        if (!key.empty()) headers["Idempotency-Key"] = key;
        auto request = testing_api::makeRequest("POST", "/api/v1/documenten?bericht=" + message,
                                                token, headers, testing::twenteConvenant());
        return api_->handle(request);
    }

    std::size_t documents() { return engine_->listDocuments(testing::auditor(), {})->size(); }

    std::string kwartiermaker_, secretariaat_;
};

TEST_F(IdempotencyTest, ARetryWithTheSameKeyGetsTheFirstAnswerAndWritesNothing) {
    auto first = create(kwartiermaker_, "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
    ASSERT_EQ(first.status, 201) << first.body;
    auto retry = create(kwartiermaker_, "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
    EXPECT_EQ(retry.status, 201) << retry.body;
    EXPECT_EQ(retry.body, first.body);
    EXPECT_EQ(retry.headers.at("Location"), first.headers.at("Location"));
    EXPECT_EQ(retry.headers.at("ETag"), first.headers.at("ETag"));
    EXPECT_EQ(retry.headers.at("API-Version"), first.headers.at("API-Version"));
    EXPECT_EQ(documents(), 1u);
}

TEST_F(IdempotencyTest, TheSameKeyOnAnotherRequestIs422) {
    ASSERT_EQ(create(kwartiermaker_, "sleutel-1").status, 201);
    auto other = create(kwartiermaker_, "sleutel-1", "Ander%20bericht");
    EXPECT_EQ(other.status, 422) << other.body;
    EXPECT_NE(other.body.find("idempotentiesleutel-hergebruikt"), std::string::npos);
    EXPECT_EQ(documents(), 1u);
}

TEST_F(IdempotencyTest, WithoutAKeyARetryIsASecondRequest) {
    ASSERT_EQ(create(kwartiermaker_, "").status, 201);
    // The engine's own rule answers it: one convenant per region.
    auto second = create(kwartiermaker_, "");
    EXPECT_EQ(second.status, 409) << second.body;
    EXPECT_NE(second.body.find("heeft al samenwerkingsconvenant AM05-convenant-1"),
              std::string::npos);
}

TEST_F(IdempotencyTest, AnErrorAnswerIsKeptTooAndAKeyIsTheActorsOwn) {
    ASSERT_EQ(create(kwartiermaker_, "k").status, 201);
    // Another actor's key of the same name is another key: a new request.
    auto theirs = create(secretariaat_, "k");
    EXPECT_EQ(theirs.status, 409) << theirs.body;  // refused, not replayed
    auto again = create(secretariaat_, "k");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.body, theirs.body);  // the same problem, its instance and all
    EXPECT_EQ(documents(), 1u);
}

TEST_F(IdempotencyTest, MalformedKeysAre400) {
    EXPECT_EQ(create(kwartiermaker_, "met spatie").status, 400);
    EXPECT_EQ(create(kwartiermaker_, std::string(256, 'a')).status, 400);
    EXPECT_EQ(documents(), 0u);
}

TEST_F(IdempotencyTest, AKeyInUseIs409AndKeysAreStoredDurablyAndExpire) {
    ASSERT_EQ(create(kwartiermaker_, "duurzaam").status, 201);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("s.sqlite").c_str(), &db), SQLITE_OK);
    auto exec = [&](const std::string& sql) {
        char* message = nullptr;
        int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
        std::string text = message ? message : "";
        sqlite3_free(message);
        EXPECT_EQ(rc, SQLITE_OK) << text;
    };
    // A claim whose answer never came (the server died in between): 409.
    exec(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, expires_at) "
        "SELECT scope, 'open', fingerprint, created_at, expires_at FROM idempotency_keys");
    auto busy = create(kwartiermaker_, "open");
    EXPECT_EQ(busy.status, 409) << busy.body;
    EXPECT_NE(busy.body.find("verzoek-in-behandeling"), std::string::npos);
    // An expired key is forgotten: the request is handled anew.
    exec("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00Z'");
    sqlite3_close(db);
    auto fresh = create(kwartiermaker_, "duurzaam");
    EXPECT_EQ(fresh.status, 409) << fresh.body;  // a second convenant: the engine refuses
    EXPECT_EQ(documents(), 1u);
}

}  // namespace
}  // namespace beraad::server
