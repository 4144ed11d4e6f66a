// /api/v1/sleutels and, per document and per region, the signed checkpoint,
// inclusion and consistency proofs, receipts and witness cosignatures.
#include "api/Api.h"
#include "beraad/present/TrustJson.h"

namespace beraad::server {

namespace {

struct StreamRoutes {
    std::string prefix;     // "/api/v1/documenten/{id}"
    std::string parameter;  // "id"
    std::string (*stream)(const std::string&);
};

Result<std::int64_t> eventNumber(const ApiRequest& request) {
    const std::string& text = request.parameters.at("n");
    bool digits = !text.empty() && text.size() < 12 &&
                  text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoll(text) < 1) {
        return makeError(ErrorCode::NotFound,
                         "event '" + text + "' does not exist: events are numbered 1, 2, 3, ...");
    }
    return std::stoll(text);
}

Result<std::int64_t> requiredQuery(const ApiRequest& request, const std::string& key) {
    auto value = api::integerQuery(request, key, 1, 1LL << 40);
    if (!value) return value.error();
    if (!*value) {
        return makeError(ErrorCode::InvalidInput, "the query parameter " + key + " is required",
                         {{"a tree size: 1, 2, 3, ...", std::nullopt, key}});
    }
    return **value;
}

ApiResponse proofAnswer(const Result<MerkleProof>& proof, const ApiRequest& request) {
    if (!proof) return api::fail(proof.error(), request);
    return api::json(200, present::toJson(*proof));
}

ApiResponse note(const Result<std::string>& text, const ApiRequest& request) {
    if (!text) return api::fail(text.error(), request);
    return ApiResponse::bytes(200, "text/plain; charset=utf-8", *text);
}

void addStreamRoutes(Router& router, Engine& engine, const StreamRoutes& routes) {
    auto streamOf = [routes](const ApiRequest& request) {
        return routes.stream(routes.parameter.empty() ? ""
                                                      : request.parameters.at(routes.parameter));
    };
    router.add({"GET", routes.prefix + "/checkpoint", [&engine, streamOf](ApiRequest& request) {
                    return note(engine.checkpoint(*request.actor, streamOf(request)), request);
                }});
    router.add({"GET", routes.prefix + "/gebeurtenissen/{n}/bewijs",
                [&engine, streamOf](ApiRequest& request) {
                    auto n = eventNumber(request);
                    if (!n) return api::fail(n.error(), request);
                    auto size = requiredQuery(request, "grootte");
                    if (!size) return api::fail(size.error(), request);
                    return proofAnswer(
                        engine.inclusionProof(*request.actor, streamOf(request), *n, *size),
                        request);
                }});
    router.add({"GET", routes.prefix + "/gebeurtenissen/{n}/ontvangstbewijs",
                [&engine, streamOf](ApiRequest& request) {
                    auto n = eventNumber(request);
                    if (!n) return api::fail(n.error(), request);
                    auto receipt = engine.receipt(*request.actor, streamOf(request), *n);
                    if (!receipt) return api::fail(receipt.error(), request);
                    return api::json(200, present::toJson(*receipt));
                }});
    router.add({"GET", routes.prefix + "/consistentie", [&engine, streamOf](ApiRequest& request) {
                    auto from = requiredQuery(request, "van");
                    if (!from) return api::fail(from.error(), request);
                    auto to = requiredQuery(request, "naar");
                    if (!to) return api::fail(to.error(), request);
                    return proofAnswer(
                        engine.consistencyProof(*request.actor, streamOf(request), *from, *to),
                        request);
                }});
    router.add({"POST", routes.prefix + "/checkpoint/medeondertekeningen",
                [&engine, streamOf](ApiRequest& request) {
                    auto body = api::parseBody(request);
                    if (!body) return api::fail(body.error(), request);
                    auto& object = **body;
                    for (const char* field : {"getuigeSleutel", "ondertekening"}) {
                        if (!object.has(field) || !object.get(field).isString()) {
                            return api::fail(makeError(ErrorCode::InvalidInput,
                                                       std::string(field) + " is required",
                                                       {{"a string", std::nullopt, field}}),
                                             request);
                        }
                    }
                    if (!object.has("grootte") || !object.get("grootte").isInteger()) {
                        return api::fail(
                            makeError(ErrorCode::InvalidInput, "grootte is required",
                                      {{"the checkpoint's tree size", std::nullopt, "grootte"}}),
                            request);
                    }
                    auto cosigned = engine.addCosignature(
                        *request.actor, streamOf(request), object.getValue<Poco::Int64>("grootte"),
                        object.getValue<std::string>("getuigeSleutel"),
                        object.getValue<std::string>("ondertekening"));
                    if (!cosigned) return api::fail(cosigned.error(), request);
                    return ApiResponse::bytes(201, "text/plain; charset=utf-8", *cosigned);
                },
                true, BodyBudget::Json});
}

std::string systemStream(const std::string&) {
    return kSystemStream;
}

}  // namespace

void addTrustRoutes(Router& router, Engine& engine) {
    router.add({"GET", "/api/v1/sleutels",
                [&engine](ApiRequest&) {
                    Poco::JSON::Array keys;
                    bool first = true;
                    for (const auto& key : engine.publicKeys()) {
                        keys.add(present::toJson(key, first));
                        first = false;
                    }
                    Poco::JSON::Object body;
                    body.set("sleutels", keys);
                    auto response = api::json(200, body);
                    response.headers["Access-Control-Allow-Origin"] = "*";
                    return response;
                },
                false});
    addStreamRoutes(router, engine, {"/api/v1/documenten/{id}", "id", &documentStream});
    addStreamRoutes(router, engine, {"/api/v1/regios/{code}", "code", &regionStream});
    addStreamRoutes(router, engine, {"/api/v1/systeem", "", &systemStream});
}

}  // namespace beraad::server
