// Sessions of the web front end: a valid token starts one, the store keeps
// only the hash of its secret, it ends when idle too long, at its absolute
// end, when its token is revoked, and at logout; a second engine on the same
// store (another server) resumes it.
#include <sqlite3.h>

#include "EngineFixture.h"
#include "beraad/base/Sha256.h"

namespace beraad {
namespace {

using namespace std::chrono;
using testing::beheerder;

class WebSessionTest : public ::testing::Test {
  protected:
    void SetUp() override {
        engine_ = std::make_unique<Engine>(openSqliteStore({dir_.file("beraad.sqlite")}), clock_);
        ASSERT_TRUE(engine_->initialize().ok());
        auto issued = engine_->createToken(
            beheerder(), {"S. Secretariaat", Role::Secretariaat, "AM05", std::nullopt, {}});
        ASSERT_TRUE(issued.ok()) << issued.error().describe();
        token_ = issued.value();
    }

    // Every id_hash in the store's web_sessions table.
    std::vector<std::string> storedHashes() {
        sqlite3* db = nullptr;
        sqlite3_open_v2(dir_.file("beraad.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* query = nullptr;
        sqlite3_prepare_v2(db, "SELECT id_hash FROM web_sessions", -1, &query, nullptr);
        std::vector<std::string> hashes;
        while (sqlite3_step(query) == SQLITE_ROW)
            hashes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)));
        sqlite3_finalize(query);
        sqlite3_close(db);
        return hashes;
    }

    testing::TempDir dir_;
    std::shared_ptr<testing::MovableClock> clock_ = std::make_shared<testing::MovableClock>();
    std::unique_ptr<Engine> engine_;
    IssuedToken token_;
    WebSessionPolicy policy_{minutes(30), hours(12)};
};

TEST_F(WebSessionTest, AValidTokenStartsASessionAndOnlyItsHashIsStored) {
    auto started = engine_->startWebSession(token_.secret, policy_);
    ASSERT_TRUE(started.ok()) << started.error().describe();
    EXPECT_EQ(started->secret.rfind("brs_", 0), 0u);
    EXPECT_EQ(started->secret.size(), 4u + 64u);
    EXPECT_EQ(started->csrfToken.size(), 64u);
    EXPECT_EQ(started->actor.name, "S. Secretariaat");
    EXPECT_EQ(storedHashes(), std::vector<std::string>{sha256Hex(started->secret)});

    auto resumed = engine_->resumeWebSession(started->secret, policy_);
    ASSERT_TRUE(resumed.ok()) << resumed.error().describe();
    EXPECT_EQ(resumed->actor.role, Role::Secretariaat);
    EXPECT_EQ(resumed->actor.regionScope, "AM05");
    EXPECT_EQ(resumed->csrfToken, started->csrfToken);

    // Another server on the same store knows it too.
    Engine other(openSqliteStore({dir_.file("beraad.sqlite")}), clock_);
    EXPECT_TRUE(other.resumeWebSession(started->secret, policy_).ok());
}

TEST_F(WebSessionTest, AnUnknownTokenOrSecretStartsOrResumesNothing) {
    EXPECT_EQ(engine_->startWebSession("brd_0000", policy_).error().code,
              ErrorCode::Unauthenticated);
    EXPECT_TRUE(storedHashes().empty());
    auto started = engine_->startWebSession(token_.secret, policy_);
    ASSERT_TRUE(started.ok());
    std::string forged = started->secret;
    forged.back() = forged.back() == '0' ? '1' : '0';
    EXPECT_EQ(engine_->resumeWebSession(forged, policy_).error().code, ErrorCode::Unauthenticated);
    // The stored hash is no secret: presenting it opens nothing.
    EXPECT_FALSE(engine_->resumeWebSession(storedHashes().front(), policy_).ok());
    EXPECT_FALSE(engine_->resumeWebSession("brs_" + storedHashes().front(), policy_).ok());
}

TEST_F(WebSessionTest, ASessionEndsWhenIdleTooLongEvenIfUsedBefore) {
    auto started = engine_->startWebSession(token_.secret, policy_);
    ASSERT_TRUE(started.ok());
    clock_->advance(minutes(29));
    EXPECT_TRUE(engine_->resumeWebSession(started->secret, policy_).ok());  // use: idle restarts
    clock_->advance(minutes(29));
    EXPECT_TRUE(engine_->resumeWebSession(started->secret, policy_).ok());
    clock_->advance(minutes(31));
    EXPECT_EQ(engine_->resumeWebSession(started->secret, policy_).error().code,
              ErrorCode::Unauthenticated);
}

TEST_F(WebSessionTest, ASessionEndsAtItsAbsoluteEndHoweverOftenItIsUsed) {
    auto started = engine_->startWebSession(token_.secret, policy_);
    ASSERT_TRUE(started.ok());
    for (int i = 0; i < 47; ++i) {  // every quarter of an hour, 11 h 45 min long
        clock_->advance(minutes(15));
        ASSERT_TRUE(engine_->resumeWebSession(started->secret, policy_).ok()) << i;
    }
    clock_->advance(minutes(15));
    EXPECT_FALSE(engine_->resumeWebSession(started->secret, policy_).ok());
    // Expired sessions are removed when the next one starts.
    ASSERT_TRUE(engine_->startWebSession(token_.secret, policy_).ok());
    EXPECT_EQ(storedHashes().size(), 1u);
}

TEST_F(WebSessionTest, RevokingTheTokenEndsItsSessionsAndLogoutEndsOne) {
    auto first = engine_->startWebSession(token_.secret, policy_);
    auto second = engine_->startWebSession(token_.secret, policy_);
    ASSERT_TRUE(first.ok() && second.ok());
    ASSERT_TRUE(engine_->endWebSession(first->secret).ok());
    EXPECT_FALSE(engine_->resumeWebSession(first->secret, policy_).ok());
    EXPECT_TRUE(engine_->resumeWebSession(second->secret, policy_).ok());
    ASSERT_TRUE(engine_->revokeToken(beheerder(), token_.token.id).ok());
    EXPECT_FALSE(engine_->resumeWebSession(second->secret, policy_).ok());
}

}  // namespace
}  // namespace beraad
