// Workflow over REST: transitions, decisions (goedkeuringen), signatures,
// amendments, admissions and the overview of all regions. Operations are
// sub-resources: POST adds one, GET lists them.
#include <limits>

#include "api/Api.h"
#include "beraad/present/Json.h"

namespace beraad::server {

using present::toJson;

namespace {

// A decision or signature as far as the path and If-Match say: the version it
// is about.
template <typename Request>
Request aboutVersion(const Version& version) {
    Request request;
    request.documentId = version.documentId;
    request.version = version.number;
    request.contentHash = version.contentHash;
    return request;
}

// A decision or signature names no partner: a partner token acts for its own.
void actingPartner(const ApiRequest& request, std::string& partner) {
    if (partner.empty() && request.actor->partner) partner = *request.actor->partner;
}

// The version a decision or signature is about, with its precondition:
// If-Match carries the version's ETag (its content hash), which never
// changes, so decisions of different partners never contend.
Result<Version> conditionalVersion(Engine& engine, ApiRequest& request,
                                   std::optional<ApiResponse>& refusal) {
    auto number = api::versionNumber(request);
    if (!number) return number.error();
    auto version = engine.version(*request.actor, request.parameters["id"], *number);
    if (!version) return version.error();
    refusal = api::checkIfMatch(request, api::etagOf(*version));
    return version;
}

ApiResponse fireTransition(Engine& engine, ApiRequest& request) {
    auto document = engine.document(*request.actor, request.parameters["id"]);
    if (!document) return api::fail(document.error(), request);
    if (auto refused = api::checkIfMatch(request, api::etagOf(*document))) return *refused;
    auto transition =
        api::parseRequest(request, TransitionRequest{document->id, "", std::nullopt, ""});
    if (!transition) return api::fail(transition.error(), request);
    auto base = api::integerQuery(request, "basis", 1, std::numeric_limits<std::int64_t>::max());
    if (!base) return api::fail(base.error(), request);
    transition.value().baseVersion = base->value_or(document->latestVersion);
    auto result = engine.transition(*request.actor, *transition);
    if (!result) return api::fail(result.error(), request);
    auto response =
        api::withEtag(api::withReceipt(engine, request, 201, toJson(*result),
                                       api::documentEvent(document->id, result->eventSequence)),
                      api::etagOf(result->document));
    response.headers["Location"] =
        std::string(kBasePath) + "/documenten/" + document->id + "/transities";
    return response;
}

ApiResponse recordDecision(Engine& engine, ApiRequest& request) {
    std::optional<ApiResponse> refusal;
    auto version = conditionalVersion(engine, request, refusal);
    if (!version) return api::fail(version.error(), request);
    if (refusal) return *refusal;
    auto decision = api::parseRequest(request, aboutVersion<DecisionRequest>(*version));
    if (!decision) return api::fail(decision.error(), request);
    actingPartner(request, decision.value().partner);
    auto recorded = engine.recordDecision(*request.actor, *decision);
    if (!recorded) return api::fail(recorded.error(), request);
    return api::withReceipt(engine, request, 201, toJson(*recorded),
                            api::documentEvent(recorded->documentId, recorded->eventSequence));
}

ApiResponse listDecisions(Engine& engine, ApiRequest& request) {
    auto number = api::versionNumber(request);
    if (!number) return api::fail(number.error(), request);
    auto version = engine.version(*request.actor, request.parameters["id"], *number);
    if (!version) return api::fail(version.error(), request);
    auto status = engine.decisionStatus(*request.actor, version->documentId);
    if (!status) return api::fail(status.error(), request);
    std::vector<DecisionRecord> decisions;
    for (const auto* list : {&status->current, &status->stale}) {
        for (const auto& decision : *list) {
            if (decision.version == version->number) decisions.push_back(decision);
        }
    }
    return api::withEtag(api::json(200, present::listToJson(decisions)), api::etagOf(*version));
}

ApiResponse recordSignature(Engine& engine, ApiRequest& request) {
    std::optional<ApiResponse> refusal;
    auto version = conditionalVersion(engine, request, refusal);
    if (!version) return api::fail(version.error(), request);
    if (refusal) return *refusal;
    auto signature = api::parseRequest(request, aboutVersion<SignatureRequest>(*version));
    if (!signature) return api::fail(signature.error(), request);
    actingPartner(request, signature.value().partner);
    auto recorded = engine.recordSignature(*request.actor, *signature);
    if (!recorded) return api::fail(recorded.error(), request);
    return api::withReceipt(engine, request, 201, toJson(*recorded),
                            api::documentEvent(recorded->documentId, recorded->eventSequence));
}

// POST .../goedkeuringen/{besluitId}/rectificaties and
// .../ondertekeningen/{ondertekeningId}/rectificaties: the record's id is in the path.
template <typename Rectification, typename Rectify>
ApiResponse rectify(Engine& engine, ApiRequest& request, const char* idParameter,
                    std::int64_t Rectification::*recordId, Rectify engineCall) {
    auto document = engine.document(*request.actor, request.parameters["id"]);
    if (!document) return api::fail(document.error(), request);
    if (auto refused = api::checkIfMatch(request, api::etagOf(*document))) return *refused;
    Rectification addressed;
    addressed.documentId = document->id;
    try {
        addressed.*recordId = std::stoll(request.parameters[idParameter]);
    } catch (const std::exception&) {
        return api::fail(
            makeError(ErrorCode::NotFound,
                      "no record " + request.parameters[idParameter] + " of " + document->id),
            request);
    }
    auto rectification = api::parseRequest(request, addressed);
    if (!rectification) return api::fail(rectification.error(), request);
    auto recorded = (engine.*engineCall)(*request.actor, *rectification);
    if (!recorded) return api::fail(recorded.error(), request);
    return api::withReceipt(engine, request, 201, toJson(*recorded),
                            api::documentEvent(recorded->documentId, recorded->eventSequence));
}

ApiResponse admitPartner(Engine& engine, ApiRequest& request) {
    auto region = engine.region(*request.actor, request.parameters["code"]);
    if (!region) return api::fail(region.error(), request);
    if (auto refused = api::checkIfMatch(request, api::etagOf(*region))) return *refused;
    auto admission = api::parseRequest(request, AdmissionRequest{region->code, "", "", "", "", {}});
    if (!admission) return api::fail(admission.error(), request);
    auto result = engine.admitStrategischPartner(*request.actor, *admission);
    if (!result) return api::fail(result.error(), request);
    return api::withReceipt(engine, request, 201, toJson(*result),
                            api::regionEvent(region->code, result->record.eventSequence));
}

// binnenDagen, streefdatum and peildatum, shared by the overview and the
// herinneringen.
Result<OverviewOptions> overviewOptions(ApiRequest& request) {
    OverviewOptions options;
    auto days = api::integerQuery(request, "binnenDagen", 0, 3650);
    if (!days) return days.error();
    if (*days) options.withinDays = static_cast<int>(**days);
    if (auto target = request.queryValue("streefdatum")) options.targetDate = *target;
    if (auto today = request.queryValue("peildatum")) options.today = *today;
    return options;
}

ApiResponse overview(Engine& engine, ApiRequest& request) {
    auto options = overviewOptions(request);
    if (!options) return api::fail(options.error(), request);
    auto result = engine.overview(*request.actor, *options);
    if (!result) return api::fail(result.error(), request);
    return api::json(200, toJson(*result));
}

ApiResponse reminders(Engine& engine, ApiRequest& request) {
    auto common = overviewOptions(request);
    if (!common) return api::fail(common.error(), request);
    ReminderOptions options{request.queryValue("regio"), common->withinDays, common->targetDate,
                            common->today};
    auto result = engine.reminders(*request.actor, options);
    if (!result) return api::fail(result.error(), request);
    return api::json(200, toJson(*result));
}

}  // namespace

void addWorkflowRoutes(Router& router, Engine& engine) {
    router.add({"GET", "/api/v1/documenten/{id}/workflow", [&engine](ApiRequest& request) {
                    auto status = engine.workflowStatus(*request.actor, request.parameters["id"]);
                    if (!status) return api::fail(status.error(), request);
                    return api::withEtag(api::json(200, toJson(*status)),
                                         api::etagOf(status->document));
                }});
    router.add({"GET", "/api/v1/documenten/{id}/transities", [&engine](ApiRequest& request) {
                    return api::collection(
                        engine.transitions(*request.actor, request.parameters["id"]), request);
                }});
    router.add({"POST", "/api/v1/documenten/{id}/transities",
                [&engine](ApiRequest& request) { return fireTransition(engine, request); }, true,
                BodyBudget::Json, Operation::FireTransition});
    router.add({"GET", "/api/v1/documenten/{id}/besluitvorming", [&engine](ApiRequest& request) {
                    return api::single(
                        engine.decisionStatus(*request.actor, request.parameters["id"]), request);
                }});
    router.add({"GET", "/api/v1/documenten/{id}/versies/{nummer}/goedkeuringen",
                [&engine](ApiRequest& request) { return listDecisions(engine, request); }});
    router.add({"POST", "/api/v1/documenten/{id}/versies/{nummer}/goedkeuringen",
                [&engine](ApiRequest& request) { return recordDecision(engine, request); }, true,
                BodyBudget::Json, Operation::RecordDecision});
    router.add({"GET", "/api/v1/documenten/{id}/ondertekeningen", [&engine](ApiRequest& request) {
                    return api::single(
                        engine.signatureStatus(*request.actor, request.parameters["id"]), request);
                }});
    router.add({"POST", "/api/v1/documenten/{id}/versies/{nummer}/ondertekeningen",
                [&engine](ApiRequest& request) { return recordSignature(engine, request); }, true,
                BodyBudget::Json, Operation::RecordSignature});
    router.add({"POST", "/api/v1/documenten/{id}/goedkeuringen/{besluitId}/rectificaties",
                [&engine](ApiRequest& request) {
                    return rectify(engine, request, "besluitId", &DecisionRectification::decision,
                                   &Engine::rectifyDecision);
                },
                true, BodyBudget::Json, Operation::Rectify});
    router.add({"POST", "/api/v1/documenten/{id}/ondertekeningen/{ondertekeningId}/rectificaties",
                [&engine](ApiRequest& request) {
                    return rectify(engine, request, "ondertekeningId",
                                   &SignatureRectification::signature, &Engine::rectifySignature);
                },
                true, BodyBudget::Json, Operation::Rectify});
    router.add({"POST", "/api/v1/documenten/{id}/wijzigingen",
                [&engine](ApiRequest& request) {
                    auto document = engine.document(*request.actor, request.parameters["id"]);
                    if (!document) return api::fail(document.error(), request);
                    if (auto refused = api::checkIfMatch(request, api::etagOf(*document)))
                        return *refused;
                    auto amendment = engine.startAmendment(
                        *request.actor, {document->id, request.queryValue("bericht").value_or("")});
                    if (!amendment) return api::fail(amendment.error(), request);
                    auto response =
                        api::withEtag(api::withReceipt(engine, request, 201, toJson(*amendment),
                                                       api::documentEvent(amendment->id, 1)),
                                      api::etagOf(*amendment));
                    response.headers["Location"] =
                        std::string(kBasePath) + "/documenten/" + amendment->id;
                    return response;
                },
                true, BodyBudget::None, Operation::StartAmendment});
    router.add({"POST", "/api/v1/regios/{code}/toelatingen",
                [&engine](ApiRequest& request) { return admitPartner(engine, request); }, true,
                BodyBudget::Json, Operation::AdmitPartner});
    router.add({"GET", "/api/v1/overzicht",
                [&engine](ApiRequest& request) { return overview(engine, request); }});
    router.add({"GET", "/api/v1/herinneringen",
                [&engine](ApiRequest& request) { return reminders(engine, request); }});
    router.add({"GET", "/api/v1/geplande-overgangen", [&engine](ApiRequest& request) {
                    // The server takes them itself (its scheduler); this lists them.
                    auto run = engine.runTimers(*request.actor, false);
                    if (!run) return api::fail(run.error(), request);
                    return api::json(200, toJson(*run));
                }});
}

}  // namespace beraad::server
