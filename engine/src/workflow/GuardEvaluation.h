#pragma once
// Evaluation of the guards a definition names, and the decision basis they
// share with the facade (whose rule, which members). Internal.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/store/Store.h"
#include "beraad/workflow/DecisionRule.h"
#include "beraad/workflow/Definition.h"
#include "beraad/workflow/Guards.h"
#include "workflow/ChainRecords.h"

namespace beraad::workflow {

// The state definition a document is in (nullptr when its definition or
// state is unknown).
const StateDefinition* stateOf(ReadTransaction& tx, const Document& document);
bool isAdopted(ReadTransaction& tx, const Document& document);
bool isFinal(ReadTransaction& tx, const Document& document);

// The region's samenwerkingsconvenant in an adopted state (in force), if any.
std::optional<Document> convenantInForce(ReadTransaction& tx, const std::string& region);
// The convenant whose rule decides the region's agendas: the one in force,
// else the newest one decided on (a state with governs="true").
std::optional<Document> governingConvenant(ReadTransaction& tx, const std::string& region);

// Whose decision rule applies to a document and who may decide: for a
// convenant its own latest content; for an agenda the convenant in force.
// A partij that left the Beraad by `today` is no member: its decisions stay
// in the history but no longer count (docs/workflow.md, "Uittreding").
struct DecisionBasis {
    std::string convenantId;
    std::int64_t convenantVersion = 0;
    DecisionRule rule;
    std::vector<Member> members;
};
Result<DecisionBasis> decisionBasis(ReadTransaction& tx, const Document& document,
                                    const Version& latest, const std::string& today);

// The partners of `region` that left the Beraad by `date` (ISO).
std::set<std::string> partnersLeftBy(ReadTransaction& tx, const std::string& region,
                                     const std::string& date);

// The decision that counts per partner: the "geldend" one on `contentHash`
// (statuses as ChainReader::document marks them).
std::map<std::string, Verdict> currentDecisions(const std::vector<DecisionRecord>& decisions,
                                                const std::string& contentHash);

struct GuardContext {
    ReadTransaction& tx;
    const Document& document;
    const Version& latest;  // with content
    std::string today;      // ISO date
    // Where decisions, signatures and admissions are read from; without one
    // the guards read the chain with its hash links checked only.
    ChainReader* chain = nullptr;
};

GuardOutcome evaluateGuard(const Invocation& guard, const GuardContext& context);
std::vector<GuardOutcome> evaluateGuards(const TransitionDefinition& transition,
                                         const GuardContext& context);

}  // namespace beraad::workflow
