// Decision rules as pure functions: the outcome and its explanation.
#include <gtest/gtest.h>

#include "beraad/workflow/DecisionRule.h"

namespace beraad::workflow {
namespace {

std::vector<Member> beraad() {
    return {{"gemeente", true, 1}, {"uwv", true, 1}, {"sbb", true, 1}, {"provincie", false, 1}};
}

DecisionRule rule(DecisionRule::Kind kind, std::int64_t majority = 5000, std::int64_t quorum = 0,
                  bool weighted = false) {
    return DecisionRule{kind, majority, quorum, weighted};
}

TEST(DecisionRule, ConsensusNeedsEveryMemberAkkoord) {
    auto verdict = evaluate(
        rule(DecisionRule::Kind::Consensus), beraad(),
        {{"gemeente", Verdict::Akkoord}, {"uwv", Verdict::Akkoord}, {"sbb", Verdict::Onthouding}});
    EXPECT_FALSE(verdict.met);
    EXPECT_EQ(verdict.missing, std::vector<std::string>{"provincie"});
    EXPECT_EQ(verdict.abstained, std::vector<std::string>{"sbb"});
    EXPECT_NE(verdict.explanation.find("not decided: provincie; onthouding: sbb"),
              std::string::npos)
        << verdict.explanation;
    verdict = evaluate(rule(DecisionRule::Kind::Consensus), beraad(),
                       {{"gemeente", Verdict::Akkoord},
                        {"uwv", Verdict::Akkoord},
                        {"sbb", Verdict::Akkoord},
                        {"provincie", Verdict::Akkoord}});
    EXPECT_TRUE(verdict.met);
    EXPECT_EQ(verdict.explanation, "met: every one of the 4 members decided akkoord");
}

TEST(DecisionRule, UnanimityCountsOnlyKernpartners) {
    auto verdict = evaluate(rule(DecisionRule::Kind::UnanimiteitKernpartners), beraad(),
                            {{"gemeente", Verdict::Akkoord},
                             {"uwv", Verdict::Akkoord},
                             {"sbb", Verdict::Akkoord},
                             {"provincie", Verdict::NietAkkoord}});
    EXPECT_TRUE(verdict.met);
    EXPECT_EQ(verdict.totalWeight, 3);
    verdict = evaluate(rule(DecisionRule::Kind::UnanimiteitKernpartners), beraad(),
                       {{"gemeente", Verdict::Akkoord}, {"uwv", Verdict::NietAkkoord}});
    EXPECT_FALSE(verdict.met);
    EXPECT_NE(verdict.explanation.find("not decided: sbb; niet-akkoord: uwv"), std::string::npos)
        << verdict.explanation;
}

TEST(DecisionRule, NoMembersNeverMeetsAnAllMustAgreeRule) {
    auto verdict = evaluate(rule(DecisionRule::Kind::Consensus), {}, {});
    EXPECT_FALSE(verdict.met);
    EXPECT_NE(verdict.explanation.find("there are no members"), std::string::npos);
}

TEST(DecisionRule, DecisionsOfNonMembersAreIgnored) {
    auto verdict =
        evaluate(rule(DecisionRule::Kind::Meerderheid), beraad(),
                 {{"gemeente", Verdict::Akkoord}, {"buitenstaander", Verdict::NietAkkoord}});
    EXPECT_EQ(verdict.nietAkkoordWeight, 0);
    EXPECT_TRUE(verdict.met);
}

TEST(DecisionRule, SimpleMajorityIsStrictlyMoreThanHalf) {
    auto tie = evaluate(rule(DecisionRule::Kind::Meerderheid), beraad(),
                        {{"gemeente", Verdict::Akkoord}, {"uwv", Verdict::NietAkkoord}});
    EXPECT_FALSE(tie.met);
    EXPECT_NE(tie.explanation.find("akkoord (1 of 2 votes cast) is not more than 50%"),
              std::string::npos)
        << tie.explanation;
    auto more = evaluate(
        rule(DecisionRule::Kind::Meerderheid), beraad(),
        {{"gemeente", Verdict::Akkoord}, {"uwv", Verdict::NietAkkoord}, {"sbb", Verdict::Akkoord}});
    EXPECT_TRUE(more.met);
}

TEST(DecisionRule, QuorumCountsAbstentionsAsTakingPart) {
    auto quorum = rule(DecisionRule::Kind::Meerderheid, 5000, 7500);
    auto short_ =
        evaluate(quorum, beraad(), {{"gemeente", Verdict::Akkoord}, {"uwv", Verdict::Akkoord}});
    EXPECT_FALSE(short_.met);
    EXPECT_NE(short_.explanation.find("quorum of 75% not reached (2 of 4 took part)"),
              std::string::npos)
        << short_.explanation;
    auto reached = evaluate(
        quorum, beraad(),
        {{"gemeente", Verdict::Akkoord}, {"uwv", Verdict::Akkoord}, {"sbb", Verdict::Onthouding}});
    EXPECT_TRUE(reached.met) << reached.explanation;
}

TEST(DecisionRule, OnlyAbstentionsIsNoMajority) {
    auto verdict = evaluate(rule(DecisionRule::Kind::Meerderheid), beraad(),
                            {{"gemeente", Verdict::Onthouding}, {"uwv", Verdict::Onthouding}});
    EXPECT_FALSE(verdict.met);
}

TEST(DecisionRule, QualifiedMajorityUsesHundredthsWithoutRounding) {
    auto twoThirds = rule(DecisionRule::Kind::Meerderheid, 6667);
    // 2 of 3 = 66,666...% is not more than 66,67%.
    auto verdict = evaluate(
        twoThirds, beraad(),
        {{"gemeente", Verdict::Akkoord}, {"uwv", Verdict::Akkoord}, {"sbb", Verdict::NietAkkoord}});
    EXPECT_FALSE(verdict.met);
    auto exact = rule(DecisionRule::Kind::Meerderheid, 6666);
    EXPECT_TRUE(evaluate(exact, beraad(),
                         {{"gemeente", Verdict::Akkoord},
                          {"uwv", Verdict::Akkoord},
                          {"sbb", Verdict::NietAkkoord}})
                    .met);
}

TEST(DecisionRule, WeightsCountWhenTheConvenantSaysSo) {
    std::vector<Member> members{{"gemeente", true, 3}, {"uwv", true, 1}, {"sbb", true, 1}};
    std::map<std::string, Verdict> votes{{"gemeente", Verdict::Akkoord},
                                         {"uwv", Verdict::NietAkkoord},
                                         {"sbb", Verdict::NietAkkoord}};
    EXPECT_FALSE(evaluate(rule(DecisionRule::Kind::Meerderheid), members, votes).met);
    auto weighted = evaluate(rule(DecisionRule::Kind::Meerderheid, 5000, 0, true), members, votes);
    EXPECT_TRUE(weighted.met);
    EXPECT_EQ(weighted.akkoordWeight, 3);
    EXPECT_EQ(weighted.totalWeight, 5);
    EXPECT_NE(weighted.explanation.find("(weighted votes)"), std::string::npos);
}

TEST(DecisionRule, PercentagesInDutch) {
    EXPECT_EQ(formatPercentage(5000), "50%");
    EXPECT_EQ(formatPercentage(1250), "12,5%");
    EXPECT_EQ(formatPercentage(6667), "66,67%");
    EXPECT_EQ(formatPercentage(5), "0,05%");
}

TEST(DecisionRule, VerdictNames) {
    EXPECT_EQ(parseVerdict("niet-akkoord"), Verdict::NietAkkoord);
    EXPECT_FALSE(parseVerdict("ja"));
    EXPECT_EQ(toString(Verdict::Onthouding), "onthouding");
}

}  // namespace
}  // namespace beraad::workflow
