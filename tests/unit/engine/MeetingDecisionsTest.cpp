// A meeting's decisions in one go (Engine::recordDecisions, the web front
// end's meeting form): all are recorded, or none, and the refusal names each
// partner whose decision cannot be recorded.
#include "EngineFixture.h"

namespace beraad::testing {
namespace {

class MeetingDecisionsTest : public EngineTest {
  protected:
    std::vector<DecisionRequest> meeting(const Document& document,
                                         const std::vector<std::string>& partners) {
        std::vector<DecisionRequest> requests;
        for (const auto& partner : partners) {
            requests.push_back({document.id, document.latestVersion, document.latestContentHash,
                                partner, "akkoord", "Vertegenwoordiger", "2026-01-05",
                                "RB Twente 5 januari", "4", ""});
        }
        return requests;
    }
};

TEST_F(MeetingDecisionsTest, OneRefusedDecisionRecordsNoneAndNamesThePartner) {
    auto document = underDecision();
    auto requests = meeting(document, kPartners);
    requests[2].partner = "provincie-overijssel";  // not a partij
    requests[5].verdict = "misschien";
    auto refused = engine().recordDecisions(secretariaat(), requests);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message, "2 of 7 decisions cannot be recorded; none was recorded");
    ASSERT_EQ(refused.error().details.size(), 2u);
    EXPECT_EQ(refused.error().details[0].where, "provincie-overijssel");
    EXPECT_EQ(refused.error().details[1].where, "fnv");
    auto status = engine().decisionStatus(auditor(), document.id);
    ASSERT_TRUE(status.ok());
    EXPECT_TRUE(status->current.empty()) << "nothing was recorded";
    auto events = engine().history(auditor(), document.id);
    ASSERT_TRUE(events.ok());
    for (const auto& event : *events)
        EXPECT_NE(event.kind, "besluit-vastgelegd");
    EXPECT_TRUE(engine().verifyDocument(auditor(), document.id)->intact());
}

TEST_F(MeetingDecisionsTest, AWholeMeetingIsRecordedInOneGoAndTheRuleIsMet) {
    auto document = underDecision();
    auto recorded = engine().recordDecisions(secretariaat(), meeting(document, kPartners));
    ASSERT_TRUE(recorded.ok()) << recorded.error().describe();
    EXPECT_EQ(recorded->size(), 7u);
    std::set<std::int64_t> ids;
    for (const auto& record : *recorded)
        ids.insert(record.id);
    EXPECT_EQ(ids.size(), 7u) << "each decision has its own id";
    auto status = engine().decisionStatus(auditor(), document.id);
    ASSERT_TRUE(status.ok());
    EXPECT_TRUE(status->verdict.met) << status->verdict.explanation;
    EXPECT_TRUE(engine().verifyDocument(auditor(), document.id)->intact());
    EXPECT_FALSE(engine().recordDecisions(secretariaat(), {}).ok());
}

TEST_F(MeetingDecisionsTest, ASigningSessionIsRecordedInOneGoOrNotAtAll) {
    auto document = underDecision();
    ASSERT_TRUE(engine().recordDecisions(secretariaat(), meeting(document, kPartners)).ok());
    ASSERT_TRUE(
        engine().transition(secretariaat(), {document.id, "vaststellen", std::nullopt, ""}).ok());
    std::vector<SignatureRequest> signing;
    for (const auto& partner : kPartners) {
        signing.push_back({document.id, document.latestVersion, document.latestContentHash, partner,
                           "Ondertekenaar", "bestuurder", "Enschede", "2026-01-05"});
    }
    auto doubled = signing;
    doubled.push_back(signing.front());  // the same party twice in one session
    auto refused = engine().recordSignatures(secretariaat(), doubled);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message, "1 of 8 signatures cannot be recorded; none was recorded");
    EXPECT_TRUE(engine().signatureStatus(auditor(), document.id)->current.empty());
    auto recorded = engine().recordSignatures(secretariaat(), signing);
    ASSERT_TRUE(recorded.ok()) << recorded.error().describe();
    EXPECT_EQ(recorded->size(), 7u);
    EXPECT_TRUE(engine().signatureStatus(auditor(), document.id)->missing.empty());
    EXPECT_TRUE(engine().verifyDocument(auditor(), document.id)->intact());
}

}  // namespace
}  // namespace beraad::testing
