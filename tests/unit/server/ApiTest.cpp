// The REST API without sockets: routing, authentication, conditional
// requests and problem+json, on a real engine and SQLite store.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <sqlite3.h>

#include <set>

#include "ApiFixture.h"

namespace beraad::server {
namespace {

class ApiTest : public testing_api::ApiFixture {
  protected:
    void SetUp() override {
        start();
        kwartiermaker_ = issue(Role::Kwartiermaker, "AM05");
        auditor_ = issue(Role::Auditor, "*");
        rijnmond_ = issue(Role::Kwartiermaker, "AM22");
    }

    ApiResponse call(const std::string& method, const std::string& path, const std::string& token,
                     Headers headers = {}, std::string body = "") {
        auto request =
            testing_api::makeRequest(method, path, token, std::move(headers), std::move(body));
        return api_->handle(request);
    }

    ApiResponse createConvenant() {
        return call("POST", "/api/v1/documenten?bericht=Eerste%20concept", kwartiermaker_,
                    {{"Content-Type", "application/xml"}, {"If-Match", "*"}},
                    testing::twenteConvenant());
    }

    static Poco::JSON::Object::Ptr body(const ApiResponse& response) {
        Poco::JSON::Parser parser;
        return parser.parse(response.body).extract<Poco::JSON::Object::Ptr>();
    }

    std::string kwartiermaker_, auditor_, rijnmond_;
};

TEST_F(ApiTest, EveryResponseCarriesVersionAndSecurityHeaders) {
    for (const auto& response :
         {call("GET", "/api/v1/health", ""), call("GET", "/api/v1/regios", ""),
          call("GET", "/api/v1/nergens", auditor_)}) {
        EXPECT_EQ(response.headers.at("API-Version"), kApiVersion);
        EXPECT_EQ(response.headers.at("Cache-Control"), "no-store");
        EXPECT_EQ(response.headers.at("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(response.headers.at("X-Frame-Options"), "DENY");
        EXPECT_EQ(response.headers.at("Content-Security-Policy"), "frame-ancestors 'none'");
    }
}

TEST_F(ApiTest, UnknownPathsAndTrailingSlashesAre404AndWrongMethodsAre405) {
    auto missing = call("GET", "/api/v1/regios/", auditor_);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.headers.at("Content-Type"), "application/problem+json");
    EXPECT_EQ(body(missing)->getValue<std::string>("instance"), "/api/v1/regios/");
    auto wrong = call("DELETE", "/api/v1/documenten", auditor_);
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.headers.at("Allow"), "GET, POST");
}

TEST_F(ApiTest, MissingOrBadTokensAre401AndOutOfScopeIs403) {
    EXPECT_EQ(call("GET", "/api/v1/regios", "").status, 401);
    auto bad = call("GET", "/api/v1/regios", "brd_0000");
    EXPECT_EQ(bad.status, 401);
    EXPECT_EQ(bad.headers.at("WWW-Authenticate"), "Bearer realm=\"beraad\"");
    EXPECT_EQ(call("GET", "/api/v1/regios/AM05", rijnmond_).status, 403);
    ASSERT_EQ(createConvenant().status, 201);
    // Another region's document answers as a missing one: 404, no existence oracle.
    EXPECT_EQ(call("GET", "/api/v1/documenten/AM05-convenant-1", rijnmond_).status, 404);
    auto revoked = engine_->listTokens(testing::beheerder());
    ASSERT_TRUE(revoked.ok());
    ASSERT_TRUE(engine_->revokeToken(testing::beheerder(), revoked->front().id).ok());
    EXPECT_EQ(call("GET", "/api/v1/regios", kwartiermaker_).status, 401);
}

// The auth scheme is case-insensitive (RFC 9110): "bearer" and "BEARER"
// were refused with 401 before. Another scheme or no token stays 401.
TEST_F(ApiTest, TheBearerSchemeIsCaseInsensitive) {
    for (const std::string scheme : {"bearer ", "BEARER ", "Bearer   ", "bEaReR "}) {
        auto answer =
            call("GET", "/api/v1/regios", "", {{"Authorization", scheme + kwartiermaker_}});
        EXPECT_EQ(answer.status, 200) << "'" << scheme << "'";
    }
    for (const std::string& header : {"Basic " + kwartiermaker_, std::string("Bearer"),
                                      std::string("Bearer "), "Bearer" + kwartiermaker_}) {
        EXPECT_EQ(call("GET", "/api/v1/regios", "", {{"Authorization", header}}).status, 401)
            << "'" << header << "'";
    }
}

// A storage failure tells the client an id to report and nothing of the
// store (no SQL, no file paths); the detail is for the access log.
TEST_F(ApiTest, AStorageFailureAnswersAGenericProblemWithAKenmerk) {
    engine_ = std::make_unique<Engine>(
        openSqliteStore({dir_.file("s.sqlite"), std::chrono::milliseconds(50)}),
        std::make_shared<testing::SteppingClock>());
    api_ = std::make_unique<Api>(*engine_,
                                 [this](const std::string& t) { return engine_->authenticate(t); });
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("s.sqlite").c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto refused = createConvenant();
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    ASSERT_EQ(refused.status, 503) << refused.body;
    auto problem = body(refused);
    std::string kenmerk = problem->getValue<std::string>("kenmerk");
    EXPECT_EQ(kenmerk.size(), 16u);
    EXPECT_EQ(refused.correlationId, kenmerk);
    EXPECT_EQ(problem->getValue<std::string>("code"), "storage");
    EXPECT_NE(problem->getValue<std::string>("detail").find(kenmerk), std::string::npos);
    for (const char* secret : {"store failure", "locked", "sqlite", "s.sqlite", "BEGIN"})
        EXPECT_EQ(refused.body.find(secret), std::string::npos) << secret << ": " << refused.body;
    EXPECT_NE(refused.logDetail.find("locked"), std::string::npos) << refused.logDetail;
    // Once the store is free the same request succeeds.
    EXPECT_EQ(createConvenant().status, 201);
}

TEST_F(ApiTest, CreatesADocumentFromXmlWithLocationAndEtag) {
    auto created = createConvenant();
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.headers.at("Location"), "/api/v1/documenten/AM05-convenant-1");
    EXPECT_FALSE(created.headers.at("ETag").empty());
    auto read = call("GET", "/api/v1/documenten/AM05-convenant-1", auditor_);
    EXPECT_EQ(read.status, 200);
    EXPECT_EQ(read.headers.at("ETag"), created.headers.at("ETag"));
    auto content = call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1/inhoud", auditor_);
    EXPECT_EQ(content.status, 200);
    EXPECT_EQ(content.headers.at("Content-Type"), "application/xml; charset=utf-8");
    EXPECT_NE(content.body.find("<samenwerkingsconvenant"), std::string::npos);
}

TEST_F(ApiTest, ModelContentIsXmlThatCreatesADocument) {
    auto model =
        call("GET", "/api/v1/regios/AM05/modelinhoud?soort=uitvoeringsagenda&begin=2027-01-01",
             kwartiermaker_);
    ASSERT_EQ(model.status, 200) << model.body;
    EXPECT_EQ(model.headers.at("Content-Type"), "application/xml; charset=utf-8");
    EXPECT_EQ(model.headers.count("Beraad-Beleidsagenda"), 0u);
    EXPECT_NE(model.headers.at("Beraad-Opmerkingen").find("geen%20beleidsagenda"),
              std::string::npos);

    auto convenant =
        call("GET", "/api/v1/regios/AM05/modelinhoud?soort=samenwerkingsconvenant", kwartiermaker_);
    ASSERT_EQ(convenant.status, 200) << convenant.body;
    auto created = call("POST", "/api/v1/documenten?bericht=Model", kwartiermaker_,
                        {{"Content-Type", "application/xml"}, {"If-Match", "*"}}, convenant.body);
    EXPECT_EQ(created.status, 201) << created.body;

    EXPECT_EQ(call("GET", "/api/v1/regios/AM05/modelinhoud", kwartiermaker_).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/regios/AM05/modelinhoud?soort=x", kwartiermaker_).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/regios/AM05/modelinhoud?soort=beleidsagenda", auditor_).status,
              403);
    EXPECT_EQ(call("GET", "/api/v1/regios/AM05/modelinhoud?soort=beleidsagenda", rijnmond_).status,
              403);
    auto incomplete =
        call("GET", "/api/v1/regios/AM22/modelinhoud?soort=samenwerkingsconvenant", rijnmond_);
    EXPECT_EQ(incomplete.status, 409);
    EXPECT_EQ(body(incomplete)->getArray("invalidParams")->size(), 6u) << incomplete.body;
}

TEST_F(ApiTest, WritesWithoutIfMatchAre428AndStaleOnesAre412AndChangeNothing) {
    auto created = createConvenant();
    std::string etag = created.headers.at("ETag");
    std::string edited = testing::replaceOnce(testing::twenteConvenant(), "vier keer", "zes keer");
    Headers xml{{"Content-Type", "application/xml"}};
    auto missing = call("POST", "/api/v1/documenten/AM05-convenant-1/versies?bericht=x",
                        kwartiermaker_, xml, edited);
    EXPECT_EQ(missing.status, 428);

    Headers conditional = xml;
    conditional["If-Match"] = etag;
    auto saved = call("POST", "/api/v1/documenten/AM05-convenant-1/versies?bericht=zes",
                      kwartiermaker_, conditional, edited);
    ASSERT_EQ(saved.status, 201) << saved.body;
    EXPECT_EQ(saved.headers.at("Location"), "/api/v1/documenten/AM05-convenant-1/versies/2");

    auto stale = call("POST", "/api/v1/documenten/AM05-convenant-1/versies?bericht=laat",
                      kwartiermaker_, conditional,
                      testing::replaceOnce(testing::twenteConvenant(), "vier keer", "acht keer"));
    EXPECT_EQ(stale.status, 412);
    EXPECT_NE(stale.headers.at("ETag"), etag);
    EXPECT_EQ(engine_->listVersions(testing::auditor(), "AM05-convenant-1")->size(), 2u);
}

TEST_F(ApiTest, InvalidContentIs422WithEverySchemaError) {
    std::string broken =
        testing::replaceOnce(testing::twenteConvenant(), "<regel>unanimiteit-kernpartners</regel>",
                             "<regel>loting</regel>");
    broken = testing::replaceOnce(broken, "percentage=\"20\"", "percentage=\"120\"");
    auto refused = call("POST", "/api/v1/documenten?bericht=x", kwartiermaker_,
                        {{"Content-Type", "application/xml"}, {"If-Match", "*"}}, broken);
    ASSERT_EQ(refused.status, 422);
    auto problem = body(refused);
    EXPECT_EQ(problem->getValue<int>("status"), 422);
    EXPECT_EQ(problem->getArray("invalidParams")->size(), 2u);
    EXPECT_TRUE(engine_->listDocuments(testing::auditor(), {})->empty());
    auto wrongType = call("POST", "/api/v1/documenten?bericht=x", kwartiermaker_,
                          {{"Content-Type", "application/json"}, {"If-Match", "*"}}, "{}");
    EXPECT_EQ(wrongType.status, 415);
}

TEST_F(ApiTest, CollectionsArePaginatedAndFiltered) {
    // One convenant per region: each draft is dropped before the next.
    for (int i = 1; i <= 3; ++i) {
        ASSERT_EQ(createConvenant().status, 201);
        ASSERT_TRUE(
            engine_
                ->transition(testing::kwartiermaker(), {"AM05-convenant-" + std::to_string(i),
                                                        "laten-vervallen", std::nullopt, "opnieuw"})
                .ok());
    }
    auto page = call("GET", "/api/v1/documenten?paginaGrootte=2&regio=AM05", auditor_);
    ASSERT_EQ(page.status, 200);
    auto json = body(page);
    EXPECT_EQ(json->getArray("documenten")->size(), 2u);
    EXPECT_TRUE(json->getObject("_links")->has("next"));
    auto last = body(call("GET", "/api/v1/documenten?paginaGrootte=2&pagina=2", auditor_));
    EXPECT_EQ(last->getArray("documenten")->size(), 1u);
    EXPECT_FALSE(last->getObject("_links")->has("next"));
    EXPECT_EQ(call("GET", "/api/v1/documenten?paginaGrootte=0", auditor_).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/documenten?soort=brief", auditor_).status, 400);
    auto none = body(call("GET", "/api/v1/documenten?soort=beleidsagenda", auditor_));
    EXPECT_EQ(none->getArray("documenten")->size(), 0u);
}

TEST_F(ApiTest, PartnersAreCreatedWithIfNoneMatchAndReplacedWithIfMatch) {
    std::string secretariaat = issue(Role::Secretariaat, "AM05");
    std::string partner = R"({"naam":"Gemeente Almelo","soort":"gemeente","rol":"kernpartner",
                              "vertegenwoordigers":[{"naam":"E. Smit","functie":"wethouder","email":"e@almelo.nl"}]})";
    Headers json{{"Content-Type", "application/json"}};
    EXPECT_EQ(
        call("PUT", "/api/v1/regios/AM05/partners/gemeente-almelo", secretariaat, json, partner)
            .status,
        428);
    Headers create = json;
    create["If-None-Match"] = "*";
    auto created =
        call("PUT", "/api/v1/regios/AM05/partners/gemeente-almelo", secretariaat, create, partner);
    ASSERT_EQ(created.status, 201) << created.body;
    Headers replace = json;
    replace["If-Match"] = created.headers.at("ETag");
    auto replaced = call("PUT", "/api/v1/regios/AM05/partners/gemeente-almelo", secretariaat,
                         replace, R"({"naam":"Gemeente Almelo","soort":"gemeente"})");
    EXPECT_EQ(replaced.status, 200) << replaced.body;
    EXPECT_EQ(
        call("PUT", "/api/v1/regios/AM05/partners/gemeente-almelo", secretariaat, replace, partner)
            .status,
        412);
    auto invalid = call("PUT", "/api/v1/regios/AM05/partners/nieuw", secretariaat, create,
                        R"({"naam":3,"onbekend":true})");
    EXPECT_EQ(invalid.status, 400);
    EXPECT_GE(body(invalid)->getArray("invalidParams")->size(), 3u);
}

TEST_F(ApiTest, EveryRouteIsInTheOpenApiDocumentAndEveryPathIsRouted) {
    auto response = call("GET", "/api/v1/openapi.json", "");
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.headers.at("Access-Control-Allow-Origin"), "*");
    auto document = body(response);
    auto paths = document->getObject("paths");
    std::set<std::string> documented;
    for (const auto& [path, methods] : *paths) {
        for (const auto& [method, operation] : *methods.extract<Poco::JSON::Object::Ptr>()) {
            std::string upper;
            for (char c : method)
                upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            documented.insert(upper + " /api/v1" + path);
        }
    }
    std::set<std::string> routed;
    for (const auto& route : api_->router().routes())
        routed.insert(route.method + " " + route.pattern);
    EXPECT_EQ(documented, routed);
}

}  // namespace
}  // namespace beraad::server
