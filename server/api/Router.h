#pragma once
// Routes "METHOD /api/v1/documenten/{id}/versies" patterns to handlers. A
// path that matches no pattern is 404 (trailing slashes included); a path
// that matches with another method is 405 with the allowed methods.

#include <functional>
#include <string>
#include <vector>

#include "api/Http.h"
#include "beraad/Engine.h"

namespace beraad::server {

using Handler = std::function<ApiResponse(ApiRequest&)>;

// The most body a route reads, checked before any of it is read.
enum class BodyBudget {
    None,     // no body (a Content-Length above 0 is 413)
    Json,     // a JSON request: 64 KiB
    Content,  // a content XML, alone or in JSON: max-body-bytes
    Bundle,   // an export bundle: max-bundle-bytes
};

// What a request costs: heavy ones (renders, exports, verifications) take one
// of the server's few heavy slots, or wait briefly and get 503.
enum class Cost {
    Light,
    Heavy,
    HeavyWhenRendered,  // heavy when it asks for a ?formaat
};

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    bool requiresAuthentication = true;
    BodyBudget body = BodyBudget::None;
    // A write's role and scope check (Engine::permits), made with the {id}
    // or {code} of the path before the body is read.
    std::optional<Operation> operation = std::nullopt;
    Cost cost = Cost::Light;
};

class Router {
  public:
    void add(Route route);

    struct Match {
        const Route* route = nullptr;             // null when nothing matched
        std::vector<std::string> allowedMethods;  // when the path matched another method
    };
    Match match(const std::string& method, const std::string& path,
                std::map<std::string, std::string>& parameters) const;

    const std::vector<Route>& routes() const { return routes_; }

  private:
    std::vector<Route> routes_;
};

}  // namespace beraad::server
