// Walks tests/scenarios/*.txt: adding a scenario means adding a file.
#include <gtest/gtest.h>

#include "ScenarioRunner.h"

namespace beraad::testing {
namespace {

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, Runs) {
    ScenarioRunner runner;
    for (const auto& failure : runner.runFile(GetParam()))
        ADD_FAILURE() << failure;
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param.substr(0, info.param.rfind('.'));
    for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Workflow, Scenario, ::testing::ValuesIn(scenarioFiles()), testName);

}  // namespace
}  // namespace beraad::testing
