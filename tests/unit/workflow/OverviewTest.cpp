// The overview of all regions on a store seeded with regions in different states
// (tests/scenarios/seeds/overview.txt).
#include <gtest/gtest.h>

#include <algorithm>

#include "ScenarioRunner.h"

namespace beraad::testing {
namespace {

class OverviewTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const auto& failure : runner_.runFile("seeds/overview.txt"))
            ADD_FAILURE() << failure;
    }

    Overview overviewOn(const std::string& today, int withinDays,
                        const Actor& actor = beheerder()) {
        OverviewOptions options;
        options.today = today;
        options.withinDays = withinDays;
        auto result = runner_.engine().overview(actor, options);
        EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().describe());
        return result.value();
    }

    static const RegionOverview& region(const Overview& overview, const std::string& code) {
        auto found = std::find_if(overview.regions.begin(), overview.regions.end(),
                                  [&](const RegionOverview& r) { return r.region.code == code; });
        if (found == overview.regions.end()) throw std::runtime_error("no region " + code);
        return *found;
    }

    static const KindStatus& kind(const RegionOverview& region, DocumentKind wanted) {
        for (const auto& status : region.kinds) {
            if (status.kind == wanted) return status;
        }
        throw std::runtime_error("no kind");
    }

    static std::vector<std::string> dueNames(const RegionOverview& region) {
        std::vector<std::string> names;
        for (const auto& item : region.due) {
            names.push_back(item.what + "@" + item.due +
                            (item.documentId ? "@" + *item.documentId : ""));
        }
        return names;
    }

    static bool mentions(const std::vector<std::string>& lines, const std::string& text) {
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
            return line.find(text) != std::string::npos;
        });
    }

    ScenarioRunner runner_;
};

TEST_F(OverviewTest, CoversAllRegionsForANationalActor) {
    auto overview = overviewOn("2027-12-15", 30);
    EXPECT_EQ(overview.regions.size(), 35u);
    EXPECT_EQ(overview.targetDate, "2026-01-01");
    for (const auto& entry : overview.regions)
        EXPECT_EQ(entry.kinds.size(), 3u) << entry.region.code;
}

TEST_F(OverviewTest, RegionWithEverythingInForceMeetsTheTargetAndShowsRenewal) {
    auto overview = overviewOn("2027-12-15", 30);
    const auto& twente = region(overview, "AM05");
    EXPECT_TRUE(twente.targetMet);
    const auto& convenant = kind(twente, DocumentKind::Samenwerkingsconvenant);
    EXPECT_EQ(convenant.state, "in-werking");
    EXPECT_TRUE(convenant.adopted);
    EXPECT_FALSE(convenant.nextStep);
    EXPECT_EQ(kind(twente, DocumentKind::Beleidsagenda).state, "vastgesteld");
    EXPECT_EQ(kind(twente, DocumentKind::Uitvoeringsagenda).state, "vastgesteld");
    // Due within 30 days of 2027-12-15: the end of the uitvoeringsagenda's period and its
    // renewal 2 years after vaststelling; the convenant (2030) and beleidsagenda are not yet.
    EXPECT_EQ(dueNames(twente),
              (std::vector<std::string>{"einde-periode@2027-12-31@AM05-uitvoeringsagenda-1",
                                        "vernieuwing@2028-01-01@AM05-uitvoeringsagenda-1"}));
    EXPECT_EQ(twente.due[0].daysLeft, 16);
    EXPECT_FALSE(twente.due[0].overdue);

    auto later = overviewOn("2028-02-01", 0);
    const auto& overdue = region(later, "AM05");
    ASSERT_EQ(overdue.due.size(), 2u);
    EXPECT_TRUE(overdue.due[0].overdue);
    EXPECT_EQ(overdue.due[1].what, "vernieuwing");
    EXPECT_EQ(overdue.due[1].daysLeft, -31);
}

TEST_F(OverviewTest, RegionInBesluitvormingShowsWhoIsMissing) {
    auto overview = overviewOn("2026-02-01", 30);
    const auto& amersfoort = region(overview, "AM14");
    EXPECT_FALSE(amersfoort.targetMet);
    const auto& convenant = kind(amersfoort, DocumentKind::Samenwerkingsconvenant);
    EXPECT_EQ(convenant.documentId, "AM14-convenant-1");
    EXPECT_EQ(convenant.state, "ter-besluitvorming");
    EXPECT_EQ(convenant.nextStep, "vaststellen");
    ASSERT_EQ(convenant.blockers.size(), 1u);
    EXPECT_NE(convenant.blockers[0].find("decision-rule-met"), std::string::npos);
    EXPECT_NE(convenant.blockers[0].find("not decided: gemeente-enschede, gemeente-hengelo, sbb"),
              std::string::npos)
        << convenant.blockers[0];
    const auto& beleidsagenda = kind(amersfoort, DocumentKind::Beleidsagenda);
    EXPECT_FALSE(beleidsagenda.documentId);
    EXPECT_TRUE(mentions(beleidsagenda.blockers, "no beleidsagenda yet"));
    // The national target date has passed for all three parts.
    ASSERT_EQ(amersfoort.due.size(), 3u);
    for (const auto& item : amersfoort.due) {
        EXPECT_EQ(item.what, "landelijke-streefdatum");
        EXPECT_TRUE(item.overdue);
        EXPECT_EQ(item.daysLeft, -31);
    }
    EXPECT_NE(amersfoort.due[0].description.find("AM14-convenant-1 is ter-besluitvorming"),
              std::string::npos);
}

TEST_F(OverviewTest, ConceptBlockedByAGuard) {
    auto overview = overviewOn("2025-12-20", 30);
    const auto& drenthe = region(overview, "AM03");
    const auto& convenant = kind(drenthe, DocumentKind::Samenwerkingsconvenant);
    EXPECT_EQ(convenant.state, "concept");
    EXPECT_EQ(convenant.nextStep, "ter-consultatie");
    EXPECT_TRUE(mentions(convenant.blockers,
                         "kostenverdeling-complete: the kostenverdeling shares add up to 90%"));
    // Before the target date: due in 12 days, not overdue.
    ASSERT_EQ(drenthe.due.size(), 3u);
    EXPECT_FALSE(drenthe.due[0].overdue);
    EXPECT_EQ(drenthe.due[0].daysLeft, 12);
}

TEST_F(OverviewTest, RegionWithoutDocumentsAndHorizon) {
    auto soon = overviewOn("2025-12-20", 30);
    const auto& rijnmond = region(soon, "AM22");
    EXPECT_FALSE(rijnmond.targetMet);
    for (const auto& status : rijnmond.kinds) {
        EXPECT_EQ(status.state, "");
        EXPECT_FALSE(status.nextStep);
        EXPECT_EQ(status.blockers.size(), 1u);
    }
    EXPECT_EQ(rijnmond.due.size(), 3u);
    // Outside the horizon the target date is not listed yet.
    auto early = overviewOn("2025-06-01", 30);
    EXPECT_TRUE(region(early, "AM22").due.empty());
}

TEST_F(OverviewTest, TargetDateIsConfigurable) {
    OverviewOptions options;
    options.today = "2026-02-01";
    options.targetDate = "2026-07-01";
    options.withinDays = 30;
    auto overview = runner_.engine().overview(beheerder(), options);
    ASSERT_TRUE(overview.ok());
    EXPECT_TRUE(region(overview.value(), "AM14").due.empty());
    options.withinDays = 200;
    overview = runner_.engine().overview(beheerder(), options);
    ASSERT_TRUE(overview.ok());
    ASSERT_EQ(region(overview.value(), "AM14").due.size(), 3u);
    EXPECT_EQ(region(overview.value(), "AM14").due[0].due, "2026-07-01");
    EXPECT_EQ(region(overview.value(), "AM14").due[0].daysLeft, 150);
}

TEST_F(OverviewTest, RegionalActorSeesOnlyItsRegion) {
    auto overview = overviewOn("2026-02-01", 30, kwartiermaker("AM14"));
    ASSERT_EQ(overview.regions.size(), 1u);
    EXPECT_EQ(overview.regions[0].region.code, "AM14");
}

TEST_F(OverviewTest, RefusesMalformedOptions) {
    OverviewOptions options;
    options.today = "1 januari 2026";
    auto overview = runner_.engine().overview(beheerder(), options);
    ASSERT_FALSE(overview.ok());
    EXPECT_EQ(overview.error().code, ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace beraad::testing
