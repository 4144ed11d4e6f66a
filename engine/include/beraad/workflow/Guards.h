#pragma once
// The closed set of guards and effects a workflow definition may name.
// Guards are C++ predicates over a document, its latest content and the
// region's data; effects are follow-up steps in the same transaction.
// docs/workflow.md describes each one and its parameters.

#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Error.h"

namespace beraad::workflow {

struct GuardSpec {
    std::string_view name;
    std::vector<std::string_view> params;  // the parameters it accepts
    std::string_view description;
};

const std::vector<GuardSpec>& knownGuards();
const std::vector<GuardSpec>& knownEffects();

// The verdict of one guard on one document.
struct GuardOutcome {
    std::string guard;
    bool passed = false;
    std::string message;               // why it holds or why not, for people
    std::vector<ErrorDetail> details;  // one per problem (year, partner, action, ...)
};

}  // namespace beraad::workflow
