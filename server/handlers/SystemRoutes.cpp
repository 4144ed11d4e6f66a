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
                    Poco::JSON::Object body;
                    body.set("status", probe.ok() ? "ok" : "fout");
                    body.set("opslag", probe.ok() ? "ok" : probe.error().message);
                    body.set("versie", kApiVersion);
                    return api::json(probe.ok() ? 200 : 503, body);
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
