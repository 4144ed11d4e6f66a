#pragma once
// Decision rules of a Regionaal Beraad. No national rule exists, so each
// convenant states its own (besluitvorming in its content); evaluate()
// applies it to the members and their decisions on one content hash and
// explains the outcome: who is missing, who voted against, the counts.
//
// Rules:
// - consensus: every member decided akkoord (onthouding or a missing member
//   blocks, as does niet-akkoord).
// - unanimiteit-kernpartners: every kernpartner decided akkoord; strategische
//   partners' decisions are recorded but do not count.
// - meerderheid: the members taking part (any decision, onthouding included)
//   hold at least `quorum` percent of all votes, and akkoord holds more than
//   `majority` percent of the votes cast for or against. With `weighted`
//   each member counts with its gewicht (default 1).
// Percentages are fixed-point hundredths (50% = 5000) so no rounding enters.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beraad::workflow {

enum class Verdict { Akkoord, NietAkkoord, Onthouding };
std::string_view toString(Verdict verdict);
std::optional<Verdict> parseVerdict(std::string_view text);

struct DecisionRule {
    enum class Kind { Consensus, UnanimiteitKernpartners, Meerderheid };
    Kind kind = Kind::Consensus;
    std::int64_t majorityHundredths = 5000;  // "more than" this share of votes cast
    std::int64_t quorumHundredths = 0;       // "at least" this share of all votes
    bool weighted = false;
};
std::string_view toString(DecisionRule::Kind kind);

struct Member {
    std::string partner;  // partner key
    bool kernpartner = false;
    std::int64_t weight = 1;
};

struct RuleVerdict {
    bool met = false;
    std::string rule;                    // "consensus", "unanimiteit-kernpartners", "meerderheid"
    std::string explanation;             // one sentence with the counts
    std::vector<std::string> missing;    // members that count and have not decided
    std::vector<std::string> against;    // niet-akkoord
    std::vector<std::string> abstained;  // onthouding
    std::vector<std::string> inFavour;   // akkoord
    std::int64_t totalWeight = 0;        // of the members that count
    std::int64_t akkoordWeight = 0;
    std::int64_t nietAkkoordWeight = 0;
    std::int64_t onthoudingWeight = 0;
};

// `decisions` holds the decision that counts per partner (the latest on the
// current content hash); decisions of non-members are ignored.
RuleVerdict evaluate(const DecisionRule& rule, const std::vector<Member>& members,
                     const std::map<std::string, Verdict>& decisions);

// "12,5%" style, for explanations.
std::string formatPercentage(std::int64_t hundredths);

}  // namespace beraad::workflow
