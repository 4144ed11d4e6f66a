// The REST API speaks Dutch (NL GOV API Design Rules): the human text of every
// problem (its detail and each invalidParams detail) and of every answer
// (guard messages, verdicts, warnings) is Dutch, whether the server wrote it
// or the engine did. The requests below are the mistakes users and clients
// make, on the way through a convenant's life; each answer is searched for
// English function words.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

#include "ApiFixture.h"
#include "beraad/present/Dutch.h"

namespace beraad::server {
namespace {

const std::vector<std::string> kHumanText{"detail",   "melding",   "toelichting", "waarschuwingen",
                                          "gevolgen", "geweigerd", "blokkades",   "omschrijving"};

class DutchProblemsTest : public testing_api::ApiFixture {
  protected:
    void SetUp() override {
        start();
        kwartiermaker_ = issue(Role::Kwartiermaker, "AM05");
        secretariaat_ = issue(Role::Secretariaat, "AM05");
        auditor_ = issue(Role::Auditor, "*");
        rijnmond_ = issue(Role::Kwartiermaker, "AM22");
        uwv_ = issue(Role::Partner, "AM05", "uwv");
    }

    // Calls the API and records every English text in the answer.
    ApiResponse call(const std::string& method, const std::string& path, const std::string& token,
                     Headers headers = {}, std::string body = "") {
        auto request =
            testing_api::makeRequest(method, path, token, std::move(headers), std::move(body));
        auto response = api_->handle(request);
        ++answers_;
        auto type = response.headers.count("Content-Type") ? response.headers.at("Content-Type")
                                                           : std::string();
        if (type.find("json") == std::string::npos || response.body.empty()) return response;
        if (response.status >= 400) ++problems_;
        Poco::JSON::Parser parser;
        auto value = parser.parse(response.body);
        inspect(value, method + " " + path + " (" + std::to_string(response.status) + ")", false);
        return response;
    }

    void inspect(const Poco::Dynamic::Var& value, const std::string& where, bool human) {
        if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
            auto object = value.extract<Poco::JSON::Object::Ptr>();
            for (const auto& [member, item] : *object) {
                bool text =
                    std::find(kHumanText.begin(), kHumanText.end(), member) != kHumanText.end();
                inspect(item, where, text);
            }
        } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
            for (const auto& item : *value.extract<Poco::JSON::Array::Ptr>())
                inspect(item, where, human);
        } else if (human && value.isString()) {
            auto text = value.extract<std::string>();
            ++texts_;
            if (!testing::englishWords(text).empty()) english_.push_back(where + ": " + text);
        }
    }

    std::string documentEtag(const std::string& id) {
        auto request = testing_api::makeRequest("GET", "/api/v1/documenten/" + id, auditor_);
        return api_->handle(request).headers.at("ETag");
    }

    ApiResponse fire(const std::string& name, const std::string& extra = "") {
        return call(
            "POST", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_,
            {{"Content-Type", "application/json"}, {"If-Match", documentEtag("AM05-convenant-1")}},
            "{\"naam\":\"" + name + "\"" + extra + "}");
    }

    std::string kwartiermaker_, secretariaat_, auditor_, rijnmond_, uwv_;
    int answers_ = 0, problems_ = 0, texts_ = 0;
    std::vector<std::string> english_;
};

TEST_F(DutchProblemsTest, EveryProblemAndEveryMessageOfAConvenantsLifeIsDutch) {
    const Headers xml{{"Content-Type", "application/xml"}, {"If-Match", "*"}};
    const Headers json{{"Content-Type", "application/json"}};

    // Routing, authentication, scope.
    call("GET", "/api/v1/bestaat-niet", auditor_);
    call("DELETE", "/api/v1/documenten", auditor_);
    call("GET", "/api/v1/regios", "");
    call("GET", "/api/v1/regios", "brd_0000");
    call("GET", "/api/v1/regios/AM05", rijnmond_);
    call("GET", "/api/v1/documenten?pagina=nul", auditor_);
    call("GET", "/api/v1/documenten?soort=brief", auditor_);

    // Drafting: bad content, the model, a first version.
    call("POST", "/api/v1/documenten?bericht=x", kwartiermaker_, xml, "<samenwerkingsconvenant");
    call("POST", "/api/v1/documenten?bericht=x", kwartiermaker_, xml, "<iets-anders/>");
    call("POST", "/api/v1/documenten?bericht=x", kwartiermaker_, xml,
         testing::replaceOnce(testing::twenteConvenant(), "percentage=\"20\"",
                              "percentage=\"120\""));
    call("POST", "/api/v1/documenten?bericht=x", kwartiermaker_,
         {{"Content-Type", "text/plain"}, {"If-Match", "*"}}, "tekst");
    call("POST", "/api/v1/documenten", kwartiermaker_, xml, testing::twenteConvenant());
    call("GET", "/api/v1/regios/AM05/modelinhoud", kwartiermaker_);
    call("GET", "/api/v1/regios/AM05/modelinhoud?soort=brief", kwartiermaker_);
    call("GET", "/api/v1/regios/AM22/modelinhoud?soort=samenwerkingsconvenant", rijnmond_);
    call("GET", "/api/v1/regios/AM05/modelinhoud?soort=uitvoeringsagenda&begin=morgen",
         kwartiermaker_);
    auto created = call("POST", "/api/v1/documenten?bericht=Eerste%20concept", kwartiermaker_, xml,
                        testing::twenteConvenant());
    ASSERT_EQ(created.status, 201) << created.body;
    call("POST", "/api/v1/documenten?bericht=Nog%20een", kwartiermaker_, xml,
         testing::twenteConvenant());
    call("POST", "/api/v1/documenten/AM05-convenant-1/versies?bericht=x", kwartiermaker_,
         {{"Content-Type", "application/xml"}}, testing::twenteConvenant());
    call("POST", "/api/v1/documenten/AM05-convenant-1/versies?bericht=x", kwartiermaker_,
         {{"Content-Type", "application/xml"}, {"If-Match", "\"verouderd\""}},
         testing::twenteConvenant());
    call("GET", "/api/v1/documenten/AM05-convenant-1/versies/nul", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/versies/9", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1/verschillen?met=8", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-9", auditor_);

    // Workflow: what is possible and why not, bad bodies, refusals.
    call("GET", "/api/v1/documenten/AM05-convenant-1/workflow", auditor_);
    fire("vaststellen");
    fire("bestaat-niet");
    fire("ter-consultatie", ",\"onbekend\":1");
    call("POST", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_,
         {{"Content-Type", "application/json"}, {"If-Match", documentEtag("AM05-convenant-1")}},
         "[1, 2]");
    call("POST", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_,
         {{"Content-Type", "application/json"}, {"If-Match", documentEtag("AM05-convenant-1")}},
         "{\"naam\":");
    call("POST", "/api/v1/documenten/AM05-convenant-1/transities", secretariaat_,
         {{"Content-Type", "application/json"},
          {"If-Match", documentEtag("AM05-convenant-1")},
          {"Idempotency-Key", std::string(300, 'k')}},
         "{\"naam\":\"ter-consultatie\"}");
    ASSERT_EQ(fire("ter-consultatie").status, 201);
    ASSERT_EQ(fire("ter-besluitvorming").status, 201);
    call("GET", "/api/v1/documenten/AM05-convenant-1/workflow", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/besluitvorming", auditor_);
    fire("vaststellen");

    // Decisions and signatures with the mistakes a secretariaat makes.
    auto read =
        testing_api::makeRequest("GET", "/api/v1/documenten/AM05-convenant-1/versies/1", auditor_);
    auto version = api_->handle(read);
    Headers onVersion{{"Content-Type", "application/json"},
                      {"If-Match", version.headers.at("ETag")}};
    std::string decisions = "/api/v1/documenten/AM05-convenant-1/versies/1/goedkeuringen";
    call("POST", decisions, secretariaat_, onVersion,
         "{\"partner\":\"uwv\",\"besluit\":\"misschien\"}");
    call("POST", decisions, secretariaat_, onVersion,
         "{\"partner\":\"uwv\",\"besluit\":\"akkoord\",\"datum\":\"2099-01-01\"}");
    call("POST", decisions, secretariaat_, onVersion,
         "{\"partner\":\"uwv\",\"besluit\":\"akkoord\",\"datum\":\"2001-01-01\"}");
    call("POST", decisions, secretariaat_, onVersion,
         "{\"partner\":\"onbekend\",\"besluit\":\"akkoord\"}");
    call("POST", decisions, secretariaat_, onVersion,
         "{\"partner\":\"uwv\",\"besluit\":\"akkoord\",\"datum\":\"1-1-2026\"}");
    call("POST", decisions, uwv_, onVersion, "{\"partner\":\"sbb\",\"besluit\":\"akkoord\"}");
    call("POST", decisions, secretariaat_, json, "{\"partner\":\"uwv\",\"besluit\":\"akkoord\"}");
    call("POST", decisions, uwv_, onVersion, "{\"besluit\":\"onthouding\"}");
    call("GET", "/api/v1/documenten/AM05-convenant-1/besluitvorming", auditor_);
    call("POST", "/api/v1/documenten/AM05-convenant-1/versies/1/ondertekeningen", secretariaat_,
         onVersion, "{\"partner\":\"uwv\",\"datum\":\"2026-01-05\"}");
    call("POST", "/api/v1/documenten/AM05-convenant-1/goedkeuringen/999/rectificaties",
         secretariaat_, json, "{\"reden\":\"\"}");
    call("POST", "/api/v1/documenten/AM05-convenant-1/wijzigingen", kwartiermaker_, json,
         "{\"bericht\":\"x\"}");
    call("PUT", "/api/v1/regios/AM05/partners/uwv", kwartiermaker_, json, "{}");
    call("PATCH", "/api/v1/regios/AM05/partners/uwv", kwartiermaker_, json, "{}");
    call("POST", "/api/v1/regios/AM05/partners/uwv/uittredingen", kwartiermaker_, json, "{}");
    call("POST", "/api/v1/regios/AM05/toelatingen", secretariaat_, json, "{}");

    // Audit and trust.
    call("GET", "/api/v1/documenten/AM05-convenant-1/export?formaat=pdf", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/export?metInhoud=misschien", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/gebeurtenissen/0/bewijs", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/gebeurtenissen/99/bewijs", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/consistentie", auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/consistentie?van=5&tot=2", auditor_);
    call("POST", "/api/v1/documenten/AM05-convenant-1/checkpoint/medeondertekeningen", auditor_,
         json, "{}");
    call("POST", "/api/v1/bundel-verificaties", auditor_, {{"Content-Type", "application/zip"}},
         "geen zip");
    call("GET", "/api/v1/documenten/AM05-convenant-1/versies/1/redline?met=1&formaat=pdf",
         auditor_);
    call("GET", "/api/v1/documenten/AM05-convenant-1/verificatie", auditor_);
    call("GET", "/api/v1/geplande-overgangen", auditor_);
    call("GET", "/api/v1/overzicht", auditor_);
    call("GET", "/api/v1/overzicht?peildatum=gisteren", auditor_);

    std::string report;
    for (const auto& text : english_)
        report += "\n  " + text;
    EXPECT_TRUE(english_.empty()) << english_.size() << " of " << texts_
                                  << " texts are not Dutch:" << report;
    // The walk met the problems it was written for: most calls are refused.
    EXPECT_GT(problems_, 50);
    EXPECT_GT(texts_, 80);
}

}  // namespace
}  // namespace beraad::server

namespace beraad::server {
namespace {

TEST(AnswerLanguage, AcceptLanguageChoosesBetweenDutchAndEnglish) {
    EXPECT_EQ(languageFor(std::nullopt), Language::Dutch);
    EXPECT_EQ(languageFor("en"), Language::English);
    EXPECT_EQ(languageFor("EN-gb"), Language::English);
    EXPECT_EQ(languageFor("en-US,en;q=0.9,nl;q=0.8"), Language::English);
    EXPECT_EQ(languageFor("nl, en;q=0.5"), Language::Dutch);
    EXPECT_EQ(languageFor("en;q=0.4, nl-BE;q=0.6"), Language::Dutch);
    EXPECT_EQ(languageFor("fr"), Language::Dutch);  // neither: the API's language
    EXPECT_EQ(languageFor("*"), Language::Dutch);   // a tie
    EXPECT_EQ(languageFor("en;q=0"), Language::Dutch);
    EXPECT_EQ(languageFor("english"), Language::Dutch);  // not the tag en
    EXPECT_EQ(languageFor("en;q=x"), Language::Dutch);
}

class LanguageApiTest : public testing_api::ApiFixture {};

// beraad --server sends Accept-Language: en and shows what a local store
// shows; without it the same mistakes are answered in Dutch.
TEST_F(LanguageApiTest, AClientThatAsksForEnglishGetsTheMessagesAsWritten) {
    start();
    auto kwartiermaker = issue(Role::Kwartiermaker, "AM05");
    auto ask = [&](const std::optional<std::string>& language) {
        Headers headers{{"Content-Type", "application/xml"}, {"If-Match", "*"}};
        if (language) headers["Accept-Language"] = *language;
        auto request = testing_api::makeRequest("POST", "/api/v1/documenten?bericht=x",
                                                kwartiermaker, headers, "<iets/>");
        return api_->handle(request);
    };
    auto dutch = ask(std::nullopt);
    auto english = ask("en");
    ASSERT_EQ(dutch.status, english.status);
    EXPECT_EQ(dutch.headers.at("Content-Language"), "nl");
    EXPECT_EQ(english.headers.at("Content-Language"), "en");
    EXPECT_EQ(english.headers.at("Vary"), "Accept-Language");
    Poco::JSON::Parser parser;
    auto dutchDetail = parser.parse(dutch.body)
                           .extract<Poco::JSON::Object::Ptr>()
                           ->getValue<std::string>("detail");
    auto englishDetail = parser.parse(english.body)
                             .extract<Poco::JSON::Object::Ptr>()
                             ->getValue<std::string>("detail");
    EXPECT_TRUE(testing::englishWords(dutchDetail).empty()) << dutchDetail;
    EXPECT_FALSE(testing::englishWords(englishDetail).empty()) << englishDetail;
    EXPECT_EQ(dutchDetail, present::inDutch(englishDetail));

    auto route = testing_api::makeRequest("GET", "/api/v1/bestaat-niet", kwartiermaker,
                                          {{"Accept-Language", "en-GB, nl;q=0.5"}});
    auto missing = api_->handle(route);
    EXPECT_NE(missing.body.find("no resource at /api/v1/bestaat-niet"), std::string::npos)
        << missing.body;
}

}  // namespace
}  // namespace beraad::server
