#include "api/Router.h"

namespace beraad::server {
namespace {

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> segments;
    size_t start = 1;
    if (path.empty() || path[0] != '/') return segments;
    while (true) {
        size_t slash = path.find('/', start);
        segments.push_back(
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return segments;
}

bool matches(const std::string& pattern, const std::string& path,
             std::map<std::string, std::string>& parameters) {
    auto want = split(pattern);
    auto have = split(path);
    if (want.size() != have.size()) return false;
    std::map<std::string, std::string> found;
    for (size_t i = 0; i < want.size(); ++i) {
        const auto& segment = want[i];
        if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
            if (have[i].empty()) return false;
            found[segment.substr(1, segment.size() - 2)] = have[i];
        } else if (segment != have[i]) {
            return false;
        }
    }
    parameters = std::move(found);
    return true;
}

}  // namespace

void Router::add(Route route) {
    routes_.push_back(std::move(route));
}

Router::Match Router::match(const std::string& method, const std::string& path,
                            std::map<std::string, std::string>& parameters) const {
    Match result;
    for (const auto& route : routes_) {
        std::map<std::string, std::string> found;
        if (!matches(route.pattern, path, found)) continue;
        if (route.method == method) {
            parameters = std::move(found);
            result.route = &route;
            result.allowedMethods.clear();
            return result;
        }
        result.allowedMethods.push_back(route.method);
    }
    return result;
}

}  // namespace beraad::server
