// The partner register: partial updates, one centrumgemeente, uittreding as an
// event that verify rebuilds.
#include "EngineFixture.h"

namespace beraad {
namespace {

using testing::auditor;
using testing::EngineTest;
using testing::secretariaat;

Partner partnerNamed(Engine& engine, const std::string& key) {
    auto partners = engine.listPartners(auditor(), "AM05");
    EXPECT_TRUE(partners.ok());
    if (partners.ok()) {
        for (const auto& partner : *partners) {
            if (partner.key == key) return partner;
        }
    }
    ADD_FAILURE() << "no partner " << key;
    return {};
}

void expectEveryStreamVerifies(Engine& engine) {
    auto reports = engine.verifyAll(auditor());
    ASSERT_TRUE(reports.ok());
    for (const auto& report : *reports) {
        EXPECT_TRUE(report.intact()) << report.stream << ": " << testing::describe(report);
    }
}

TEST_F(EngineTest, APartialUpdateChangesOnlyWhatItNames) {
    Partner before = partnerNamed(engine(), "uwv");
    ASSERT_FALSE(before.representatives.empty());
    PartnerChange change{"AM05", "uwv"};
    change.name = "UWV Twente";
    auto updated = engine().updatePartner(secretariaat(), change);
    ASSERT_TRUE(updated.ok()) << updated.error().describe();
    EXPECT_EQ(updated->name, "UWV Twente");
    EXPECT_EQ(updated->kind, before.kind);
    EXPECT_EQ(updated->role, before.role);
    ASSERT_EQ(updated->representatives.size(), before.representatives.size());
    EXPECT_EQ(partnerNamed(engine(), "uwv").representatives[0].name,
              before.representatives[0].name);

    PartnerChange none{"AM05", "uwv"};
    none.representatives = std::vector<Representative>{};
    EXPECT_TRUE(engine().updatePartner(secretariaat(), none)->representatives.empty());
    expectEveryStreamVerifies(engine());
}

TEST_F(EngineTest, APartialUpdateIsCheckedAsARegistration) {
    PartnerChange change{"AM05", "uwv"};
    change.kind = "planeet";
    EXPECT_EQ(engine().updatePartner(secretariaat(), change).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(engine().updatePartner(auditor(), {"AM05", "uwv"}).error().code,
              ErrorCode::Forbidden);
    EXPECT_EQ(engine().updatePartner(secretariaat(), {"AM05", "nieuw"}).error().code,
              ErrorCode::NotFound);
}

TEST_F(EngineTest, ASecondCentrumgemeenteIsRefusedNamingTheFirst) {
    Partner almelo{"AM05", "gemeente-almelo", "Gemeente Almelo", "centrumgemeente", "kernpartner",
                   {}};
    auto refused = engine().registerPartner(secretariaat(), almelo);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Refused);
    EXPECT_NE(refused.error().message.find("gemeente-enschede"), std::string::npos);

    PartnerChange demoted{"AM05", "gemeente-enschede"};
    demoted.kind = "gemeente";
    ASSERT_TRUE(engine().updatePartner(secretariaat(), demoted).ok());
    ASSERT_TRUE(engine().registerPartner(secretariaat(), almelo).ok());
    expectEveryStreamVerifies(engine());
}

TEST_F(EngineTest, AnUittredingIsAnEventThatVerifyRebuilds) {
    auto left = engine().recordLeave(secretariaat(), {"AM05", "fnv", "2026-02-01", "opgezegd"});
    ASSERT_TRUE(left.ok()) << left.error().describe();
    EXPECT_EQ(left->leftOn, "2026-02-01");
    EXPECT_EQ(partnerNamed(engine(), "fnv").leaveReason, "opgezegd");
    EXPECT_EQ(engine().listPartners(auditor(), "AM05")->size(), 7u);  // never deleted
    auto history = engine().regionHistory(auditor(), "AM05");
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(history->back().kind, "partner-uitgetreden");
    EXPECT_NE(history->back().payload.find("\"reden\":\"opgezegd\""), std::string::npos);
    expectEveryStreamVerifies(engine());
    reopen();
    EXPECT_EQ(partnerNamed(engine(), "fnv").leftOn, "2026-02-01");
}

TEST_F(EngineTest, AnUittredingNeedsADateAndAReason) {
    auto refused = engine().recordLeave(secretariaat(), {"AM05", "fnv", "morgen", ""});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(refused.error().details.size(), 2u);
}

TEST_F(EngineTest, VerifyFindsAnUittredingWrittenIntoTheRowAlone) {
    ASSERT_TRUE(engine().recordLeave(secretariaat(), {"AM05", "fnv", "2026-02-01", "x"}).ok());
    ASSERT_EQ(testing::tamperWithFile(path(), "UPDATE partners SET left_on = '' WHERE key = 'fnv'"),
              "");
    auto reports = engine().verifyAll(auditor());
    ASSERT_TRUE(reports.ok());
    bool found = false;
    for (const auto& report : *reports) {
        if (report.stream == "regio:AM05")
            found = testing::mentions(report, "partner fnv", "uitgetredenOp");
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace beraad
