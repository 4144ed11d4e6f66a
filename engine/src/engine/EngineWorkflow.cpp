// Engine facade, workflow: status, transitions, definitions and
// moving a document to a newer definition.
#include <Poco/JSON/Array.h>

#include <set>

#include "beraad/Engine.h"
#include "beraad/base/Sha256.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "workflow/Catalog.h"
#include "workflow/GuardEvaluation.h"
#include "workflow/Timers.h"
#include "workflow/Transitions.h"

namespace beraad {

using detail::guarded;

Result<WorkflowStatus> Engine::workflowStatus(const Actor& actor, const std::string& documentId) {
    return guarded([&]() -> Result<WorkflowStatus> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(documentId);
        if (!document) return detail::notFound("document " + documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        auto definition =
            workflow::catalog::find(*tx, document->workflow, document->workflowVersion);
        if (!definition) return definition.error();
        auto latest = tx->findVersion(document->id, document->latestVersion);
        if (!latest) return makeError(ErrorCode::Integrity, documentId + " has no latest version");

        WorkflowStatus status;
        status.document = *document;
        status.definition = definition.value()->name;
        status.definitionVersion = definition.value()->version;
        status.role = std::string(toString(actor.role));
        if (const auto* state = definition.value()->state(document->state)) {
            status.final = state->final;
            status.editable = state->editable;
        }
        auto chain = detail::chainReader(*tx, keys_.get());
        workflow::GuardContext context{*tx, *document, *latest, amsterdamDate(clock_->now()),
                                       &chain};
        for (const auto* transition : definition.value()->transitionsFrom(document->state)) {
            TransitionOption option;
            option.name = transition->name;
            option.to = transition->to;
            option.roleAllowed = transition->allows(actor.role);
            option.reasonRequired = transition->reasonRequired;
            option.guards = workflow::evaluateGuards(*transition, context);
            if (auto due = workflow::timerDue(*transition, *document))
                option.due = formatTimestamp(*due);
            status.transitions.push_back(std::move(option));
        }
        return status;
    });
}

Result<TransitionResult> Engine::transition(const Actor& actor, const TransitionRequest& request) {
    if (request.documentId.empty() || request.transition.empty()) {
        return makeError(ErrorCode::InvalidInput, "a transition names a document and a transition");
    }
    text::FieldCheck texts;
    texts.add("reden", request.reason, text::Lines::Allowed);
    if (auto refused = detail::storableTexts(texts, "the transition"); !refused)
        return refused.error();
    return guarded([&]() -> Result<TransitionResult> {
        auto tx = store_->beginWrite();
        auto document = tx->findDocument(request.documentId);
        if (!document) return detail::notFound("document " + request.documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        auto definition =
            workflow::catalog::find(*tx, document->workflow, document->workflowVersion);
        if (!definition) return definition.error();
        const auto* transition =
            definition.value()->transition(document->state, request.transition);
        if (transition == nullptr) {
            return workflow::noSuchTransition(*document, *definition.value(), request.transition);
        }
        if (!transition->allows(actor.role)) {
            std::string roles;
            for (Role role : transition->roles)
                roles += (roles.empty() ? "" : ", ") + std::string(toString(role));
            return detail::forbidden(actor,
                                     "fire '" + transition->name + "' (allowed: " + roles + ")");
        }
        if (transition->reasonRequired && request.reason.empty()) {
            return makeError(ErrorCode::InvalidInput,
                             "transition '" + transition->name + "' needs a reason");
        }
        if (request.baseVersion && *request.baseVersion != document->latestVersion) {
            return makeError(ErrorCode::Conflict, "the step is based on version " +
                                                      std::to_string(*request.baseVersion) +
                                                      " of " + document->id +
                                                      ", but the latest version is " +
                                                      std::to_string(document->latestVersion) +
                                                      "; review the latest version and try again");
        }
        auto now = clock_->now();
        auto chain = detail::chainReader(*tx, keys_.get());
        workflow::FireContext context{*tx,    actor, formatTimestamp(now), amsterdamDate(now),
                                      &chain, ""};
        auto result =
            workflow::fire(context, *document, *definition.value(), *transition, request.reason);
        if (!result) return result.error();
        commit(*tx);
        return result;
    });
}

Result<std::vector<TransitionRecord>> Engine::transitions(const Actor& actor,
                                                          const std::string& documentId) {
    return guarded([&]() -> Result<std::vector<TransitionRecord>> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(documentId);
        if (!document) return detail::notFound("document " + documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        return tx->listTransitions(documentId);
    });
}

Result<workflow::Definition> Engine::registerWorkflowDefinition(const Actor& actor,
                                                                const std::string& xml) {
    if (actor.role != Role::Beheerder) {
        return detail::forbidden(actor, "register workflow definitions (beheerder only)");
    }
    auto loaded = workflow::loadDefinition(xml);
    if (!loaded) return loaded.error();
    const auto& definition = loaded.value();
    if (definition.name != toString(definition.kind)) {
        return makeError(ErrorCode::InvalidInput,
                         "a definition for " + std::string(toString(definition.kind)) +
                             " must be named '" + std::string(toString(definition.kind)) +
                             "', not '" + definition.name + "'");
    }
    return guarded([&]() -> Result<workflow::Definition> {
        auto tx = store_->beginWrite();
        if (workflow::catalog::find(*tx, definition.name, definition.version)) {
            return makeError(
                ErrorCode::Conflict,
                "workflow definition " + definition.name + " version " +
                    std::to_string(definition.version) +
                    " already exists; a definition is never changed, give it a new version");
        }
        std::string time = formatTimestamp(clock_->now());
        Poco::JSON::Object payload;
        payload.set("naam", definition.name);
        payload.set("versie", definition.version);
        payload.set("hash", sha256Hex(xml));
        appendEvent(*tx, kSystemStream, "workflow-definitie-geregistreerd", actor, time, payload);
        tx->insertWorkflowDefinition({definition.name, definition.version, xml, actor.name, time});
        commit(*tx);
        return definition;
    });
}

Result<std::vector<workflow::Definition>> Engine::workflowDefinitions(const Actor&) {
    return guarded([&]() -> Result<std::vector<workflow::Definition>> {
        std::vector<workflow::Definition> all = workflow::shippedDefinitions();
        auto tx = store_->beginRead();
        for (const auto& record : tx->listWorkflowDefinitions()) {
            auto found = workflow::catalog::find(*tx, record.name, record.version);
            if (!found) return found.error();
            all.push_back(*found.value());
        }
        return all;
    });
}

namespace {

Result<std::string> mappedState(const Document& document, const workflow::Definition& from,
                                const workflow::Definition& to, const MigrationRequest& request,
                                std::vector<std::string>& notes) {
    std::vector<ErrorDetail> problems;
    for (const auto& [source, target] : request.stateMapping) {
        if (!from.state(source)) {
            problems.push_back(
                {"version " + std::to_string(from.version) + " has no state '" + source + "'",
                 std::nullopt, source});
        }
        if (!to.state(target)) {
            problems.push_back(
                {"version " + std::to_string(to.version) + " has no state '" + target + "'",
                 std::nullopt, source + " -> " + target});
        }
    }
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidInput, "the state mapping names unknown states",
                         std::move(problems));
    }
    for (const auto& state : from.states) {
        if (!request.stateMapping.count(state.name) && !to.state(state.name)) {
            notes.push_back("state '" + state.name + "' of version " +
                            std::to_string(from.version) + " has no counterpart in version " +
                            std::to_string(to.version) + " and no mapping");
        }
    }
    auto mapped = request.stateMapping.find(document.state);
    if (mapped != request.stateMapping.end()) return mapped->second;
    if (to.state(document.state)) return document.state;
    return makeError(ErrorCode::Refused, document.id + " is in state '" + document.state +
                                             "', which version " + std::to_string(to.version) +
                                             " of " + to.name +
                                             " does not have; give a mapping for it");
}

}  // namespace

Result<MigrationReport> Engine::migrateWorkflow(const Actor& actor,
                                                const MigrationRequest& request) {
    if (actor.role != Role::Beheerder) {
        return detail::forbidden(actor,
                                 "move documents to another workflow definition (beheerder only)");
    }
    return guarded([&]() -> Result<MigrationReport> {
        auto tx = store_->beginWrite();
        auto document = tx->findDocument(request.documentId);
        if (!document) return detail::notFound("document " + request.documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        auto from = workflow::catalog::find(*tx, document->workflow, document->workflowVersion);
        if (!from) return from.error();
        auto to = workflow::catalog::find(*tx, document->workflow, request.targetVersion);
        if (!to) return to.error();
        if (request.targetVersion == document->workflowVersion) {
            return makeError(ErrorCode::InvalidInput, document->id + " already follows version " +
                                                          std::to_string(request.targetVersion));
        }
        MigrationReport report;
        report.documentId = document->id;
        report.definition = document->workflow;
        report.fromVersion = document->workflowVersion;
        report.toVersion = request.targetVersion;
        report.fromState = document->state;
        auto state = mappedState(*document, *from.value(), *to.value(), request, report.notes);
        if (!state) return state.error();
        report.toState = state.value();
        if (to.value()->state(report.toState)->final &&
            !from.value()->state(report.fromState)->final) {
            report.notes.push_back("the document ends in final state '" + report.toState + "'");
        }
        if (request.dryRun) return report;

        std::string time = formatTimestamp(clock_->now());
        Document migrated = *document;
        migrated.workflowVersion = request.targetVersion;
        migrated.state = report.toState;
        migrated.updatedAt = time;
        Poco::JSON::Object payload;
        payload.set("workflow", migrated.workflow);
        payload.set("vanVersie", report.fromVersion);
        payload.set("naarVersie", report.toVersion);
        payload.set("vanToestand", report.fromState);
        payload.set("naarToestand", report.toState);
        Poco::JSON::Object mapping;
        for (const auto& [source, target] : request.stateMapping)
            mapping.set(source, target);
        payload.set("toestandMapping", mapping);
        migrated.eventSequence = appendEvent(*tx, documentStream(migrated.id),
                                             "workflow-gemigreerd", actor, time, payload)
                                     .sequence;
        tx->updateDocument(migrated);
        tx->insertTransition({0, migrated.id, "workflow-migratie", report.fromState, report.toState,
                              migrated.latestVersion, migrated.latestContentHash,
                              request.targetVersion, "", actor.name,
                              std::string(toString(actor.role)), time, migrated.eventSequence});
        commit(*tx);
        report.applied = true;
        return report;
    });
}

}  // namespace beraad
