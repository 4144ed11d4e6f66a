#include "beraad/workflow/DecisionRule.h"

#include <algorithm>

namespace beraad::workflow {

std::string_view toString(Verdict verdict) {
    switch (verdict) {
        case Verdict::Akkoord:
            return "akkoord";
        case Verdict::NietAkkoord:
            return "niet-akkoord";
        case Verdict::Onthouding:
            return "onthouding";
    }
    return "";
}

std::optional<Verdict> parseVerdict(std::string_view text) {
    for (auto verdict : {Verdict::Akkoord, Verdict::NietAkkoord, Verdict::Onthouding}) {
        if (text == toString(verdict)) return verdict;
    }
    return std::nullopt;
}

std::string_view toString(DecisionRule::Kind kind) {
    switch (kind) {
        case DecisionRule::Kind::Consensus:
            return "consensus";
        case DecisionRule::Kind::UnanimiteitKernpartners:
            return "unanimiteit-kernpartners";
        case DecisionRule::Kind::Meerderheid:
            return "meerderheid";
    }
    return "";
}

std::string formatPercentage(std::int64_t hundredths) {
    std::string text = std::to_string(hundredths / 100);
    std::int64_t fraction = hundredths % 100;
    if (fraction != 0) {
        text += ',';
        text += static_cast<char>('0' + fraction / 10);
        if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
    }
    return text + "%";
}

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

std::string countsSentence(const RuleVerdict& verdict, bool weighted) {
    std::string unit = weighted ? " (weighted votes)" : "";
    return std::to_string(verdict.akkoordWeight) + " akkoord, " +
           std::to_string(verdict.nietAkkoordWeight) + " niet-akkoord, " +
           std::to_string(verdict.onthoudingWeight) + " onthouding, " +
           std::to_string(verdict.missing.size()) + " not decided, of " +
           std::to_string(verdict.totalWeight) + unit;
}

void explainAllMustAgree(RuleVerdict& verdict, const std::string& who) {
    verdict.met = verdict.missing.empty() && verdict.against.empty() && verdict.abstained.empty() &&
                  !verdict.inFavour.empty();
    if (verdict.met) {
        verdict.explanation = "met: every one of the " + std::to_string(verdict.inFavour.size()) +
                              " " + who + " decided akkoord";
        return;
    }
    std::string reasons;
    auto add = [&](const std::string& text) { reasons += (reasons.empty() ? "" : "; ") + text; };
    if (!verdict.missing.empty()) add("not decided: " + joined(verdict.missing));
    if (!verdict.against.empty()) add("niet-akkoord: " + joined(verdict.against));
    if (!verdict.abstained.empty()) add("onthouding: " + joined(verdict.abstained));
    if (reasons.empty()) add("there are no " + who);
    verdict.explanation = "not met: every one of the " + who + " must decide akkoord; " + reasons;
}

void explainMajority(RuleVerdict& verdict, const DecisionRule& rule) {
    std::int64_t participating =
        verdict.akkoordWeight + verdict.nietAkkoordWeight + verdict.onthoudingWeight;
    std::int64_t cast = verdict.akkoordWeight + verdict.nietAkkoordWeight;
    bool quorum = verdict.totalWeight > 0 &&
                  participating * 10000 >= rule.quorumHundredths * verdict.totalWeight;
    bool majority = cast > 0 && verdict.akkoordWeight * 10000 > rule.majorityHundredths * cast;
    verdict.met = quorum && majority;
    std::string counts = countsSentence(verdict, rule.weighted);
    if (!quorum) {
        verdict.explanation = "not met: quorum of " + formatPercentage(rule.quorumHundredths) +
                              " not reached (" + std::to_string(participating) + " of " +
                              std::to_string(verdict.totalWeight) + " took part); " + counts;
        if (!verdict.missing.empty())
            verdict.explanation += "; not decided: " + joined(verdict.missing);
        return;
    }
    if (!majority) {
        verdict.explanation = "not met: akkoord (" + std::to_string(verdict.akkoordWeight) +
                              " of " + std::to_string(cast) + " votes cast) is not more than " +
                              formatPercentage(rule.majorityHundredths) + "; " + counts;
        return;
    }
    verdict.explanation = "met: akkoord holds " + std::to_string(verdict.akkoordWeight) + " of " +
                          std::to_string(cast) + " votes cast, more than " +
                          formatPercentage(rule.majorityHundredths) + ", with quorum " +
                          formatPercentage(rule.quorumHundredths) + " reached; " + counts;
}

}  // namespace

RuleVerdict evaluate(const DecisionRule& rule, const std::vector<Member>& members,
                     const std::map<std::string, Verdict>& decisions) {
    RuleVerdict verdict;
    verdict.rule = std::string(toString(rule.kind));
    bool kernOnly = rule.kind == DecisionRule::Kind::UnanimiteitKernpartners;
    for (const auto& member : members) {
        if (kernOnly && !member.kernpartner) continue;
        std::int64_t weight = rule.weighted ? std::max<std::int64_t>(member.weight, 1) : 1;
        verdict.totalWeight += weight;
        auto found = decisions.find(member.partner);
        if (found == decisions.end()) {
            verdict.missing.push_back(member.partner);
            continue;
        }
        switch (found->second) {
            case Verdict::Akkoord:
                verdict.inFavour.push_back(member.partner);
                verdict.akkoordWeight += weight;
                break;
            case Verdict::NietAkkoord:
                verdict.against.push_back(member.partner);
                verdict.nietAkkoordWeight += weight;
                break;
            case Verdict::Onthouding:
                verdict.abstained.push_back(member.partner);
                verdict.onthoudingWeight += weight;
                break;
        }
    }
    switch (rule.kind) {
        case DecisionRule::Kind::Consensus:
            explainAllMustAgree(verdict, "members");
            break;
        case DecisionRule::Kind::UnanimiteitKernpartners:
            explainAllMustAgree(verdict, "kernpartners");
            break;
        case DecisionRule::Kind::Meerderheid:
            explainMajority(verdict, rule);
            break;
    }
    return verdict;
}

}  // namespace beraad::workflow
