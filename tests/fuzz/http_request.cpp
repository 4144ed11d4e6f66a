// Fuzz target: the head of an HTTP request as beraad-server reads it. The
// bytes go through Poco's HTTPRequest::read and the Content-Length and
// Transfer-Encoding look-ups HTTPServerRequestImpl makes while constructing;
// whatever Poco throws is classified as HttpConnection classifies it
// (server/ReadFailure.h); a request that is read has its head taken as the
// handler takes it (server/RequestHead.h). With every byte already there,
// a failure must be one the client is answered (400, 414, 431): "the
// client closed" and the socket failures need a socket. Anything Poco
// throws that is not a Poco::Exception would escape HttpConnection, and
// escapes here too.

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "FuzzSupport.h"
#include "ReadFailure.h"
#include "RequestHead.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace beraad::server;
    std::istringstream bytes{std::string(beraad::fuzz::asText(data, size))};
    Poco::Net::HTTPRequest request;
    try {
        request.read(bytes);
        if (!request.getChunkedTransferEncoding() && request.hasContentLength()) {
            request.getContentLength64();
        }
    } catch (const Poco::Exception& thrown) {
        auto failure = classifyReadFailure(thrown, nullptr);
        bool answered = earlyProblemFor(failure).has_value();
        if (size > 0 && !answered) {
            std::fprintf(stderr, "http_request: %s (%s) is left without an answer\n",
                         thrown.displayText().c_str(), thrown.className());
            std::abort();
        }
        return 0;
    }
    ApiRequest head;
    try {
        readRequestHead(request, head);
    } catch (const Poco::SyntaxException&) {
        return 0;  // the handler answers 400
    }
    return 0;
}
