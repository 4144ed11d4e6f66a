#pragma once
// What a failure of Poco while reading a request's line and headers
// (HTTPServerRequestImpl: HTTPRequest::read, MessageHeader::read, the
// Content-Length) means for the answer. Poco's exception types tell most
// failures apart; a MessageException only by its text, so those texts are
// a table here (kPocoMessages), pinned by ReadFailureTest against real
// Poco: a Poco that words a failure differently fails that test instead of
// changing the answer.

#include <Poco/Exception.h>

#include <optional>

#include "EarlyAnswer.h"

namespace beraad::server {

enum class ReadFailure {
    ClientClosed,     // closed before sending a byte: no answer
    ConnectionLost,   // the socket failed otherwise: no answer
    TimedOut,         // 408
    Malformed,        // 400
    UriTooLong,       // 414
    HeadersTooLarge,  // 431
};

// `failure` is what reading threw; `networkCause` the socket's failure
// the session kept (HTTPSession::networkException()), if any: Poco's
// streams turn that into a NetException or a MessageException of their own.
ReadFailure classifyReadFailure(const Poco::Exception& failure,
                                const Poco::Exception* networkCause);

// The answer to a failure; none where the client cannot hear one.
std::optional<EarlyProblem> earlyProblemFor(ReadFailure failure);

// Poco 1.11's MessageException texts, as message() gives them.
struct PocoMessage {
    const char* text;
    ReadFailure failure;
};
inline constexpr PocoMessage kPocoMessages[] = {
    // HTTPRequest::read, the request line
    {"No HTTP request header", ReadFailure::Malformed},
    {"HTTP request method invalid or too long", ReadFailure::Malformed},
    {"HTTP request URI invalid or too long", ReadFailure::UriTooLong},
    {"Invalid HTTP version string", ReadFailure::Malformed},
    // MessageHeader::read, the header fields
    {"Too many header fields", ReadFailure::HeadersTooLarge},
    {"Field name too long/no colon found", ReadFailure::HeadersTooLarge},
    {"Field value too long/no CRLF found", ReadFailure::HeadersTooLarge},
    {"Folded field value too long/no CRLF found", ReadFailure::HeadersTooLarge},
};

}  // namespace beraad::server
