// The workflow over the REST API: transitions as a sub-resource, decisions by
// partner tokens bound to the version's ETag (concurrently, none lost), and
// guard refusals as 409 with the engine's explanation.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <set>
#include <thread>

#include "ApiFixture.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::server {
namespace {

const std::vector<std::string> kTwentePartners{
    "gemeente-enschede", "gemeente-hengelo", "uwv", "sbb", "vno-ncw-midden", "fnv",
    "roc-van-twente"};

class WorkflowApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        // Fixed on 2026-01-05: the decisions below are dated that day.
        engine_ = std::make_unique<Engine>(openSqliteStore({dir_.file("s.sqlite")}),
                                           std::make_shared<testing::SteppingClock>());
        ASSERT_TRUE(engine_->initialize().ok());
        testing::registerTwentePartners(*engine_);
        api_ = std::make_unique<Api>(
            *engine_, [this](const std::string& t) { return engine_->authenticate(t); });
        secretariaat_ = issue(Role::Secretariaat, "AM05", std::nullopt);
        for (const auto& partner : kTwentePartners)
            partnerTokens_[partner] = issue(Role::Partner, "AM05", partner);
    }

    std::string issue(Role role, const std::string& scope, std::optional<std::string> partner) {
        auto token = engine_->createToken(testing::beheerder(), {"Tester", role, scope, partner});
        EXPECT_TRUE(token.ok()) << token.error().describe();
        return token->secret;
    }

    ApiResponse call(const std::string& method, const std::string& path, const std::string& token,
                     Headers headers = {}, std::string body = "") {
        auto request =
            testing_api::makeRequest(method, path, token, std::move(headers), std::move(body));
        return api_->handle(request);
    }

    std::string documentEtag() {
        return call("GET", "/api/v1/documenten/AM05-convenant-1", secretariaat_).headers.at("ETag");
    }

    ApiResponse fire(const std::string& name) {
        return call("POST", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_,
                    {{"Content-Type", "application/json"}, {"If-Match", documentEtag()}},
                    "{\"naam\":\"" + name + "\"}");
    }

    // AM05-convenant-1, created and brought to ter-besluitvorming.
    bool inBesluitvorming() {
        auto created = call("POST", "/api/v1/documenten?bericht=concept", secretariaat_,
                            {{"Content-Type", "application/xml"}, {"If-Match", "*"}},
                            testing::twenteConvenant());
        return created.status == 201 && fire("ter-consultatie").status == 201 &&
               fire("ter-besluitvorming").status == 201;
    }

    static Poco::JSON::Object::Ptr json(const ApiResponse& response) {
        Poco::JSON::Parser parser;
        return parser.parse(response.body).extract<Poco::JSON::Object::Ptr>();
    }

    testing::TempDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<Api> api_;
    std::string secretariaat_;
    std::map<std::string, std::string> partnerTokens_;
};

TEST_F(WorkflowApiTest, PartnersDecideConcurrentlyAndTheConvenantIsVastgesteld) {
    auto created =
        call("POST", "/api/v1/documenten?bericht=concept", secretariaat_,
             {{"Content-Type", "application/xml"}, {"If-Match", "*"}}, testing::twenteConvenant());
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(fire("ter-consultatie").status, 201);
    ASSERT_EQ(fire("ter-besluitvorming").status, 201);

    auto refused = fire("vaststellen");
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_NE(refused.body.find("uwv"), std::string::npos)
        << "the refusal names who still has to decide";

    auto version = call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1", secretariaat_);
    std::string versionEtag = version.headers.at("ETag");
    std::vector<std::thread> partners;
    std::map<std::string, int> statuses;
    std::mutex mutex;
    for (const auto& [partner, token] : partnerTokens_) {
        partners.emplace_back([&, partner = partner, token = token] {
            auto response =
                call("POST", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen", token,
                     {{"Content-Type", "application/json"}, {"If-Match", versionEtag}},
                     R"({"besluit":"akkoord","vertegenwoordiger":"Bestuurder","datum":"2026-01-05",
                                     "vergadering":"Regionaal Beraad 5 januari 2026","agendapunt":"3"})");
            std::lock_guard lock(mutex);
            statuses[partner] = response.status;
        });
    }
    for (auto& thread : partners)
        thread.join();
    for (const auto& [partner, status] : statuses)
        EXPECT_EQ(status, 201) << partner;

    auto listed = json(
        call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen", secretariaat_));
    EXPECT_EQ(listed->getArray("goedkeuringen")->size(), kTwentePartners.size());
    auto status =
        json(call("GET", "/api/v1/documenten/AM05-convenant-1/besluitvorming", secretariaat_));
    EXPECT_TRUE(status->getObject("uitkomst")->getValue<bool>("voldaan"));

    auto adopted = fire("vaststellen");
    ASSERT_EQ(adopted.status, 201) << adopted.body;
    EXPECT_EQ(json(adopted)->getValue<std::string>("naar"), "vastgesteld");
    auto transitions =
        json(call("GET", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_));
    EXPECT_EQ(transitions->getArray("transities")->size(), 3u);
    auto verification =
        json(call("GET", "/api/v1/documenten/AM05-convenant-1/verificatie", secretariaat_));
    EXPECT_TRUE(verification->getValue<bool>("intact"));
}

// A new version that would make recorded decisions stale says how many, or
// is refused naming the number (it went through silently before).
TEST_F(WorkflowApiTest, AnEditThatVoidsDecisionsMustConfirmHowMany) {
    ASSERT_TRUE(inBesluitvorming());
    auto version = call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1", secretariaat_);
    ASSERT_EQ(call("POST", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen",
                   partnerTokens_.at("uwv"),
                   {{"Content-Type", "application/json"}, {"If-Match", version.headers.at("ETag")}},
                   R"({"besluit":"akkoord","vertegenwoordiger":"B","datum":"2026-01-05",
                       "vergadering":"RB 5 januari 2026","agendapunt":"3"})")
                  .status,
              201);
    std::string edited =
        testing::replaceOnce(testing::twenteConvenant(), "vier keer per jaar", "zes keer per jaar");
    auto save = [&](const std::string& query) {
        return call("POST", "/api/v1/documenten/AM05-convenant-1/versies?bericht=x" + query,
                    secretariaat_,
                    {{"Content-Type", "application/xml"}, {"If-Match", documentEtag()}}, edited);
    };
    auto refused = save("");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_NE(refused.body.find("bevestigVervallen=1"), std::string::npos) << refused.body;
    EXPECT_EQ(save("&bevestigVervallen=3").status, 409);
    auto saved = save("&bevestigVervallen=1");
    EXPECT_EQ(saved.status, 201) << saved.body;
}

// Issue 21: a decision dated ahead is refused naming datum; the secretariaat
// rectifies a decision, and both records are listed with their status.
TEST_F(WorkflowApiTest, ADecisionIsRectifiedAndBothAreListedWithTheirStatus) {
    ASSERT_TRUE(inBesluitvorming());
    auto etag = call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1", secretariaat_)
                    .headers.at("ETag");
    auto decide = [&](const std::string& date) {
        return call("POST", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen",
                    secretariaat_, {{"Content-Type", "application/json"}, {"If-Match", etag}},
                    R"({"partner":"fnv","besluit":"akkoord","vertegenwoordiger":"X","datum":")" +
                        date + R"(","vergadering":"RB","agendapunt":"1"})");
    };
    auto ahead = decide("2027-01-05");
    EXPECT_EQ(ahead.status, 400) << ahead.body;
    EXPECT_NE(ahead.body.find("datum 2027-01-05 ligt in de toekomst"), std::string::npos)
        << ahead.body;
    auto recorded = decide("2026-01-05");
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    auto original = json(recorded)->getValue<std::int64_t>("id");
    std::string path = "/api/v1/documenten/AM05-convenant-1/goedkeuringen/" +
                       std::to_string(original) + "/rectificaties";
    auto documentEtag =
        call("GET", "/api/v1/documenten/AM05-convenant-1", secretariaat_).headers.at("ETag");
    auto byPartner = call("POST", path, partnerTokens_["fnv"],
                          {{"Content-Type", "application/json"}, {"If-Match", documentEtag}},
                          R"({"reden":"verkeerd","besluit":"onthouding"})");
    EXPECT_EQ(byPartner.status, 403) << byPartner.body;
    auto rectified = call("POST", path, secretariaat_,
                          {{"Content-Type", "application/json"}, {"If-Match", documentEtag}},
                          R"({"reden":"verkeerd genoteerd","besluit":"onthouding"})");
    ASSERT_EQ(rectified.status, 201) << rectified.body;
    EXPECT_EQ(json(rectified)->getValue<std::int64_t>("rectificeert"), original);
    EXPECT_EQ(json(rectified)->getValue<std::string>("besluit"), "onthouding");
    auto again = call("POST", path, secretariaat_,
                      {{"Content-Type", "application/json"}, {"If-Match", documentEtag}},
                      R"({"reden":"nog eens"})");
    EXPECT_EQ(again.status, 409) << again.body;

    auto listed = json(
        call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen", secretariaat_));
    auto items = listed->getArray("goedkeuringen");
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("status"), "gerectificeerd");
    EXPECT_EQ(items->getObject(1)->getValue<std::string>("status"), "geldend");
    EXPECT_EQ(items->getObject(1)->getValue<std::string>("reden"), "verkeerd genoteerd");
}

TEST_F(WorkflowApiTest, APartnerDecidesOnlyForItselfAndOnlyWithTheVersionEtag) {
    ASSERT_TRUE(inBesluitvorming());
    std::string decision =
        R"({"partner":"fnv","besluit":"akkoord","vertegenwoordiger":"X","datum":"2026-01-05",
                               "vergadering":"RB","agendapunt":"1"})";
    auto etag = call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1", secretariaat_)
                    .headers.at("ETag");
    auto other = call("POST", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen",
                      partnerTokens_["uwv"],
                      {{"Content-Type", "application/json"}, {"If-Match", etag}}, decision);
    EXPECT_EQ(other.status, 403) << other.body;
    auto missing = call("POST", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen",
                        partnerTokens_["fnv"], {{"Content-Type", "application/json"}}, decision);
    EXPECT_EQ(missing.status, 428);
    auto stale = call("POST", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen",
                      partnerTokens_["fnv"],
                      {{"Content-Type", "application/json"}, {"If-Match", "\"oud\""}}, decision);
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(json(call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen",
                        secretariaat_))
                  ->getArray("goedkeuringen")
                  ->size(),
              0u);
}

// The body is read by present/RequestJson.h: every member that is unknown or
// of the wrong type is named, and nothing is recorded.
TEST_F(WorkflowApiTest, ABodyWithUnknownOrMistypedMembersIsRefusedNamingEach) {
    auto created =
        call("POST", "/api/v1/documenten?bericht=concept", secretariaat_,
             {{"Content-Type", "application/xml"}, {"If-Match", "*"}}, testing::twenteConvenant());
    ASSERT_EQ(created.status, 201) << created.body;
    auto refused = call("POST", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_,
                        {{"Content-Type", "application/json"}, {"If-Match", documentEtag()}},
                        R"({"naam":"ter-consultatie","reden":3,"naamm":"x"})");
    ASSERT_EQ(refused.status, 400) << refused.body;
    std::set<std::string> pointers;
    auto params = json(refused)->getArray("invalidParams");
    for (unsigned i = 0; i < params->size(); ++i)
        pointers.insert(params->getObject(i)->getValue<std::string>("pointer"));
    EXPECT_EQ(pointers, (std::set<std::string>{"/reden", "/naamm"}));
    auto unnamed = call("POST", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_,
                        {{"Content-Type", "application/json"}, {"If-Match", documentEtag()}},
                        R"({"reden":"x"})");
    ASSERT_EQ(unnamed.status, 400) << unnamed.body;
    EXPECT_EQ(json(unnamed)->getValue<std::string>("detail"),
              "noem de transitie die moet worden uitgevoerd");
    EXPECT_EQ(json(call("GET", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_))
                  ->getArray("transities")
                  ->size(),
              0u);
}

TEST_F(WorkflowApiTest, TheOverviewCoversEveryRegion) {
    std::string auditor = issue(Role::Auditor, "*", std::nullopt);
    auto overview = call("GET", "/api/v1/overzicht?binnenDagen=60", auditor);
    ASSERT_EQ(overview.status, 200) << overview.body;
    EXPECT_NE(overview.body.find("AM38"), std::string::npos);
    EXPECT_EQ(call("GET", "/api/v1/overzicht?binnenDagen=-1", auditor).status, 400);
}

}  // namespace
}  // namespace beraad::server
