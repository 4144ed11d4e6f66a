// Engine facade, timed transitions: the steps a definition lets the system
// take when a date comes (docs/workflow.md, "Timed transitions").
#include <algorithm>
#include <set>
#include <utility>

#include "beraad/Engine.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "workflow/Catalog.h"
#include "workflow/Timers.h"
#include "workflow/Transitions.h"

namespace beraad {

using detail::guarded;

namespace {

using TimePoint = std::chrono::system_clock::time_point;

struct Candidate {
    Document document;
    const workflow::TransitionDefinition* transition = nullptr;
    std::shared_ptr<const workflow::Definition> definition;
    TimePoint due;
};

// (kind, state) pairs some known definition leaves by a timer.
std::set<std::pair<std::string, std::string>> timedStates(ReadTransaction& tx) {
    std::set<std::pair<std::string, std::string>> states;
    auto add = [&](const workflow::Definition& definition) {
        for (const auto& transition : definition.transitions) {
            if (transition.timer)
                states.insert({std::string(toString(definition.kind)), transition.from});
        }
    };
    for (const auto& definition : workflow::shippedDefinitions())
        add(definition);
    for (const auto& record : tx.listWorkflowDefinitions()) {
        auto found = workflow::catalog::find(tx, record.name, record.version);
        if (found) add(*found.value());
    }
    return states;
}

std::vector<Candidate> candidates(ReadTransaction& tx, const Actor& actor) {
    std::vector<Candidate> found;
    for (const auto& [kind, state] : timedStates(tx)) {
        DocumentFilter filter;
        filter.kind = kind;
        filter.state = state;
        filter.limit = 1000;
        for (;; filter.offset += filter.limit) {
            auto page = tx.listDocuments(filter);
            for (const auto& document : page) {
                if (!actor.mayAccess(document.region)) continue;
                auto definition =
                    workflow::catalog::find(tx, document.workflow, document.workflowVersion);
                if (!definition) continue;
                for (const auto* transition : definition.value()->transitionsFrom(state)) {
                    auto due = workflow::timerDue(*transition, document);
                    if (due) found.push_back({document, transition, definition.value(), *due});
                }
            }
            if (page.size() < static_cast<size_t>(filter.limit)) break;
        }
    }
    // Soonest first; steps due at the same moment keep the store's listing
    // order (each is taken on its own, reading its document again).
    std::stable_sort(found.begin(), found.end(),
                     [](const Candidate& a, const Candidate& b) { return a.due < b.due; });
    return found;
}

TimedStep stepOf(const Candidate& candidate) {
    TimedStep step;
    step.document = candidate.document.id;
    step.region = candidate.document.region;
    step.transition = candidate.transition->name;
    step.from = candidate.transition->from;
    step.to = candidate.transition->to;
    step.due = formatTimestamp(candidate.due);
    return step;
}

std::string timerReason(const workflow::TransitionDefinition& transition,
                        const Document& document) {
    if (transition.timer->at == workflow::TimerDefinition::At::PeriodStart)
        return "tijd: de ingangsdatum " + document.periodStart.value_or("") + " is bereikt";
    return "tijd: de periode tot en met " + document.periodEnd.value_or("") + " is voorbij";
}

}  // namespace

Result<TimerRun> Engine::runTimers(const Actor& actor, bool fire) {
    return guarded([&]() -> Result<TimerRun> {
        auto now = clock_->now();
        TimerRun run;
        run.time = formatTimestamp(now);
        std::vector<Candidate> due;
        {
            auto tx = store_->beginRead();
            for (auto& candidate : candidates(*tx, actor)) {
                if (candidate.due > now || !fire)
                    run.upcoming.push_back(stepOf(candidate));
                else
                    due.push_back(std::move(candidate));
            }
        }
        Actor system = systemActor();
        for (const auto& candidate : due) {
            TimedStep step = stepOf(candidate);
            auto tx = store_->beginWrite();
            // Read again inside the write: another server, or an effect of
            // an earlier step in this run, may have moved the document on.
            auto document = tx->findDocument(candidate.document.id);
            if (!document || document->state != candidate.transition->from ||
                document->workflowVersion != candidate.document.workflowVersion) {
                continue;
            }
            auto chain = detail::chainReader(*tx, keys_.get());
            workflow::FireContext context{*tx,    system,  run.time, amsterdamDate(now),
                                          &chain, step.due};
            auto fired =
                workflow::fire(context, *document, *candidate.definition, *candidate.transition,
                               timerReason(*candidate.transition, *document));
            if (!fired) {
                step.refused = fired.error().describe();
                run.refused.push_back(std::move(step));
                continue;  // the transaction is rolled back
            }
            commit(*tx);
            step.effects = fired->effects;
            step.eventSequence = fired->eventSequence;
            run.fired.push_back(std::move(step));
        }
        return run;
    });
}

}  // namespace beraad
