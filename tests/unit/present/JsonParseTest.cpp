// present/JsonParse.h reads back what present/Json.h writes: for records a
// real engine produced, toJson(fromJson(toJson(x))) == toJson(x), and a
// malformed record is an error that names the field.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <sstream>

#include "TestSupport.h"
#include "beraad/diff/Diff.h"
#include "beraad/present/Json.h"
#include "beraad/present/JsonParse.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::present {
namespace {

using testing::TempDir;

std::string text(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

// Through text, as over the wire: toJson, stringify, parse, fromJson, toJson.
template <typename T, typename... Extra>
void expectRoundTrip(const T& record, Extra... extra) {
    std::string written = text(toJson(record, extra...));
    Poco::JSON::Parser parser;
    auto object = parser.parse(written).extract<Poco::JSON::Object::Ptr>();
    auto read = fromJson<T>(*object);
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(text(toJson(read.value(), extra...)), written);
}

class JsonParseTest : public ::testing::Test {
  protected:
    void SetUp() override {
        engine_ = std::make_unique<Engine>(openSqliteStore({dir_.file("s.sqlite")}),
                                           std::make_shared<testing::SteppingClock>());
        ASSERT_TRUE(engine_->initialize().ok());
        testing::registerTwentePartners(*engine_);
        auto created = engine_->createDocument(
            km_, {DocumentKind::Samenwerkingsconvenant, "AM05", testing::twenteConvenant(),
                  "Eerste concept", std::nullopt});
        ASSERT_TRUE(created.ok()) << created.error().describe();
        id_ = created->id;
    }

    TempDir dir_;
    std::unique_ptr<Engine> engine_;
    Actor km_ = testing::kwartiermaker();
    Actor sec_ = testing::secretariaat();
    std::string id_;
};

TEST_F(JsonParseTest, ReferenceRecordsRoundTrip) {
    auto regions = engine_->listRegions(km_).value();
    for (const auto& region : regions)
        expectRoundTrip(region);
    Region remarked = engine_->region(testing::auditor(), "AM30").value();
    remarked.remark = "ook Maastricht en Sittard-Geleen genoemd";
    expectRoundTrip(remarked);
    auto years = engine_->budget(km_).value();
    for (const auto& year : years)
        expectRoundTrip(year);
    auto partners = engine_->listPartners(km_, "AM05").value();
    for (const auto& partner : partners)
        expectRoundTrip(partner);
    expectRoundTrip(engine_->checkKernpartners(km_, "AM05").value());
}

TEST_F(JsonParseTest, DocumentsVersionsEventsRoundTrip) {
    expectRoundTrip(engine_->document(km_, id_).value());
    auto version = engine_->version(km_, id_, std::nullopt).value();
    expectRoundTrip(version, true);
    expectRoundTrip(version, false);
    auto events = engine_->history(km_, id_).value();
    for (const auto& event : events)
        expectRoundTrip(event);
    auto regionEvents = engine_->regionHistory(km_, "AM05").value();
    for (const auto& event : regionEvents)
        expectRoundTrip(event);
    expectRoundTrip(engine_->verifyDocument(km_, id_).value());
    VerificationReport broken;
    broken.stream = "document:x";
    broken.eventsChecked = 3;
    broken.headHash = "abc";
    broken.problems = {{"hash differs", std::nullopt, "event 2"}};
    expectRoundTrip(broken);
}

TEST_F(JsonParseTest, WorkflowRecordsRoundTrip) {
    expectRoundTrip(engine_->workflowStatus(km_, id_).value());
    auto fired = engine_->transition(km_, {id_, "ter-consultatie", std::nullopt, ""});
    ASSERT_TRUE(fired.ok()) << fired.error().describe();
    expectRoundTrip(fired.value());
    ASSERT_TRUE(engine_->transition(km_, {id_, "ter-besluitvorming", 1, ""}).ok());
    auto version = engine_->version(km_, id_, std::nullopt).value();
    auto decided = engine_->recordDecision(
        sec_, {id_, version.number, version.contentHash, "uwv", "akkoord", "M. Jansen",
               "2026-01-05", "RB Twente", "4", "met een opmerking"});
    ASSERT_TRUE(decided.ok()) << decided.error().describe();
    expectRoundTrip(decided.value());
    expectRoundTrip(engine_->decisionStatus(km_, id_).value());
    expectRoundTrip(engine_->signatureStatus(km_, id_).value());
    auto records = engine_->transitions(km_, id_).value();
    for (const auto& record : records)
        expectRoundTrip(record);
    // A workflow status with failing guards and their details.
    expectRoundTrip(engine_->workflowStatus(sec_, id_).value());
    expectRoundTrip(engine_->overview(testing::auditor(), {}).value());

    SignatureRecord signature{1,
                              id_,
                              2,
                              "hash",
                              "uwv",
                              "M. Jansen",
                              "regiomanager",
                              "Enschede",
                              "2026-04-02",
                              "Sanne",
                              "2026-04-02T10:00:00Z"};
    expectRoundTrip(signature);
    AdmissionResult admission{
        {7, "AM05", "provincie", true, "consensus", "met", "{\"uwv\":\"akkoord\"}", "RB", "6",
         "2026-03-12", "Sanne", "2026-03-12T10:00:00Z"},
        engine_->decisionStatus(km_, id_)->verdict};
    expectRoundTrip(admission);
}

// A real diff: a changed paragraph with its word diff, a changed amount with
// its numbers, and both ways round (added and removed).
TEST_F(JsonParseTest, VersionDiffRoundTrips) {
    auto changed = testing::replaceOnce(
        testing::replaceOnce(testing::twenteConvenant(), "vier keer per jaar", "zes keer per jaar"),
        "percentage=\"20\"", "percentage=\"25\"");
    auto added = engine_->addVersion(km_, {id_, 1, changed, "vaker vergaderen"});
    ASSERT_TRUE(added.ok()) << added.error().describe();
    for (auto [from, to] : {std::pair{1, 2}, std::pair{2, 1}, std::pair{2, 2}}) {
        auto compared = engine_->diffVersions(km_, id_, from, to);
        ASSERT_TRUE(compared.ok()) << compared.error().describe();
        expectRoundTrip(compared.value());
    }
    auto compared = engine_->diffVersions(km_, id_, 1, 2).value();
    ASSERT_FALSE(compared.diff.changes.empty());
    ASSERT_FALSE(compared.diff.paragraphs.empty());
    Poco::JSON::Parser parser;
    auto object = parser.parse(text(toJson(compared))).extract<Poco::JSON::Object::Ptr>();
    auto read = fromJson<VersionDiff>(*object);
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(diff::formatText(read->diff), diff::formatText(compared.diff));
}

TEST_F(JsonParseTest, MissingOrMistypedFieldIsNamed) {
    auto object = toJson(engine_->document(km_, id_).value());
    object.remove("laatsteVersie");
    auto missing = fromJson<Document>(object);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(missing.error().message.find("'laatsteVersie' is missing"), std::string::npos);

    object.set("laatsteVersie", "twee");
    auto mistyped = fromJson<Document>(object);
    ASSERT_FALSE(mistyped.ok());
    EXPECT_NE(mistyped.error().message.find("'laatsteVersie' is not a whole number"),
              std::string::npos);

    Poco::JSON::Array list;
    list.add(toJson(engine_->region(km_, "AM05").value()));
    list.add(7);
    EXPECT_FALSE(fromJsonArray<Region>(list).ok());
}

// Through text: listToJson, stringify, parse, listFromJson, listToJson.
template <typename T>
void expectListRoundTrip(const std::vector<T>& items, const std::string& member) {
    ASSERT_FALSE(items.empty()) << member;
    Poco::JSON::Object written = listToJson(items);
    ASSERT_TRUE(written.isArray(member)) << text(written);
    EXPECT_EQ(written.size(), 1u);
    Poco::JSON::Parser parser;
    auto object = parser.parse(text(written)).extract<Poco::JSON::Object::Ptr>();
    auto read = listFromJson<T>(*object);
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(read->size(), items.size());
    EXPECT_EQ(text(listToJson(read.value())), text(written));
}

TEST_F(JsonParseTest, ListsRoundTripUnderTheirNames) {
    expectListRoundTrip(engine_->listRegions(km_).value(), "regios");
    expectListRoundTrip(engine_->budget(km_).value(), "budgetten");
    expectListRoundTrip(engine_->listPartners(km_, "AM05").value(), "partners");
    expectListRoundTrip(engine_->history(km_, id_).value(), "gebeurtenissen");
    ASSERT_TRUE(engine_->transition(km_, {id_, "ter-consultatie", std::nullopt, ""}).ok());
    ASSERT_TRUE(engine_->transition(km_, {id_, "ter-besluitvorming", 1, ""}).ok());
    expectListRoundTrip(engine_->transitions(km_, id_).value(), "transities");
    auto version = engine_->version(km_, id_, std::nullopt).value();
    ASSERT_TRUE(engine_
                    ->recordDecision(sec_, {id_, version.number, version.contentHash, "uwv",
                                            "akkoord", "M. Jansen", "2026-01-05", "RB", "4", ""})
                    .ok());
    expectListRoundTrip(engine_->decisionStatus(km_, id_)->current, "goedkeuringen");

    // A list of versions leaves their content out.
    auto versions = engine_->listVersions(km_, id_).value();
    versions.front().content = testing::twenteConvenant();
    expectListRoundTrip(versions, "versies");
    EXPECT_EQ(text(listToJson(versions)).find("\"inhoud\""), std::string::npos);

    Poco::JSON::Object other;
    other.set("partners", Poco::JSON::Array());
    auto wrong = listFromJson<Region>(other);
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message.find("'regios'"), std::string::npos);
}

TEST_F(JsonParseTest, DocumentPageRoundTripsWithItsLinks) {
    DocumentPage page{engine_->listDocuments(km_, {}).value(),
                      2,
                      1,
                      "/api/v1/documenten?pagina=2",
                      "/api/v1/documenten?pagina=3",
                      "/api/v1/documenten?pagina=1"};
    expectRoundTrip(page);
    Poco::JSON::Parser parser;
    auto read = fromJson<DocumentPage>(
        *parser.parse(text(toJson(page))).extract<Poco::JSON::Object::Ptr>());
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(read->next, page.next);
    EXPECT_EQ(read->previous, page.previous);
    ASSERT_EQ(read->documents.size(), 1u);
    EXPECT_EQ(read->documents[0].id, id_);

    page.next.reset();
    page.previous.reset();
    parser.reset();
    auto last = fromJson<DocumentPage>(
        *parser.parse(text(toJson(page))).extract<Poco::JSON::Object::Ptr>());
    ASSERT_TRUE(last.ok()) << last.error().describe();
    EXPECT_FALSE(last->next);
    EXPECT_FALSE(last->previous);
}

}  // namespace
}  // namespace beraad::present
