// /api/v1/regios, partners, corrections, budget.
#include <Poco/URI.h>

#include "api/Api.h"
#include "beraad/present/Json.h"

namespace beraad::server {

using present::toJson;

namespace {

// The content of a new document of the region, written from its data
// (Engine::modelDraft): XML for a kwartiermaker to edit and then POST to
// /documenten. What it was based on and its notes travel as headers.
ApiResponse modelDraft(Engine& engine, ApiRequest& request) {
    auto kindName = request.queryValue("soort");
    auto kind = kindName ? parseDocumentKind(*kindName) : std::nullopt;
    if (!kind) {
        return api::fail(
            makeError(
                ErrorCode::InvalidInput,
                "soort must be samenwerkingsconvenant, beleidsagenda or uitvoeringsagenda",
                {{kindName ? "'" + *kindName + "' is not a document kind" : "soort is missing",
                  std::nullopt, "soort"}}),
            request);
    }
    auto draft = engine.modelDraft(*request.actor,
                                   {*kind, request.parameters["code"], request.queryValue("begin"),
                                    request.queryValue("beleidsagenda")});
    if (!draft) return api::fail(draft.error(), request);
    auto response = ApiResponse::bytes(200, "application/xml; charset=utf-8", draft->content);
    if (draft->beleidsagendaId) response.headers["Beraad-Beleidsagenda"] = *draft->beleidsagendaId;
    if (!draft->notes.empty()) {
        std::string joined;
        for (const auto& note : draft->notes)
            joined += (joined.empty() ? "" : "\n") + inAnswerLanguage(note);
        std::string encoded;
        Poco::URI::encode(joined, "%", encoded);
        response.headers["Beraad-Opmerkingen"] = encoded;
    }
    return response;
}

// The partner the path names, or the problem that says it is not there.
Result<Partner> addressedPartner(Engine& engine, ApiRequest& request) {
    auto partners = engine.listPartners(*request.actor, request.parameters["code"]);
    if (!partners) return partners.error();
    for (const auto& partner : *partners) {
        if (partner.key == request.parameters["sleutel"]) return partner;
    }
    return makeError(ErrorCode::NotFound, "partner " + request.parameters["sleutel"] +
                                              " does not exist in region " +
                                              request.parameters["code"]);
}

// The partner as written, with its ETag and the receipt of its event.
ApiResponse savedPartner(Engine& engine, ApiRequest& request, int status,
                         const Result<Partner>& saved) {
    if (!saved) return api::fail(saved.error(), request);
    return api::withEtag(api::withReceipt(engine, request, status, toJson(*saved),
                                          api::regionEvent(saved->region, saved->eventSequence)),
                         api::etagOf(*saved));
}

// PATCH: a JSON merge patch (RFC 7396) under If-Match; only what it names changes.
ApiResponse patchPartner(Engine& engine, ApiRequest& request) {
    auto partner = addressedPartner(engine, request);
    if (!partner) return api::fail(partner.error(), request);
    if (auto refused = api::checkIfMatch(request, api::etagOf(*partner))) return *refused;
    if (request.header("Content-Type").value_or("").find("application/merge-patch+json") != 0) {
        return api::problem(415, "mediatype-niet-ondersteund", "Mediatype niet ondersteund",
                            "send the change as Content-Type: application/merge-patch+json "
                            "(RFC 7396); PUT replaces the whole partner",
                            request);
    }
    auto body = api::parseJson(request.body);
    if (!body) return api::fail(body.error(), request);
    auto change = present::requestFromJson(**body, PartnerChange{partner->region, partner->key});
    if (!change) return api::fail(change.error(), request);
    return savedPartner(engine, request, 200, engine.updatePartner(*request.actor, *change));
}

// POST .../uittredingen: the partner leaves the Beraad; If-Match its ETag.
ApiResponse partnerLeaves(Engine& engine, ApiRequest& request) {
    auto partner = addressedPartner(engine, request);
    if (!partner) return api::fail(partner.error(), request);
    if (auto refused = api::checkIfMatch(request, api::etagOf(*partner))) return *refused;
    auto leave = api::parseRequest(request, PartnerLeave{partner->region, partner->key, "", ""});
    if (!leave) return api::fail(leave.error(), request);
    return savedPartner(engine, request, 201, engine.recordLeave(*request.actor, *leave));
}

}  // namespace

void addRegionRoutes(Router& router, Engine& engine) {
    router.add({"GET", "/api/v1/regios", [&engine](ApiRequest& request) {
                    return api::collection(engine.listRegions(*request.actor), request);
                }});

    router.add({"GET", "/api/v1/regios/{code}", [&engine](ApiRequest& request) {
                    auto region = engine.region(*request.actor, request.parameters["code"]);
                    if (!region) return api::fail(region.error(), request);
                    return api::withEtag(api::json(200, toJson(*region)), api::etagOf(*region));
                }});

    router.add(
        {"POST", "/api/v1/regios/{code}/correcties",
         [&engine](ApiRequest& request) {
             auto region = engine.region(*request.actor, request.parameters["code"]);
             if (!region) return api::fail(region.error(), request);
             if (auto refused = api::checkIfMatch(request, api::etagOf(*region))) return *refused;
             auto correction = api::parseRequest(request, present::CentrumgemeenteCorrection{});
             if (!correction) return api::fail(correction.error(), request);
             auto corrected = engine.correctCentrumgemeente(
                 *request.actor, region->code, correction->centrumgemeente, correction->source);
             if (!corrected) return api::fail(corrected.error(), request);
             return api::withEtag(
                 api::withReceipt(engine, request, 201, toJson(*corrected),
                                  api::regionEvent(corrected->code, corrected->eventSequence)),
                 api::etagOf(*corrected));
         },
         true, BodyBudget::Json, Operation::CorrectRegion});

    router.add({"GET", "/api/v1/regios/{code}/partners", [&engine](ApiRequest& request) {
                    return api::collection(
                        engine.listPartners(*request.actor, request.parameters["code"]), request);
                }});

    router.add({"GET", "/api/v1/regios/{code}/partners/{sleutel}", [&engine](ApiRequest& request) {
                    auto partner = addressedPartner(engine, request);
                    if (!partner) return api::fail(partner.error(), request);
                    return api::withEtag(api::json(200, toJson(*partner)), api::etagOf(*partner));
                }});

    router.add({"PATCH", "/api/v1/regios/{code}/partners/{sleutel}",
                [&engine](ApiRequest& request) { return patchPartner(engine, request); }, true,
                BodyBudget::Json, Operation::RegisterPartner});

    router.add({"POST", "/api/v1/regios/{code}/partners/{sleutel}/uittredingen",
                [&engine](ApiRequest& request) { return partnerLeaves(engine, request); }, true,
                BodyBudget::Json, Operation::RegisterPartner});

    router.add({"PUT", "/api/v1/regios/{code}/partners/{sleutel}",
                [&engine](ApiRequest& request) {
                    const std::string& code = request.parameters["code"];
                    auto partners = engine.listPartners(*request.actor, code);
                    if (!partners) return api::fail(partners.error(), request);
                    std::string current = "\"nieuw\"";
                    bool exists = false;
                    for (const auto& partner : *partners) {
                        if (partner.key == request.parameters["sleutel"]) {
                            current = api::etagOf(partner);
                            exists = true;
                        }
                    }
                    if (exists) {
                        if (auto refused = api::checkIfMatch(request, current)) return *refused;
                    } else if (!request.header("If-Match") && !request.header("If-None-Match")) {
                        return api::problem(
                            428, "voorwaarde-vereist", "Voorwaarde vereist",
                            "send If-None-Match: * to create a partner, or If-Match with its "
                            "ETag to replace it",
                            request);
                    } else if (request.header("If-Match") && *request.header("If-Match") != "*") {
                        return api::problem(412, "voorwaarde-mislukt", "Voorwaarde mislukt",
                                            "the partner does not exist yet", request);
                    }
                    // Read whatever its Content-Type, as it always was.
                    auto body = api::parseJson(request.body);
                    if (!body) return api::fail(body.error(), request);
                    Partner addressed{code, "", "", "", "", {}};
                    auto partner = present::requestFromJson(**body, addressed);
                    if (!partner) return api::fail(partner.error(), request);
                    if (partner->key.empty()) partner.value().key = request.parameters["sleutel"];
                    if (partner->key != request.parameters["sleutel"]) {
                        return api::problem(
                            400, "ongeldige-invoer", "Ongeldige invoer",
                            "the sleutel in the body differs from the one in the path", request);
                    }
                    return savedPartner(engine, request, exists ? 200 : 201,
                                        engine.registerPartner(*request.actor, *partner));
                },
                true, BodyBudget::Json, Operation::RegisterPartner});

    router.add(
        {"GET", "/api/v1/regios/{code}/kernpartner-controle", [&engine](ApiRequest& request) {
             return api::single(
                 engine.checkKernpartners(*request.actor, request.parameters["code"]), request);
         }});

    router.add({"GET", "/api/v1/regios/{code}/modelinhoud",
                [&engine](ApiRequest& request) { return modelDraft(engine, request); }});

    router.add({"GET", "/api/v1/regios/{code}/gebeurtenissen", [&engine](ApiRequest& request) {
                    return api::collection(
                        engine.regionHistory(*request.actor, request.parameters["code"]), request);
                }});

    router.add({"GET", "/api/v1/budgetten", [&engine](ApiRequest& request) {
                    return api::collection(engine.budget(*request.actor), request);
                }});
}

}  // namespace beraad::server
