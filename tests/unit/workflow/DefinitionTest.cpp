// Loading workflow definitions: the shipped ones, and the graph checks that refuse bad ones.
#include <gtest/gtest.h>

#include <set>

#include "TestSupport.h"
#include "beraad/workflow/Definition.h"
#include "beraad/workflow/Guards.h"

namespace beraad::testing {
namespace {

using workflow::loadDefinition;

std::string shipped(const std::string& kind) {
    return readFile(sourcePath("schemas/workflows/" + kind + ".xml"));
}

std::string problems(const Result<workflow::Definition>& result) {
    return result.ok() ? "" : result.error().describe();
}

TEST(Definition, ShippedDefinitionsLoadOnePerKind) {
    const auto& all = workflow::shippedDefinitions();
    ASSERT_EQ(all.size(), 3u);
    for (const auto& definition : all) {
        EXPECT_EQ(definition.version, 1);
        EXPECT_EQ(definition.name, toString(definition.kind));
        EXPECT_EQ(definition.initial, "concept");
    }
}

TEST(Definition, ConvenantLifecycleHasTheIssuedStates) {
    auto definition = loadDefinition(shipped("samenwerkingsconvenant"));
    ASSERT_TRUE(definition.ok()) << problems(definition);
    std::vector<std::string> path;
    for (const char* from : {"concept", "consultatie", "ter-besluitvorming", "vastgesteld",
                             "ondertekend", "in-werking"}) {
        auto next = definition->transitionsFrom(from);
        ASSERT_FALSE(next.empty()) << from;
        path.push_back(next.front()->to);
    }
    // The first transition out of each state is its next step on the main path.
    EXPECT_EQ(path, (std::vector<std::string>{"consultatie", "ter-besluitvorming", "vastgesteld",
                                              "ondertekend", "in-werking", "beeindigd"}));
    EXPECT_TRUE(definition->state("beeindigd")->final);
    EXPECT_TRUE(definition->state("in-werking")->adopted);
    EXPECT_TRUE(definition->state("ter-besluitvorming")->decisions);
    EXPECT_TRUE(definition->state("vastgesteld")->signatures);
    const auto* back = definition->transition("ter-besluitvorming", "terug-naar-concept");
    ASSERT_NE(back, nullptr);
    EXPECT_TRUE(back->reasonRequired);
    const auto* adopt = definition->transition("ter-besluitvorming", "vaststellen");
    ASSERT_NE(adopt, nullptr);
    EXPECT_TRUE(adopt->allows(Role::Secretariaat));
    EXPECT_FALSE(adopt->allows(Role::Kwartiermaker));
}

TEST(Definition, UitvoeringsagendaCarriesGuardParameters) {
    auto definition = loadDefinition(shipped("uitvoeringsagenda"));
    ASSERT_TRUE(definition.ok()) << problems(definition);
    const auto* adopt = definition->transition("ter-besluitvorming", "vaststellen");
    ASSERT_NE(adopt, nullptr);
    bool found = false;
    for (const auto& guard : adopt->guards) {
        if (guard.name != "period-fits") continue;
        found = true;
        EXPECT_EQ(guard.params.at("max-years"), "2");
        EXPECT_EQ(guard.params.at("within"), "beleidsagenda");
    }
    EXPECT_TRUE(found);
    ASSERT_EQ(definition->deadlines.size(), 2u);
    EXPECT_EQ(definition->deadlines[0].name, "vernieuwing");
    EXPECT_EQ(definition->deadlines[0].years, 2);
}

TEST(Definition, RefusesMalformedXml) {
    auto result = loadDefinition("<workflow name=");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(result.error().message.find("not well-formed"), std::string::npos);
}

TEST(Definition, RefusesSchemaViolationsWithTheirLine) {
    auto text =
        replaceOnce(shipped("beleidsagenda"), "roles=\"secretariaat\">", "roles=\"voorzitter\">");
    auto result = loadDefinition(text);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("schemas/workflow.xsd"), std::string::npos);
    ASSERT_FALSE(result.error().details.empty());
    EXPECT_TRUE(result.error().details[0].line.has_value());
}

TEST(Definition, ReportsEveryGraphProblem) {
    std::string text = shipped("beleidsagenda");
    text = replaceOnce(text, "<states initial=\"concept\">", "<states initial=\"ontwerp\">");
    text = replaceOnce(text, "<guard name=\"end-date-reached\"/>", "<guard name=\"maan-is-vol\"/>");
    text = replaceOnce(text, "<state name=\"verlopen\" final=\"true\"/>",
                       "<state name=\"verlopen\" final=\"true\"/><state name=\"eiland\"/>");
    text = replaceOnce(text, "</transitions>",
                       "<transition name=\"herleven\" from=\"verlopen\" to=\"nergens\" "
                       "roles=\"beheerder\"/></transitions>");
    auto result = loadDefinition(text);
    ASSERT_FALSE(result.ok());
    std::string all = result.error().describe();
    EXPECT_NE(all.find("the initial state 'ontwerp' is not a declared state"), std::string::npos)
        << all;
    EXPECT_NE(all.find("unknown guard 'maan-is-vol'"), std::string::npos) << all;
    EXPECT_NE(all.find("leaves final state 'verlopen'"), std::string::npos) << all;
    EXPECT_NE(all.find("leads to unknown state 'nergens'"), std::string::npos) << all;
    EXPECT_NE(all.find("state 'eiland' cannot be reached"), std::string::npos) << all;
}

TEST(Definition, RefusesDuplicateTransitionNamesFromOneState) {
    std::string text = replaceOnce(shipped("beleidsagenda"), "name=\"laten-vervallen\"",
                                   "name=\"ter-consultatie\"");
    auto result = loadDefinition(text);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().describe().find("used twice from state 'concept'"), std::string::npos);
}

TEST(Definition, RefusesEffectsThatFireUnknownTransitions) {
    std::string text = replaceOnce(shipped("samenwerkingsconvenant"),
                                   "<param name=\"transition\" value=\"vervangen\"/>",
                                   "<param name=\"transition\" value=\"opheffen\"/>");
    auto result = loadDefinition(text);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().describe().find("fires transition 'opheffen'"), std::string::npos);
}

TEST(Definition, ReadsTimers) {
    auto convenant = loadDefinition(shipped("samenwerkingsconvenant"));
    ASSERT_TRUE(convenant.ok()) << problems(convenant);
    const auto* start = convenant.value().transition("ondertekend", "in-werking-treden");
    ASSERT_NE(start, nullptr);
    ASSERT_TRUE(start->timer.has_value());
    EXPECT_EQ(start->timer->at, workflow::TimerDefinition::At::PeriodStart);
    EXPECT_FALSE(convenant.value().transition("in-werking", "beeindigen")->timer.has_value());
    auto agenda = loadDefinition(shipped("beleidsagenda"));
    ASSERT_TRUE(agenda.ok()) << problems(agenda);
    const auto* end = agenda.value().transition("vastgesteld", "verlopen");
    ASSERT_TRUE(end && end->timer);
    EXPECT_EQ(end->timer->at, workflow::TimerDefinition::At::PeriodEnd);
}

TEST(Definition, RefusesATimerTheSystemMayNotFire) {
    std::string text = replaceOnce(
        shipped("beleidsagenda"),
        "<transition name=\"verlopen\" from=\"vastgesteld\" to=\"verlopen\" roles=\"secretariaat "
        "systeem\">",
        "<transition name=\"verlopen\" from=\"vastgesteld\" to=\"verlopen\" "
        "roles=\"secretariaat\">");
    auto result = loadDefinition(text);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(problems(result).find("has a timer, so the role systeem must be among its roles"),
              std::string::npos)
        << problems(result);
    std::string unknown = replaceOnce(shipped("beleidsagenda"), "<timer at=\"period-end\"/>",
                                      "<timer at=\"next-monday\"/>");
    EXPECT_NE(problems(loadDefinition(unknown)).find("workflow.xsd"), std::string::npos);
}

TEST(Definition, RefusesBadGuardParameters) {
    std::string text =
        replaceOnce(shipped("uitvoeringsagenda"), "<param name=\"max-years\" value=\"2\"/>",
                    "<param name=\"max-years\" value=\"twee\"/>");
    text = replaceOnce(text, "<param name=\"within\" value=\"beleidsagenda\"/>",
                       "<param name=\"within\" value=\"convenant\"/>");
    auto result = loadDefinition(text);
    ASSERT_FALSE(result.ok());
    std::string all = result.error().describe();
    EXPECT_NE(all.find("max-years must be a whole number"), std::string::npos) << all;
    EXPECT_NE(all.find("within can only be 'beleidsagenda'"), std::string::npos) << all;
}

TEST(Definition, EveryKnownGuardIsUsedByAShippedDefinition) {
    std::set<std::string> used;
    for (const auto& definition : workflow::shippedDefinitions()) {
        for (const auto& transition : definition.transitions) {
            for (const auto& guard : transition.guards)
                used.insert(guard.name);
        }
    }
    for (const auto& guard : workflow::knownGuards())
        EXPECT_TRUE(used.count(std::string(guard.name))) << guard.name;
}

}  // namespace
}  // namespace beraad::testing
