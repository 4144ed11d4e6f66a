#pragma once
// The REST API: every route of /api/v1, each a thin call into the engine
// facade. Independent of the HTTP library; PocoServer adapts it to sockets.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "api/Http.h"
#include "api/Router.h"
#include "api/WorkSlots.h"
#include "beraad/Engine.h"
#include "beraad/present/Json.h"
#include "beraad/present/RequestJson.h"

namespace beraad::server {

inline constexpr const char* kApiVersion = "1.0.0";
inline constexpr const char* kBasePath = "/api/v1";

// Maps a bearer token to an actor (or an Unauthenticated error).
using Authenticator = std::function<Result<Actor>(const std::string& token)>;

// The budgets of the API (docs/api.md, "Limits and their answers").
struct ApiLimits {
    std::size_t maxJsonBytes = 64 * 1024;           // BodyBudget::Json
    std::size_t maxContentBytes = 4 * 1024 * 1024;  // BodyBudget::Content: max-body-bytes
    std::size_t maxBundleBytes = 64 * 1024 * 1024;  // BodyBudget::Bundle: max-bundle-bytes
    int heavySlots = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::chrono::milliseconds heavyWait{2000};  // how long a heavy request waits for a slot
};

// Reads the body of a request into request.body, at most `limit` bytes;
// returns the answer that ends the request instead (413, 408).
using BodyReader = std::function<std::optional<ApiResponse>(ApiRequest&, std::size_t limit)>;

class Web;

class Api {
  public:
    Api(Engine& engine, Authenticator authenticator, ApiLimits limits = {});

    // Handles one request completely, in this order: routing, authentication,
    // the role and scope check of a write (Engine::permits), and only then
    // the body, through `readBody` (without one, the body already in the
    // request is held to the route's budget), a heavy slot where the route
    // needs one, the handler; problem+json for every error, and the headers
    // every response carries.
    ApiResponse handle(ApiRequest& request, const BodyReader& readBody = {});

    // The most body bytes `route` reads.
    std::size_t bodyLimit(const Route& route) const;

    // Hands every request outside /api/ to the web front end (server/web/Web.h).
    void serveWeb(Web* web);

    const Router& router() const { return router_; }
    Engine& engine() { return engine_; }

  private:
    // What can be answered from the request line and headers alone: 404,
    // 405, 401, 403. Sets request.actor; `route` is the matched route.
    std::optional<ApiResponse> admit(ApiRequest& request, const Route*& route);

    Engine& engine_;
    Web* web_ = nullptr;
    Authenticator authenticator_;
    ApiLimits limits_;
    WorkSlots heavy_;
    Router router_;
};

// The headers every response carries (API-Version and the security headers).
void addCommonHeaders(ApiResponse& response);

// Helpers shared by the route files.
namespace api {

ApiResponse json(int status, const Poco::Dynamic::Var& value);
ApiResponse fail(const Error& error, const ApiRequest& request);
ApiResponse problem(int status, const std::string& code, const std::string& title,
                    const std::string& detail, const ApiRequest& request);
// 413 for a body over `limit` (0: the route takes none); closes the connection.
ApiResponse bodyTooLarge(std::size_t limit, const ApiRequest& request);

// RFC 9110 conditional write: 428 when If-Match is missing, 412 when it names
// another representation. "*" matches any existing resource.
std::optional<ApiResponse> checkIfMatch(const ApiRequest& request, const std::string& currentEtag);

std::string quoted(const std::string& tag);
std::string etagOf(const Document& document);
std::string etagOf(const Version& version);
std::string etagOf(const Region& region);
std::string etagOf(const Partner& partner);

ApiResponse withEtag(ApiResponse response, const std::string& etag);

// Where a write's event lives: the resource whose /gebeurtenissen it is in
// ("/api/v1/documenten/AM05-convenant-1") and the event's stream.
struct EventAddress {
    std::string resource;
    std::string stream;
    std::int64_t sequence = 0;
};
EventAddress documentEvent(const std::string& documentId, std::int64_t sequence);
EventAddress regionEvent(const std::string& code, std::int64_t sequence);

// A write answer with its receipt: the record's JSON with an "ontvangstbewijs"
// member (the event as recorded, the signed checkpoint and the inclusion
// proof) and a Link header to the receipt's own resource. An installation
// without signing keys answers the record alone.
ApiResponse withReceipt(Engine& engine, const ApiRequest& request, int status,
                        Poco::JSON::Object body, const EventAddress& event);

// The {nummer} path parameter as a version number (a non-number is 404).
Result<std::int64_t> versionNumber(const ApiRequest& request);

// A list result as present::listToJson writes it, or the problem for its error.
template <typename T>
ApiResponse collection(const Result<std::vector<T>>& items, const ApiRequest& request) {
    if (!items) return fail(items.error(), request);
    return json(200, present::listToJson(*items));
}

// A single result as JSON, or the problem for its error.
template <typename T>
ApiResponse single(const Result<T>& item, const ApiRequest& request) {
    if (!item) return fail(item.error(), request);
    return json(200, present::toJson(*item));
}

// Parses a JSON object body or returns the 400 problem that says why not.
Result<Poco::JSON::Object::Ptr> parseBody(const ApiRequest& request);
// The same for a body of any Content-Type.
Result<Poco::JSON::Object::Ptr> parseJson(const std::string& body);

// A JSON body read as the request T (present/RequestJson.h); `addressed`
// holds what the path and If-Match say.
template <typename T>
Result<T> parseRequest(const ApiRequest& request, const T& addressed) {
    auto body = parseBody(request);
    if (!body) return body.error();
    return present::requestFromJson<T>(**body, addressed);
}

// Optional positive integer query value; errors name the key.
Result<std::optional<std::int64_t>> integerQuery(const ApiRequest& request, const std::string& key,
                                                 std::int64_t minimum, std::int64_t maximum);

}  // namespace api

void addSystemRoutes(Router& router, Engine& engine);
void addRegionRoutes(Router& router, Engine& engine);
void addDocumentRoutes(Router& router, Engine& engine);
void addWorkflowRoutes(Router& router, Engine& engine);
void addExportRoutes(Router& router, Engine& engine);
void addTrustRoutes(Router& router, Engine& engine);

}  // namespace beraad::server
