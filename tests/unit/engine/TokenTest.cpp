// API tokens expire when they were issued to, their last use is recorded
// (once a minute at most, not as history), and neither can be forged in the
// store: a lengthened expiry no longer matches the token's event.
#include "EngineFixture.h"

namespace beraad {
namespace {

using namespace std::chrono;
using testing::beheerder;

class TokenTest : public ::testing::Test {
  protected:
    void SetUp() override {
        engine_ = std::make_unique<Engine>(openSqliteStore({dir_.file("beraad.sqlite")}), clock_);
        ASSERT_TRUE(engine_->initialize().ok());
    }

    IssuedToken issue(std::optional<int> days) {
        auto issued = engine_->createToken(
            beheerder(), {"A. Auditor", Role::Auditor, "AM05", std::nullopt, days});
        EXPECT_TRUE(issued.ok()) << issued.error().describe();
        return issued.value();
    }

    ApiToken listed(const std::string& id) {
        auto tokens = engine_->listTokens(beheerder());
        EXPECT_TRUE(tokens.ok());
        if (!tokens.ok()) return {};
        std::vector<ApiToken> all = tokens.value();
        for (const auto& token : all) {
            if (token.id == id) return token;
        }
        ADD_FAILURE() << "no token " << id;
        return {};
    }

    testing::TempDir dir_;
    std::shared_ptr<testing::MovableClock> clock_ = std::make_shared<testing::MovableClock>();
    std::unique_ptr<Engine> engine_;
};

TEST_F(TokenTest, ATokenExpiresWhenItWasIssuedTo) {
    auto issued = issue(2);
    EXPECT_EQ(issued.token.expiresAt.value_or("").substr(0, 16), "2026-03-03T09:00");
    EXPECT_TRUE(engine_->authenticate(issued.secret).ok());
    clock_->advance(hours(47));
    EXPECT_TRUE(engine_->authenticate(issued.secret).ok());
    clock_->advance(hours(2));
    auto expired = engine_->authenticate(issued.secret);
    ASSERT_FALSE(expired.ok());
    EXPECT_EQ(expired.error().code, ErrorCode::Unauthenticated);
    EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
    // Without a validity it never expires.
    auto lasting = issue(std::nullopt);
    EXPECT_FALSE(lasting.token.expiresAt);
    clock_->advance(hours(24 * 3650));
    EXPECT_TRUE(engine_->authenticate(lasting.secret).ok());
}

TEST_F(TokenTest, AValidityOutsideItsRangeIsRefused) {
    for (int days : {0, -1, 3651}) {
        auto refused = engine_->createToken(
            beheerder(), {"A. Auditor", Role::Auditor, "AM05", std::nullopt, days});
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    }
}

TEST_F(TokenTest, TheLastUseIsRecordedOncePerMinute) {
    auto issued = issue(30);
    EXPECT_FALSE(listed(issued.token.id).lastUsedAt);
    ASSERT_TRUE(engine_->authenticate(issued.secret).ok());
    EXPECT_EQ(listed(issued.token.id).lastUsedAt.value_or("").substr(0, 16), "2026-03-01T09:00");
    clock_->advance(hours(5));
    ASSERT_TRUE(engine_->authenticate(issued.secret).ok());
    EXPECT_EQ(listed(issued.token.id).lastUsedAt.value_or("").substr(0, 16), "2026-03-01T14:00");
    // Not history: the system stream has no event for a use.
    auto reports = engine_->verifyAll(testing::auditor());
    ASSERT_TRUE(reports.ok());
    for (const auto& report : reports.value())
        EXPECT_TRUE(report.intact()) << testing::describe(report);
}

TEST_F(TokenTest, ALengthenedExpiryIsRefusedByTheStoreAndByTheChain) {
    auto issued = issue(1);
    std::string later =
        "UPDATE api_tokens SET expires_at = '2099-01-01T00:00:00.000Z' WHERE id = '" +
        issued.token.id + "'";
    EXPECT_NE(testing::runOnFile(dir_.file("beraad.sqlite"), later).find("only revoked"),
              std::string::npos);
    ASSERT_EQ(testing::tamperWithFile(dir_.file("beraad.sqlite"), later), "");
    clock_->advance(hours(48));
    EXPECT_FALSE(engine_->authenticate(issued.secret).ok());
    clock_->advance(hours(-47));
    // Even before its true expiry, the row no longer matches its event.
    EXPECT_FALSE(engine_->authenticate(issued.secret).ok());
}

}  // namespace
}  // namespace beraad
