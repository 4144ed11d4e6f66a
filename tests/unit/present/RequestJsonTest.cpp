// present/RequestJson.h: what beraad --server sends is what beraad-server
// reads (through text, as over the wire), the path's part of a request comes
// from `addressed` and never from the body, and a body with a member missing,
// mistyped or unknown is refused with every problem named by its pointer.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <sstream>

#include "beraad/present/Json.h"
#include "beraad/present/RequestJson.h"

namespace beraad::present {
namespace {

using Poco::JSON::Object;

std::string text(const Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

Object::Ptr reparsed(const Object& object) {
    Poco::JSON::Parser parser;
    return parser.parse(text(object)).extract<Object::Ptr>();
}

// toJson, stringify, parse, requestFromJson.
template <typename T>
T throughText(const T& request, const T& addressed) {
    auto read = requestFromJson<T>(*reparsed(toJson(request)), addressed);
    EXPECT_TRUE(read.ok()) << read.error().describe();
    return read.ok() ? read.value() : T{};
}

// The places an error names, "/naam" and the like.
std::vector<std::string> places(const Error& error) {
    std::vector<std::string> where;
    for (const auto& detail : error.details)
        where.push_back(detail.where);
    return where;
}

std::string problemAt(const Error& error, const std::string& where) {
    for (const auto& detail : error.details) {
        if (detail.where == where) return detail.message;
    }
    return "no problem at " + where + " in: " + error.describe();
}

// Every member the client writes, made a number, is refused by name; an
// extra member is refused as unknown.
template <typename T>
void expectEveryMemberChecked(const T& request, const T& addressed) {
    const Object written = toJson(request);
    ASSERT_GT(written.size(), 0u);
    for (const auto& [name, value] : written) {
        Object mistyped = written;
        mistyped.set(name, 7);
        auto read = requestFromJson<T>(*reparsed(mistyped), addressed);
        ASSERT_FALSE(read.ok()) << name;
        EXPECT_EQ(read.error().code, ErrorCode::InvalidInput) << name;
        EXPECT_EQ(places(read.error()), std::vector<std::string>{"/" + name});
        EXPECT_NE(problemAt(read.error(), "/" + name).find("must be a"), std::string::npos);
    }
    Object extra = written;
    extra.set("onbekend", true);
    auto read = requestFromJson<T>(*reparsed(extra), addressed);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(places(read.error()), std::vector<std::string>{"/onbekend"});
    EXPECT_EQ(problemAt(read.error(), "/onbekend"), "unknown field");
}

// The wire form of `sent` is `wire` (which pins every member's name), the
// server reads it back as a request that writes the same, and every member
// is checked; what the path says comes from `addressed`.
template <typename T>
T expectRoundTrip(const T& sent, const T& addressed, const std::string& wire) {
    EXPECT_EQ(text(toJson(sent)), wire);
    T read = throughText(sent, addressed);
    EXPECT_EQ(text(toJson(read)), wire);
    expectEveryMemberChecked(sent, addressed);
    return read;
}

// A decision or signature as its path and If-Match address it.
template <typename Request>
Request aboutVersion(std::int64_t version, const std::string& contentHash) {
    Request request;
    request.documentId = "AM05-convenant-1";
    request.version = version;
    request.contentHash = contentHash;
    return request;
}

TEST(RequestJsonTest, TransitionRoundTripsAndTakesItsDocumentFromThePath) {
    auto read = expectRoundTrip(
        TransitionRequest{"AM05-convenant-1", "vaststellen", 3, "besloten in het RB"},
        TransitionRequest{"AM05-convenant-2", "", 4, ""},
        R"({"naam":"vaststellen","reden":"besloten in het RB"})");
    EXPECT_EQ(read.documentId, "AM05-convenant-2");
    EXPECT_EQ(read.baseVersion, 4);
}

TEST(RequestJsonTest, ATransitionMustBeNamed) {
    for (const char* body : {R"({"reden":"x"})", R"({"naam":""})"}) {
        Poco::JSON::Parser parser;
        auto read = requestFromJson<TransitionRequest>(*parser.parse(body).extract<Object::Ptr>(),
                                                       TransitionRequest{});
        ASSERT_FALSE(read.ok()) << body;
        EXPECT_EQ(read.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(read.error().message, "name the transition to fire");
        EXPECT_EQ(problemAt(read.error(), "/naam"), "required field is missing");
    }
    auto unnamedReason = requestFromJson<TransitionRequest>(Object(), TransitionRequest{});
    ASSERT_FALSE(unnamedReason.ok());
    EXPECT_EQ(places(unnamedReason.error()), std::vector<std::string>{"/naam"});
}

TEST(RequestJsonTest, DecisionRoundTripsAndIsBoundToTheAddressedVersion) {
    DecisionRequest sent{
        "AM05-convenant-1",   2,   "hash-2",      "uwv", "niet-akkoord", "M. Jansen", "2026-03-12",
        "RB Twente 12 maart", "4", "liever later"};
    auto addressed = aboutVersion<DecisionRequest>(3, "hash-3");
    auto read = expectRoundTrip(
        sent, addressed,
        R"({"agendapunt":"4","besluit":"niet-akkoord","datum":"2026-03-12",)"
        R"("opmerking":"liever later","partner":"uwv","vergadering":"RB Twente 12 maart",)"
        R"("vertegenwoordiger":"M. Jansen"})");
    EXPECT_EQ(read.version, 3);
    EXPECT_EQ(read.contentHash, "hash-3");

    // What the body leaves out is empty, for the engine to judge.
    Object partial = toJson(sent);
    partial.remove("opmerking");
    partial.remove("partner");
    auto lean = requestFromJson<DecisionRequest>(*reparsed(partial), addressed);
    ASSERT_TRUE(lean.ok()) << lean.error().describe();
    EXPECT_EQ(lean->remark, "");
    EXPECT_EQ(lean->partner, "");
    EXPECT_EQ(lean->verdict, "niet-akkoord");
}

TEST(RequestJsonTest, SignatureRoundTrips) {
    auto read = expectRoundTrip(
        SignatureRequest{"AM05-convenant-1", 2, "hash-2", "fnv", "R. Meijer", "bestuurder",
                         "Enschede", "2026-04-02"},
        aboutVersion<SignatureRequest>(2, "hash-2"),
        R"({"datum":"2026-04-02","functie":"bestuurder","ondertekenaar":"R. Meijer",)"
        R"("partner":"fnv","plaats":"Enschede"})");
    EXPECT_EQ(read.contentHash, "hash-2");
}

TEST(RequestJsonTest, AdmissionRoundTripsWithItsVotes) {
    AdmissionRequest sent{"AM05",       "provincie-overijssel",
                          "RB Twente",  "6",
                          "2026-03-12", {{"uwv", "akkoord"}, {"fnv", "onthouding"}}};
    AdmissionRequest addressed{"AM05", "", "", "", "", {{"oud", "akkoord"}}};
    auto read = expectRoundTrip(
        sent, addressed,
        R"({"agendapunt":"6","datum":"2026-03-12","partner":"provincie-overijssel",)"
        R"("stemmen":{"fnv":"onthouding","uwv":"akkoord"},"vergadering":"RB Twente"})");
    EXPECT_EQ(read.region, "AM05");
    EXPECT_EQ(read.votes, sent.votes);

    Object badVote = toJson(sent);
    Object votes;
    votes.set("uwv", "akkoord");
    votes.set("fnv", 1);
    badVote.set("stemmen", votes);
    auto refused = requestFromJson<AdmissionRequest>(*reparsed(badVote), addressed);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(places(refused.error()), std::vector<std::string>{"/stemmen/fnv"});
}

TEST(RequestJsonTest, CorrectionRoundTrips) {
    auto read = expectRoundTrip(CentrumgemeenteCorrection{"Enschede", "Convenant Twente 2026"},
                                CentrumgemeenteCorrection{},
                                R"({"bron":"Convenant Twente 2026","centrumgemeente":"Enschede"})");
    EXPECT_EQ(read.source, "Convenant Twente 2026");
}

TEST(RequestJsonTest, PartnerRoundTripsInTheAddressedRegion) {
    Partner addressed{"AM05", "", "", "", "", {}};
    auto read = expectRoundTrip(
        Partner{"AM05",
                "provincie-overijssel",
                "Provincie Overijssel",
                "provincie",
                "strategisch-partner",
                {{"E. Smit", "gedeputeerde", "e@overijssel.nl"}, {"J. de Vries", "", ""}}},
        addressed,
        R"({"naam":"Provincie Overijssel","regio":"AM05","rol":"strategisch-partner",)"
        R"("sleutel":"provincie-overijssel","soort":"provincie","vertegenwoordigers":[)"
        R"({"email":"e@overijssel.nl","functie":"gedeputeerde","naam":"E. Smit"},)"
        R"({"email":"","functie":"","naam":"J. de Vries"}]})");
    ASSERT_EQ(read.representatives.size(), 2u);
    EXPECT_EQ(read.representatives[1].name, "J. de Vries");

    Object lean;
    lean.set("naam", "Gemeente Almelo");
    lean.set("soort", "gemeente");
    auto defaulted = requestFromJson<Partner>(*reparsed(lean), addressed);
    ASSERT_TRUE(defaulted.ok()) << defaulted.error().describe();
    EXPECT_EQ(defaulted->region, "AM05");
    EXPECT_EQ(defaulted->role, "kernpartner");
    EXPECT_EQ(defaulted->key, "");
    EXPECT_TRUE(defaulted->representatives.empty());
}

TEST(RequestJsonTest, APartnerBodyIsRefusedWithEveryProblem) {
    Poco::JSON::Parser parser;
    auto body = parser
                    .parse(R"({"naam":3,"onbekend":true,"regio":"AM06","vertegenwoordigers":[
                       {"naam":"E. Smit","telefoon":"06"},{"naam":4},"J. de Vries"]})")
                    .extract<Object::Ptr>();
    auto read = requestFromJson<Partner>(*body, Partner{"AM05", "", "", "", "", {}});
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(read.error().message, "the partner is not valid JSON of the expected form");
    EXPECT_EQ(problemAt(read.error(), "/naam"), "must be a string");
    EXPECT_EQ(problemAt(read.error(), "/soort"), "required field is missing");
    EXPECT_EQ(problemAt(read.error(), "/onbekend"), "unknown field");
    EXPECT_EQ(problemAt(read.error(), "/regio"), "differs from the region in the path");
    EXPECT_EQ(problemAt(read.error(), "/vertegenwoordigers/0/telefoon"), "unknown field");
    EXPECT_EQ(problemAt(read.error(), "/vertegenwoordigers/1/naam"), "must be a string");
    EXPECT_EQ(problemAt(read.error(), "/vertegenwoordigers/2"), "must be an object");
    EXPECT_EQ(read.error().details.size(), 7u) << read.error().describe();
}

}  // namespace
}  // namespace beraad::present
