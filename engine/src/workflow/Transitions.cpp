#include "workflow/Transitions.h"

#include <Poco/JSON/Array.h>

#include "beraad/history/EventLog.h"
#include "beraad/history/Streams.h"
#include "workflow/Catalog.h"
#include "workflow/GuardEvaluation.h"

namespace beraad::workflow {
namespace {

Error guardsRefused(const Document& document, const TransitionDefinition& transition,
                    const std::vector<GuardOutcome>& outcomes) {
    std::vector<ErrorDetail> details;
    std::string failed;
    for (const auto& outcome : outcomes) {
        if (outcome.passed) continue;
        failed += (failed.empty() ? "" : ", ") + outcome.guard;
        details.push_back({outcome.message, std::nullopt, outcome.guard});
        for (const auto& problem : outcome.details) {
            details.push_back(
                {problem.message, problem.line, outcome.guard + ": " + problem.where});
        }
    }
    return makeError(ErrorCode::Refused,
                     "transition '" + transition.name + "' of " + document.id +
                         " is refused: " + failed + " not met",
                     std::move(details));
}

Poco::JSON::Array guardsJson(const std::vector<GuardOutcome>& outcomes) {
    Poco::JSON::Array array;
    for (const auto& outcome : outcomes) {
        Poco::JSON::Object entry;
        entry.set("naam", outcome.guard);
        entry.set("uitkomst", outcome.message);
        array.add(entry);
    }
    return array;
}

Result<void> applyEffect(const FireContext& context, const Document& trigger,
                         const Invocation& effect, std::vector<std::string>& log);

}  // namespace

Error noSuchTransition(const Document& document, const Definition& definition,
                       const std::string& name) {
    const StateDefinition* state = definition.state(document.state);
    if (state != nullptr && state->final) {
        return makeError(ErrorCode::Refused, document.id + " is in final state '" + document.state +
                                                 "'; no transition leaves it");
    }
    std::string possible;
    for (const auto* candidate : definition.transitionsFrom(document.state)) {
        possible +=
            (possible.empty() ? "" : ", ") + candidate->name + " (to " + candidate->to + ")";
    }
    return makeError(ErrorCode::Refused,
                     "there is no transition '" + name + "' from state '" + document.state +
                         "' of " + document.id + "; from '" + document.state +
                         "' you can: " + (possible.empty() ? "nothing" : possible));
}

Result<TransitionResult> fire(const FireContext& context, Document document,
                              const Definition& definition, const TransitionDefinition& transition,
                              const std::string& reason) {
    auto latest = context.tx.findVersion(document.id, document.latestVersion);
    if (!latest) return makeError(ErrorCode::Integrity, document.id + " has no latest version");
    // The row's state must be the state the document's chain ends in: a
    // transition never starts from a state written into the store by other means.
    ChainReader plain(context.tx);
    ChainReader& chain = context.chain ? *context.chain : plain;
    auto recorded = chain.document(document.id);
    if (!recorded) return recorded.error();
    if (recorded->state != document.state) {
        return makeError(ErrorCode::Integrity,
                         "the store says " + document.id + " is '" + document.state +
                             "' but its history says '" + recorded->state +
                             "'; no step is taken until 'beraad verify' is clean");
    }
    GuardContext guardContext{context.tx, document, *latest, context.today, &chain};
    auto outcomes = evaluateGuards(transition, guardContext);
    for (const auto& outcome : outcomes) {
        if (!outcome.passed) return guardsRefused(document, transition, outcomes);
    }

    TransitionResult result;
    result.from = document.state;
    result.to = transition.to;
    result.guards = outcomes;
    document.state = transition.to;
    document.updatedAt = context.time;
    Poco::JSON::Object payload;
    payload.set("overgang", transition.name);
    payload.set("van", result.from);
    payload.set("naar", result.to);
    payload.set("versie", latest->number);
    payload.set("inhoudHash", latest->contentHash);
    payload.set("workflow", definition.name);
    payload.set("workflowVersie", definition.version);
    payload.set("reden", reason);
    payload.set("voorwaarden", guardsJson(outcomes));
    if (!context.due.empty()) payload.set("gepland", context.due);
    result.eventSequence = appendEvent(context.tx, documentStream(document.id), "overgang",
                                       context.actor, context.time, payload)
                               .sequence;
    document.eventSequence = result.eventSequence;
    context.tx.updateDocument(document);
    context.tx.insertTransition({0, document.id, transition.name, result.from, result.to,
                                 latest->number, latest->contentHash, definition.version, reason,
                                 context.actor.name, std::string(toString(context.actor.role)),
                                 context.time, result.eventSequence});

    for (const auto& effect : transition.effects) {
        auto applied = applyEffect(context, document, effect, result.effects);
        if (!applied) return applied.error();
    }
    result.document = document;
    return result;
}

namespace {

Result<void> fireOn(const FireContext& context, const Document& trigger, Document target,
                    const std::string& transitionName, const std::string& reason,
                    std::vector<std::string>& log) {
    auto definition = catalog::find(context.tx, target.workflow, target.workflowVersion);
    if (!definition) return definition.error();
    const TransitionDefinition* transition =
        definition.value()->transition(target.state, transitionName);
    if (transition == nullptr || !transition->allows(Role::Systeem)) {
        return makeError(ErrorCode::Refused, trigger.id + " cannot take effect on " + target.id +
                                                 ": it is '" + target.state +
                                                 "' and has no transition '" + transitionName +
                                                 "' the system may fire");
    }
    Actor system = systemActor();
    FireContext effectContext{context.tx, system, context.time, context.today, context.chain, ""};
    std::string from = target.state;
    auto fired = fire(effectContext, target, *definition.value(), *transition, reason);
    if (!fired) return fired.error();
    log.push_back(target.id + ": " + from + " -> " + fired->to);
    log.insert(log.end(), fired->effects.begin(), fired->effects.end());
    return {};
}

Result<void> applyEffect(const FireContext& context, const Document& trigger,
                         const Invocation& effect, std::vector<std::string>& log) {
    const std::string& transitionName = effect.params.at("transition");
    std::string because = "effect " + effect.name + " of " + trigger.id + " (" + trigger.state +
                          ", by " + context.actor.name + ")";
    if (effect.name == "supersede-amended") {
        auto amendment = context.tx.findAmendment(trigger.id);
        if (!amendment) return {};  // an original convenant amends nothing
        auto amended = context.tx.findDocument(amendment->amends);
        if (!amended)
            return makeError(ErrorCode::Integrity,
                             "amended convenant " + amendment->amends + " is missing");
        return fireOn(context, trigger, *amended, transitionName,
                      "vervangen door wijziging " + trigger.id + "; " + because, log);
    }
    if (effect.name == "revise-previous") {
        DocumentFilter filter;
        filter.region = trigger.region;
        filter.kind = trigger.kind;
        filter.limit = 1000;
        for (const auto& other : context.tx.listDocuments(filter)) {
            if (other.id == trigger.id || other.beleidsagendaId != trigger.beleidsagendaId)
                continue;
            if (!isAdopted(context.tx, other)) continue;
            auto fired = fireOn(context, trigger, other, transitionName,
                                "herzien door " + trigger.id + "; " + because, log);
            if (!fired) return fired;
        }
        return {};
    }
    return makeError(ErrorCode::Integrity, "unknown effect '" + effect.name + "'");
}

}  // namespace

}  // namespace beraad::workflow
