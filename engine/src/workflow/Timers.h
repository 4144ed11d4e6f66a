#pragma once
// When a timed transition of a document is due (docs/workflow.md, "Timed
// transitions"). Internal.

#include <chrono>
#include <optional>

#include "beraad/records/Records.h"
#include "beraad/workflow/Definition.h"

namespace beraad::workflow {

// 00:00 Europe/Amsterdam on the document's start date, or on the day after
// its end date; nothing for a transition without a timer or a document
// without the date it needs.
std::optional<std::chrono::system_clock::time_point> timerDue(
    const TransitionDefinition& transition, const Document& document);

}  // namespace beraad::workflow
