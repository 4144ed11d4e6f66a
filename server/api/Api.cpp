#include "api/Api.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "api/Idempotency.h"
#include "web/Web.h"
#include "beraad/base/Sha256.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/present/TrustJson.h"
#include "beraad/present/Dutch.h"
#include "beraad/present/Json.h"

namespace beraad::server {

Api::Api(Engine& engine, Authenticator authenticator, ApiLimits limits)
    : engine_(engine),
      authenticator_(std::move(authenticator)),
      limits_(limits),
      heavy_(limits.heavySlots, limits.heavyWait) {
    addSystemRoutes(router_, engine_);
    addRegionRoutes(router_, engine_);
    addDocumentRoutes(router_, engine_);
    addWorkflowRoutes(router_, engine_);
    addExportRoutes(router_, engine_);
    addTrustRoutes(router_, engine_);
}

void addCommonHeaders(ApiResponse& response) {
    response.headers["API-Version"] = kApiVersion;
    response.headers["Cache-Control"] = "no-store";
    response.headers["X-Content-Type-Options"] = "nosniff";
    response.headers["X-Frame-Options"] = "DENY";
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'";
    // The human text of JSON answers depends on Accept-Language (Http.h).
    response.headers["Vary"] = "Accept-Language";
    auto type = response.headers.find("Content-Type");
    if (type != response.headers.end() && type->second.find("json") != std::string::npos) {
        response.headers["Content-Language"] = languageTag(answerLanguage());
    }
}

namespace {

std::optional<std::string> bearerToken(const ApiRequest& request) {
    auto header = request.header("Authorization");
    if (!header) return std::nullopt;
    // The scheme is case-insensitive (RFC 9110, 11.1), separated from the
    // token by one or more spaces.
    auto space = header->find(' ');
    if (space == std::string::npos) return std::nullopt;
    std::string scheme = header->substr(0, space);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "bearer") return std::nullopt;
    auto start = header->find_first_not_of(' ', space);
    if (start == std::string::npos) return std::nullopt;
    return header->substr(start);
}

}  // namespace

std::size_t Api::bodyLimit(const Route& route) const {
    switch (route.body) {
        case BodyBudget::None:
            return 0;
        case BodyBudget::Json:
            return limits_.maxJsonBytes;
        case BodyBudget::Content:
            return limits_.maxContentBytes;
        case BodyBudget::Bundle:
            return limits_.maxBundleBytes;
    }
    return 0;
}

std::optional<ApiResponse> Api::admit(ApiRequest& request, const Route*& route) {
    auto match = router_.match(request.method, request.path, request.parameters);
    route = match.route;
    if (match.route == nullptr) {
        if (match.allowedMethods.empty()) {
            return api::problem(404, "niet-gevonden", "Niet gevonden",
                                "no resource at " + request.path, request);
        }
        std::string allowed;
        for (const auto& method : match.allowedMethods)
            allowed += (allowed.empty() ? "" : ", ") + method;
        auto response = api::problem(
            405, "methode-niet-toegestaan", "Methode niet toegestaan",
            request.method + " is not allowed on " + request.path + "; allowed: " + allowed,
            request);
        response.headers["Allow"] = allowed;
        return response;
    }
    if (!match.route->requiresAuthentication) return std::nullopt;
    auto token = bearerToken(request);
    Result<Actor> actor =
        token ? authenticator_(*token)
              : Result<Actor>(makeError(ErrorCode::Unauthenticated,
                                        "send an API token as 'Authorization: Bearer <token>'"));
    if (!actor) {
        auto response = api::fail(actor.error(), request);
        response.headers["WWW-Authenticate"] = "Bearer realm=\"beraad\"";
        return response;
    }
    request.actor = actor.value();
    if (match.route->operation) {
        OperationTarget target;
        if (auto id = request.parameters.find("id"); id != request.parameters.end())
            target.document = id->second;
        if (auto code = request.parameters.find("code"); code != request.parameters.end())
            target.region = code->second;
        if (auto permitted = engine_.permits(*request.actor, *match.route->operation, target);
            !permitted) {
            auto response = api::fail(permitted.error(), request);
            response.actorName = request.actor->name;
            return response;
        }
    }
    return std::nullopt;
}

void Api::serveWeb(Web* web) {
    web_ = web;
    if (web_ != nullptr) web_->useHeavySlots(&heavy_);
}

ApiResponse Api::handle(ApiRequest& request, const BodyReader& readBody) {
    if (web_ != nullptr && Web::owns(request.path)) return web_->handle(request, readBody);
    AnswerLanguage language(languageFor(request.header("Accept-Language")));
    ApiResponse response;
    std::optional<std::string> claimedKey;
    try {
        const Route* route = nullptr;
        if (auto early = admit(request, route)) {
            response = std::move(*early);
        } else {
            std::size_t limit = bodyLimit(*route);
            std::optional<ApiResponse> refused;
            if (readBody) {
                refused = readBody(request, limit);
            } else if (request.body.size() > limit) {
                refused = api::bodyTooLarge(limit, request);
            }
            bool heavy = route->cost == Cost::Heavy ||
                         (route->cost == Cost::HeavyWhenRendered && request.queryValue("formaat"));
            if (refused) {
                response = std::move(*refused);
            } else if (auto answered = idempotency::admit(engine_, request, claimedKey)) {
                response = std::move(*answered);
            } else if (heavy && !heavy_.acquire()) {
                response = api::problem(503, "bezet", "Server bezet",
                                        std::to_string(limits_.heavySlots) +
                                            " renders, exports and verifications are running; "
                                            "try again shortly",
                                        request);
                response.headers["Retry-After"] = "2";
            } else if (heavy) {
                WorkSlots::Held slot(heavy_);
                response = route->handler(request);
            } else {
                response = route->handler(request);
            }
            if (request.actor) response.actorName = request.actor->name;
        }
    } catch (const std::exception& failure) {
        response = failureResponse(500, "intern", "Interne fout", "", failure.what(), request.path);
    }
    if (claimedKey) idempotency::settle(engine_, request, *claimedKey, response);
    addCommonHeaders(response);
    return response;
}

namespace api {

// Every JSON answer passes here: the engine's human text in it is given in
// the answer's language.
ApiResponse json(int status, const Poco::Dynamic::Var& value) {
    std::ostringstream body;
    if (value.type() == typeid(Poco::JSON::Object)) {
        if (answerLanguage() == Language::Dutch) {
            auto object = value.extract<Poco::JSON::Object>();
            present::translateHumanText(object);
            object.stringify(body);
        } else {
            value.extract<Poco::JSON::Object>().stringify(body);
        }
    } else if (value.type() == typeid(Poco::JSON::Array)) {
        if (answerLanguage() == Language::Dutch) {
            Poco::JSON::Object wrapper;
            wrapper.set("_", value);
            present::translateHumanText(wrapper);
            wrapper.get("_").extract<Poco::JSON::Array>().stringify(body);
        } else {
            value.extract<Poco::JSON::Array>().stringify(body);
        }
    } else {
        body << canonicalJson(value);
    }
    return ApiResponse::json(status, body.str());
}

EventAddress documentEvent(const std::string& documentId, std::int64_t sequence) {
    return {std::string(kBasePath) + "/documenten/" + documentId, documentStream(documentId),
            sequence};
}

EventAddress regionEvent(const std::string& code, std::int64_t sequence) {
    return {std::string(kBasePath) + "/regios/" + code, regionStream(code), sequence};
}

ApiResponse withReceipt(Engine& engine, const ApiRequest& request, int status,
                        Poco::JSON::Object body, const EventAddress& event) {
    std::string link;
    if (!engine.publicKeys().empty() && event.sequence > 0) {
        // The write has committed: a receipt that cannot be made now (a
        // failing read) must not turn its answer into an error.
        auto receipt = engine.receipt(*request.actor, event.stream, event.sequence);
        if (receipt) {
            body.set("ontvangstbewijs", present::toJson(*receipt));
            link = "<" + event.resource + "/gebeurtenissen/" + std::to_string(event.sequence) +
                   "/ontvangstbewijs>; rel=\"ontvangstbewijs\"";
        }
    }
    auto response = json(status, body);
    if (!link.empty()) response.headers["Link"] = link;
    return response;
}

ApiResponse fail(const Error& error, const ApiRequest& request) {
    // Storage and internal failures: the client gets an id, the log the detail.
    if (error.code == ErrorCode::Storage) {
        return failureResponse(503, "opslag", "Opslag niet beschikbaar",
                               std::string(toString(error.code)), error.describe(), request.path);
    }
    return problemResponse(problemFor(error), request.path);
}

ApiResponse problem(int status, const std::string& code, const std::string& title,
                    const std::string& detail, const ApiRequest& request) {
    return problemResponse(simpleProblem(status, code, title, detail), request.path);
}

ApiResponse bodyTooLarge(std::size_t limit, const ApiRequest& request) {
    auto response =
        problem(413, "verzoek-te-groot", "Verzoek te groot",
                limit == 0 ? request.method + " " + request.path + " takes no body"
                           : "the body is larger than the " + std::to_string(limit) + " bytes " +
                                 request.method + " " + request.path + " accepts",
                request);
    response.headers["Connection"] = "close";
    return response;
}

ApiResponse withEtag(ApiResponse response, const std::string& etag) {
    response.headers["ETag"] = etag;
    return response;
}

Result<std::int64_t> versionNumber(const ApiRequest& request) {
    const std::string& text = request.parameters.at("nummer");
    bool digits = !text.empty() && text.size() < 12 &&
                  text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoll(text) < 1) {
        return makeError(
            ErrorCode::NotFound,
            "version '" + text + "' does not exist: versions are numbered 1, 2, 3, ...");
    }
    return std::stoll(text);
}

std::string quoted(const std::string& tag) {
    return "\"" + tag + "\"";
}

std::optional<ApiResponse> checkIfMatch(const ApiRequest& request, const std::string& currentEtag) {
    auto condition = request.header("If-Match");
    if (!condition) {
        return problem(428, "voorwaarde-vereist", "Voorwaarde vereist",
                       "send If-Match with the ETag of the resource you read (or * to create)",
                       request);
    }
    std::stringstream tags(*condition);
    std::string tag;
    while (std::getline(tags, tag, ',')) {
        auto first = tag.find_first_not_of(' ');
        auto last = tag.find_last_not_of(' ');
        if (first == std::string::npos) continue;
        tag = tag.substr(first, last - first + 1);
        if (tag == "*" || tag == currentEtag) return std::nullopt;
    }
    auto response = problem(412, "voorwaarde-mislukt", "Voorwaarde mislukt",
                            "the resource has changed since you read it (current ETag " +
                                currentEtag + "); read it again and retry",
                            request);
    response.headers["ETag"] = currentEtag;
    return response;
}

std::string etagOf(const Document& document) {
    return quoted(sha256Hex(document.id + "|" + std::to_string(document.latestVersion) + "|" +
                            document.latestContentHash + "|" + document.state + "|" +
                            std::to_string(document.workflowVersion))
                      .substr(0, 32));
}

std::string etagOf(const Version& version) {
    return quoted(version.contentHash);
}

std::string etagOf(const Region& region) {
    return quoted(sha256Hex(region.code + "|" + region.name + "|" + region.centrumgemeente + "|" +
                            (region.confirmed ? "1" : "0") + "|" + region.source)
                      .substr(0, 32));
}

std::string etagOf(const Partner& partner) {
    std::ostringstream text;
    present::toJson(partner).stringify(text);
    return quoted(sha256Hex(text.str()).substr(0, 32));
}

Result<Poco::JSON::Object::Ptr> parseBody(const ApiRequest& request) {
    auto type = request.header("Content-Type").value_or("");
    if (type.find("application/json") != 0) {
        return makeError(ErrorCode::InvalidInput,
                         "send the body as Content-Type: application/json");
    }
    return parseJson(request.body);
}

Result<Poco::JSON::Object::Ptr> parseJson(const std::string& body) {
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(body);
        if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
            return makeError(ErrorCode::InvalidInput, "the body must be a JSON object");
        }
        return value.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& failure) {
        return makeError(ErrorCode::InvalidInput,
                         std::string("the body is not valid JSON: ") + failure.what());
    }
}

Result<std::optional<std::int64_t>> integerQuery(const ApiRequest& request, const std::string& key,
                                                 std::int64_t minimum, std::int64_t maximum) {
    auto text = request.queryValue(key);
    if (!text) return std::optional<std::int64_t>();
    std::int64_t value = 0;
    size_t used = 0;
    try {
        value = std::stoll(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || text->empty() || value < minimum || value > maximum) {
        return makeError(ErrorCode::InvalidInput,
                         "query parameter " + key + " must be a whole number from " +
                             std::to_string(minimum) + " to " + std::to_string(maximum),
                         {{"'" + *text + "' is not allowed", std::nullopt, key}});
    }
    return std::optional<std::int64_t>(value);
}

}  // namespace api
}  // namespace beraad::server
