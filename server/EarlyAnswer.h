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
                                                "het verzoek is geen geldig HTTP/1.1"};
inline constexpr EarlyProblem kRequestTimedOut{
    408, "verzoek-verlopen", "Verzoek verlopen",
    "het verzoek is niet binnen de wachttijd voor verzoeken verzonden"};
inline constexpr EarlyProblem kUriTooLong{
    414, "uri-te-lang", "URI te lang",
    "de verzoek-URI is ongeldig of langer dan de server aanneemt (16 KiB)"};
inline constexpr EarlyProblem kHeadersTooLarge{
    431, "headers-te-groot", "Headervelden te groot",
    "het verzoek heeft meer dan 100 headervelden, een naam van meer dan 256 bytes of een "
    "waarde van meer dan 8192 bytes"};
inline constexpr EarlyProblem kTooManyConnections{
    429, "te-veel-verbindingen", "Te veel verbindingen",
    "dit clientadres heeft al zoveel verbindingen als de server één client toestaat; "
    "hergebruik ze (keep-alive) of probeer het zo dadelijk opnieuw",
    1};
inline constexpr EarlyProblem kServerBusy{
    503, "bezet", "Server bezet",
    "alle verwerkers zijn bezet en de wachtrij is vol; probeer het zo dadelijk opnieuw", 1};

// The whole response: status line, headers, blank line, body.
std::string earlyAnswerBytes(const EarlyProblem& problem);

// Writes the answer to `socket` (a client that does not take it within
// 200 ms does not get it), winds the connection down and logs the answer.
void sendEarlyAnswer(Poco::Net::StreamSocket& socket, const EarlyProblem& problem, AccessLog& log);

}  // namespace beraad::server
