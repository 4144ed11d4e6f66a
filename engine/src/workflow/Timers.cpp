#include "workflow/Timers.h"

#include "base/Dates.h"
#include "beraad/base/Clock.h"

namespace beraad::workflow {

std::optional<std::chrono::system_clock::time_point> timerDue(
    const TransitionDefinition& transition, const Document& document) {
    if (!transition.timer) return std::nullopt;
    if (transition.timer->at == TimerDefinition::At::PeriodStart) {
        if (!document.periodStart) return std::nullopt;
        return amsterdamMidnight(*document.periodStart);
    }
    if (!document.periodEnd) return std::nullopt;
    auto end = dates::parse(*document.periodEnd);
    if (!end) return std::nullopt;
    return amsterdamMidnight(dates::format(dates::addDays(*end, 1)));
}

}  // namespace beraad::workflow
