// Export of history and offline bundle verification:
// GET /api/v1/documenten/{id}/export, GET /api/v1/regios/{code}/export,
// POST /api/v1/bundel-verificaties.
#include <fstream>

#include "api/Api.h"

namespace beraad::server {
namespace {

Result<bool> booleanQuery(const ApiRequest& request, const std::string& key, bool fallback) {
    auto text = request.queryValue(key);
    if (!text) return fallback;
    if (*text == "true") return true;
    if (*text == "false") return false;
    return makeError(ErrorCode::InvalidInput, "query parameter " + key + " must be true or false",
                     {{"'" + *text + "' is not allowed", std::nullopt, key}});
}

Result<ExportRequest> parseExportRequest(const ApiRequest& request) {
    ExportRequest exportRequest;
    std::string name = request.queryValue("formaat").value_or("json");
    auto format = parseExportFormat(name);
    if (!format) {
        return makeError(ErrorCode::InvalidInput, "formaat must be json, csv, csv-excel or zip",
                         {{"'" + name + "' is not an export format", std::nullopt, "formaat"}});
    }
    exportRequest.format = *format;
    auto content = booleanQuery(request, "inhoud", false);
    if (!content) return content.error();
    auto renderings = booleanQuery(request, "weergaven", true);
    if (!renderings) return renderings.error();
    exportRequest.withContent = *content;
    exportRequest.withRenderings = *renderings;
    return exportRequest;
}

// The export streams into a spooled file, not into memory, and is sent once
// it is complete: a failure half way is still a problem response, never a
// truncated 200.
ApiResponse exportHistory(Engine& engine, ApiRequest& request, ExportRequest exportRequest) {
    auto spooled = SpooledBody::create();
    std::ofstream out(spooled->path(), std::ios::binary | std::ios::trunc);
    auto summary = engine.exportHistory(*request.actor, exportRequest, out);
    if (!summary) return api::fail(summary.error(), request);
    out.close();
    if (!out) {
        return api::fail(
            makeError(ErrorCode::Storage, "the export could not be spooled to " + spooled->path()),
            request);
    }
    auto response = ApiResponse::bytes(200, summary->mediaType, {});
    response.spooled = std::move(spooled);
    response.headers["Content-Disposition"] = "attachment; filename=\"" + summary->fileName + "\"";
    // The counts beraad export --server reports, as a local export does.
    response.headers["Beraad-Documenten"] = std::to_string(summary->documents);
    response.headers["Beraad-Versies"] = std::to_string(summary->versions);
    response.headers["Beraad-Gebeurtenissen"] = std::to_string(summary->events);
    response.headers["Beraad-Bestanden"] = std::to_string(summary->files);
    return response;
}

ApiResponse verifyBundleBody(ApiRequest& request) {
    auto type = request.header("Content-Type").value_or("");
    if (type.find("application/zip") != 0) {
        return api::problem(415, "mediatype-niet-ondersteund", "Mediatype niet ondersteund",
                            "send the bundle as Content-Type: application/zip", request);
    }
    return api::json(200, present::toJson(verifyBundle(request.body)));
}

}  // namespace

void addExportRoutes(Router& router, Engine& engine) {
    router.add({"GET", "/api/v1/documenten/{id}/export",
                [&engine](ApiRequest& request) {
                    auto exportRequest = parseExportRequest(request);
                    if (!exportRequest) return api::fail(exportRequest.error(), request);
                    exportRequest.value().documentId = request.parameters["id"];
                    return exportHistory(engine, request, *exportRequest);
                },
                true, BodyBudget::None, std::nullopt, Cost::Heavy});
    router.add({"GET", "/api/v1/regios/{code}/export",
                [&engine](ApiRequest& request) {
                    auto exportRequest = parseExportRequest(request);
                    if (!exportRequest) return api::fail(exportRequest.error(), request);
                    exportRequest.value().region = request.parameters["code"];
                    return exportHistory(engine, request, *exportRequest);
                },
                true, BodyBudget::None, std::nullopt, Cost::Heavy});
    router.add({"POST", "/api/v1/bundel-verificaties",
                [](ApiRequest& request) { return verifyBundleBody(request); }, true,
                BodyBudget::Bundle, Operation::VerifyBundle, Cost::Heavy});
}

}  // namespace beraad::server
