#pragma once
// Firing a transition inside the caller's write transaction: guards, the
// state change, its transition row and "overgang" event, then the effects
// (which fire transitions on other documents as the systeem actor). The
// caller has checked scope, role and reason. Internal.

#include <string>

#include "beraad/base/Actor.h"
#include "beraad/base/Result.h"
#include "beraad/store/Store.h"
#include "beraad/workflow/Definition.h"
#include "beraad/workflow/Workflow.h"
#include "workflow/ChainRecords.h"

namespace beraad::workflow {

struct FireContext {
    WriteTransaction& tx;
    const Actor& actor;
    std::string time;              // ISO timestamp of the step
    std::string today;             // ISO date for date guards
    ChainReader* chain = nullptr;  // passed on to the guards
    std::string due;               // a timed transition: when it was due (UTC ISO)
};

Result<TransitionResult> fire(const FireContext& context, Document document,
                              const Definition& definition, const TransitionDefinition& transition,
                              const std::string& reason);

// "no transition 'x' from state 'y'; from 'y' you can: a, b" style refusal.
Error noSuchTransition(const Document& document, const Definition& definition,
                       const std::string& name);

}  // namespace beraad::workflow
