#include "RequestHead.h"

#include <Poco/URI.h>

namespace beraad::server {

void readRequestHead(const Poco::Net::HTTPRequest& in, ApiRequest& request) {
    request.method = in.getMethod();
    Poco::URI uri(in.getURI());
    request.path = uri.getPath();
    for (const auto& [key, value] : uri.getQueryParameters())
        request.query[key] = value;
    for (const auto& [name, value] : in)
        request.headers[name] = value;
}

}  // namespace beraad::server
