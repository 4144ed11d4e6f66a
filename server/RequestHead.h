#pragma once
// What the Api takes from the head of a request Poco has read: the method,
// the path and the decoded query of the target, and the header fields. The
// server's handler and the fuzz target of the Api (tests/fuzz/api.cpp) both
// take a request this way.

#include <Poco/Net/HTTPRequest.h>

#include "api/Http.h"

namespace beraad::server {

// Fills method, path, query and headers of `request`; throws
// Poco::SyntaxException when the target cannot be parsed as a URI.
void readRequestHead(const Poco::Net::HTTPRequest& in, ApiRequest& request);

}  // namespace beraad::server
