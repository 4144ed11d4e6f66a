#pragma once
// The one way to write an early answer: the answer the server gives before
// any handler saw the request (the connection's 400, 408, 414 and 431, the
// connection filter's 429 and 503). It is problem+json with the headers every
// response carries and Connection: close, written straight to the socket;
// then the connection is wound down so the client can read the answer
// before the close, and the answer goes into the access log with method "-"
// and an empty path.

#include <Poco/Net/StreamSocket.h>

#include <string>

#include "AccessLog.h"

namespace beraad::server {

struct EarlyProblem {
    int status;
    const char* code;
    const char* title;
    const char* detail;
    int retryAfterSeconds = 0;  // a Retry-After header when above 0
};

// The problems the server answers itself.
inline constexpr EarlyProblem kMalformedRequest{400, "ongeldig-verzoek", "Ongeldig verzoek",
                                                "the request is not valid HTTP/1.1"};
inline constexpr EarlyProblem kRequestTimedOut{
    408, "verzoek-verlopen", "Verzoek verlopen",
    "the request was not sent within the request timeout"};
inline constexpr EarlyProblem kUriTooLong{
    414, "uri-te-lang", "URI te lang",
    "the request URI is invalid or longer than the server accepts (16 KiB)"};
inline constexpr EarlyProblem kHeadersTooLarge{
    431, "headers-te-groot", "Headervelden te groot",
    "the request has more than 100 header fields, a name over 256 bytes or a value over 8192 "
    "bytes"};
inline constexpr EarlyProblem kTooManyConnections{
    429, "te-veel-verbindingen", "Te veel verbindingen",
    "this client address already holds the most connections the server allows one client; "
    "reuse them (keep-alive) or retry in a moment",
    1};
inline constexpr EarlyProblem kServerBusy{
    503, "bezet", "Server bezet", "every worker is busy and the queue is full; retry in a moment",
    1};

// The whole response: status line, headers, blank line, body.
std::string earlyAnswerBytes(const EarlyProblem& problem);

// Writes the answer to `socket` (a client that does not take it within
// 200 ms does not get it), winds the connection down and logs the answer.
void sendEarlyAnswer(Poco::Net::StreamSocket& socket, const EarlyProblem& problem, AccessLog& log);

}  // namespace beraad::server
