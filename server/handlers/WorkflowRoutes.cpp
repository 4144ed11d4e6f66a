// Workflow over REST: transitions, decisions (goedkeuringen), signatures,
// amendments, admissions and the overview of all regions. Operations are
// sub-resources: POST adds one, GET lists them.
#include <limits>

#include "api/Api.h"
#include "beraad/present/Json.h"

namespace beraad::server {

using present::toJson;

namespace {

std::string text(const Poco::JSON::Object::Ptr& body, const char* name) {
    return body->optValue<std::string>(name, "");
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
    auto body = api::parseBody(request);
    if (!body) return api::fail(body.error(), request);
    TransitionRequest transition{document->id, text(*body, "naam"), std::nullopt,
                                 text(*body, "reden")};
    if (transition.transition.empty()) {
        return api::fail(makeError(ErrorCode::InvalidInput, "name the transition to fire",
                                   {{"required field is missing", std::nullopt, "/naam"}}),
                         request);
    }
    auto base = api::integerQuery(request, "basis", 1, std::numeric_limits<std::int64_t>::max());
    if (!base) return api::fail(base.error(), request);
    transition.baseVersion = base->value_or(document->latestVersion);
    auto result = engine.transition(*request.actor, transition);
    if (!result) return api::fail(result.error(), request);
    auto response = api::withEtag(api::json(201, toJson(*result)), api::etagOf(result->document));
    response.headers["Location"] =
        std::string(kBasePath) + "/documenten/" + document->id + "/transities";
    return response;
}

ApiResponse recordDecision(Engine& engine, ApiRequest& request) {
    std::optional<ApiResponse> refusal;
    auto version = conditionalVersion(engine, request, refusal);
    if (!version) return api::fail(version.error(), request);
    if (refusal) return *refusal;
    auto body = api::parseBody(request);
    if (!body) return api::fail(body.error(), request);
    DecisionRequest decision;
    decision.documentId = version->documentId;
    decision.version = version->number;
    decision.contentHash = version->contentHash;
    decision.partner = text(*body, "partner");
    if (decision.partner.empty() && request.actor->partner)
        decision.partner = *request.actor->partner;
    decision.verdict = text(*body, "besluit");
    decision.representative = text(*body, "vertegenwoordiger");
    decision.date = text(*body, "datum");
    decision.vergadering = text(*body, "vergadering");
    decision.agendapunt = text(*body, "agendapunt");
    decision.remark = text(*body, "opmerking");
    auto recorded = engine.recordDecision(*request.actor, decision);
    if (!recorded) return api::fail(recorded.error(), request);
    return api::json(201, toJson(*recorded));
}

ApiResponse listDecisions(Engine& engine, ApiRequest& request) {
    auto number = api::versionNumber(request);
    if (!number) return api::fail(number.error(), request);
    auto version = engine.version(*request.actor, request.parameters["id"], *number);
    if (!version) return api::fail(version.error(), request);
    auto status = engine.decisionStatus(*request.actor, version->documentId);
    if (!status) return api::fail(status.error(), request);
    Poco::JSON::Array array;
    for (const auto* list : {&status->current, &status->stale}) {
        for (const auto& decision : *list) {
            if (decision.version == version->number) array.add(toJson(decision));
        }
    }
    Poco::JSON::Object body;
    body.set("goedkeuringen", array);
    return api::withEtag(api::json(200, body), api::etagOf(*version));
}

ApiResponse recordSignature(Engine& engine, ApiRequest& request) {
    std::optional<ApiResponse> refusal;
    auto version = conditionalVersion(engine, request, refusal);
    if (!version) return api::fail(version.error(), request);
    if (refusal) return *refusal;
    auto body = api::parseBody(request);
    if (!body) return api::fail(body.error(), request);
    SignatureRequest signature{version->documentId,          version->number,
                               version->contentHash,         text(*body, "partner"),
                               text(*body, "ondertekenaar"), text(*body, "functie"),
                               text(*body, "plaats"),        text(*body, "datum")};
    if (signature.partner.empty() && request.actor->partner)
        signature.partner = *request.actor->partner;
    auto recorded = engine.recordSignature(*request.actor, signature);
    if (!recorded) return api::fail(recorded.error(), request);
    return api::json(201, toJson(*recorded));
}

ApiResponse admitPartner(Engine& engine, ApiRequest& request) {
    auto region = engine.region(*request.actor, request.parameters["code"]);
    if (!region) return api::fail(region.error(), request);
    if (auto refused = api::checkIfMatch(request, api::etagOf(*region))) return *refused;
    auto body = api::parseBody(request);
    if (!body) return api::fail(body.error(), request);
    AdmissionRequest admission{region->code,
                               text(*body, "partner"),
                               text(*body, "vergadering"),
                               text(*body, "agendapunt"),
                               text(*body, "datum"),
                               {}};
    if (auto votes = body.value()->getObject("stemmen")) {
        for (const auto& [partner, verdict] : *votes)
            admission.votes[partner] = verdict.toString();
    }
    auto result = engine.admitStrategischPartner(*request.actor, admission);
    if (!result) return api::fail(result.error(), request);
    return api::json(201, toJson(*result));
}

ApiResponse overview(Engine& engine, ApiRequest& request) {
    OverviewOptions options;
    auto days = api::integerQuery(request, "binnenDagen", 0, 3650);
    if (!days) return api::fail(days.error(), request);
    if (*days) options.withinDays = static_cast<int>(**days);
    if (auto target = request.queryValue("streefdatum")) options.targetDate = *target;
    if (auto today = request.queryValue("peildatum")) options.today = *today;
    auto result = engine.overview(*request.actor, options);
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
                        "transities", engine.transitions(*request.actor, request.parameters["id"]),
                        request);
                }});
    router.add({"POST", "/api/v1/documenten/{id}/transities",
                [&engine](ApiRequest& request) { return fireTransition(engine, request); }});
    router.add({"GET", "/api/v1/documenten/{id}/besluitvorming", [&engine](ApiRequest& request) {
                    return api::single(
                        engine.decisionStatus(*request.actor, request.parameters["id"]), request);
                }});
    router.add({"GET", "/api/v1/documenten/{id}/versies/{nummer}/goedkeuringen",
                [&engine](ApiRequest& request) { return listDecisions(engine, request); }});
    router.add({"POST", "/api/v1/documenten/{id}/versies/{nummer}/goedkeuringen",
                [&engine](ApiRequest& request) { return recordDecision(engine, request); }});
    router.add({"GET", "/api/v1/documenten/{id}/ondertekeningen", [&engine](ApiRequest& request) {
                    return api::single(
                        engine.signatureStatus(*request.actor, request.parameters["id"]), request);
                }});
    router.add({"POST", "/api/v1/documenten/{id}/versies/{nummer}/ondertekeningen",
                [&engine](ApiRequest& request) { return recordSignature(engine, request); }});
    router.add({"POST", "/api/v1/documenten/{id}/wijzigingen", [&engine](ApiRequest& request) {
                    auto document = engine.document(*request.actor, request.parameters["id"]);
                    if (!document) return api::fail(document.error(), request);
                    if (auto refused = api::checkIfMatch(request, api::etagOf(*document)))
                        return *refused;
                    auto amendment = engine.startAmendment(
                        *request.actor, {document->id, request.queryValue("bericht").value_or("")});
                    if (!amendment) return api::fail(amendment.error(), request);
                    auto response =
                        api::withEtag(api::json(201, toJson(*amendment)), api::etagOf(*amendment));
                    response.headers["Location"] =
                        std::string(kBasePath) + "/documenten/" + amendment->id;
                    return response;
                }});
    router.add({"POST", "/api/v1/regios/{code}/toelatingen",
                [&engine](ApiRequest& request) { return admitPartner(engine, request); }});
    router.add({"GET", "/api/v1/overzicht",
                [&engine](ApiRequest& request) { return overview(engine, request); }});
}

}  // namespace beraad::server
