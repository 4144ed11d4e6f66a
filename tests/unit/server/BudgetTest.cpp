// The API's budgets: authorisation before the body, a body budget per route,
// a bounded number of heavy requests at a time.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ApiFixture.h"

namespace beraad::server {
namespace {

class BudgetTest : public testing_api::ApiFixture {
  protected:
    void SetUp() override {
        ApiLimits limits;
        limits.maxJsonBytes = 1000;
        limits.maxContentBytes = 100'000;
        limits.maxBundleBytes = 200'000;
        start(limits);
        kwartiermaker_ = issue(Role::Kwartiermaker, "AM05");
        auditor_ = issue(Role::Auditor, "*");
        partner_ = issue(Role::Partner, "AM05", "uwv");
        secretariaat_ = issue(Role::Secretariaat, "AM05");
    }

    // Calls the API with a body reader that records whether it was asked
    // for the body, and with which limit.
    ApiResponse call(const std::string& method, const std::string& path, const std::string& token,
                     const std::string& body, Headers headers = {}) {
        auto request = testing_api::makeRequest(method, path, token, std::move(headers));
        bodyRead_ = false;
        return api_->handle(request, [&](ApiRequest& admitted, std::size_t limit) {
            bodyRead_ = true;
            limit_ = limit;
            if (body.size() > limit) return std::optional(api::bodyTooLarge(limit, admitted));
            admitted.body = body;
            return std::optional<ApiResponse>{};
        });
    }

    std::int64_t eventCount() {
        auto tx = engine_->store().beginRead();
        std::int64_t total = 0;
        for (const auto& stream : tx->listStreams())
            total += tx->findStreamHead(stream)->sequence;
        return total;
    }

    ApiResponse createConvenant() {
        return call("POST", "/api/v1/documenten?bericht=Eerste", kwartiermaker_,
                    testing::twenteConvenant(),
                    {{"Content-Type", "application/xml"}, {"If-Match", "*"}});
    }

    std::string kwartiermaker_, auditor_, partner_, secretariaat_;
    bool bodyRead_ = false;
    std::size_t limit_ = 0;
};

// An auditor's 433 KB content cost 2.2 s of parsing before its 403: the
// role is now checked before the body is read, and nothing is written.
TEST_F(BudgetTest, AWriteTheRoleMayNotMakeIsRefusedBeforeItsBodyIsRead) {
    auto before = eventCount();
    auto refused = call("POST", "/api/v1/documenten?bericht=x", auditor_,
                        testing::twenteConvenant(), {{"Content-Type", "application/xml"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_FALSE(bodyRead_);
    EXPECT_EQ(call("POST", "/api/v1/documenten?bericht=x", "", "<x/>").status, 401);
    EXPECT_FALSE(bodyRead_);
    EXPECT_EQ(call("POST", "/api/v1/nergens", auditor_, "<x/>").status, 404);
    EXPECT_FALSE(bodyRead_);
    EXPECT_EQ(eventCount(), before);
}

TEST_F(BudgetTest, AnOutOfScopeOrMissingDocumentAnswers404BeforeTheBody) {
    ASSERT_EQ(createConvenant().status, 201);
    std::string rijnmond = issue(Role::Kwartiermaker, "AM22");
    for (const std::string id : {"AM05-convenant-1", "AM05-convenant-99"}) {
        auto answer = call("POST", "/api/v1/documenten/" + id + "/versies?bericht=x", rijnmond,
                           testing::twenteConvenant(), {{"If-Match", "*"}});
        EXPECT_EQ(answer.status, 404) << id;
        EXPECT_FALSE(bodyRead_) << id;
    }
    // The out-of-scope answer names the document as the missing one's does.
    auto hidden = call("POST", "/api/v1/documenten/AM05-convenant-1/transities", rijnmond, "{}");
    auto missing = call("POST", "/api/v1/documenten/AM05-convenant-9/transities", rijnmond, "{}");
    EXPECT_EQ(hidden.status, missing.status);
}

TEST_F(BudgetTest, OnlyAuditorsBeheerdersAndTheSecretariaatVerifyBundles) {
    for (const auto& token : {partner_, kwartiermaker_}) {
        EXPECT_EQ(call("POST", "/api/v1/bundel-verificaties", token, "PK",
                       {{"Content-Type", "application/zip"}})
                      .status,
                  403);
        EXPECT_FALSE(bodyRead_);
    }
    auto answer = call("POST", "/api/v1/bundel-verificaties", auditor_, "not a zip",
                       {{"Content-Type", "application/zip"}});
    EXPECT_EQ(answer.status, 200);
    EXPECT_TRUE(bodyRead_);
    EXPECT_EQ(limit_, 200'000u);
}

TEST_F(BudgetTest, EachRouteReadsAtMostItsBudget) {
    ASSERT_EQ(createConvenant().status, 201);
    EXPECT_EQ(limit_, 100'000u);
    // A JSON write: 1000 bytes here (64 KiB by default).
    auto big = call("POST", "/api/v1/documenten/AM05-convenant-1/transities", kwartiermaker_,
                    "{\"transitie\": \"" + std::string(2000, 'x') + "\"}");
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(limit_, 1000u);
    EXPECT_EQ(big.headers.at("Connection"), "close");
    // A read takes no body at all.
    EXPECT_EQ(call("GET", "/api/v1/regios", auditor_, "x").status, 413);
    EXPECT_EQ(limit_, 0u);
    EXPECT_EQ(call("GET", "/api/v1/regios", auditor_, "").status, 200);
}

TEST_F(BudgetTest, WithoutABodyReaderTheBodyInTheRequestIsHeldToTheBudget) {
    ApiRequest request;
    request.method = "GET";
    request.path = "/api/v1/regios";
    request.headers["Authorization"] = "Bearer " + auditor_;
    request.body = "unexpected";
    EXPECT_EQ(api_->handle(request).status, 413);
}

TEST(WorkSlots, AHeavyRequestWaitsForASlotAndIsRefusedWhenNoneComesFree) {
    WorkSlots slots(1, std::chrono::milliseconds(50));
    ASSERT_TRUE(slots.acquire());
    EXPECT_FALSE(slots.acquire());  // waited 50 ms, none came free
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        slots.release();
    });
    WorkSlots patient(1, std::chrono::seconds(10));
    ASSERT_TRUE(patient.acquire());
    std::thread late([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        patient.release();
    });
    EXPECT_TRUE(patient.acquire());  // freed while waiting
    late.join();
    releaser.join();
    EXPECT_TRUE(slots.acquire());
}

}  // namespace
}  // namespace beraad::server
