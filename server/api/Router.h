#pragma once
// Routes "METHOD /api/v1/documenten/{id}/versies" patterns to handlers. A
// path that matches no pattern is 404 (trailing slashes included); a path
// that matches with another method is 405 with the allowed methods.

#include <functional>
#include <string>
#include <vector>

#include "api/Http.h"

namespace beraad::server {

using Handler = std::function<ApiResponse(ApiRequest&)>;

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    bool requiresAuthentication = true;
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
