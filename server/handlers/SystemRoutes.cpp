// /api/v1/health and /api/v1/openapi.json: no authentication.
#include "api/Api.h"
#include <map>
#include <string_view>

namespace beraad::server {
namespace resources {
const std::map<std::string_view, std::string_view>& all();  // generated: server/openapi.json
}

void addSystemRoutes(Router& router, Engine& engine) {
    router.add({"GET", "/api/v1/health",
                [&engine](ApiRequest&) {
                    auto probe = engine.budget(systemActor());
                    present::ServiceHealth health{std::nullopt, kApiVersion};
                    // Unauthenticated: the cause goes to the access log only.
                    std::string id = probe ? "" : newCorrelationId();
                    if (!probe) {
                        health.storageProblem = "de opslag is niet bereikbaar (kenmerk " + id + ")";
                    }
                    auto response = api::json(probe.ok() ? 200 : 503, present::toJson(health));
                    if (!probe) {
                        response.correlationId = id;
                        response.logDetail = probe.error().describe();
                    }
                    return response;
                },
                false});
    router.add({"GET", "/api/v1/openapi.json",
                [](ApiRequest&) {
                    auto response =
                        ApiResponse::bytes(200, "application/json",
                                           std::string(resources::all().at("server/openapi.json")));
                    response.headers["Access-Control-Allow-Origin"] = "*";
                    return response;
                },
                false});
}

}  // namespace beraad::server
