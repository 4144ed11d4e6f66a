// Engine::permits: the role and scope checks a use case makes first, for a
// front end to make before it reads a request's body.

#include "beraad/Engine.h"
#include "engine/EngineSupport.h"
#include "workflow/Catalog.h"

namespace beraad {
namespace {

// The role check alone; `what` is how the refusal names the operation.
bool roleMay(const Actor& actor, Operation operation, const char*& what) {
    switch (operation) {
        case Operation::CreateDocument:
            what = "create documents";
            return detail::mayWriteDocuments(actor);
        case Operation::AddVersion:
            what = "edit documents";
            return detail::mayWriteDocuments(actor);
        case Operation::StartAmendment:
            what = "start a wijziging";
            return detail::mayWriteDocuments(actor);
        case Operation::FireTransition:
            what = "fire transitions";
            return actor.role != Role::Auditor;
        case Operation::RecordDecision:
            what = "record decisions";
            return actor.role == Role::Secretariaat || actor.role == Role::Partner;
        case Operation::RecordSignature:
            what = "record signatures";
            return actor.role == Role::Secretariaat || actor.role == Role::Partner;
        case Operation::Rectify:
            what = "rectify decisions and signatures";
            return actor.role == Role::Secretariaat;
        case Operation::AdmitPartner:
            what = "record the kernpartners' decision on admitting a strategisch partner";
            return actor.role == Role::Secretariaat;
        case Operation::RegisterPartner:
            what = "register partners";
            return detail::mayManagePartners(actor);
        case Operation::CorrectRegion:
            what = "correct reference data (beheerder only)";
            return actor.role == Role::Beheerder;
        case Operation::VerifyBundle:
            what = "verify export bundles";
            return detail::mayExport(actor);
    }
    what = "do this";
    return false;
}

}  // namespace

Result<void> Engine::permits(const Actor& actor, Operation operation,
                             const OperationTarget& target) {
    const char* what = "";
    if (!roleMay(actor, operation, what)) return detail::forbidden(actor, what);
    if (!target.region.empty() && !actor.mayAccess(target.region))
        return detail::outOfScope(actor, target.region);
    if (target.document.empty()) return {};
    return detail::guarded([&]() -> Result<void> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(target.document);
        if (!document) return detail::notFound("document " + target.document);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        if (operation != Operation::FireTransition) return {};
        // A role no transition from the document's state allows is refused
        // now, as the transition itself would refuse it.
        auto definition =
            workflow::catalog::find(*tx, document->workflow, document->workflowVersion);
        if (!definition) return definition.error();
        for (const auto* transition : definition.value()->transitionsFrom(document->state))
            if (transition->allows(actor.role)) return {};
        return detail::forbidden(actor, "fire any transition from '" + document->state + "'");
    });
}

}  // namespace beraad
