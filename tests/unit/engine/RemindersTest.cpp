// Herinneringen (Engine::reminders): per region, who still has to decide on
// the version under decision (and, after a new version, everyone again),
// who still has to sign, and the overview's due items with the days left;
// the scope holds, and the JSON reads back as it was written.
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "EngineFixture.h"
#include "beraad/present/Json.h"
#include "beraad/present/JsonParse.h"

namespace beraad::testing {
namespace {

class RemindersTest : public EngineTest {
  protected:
    DecisionRequest decision(const Document& document, const std::string& partner) {
        return {document.id,
                document.latestVersion,
                document.latestContentHash,
                partner,
                "akkoord",
                "Vertegenwoordiger",
                "2026-01-05",
                "RB Twente",
                "4",
                ""};
    }

    static std::vector<std::string> keys(const Outstanding& item) {
        std::vector<std::string> result;
        for (const auto& partner : item.partners)
            result.push_back(partner.partner);
        return result;
    }
};

TEST_F(RemindersTest, ThePartnersStillToDecideAreNamedAndANewVersionAsksThemAllAgain) {
    auto document = underDecision();
    ASSERT_TRUE(engine().recordDecision(secretariaat(), decision(document, "uwv")).ok());
    ASSERT_TRUE(engine().recordDecision(secretariaat(), decision(document, "fnv")).ok());
    auto reminders = engine().reminders(auditor(), {"AM05", 30, "2026-01-01", std::nullopt});
    ASSERT_TRUE(reminders.ok()) << reminders.error().describe();
    ASSERT_EQ(reminders->regions.size(), 1u);
    const auto& region = reminders->regions.front();
    EXPECT_EQ(region.region, "AM05");
    ASSERT_EQ(region.decisions.size(), 1u);
    const auto& open = region.decisions.front();
    EXPECT_EQ(open.documentId, document.id);
    EXPECT_EQ(open.version, document.latestVersion);
    EXPECT_EQ(keys(open), (std::vector<std::string>{"gemeente-enschede", "gemeente-hengelo", "sbb",
                                                    "vno-ncw-midden", "roc-van-twente"}));
    EXPECT_EQ(open.partners.front().name, "Gemeente Enschede") << "from the partner register";
    EXPECT_FALSE(open.explanation.empty());
    EXPECT_TRUE(region.signatures.empty());

    // A new version: the decisions on the old one are stale, all seven again.
    auto next =
        engine()
            .addVersion(kwartiermaker(), {document.id, document.latestVersion,
                                          replaceOnce(twenteConvenant(), "vier keer", "zes keer"),
                                          "zes keer per jaar", 2})
            .value();
    auto after = engine().reminders(auditor(), {"AM05", 30, "2026-01-01", std::nullopt}).value();
    ASSERT_EQ(after.regions.front().decisions.size(), 1u);
    EXPECT_EQ(after.regions.front().decisions.front().version, next.number);
    EXPECT_EQ(keys(after.regions.front().decisions.front()).size(), 7u);
}

TEST_F(RemindersTest, ThePartiesStillToSignAreNamedAndNothingIsLeftWhenAllDid) {
    auto document = underDecision();
    std::vector<DecisionRequest> meeting;
    for (const auto& partner : kPartners)
        meeting.push_back(decision(document, partner));
    ASSERT_TRUE(engine().recordDecisions(secretariaat(), meeting).ok());
    ASSERT_TRUE(
        engine().transition(secretariaat(), {document.id, "vaststellen", std::nullopt, ""}).ok());
    ASSERT_TRUE(
        engine()
            .recordSignature(secretariaat(),
                             {document.id, document.latestVersion, document.latestContentHash,
                              "uwv", "M. Jansen", "regiomanager", "Enschede", "2026-01-05"})
            .ok());
    auto reminders = engine().reminders(auditor(), {"AM05", 30, "2026-01-01", std::nullopt});
    ASSERT_TRUE(reminders.ok()) << reminders.error().describe();
    const auto& region = reminders->regions.front();
    EXPECT_TRUE(region.decisions.empty()) << "vastgesteld: no decisions wait";
    ASSERT_EQ(region.signatures.size(), 1u);
    auto unsigned_ = keys(region.signatures.front());
    EXPECT_EQ(unsigned_.size(), 6u);
    EXPECT_EQ(std::count(unsigned_.begin(), unsigned_.end(), "uwv"), 0) << "uwv signed";
}

TEST_F(RemindersTest, DueItemsCarryTheirDaysLeftAndTheScopeHolds) {
    createConvenant();
    // Long after the national target date: the target is overdue for Twente.
    auto reminders = engine().reminders(
        secretariaat(), {std::nullopt, 30, "2026-01-01", std::string("2026-03-01")});
    ASSERT_TRUE(reminders.ok()) << reminders.error().describe();
    ASSERT_EQ(reminders->regions.size(), 1u) << "the secretariaat of AM05 sees AM05 only";
    const auto& due = reminders->regions.front().due;
    ASSERT_FALSE(due.empty());
    auto target = std::find_if(due.begin(), due.end(), [](const DueItem& item) {
        return item.what == "landelijke-streefdatum";
    });
    ASSERT_NE(target, due.end());
    EXPECT_TRUE(target->overdue);
    EXPECT_EQ(target->daysLeft, -59);
    auto outside = engine().reminders(secretariaat(), {"AM22", 30, "2026-01-01", std::nullopt});
    ASSERT_FALSE(outside.ok());
    EXPECT_EQ(outside.error().code, ErrorCode::Forbidden);
    auto unknown = engine().reminders(auditor(), {"AM99", 30, "2026-01-01", std::nullopt});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST_F(RemindersTest, TheJsonReadsBackAsItWasWritten) {
    auto document = underDecision();
    ASSERT_TRUE(engine().recordDecision(secretariaat(), decision(document, "uwv")).ok());
    auto reminders = engine().reminders(auditor(), {}).value();
    std::ostringstream written;
    present::toJson(reminders).stringify(written);
    Poco::JSON::Parser parser;
    auto read = present::fromJson<Reminders>(
        *parser.parse(written.str()).extract<Poco::JSON::Object::Ptr>());
    ASSERT_TRUE(read.ok()) << read.error().describe();
    std::ostringstream again;
    present::toJson(*read).stringify(again);
    EXPECT_EQ(again.str(), written.str());
    EXPECT_NE(written.str().find("\"besluiten\""), std::string::npos);
}

}  // namespace
}  // namespace beraad::testing
