#include "EarlyAnswer.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Timespan.h>

#include <chrono>
#include <sstream>

#include "api/Api.h"

namespace beraad::server {
namespace {

// Sends the answer, then stops sending and reads briefly what the client
// still sends: the request was not read completely, and closing with unread
// bytes would reset the connection before the client has read the answer.
void sendAndWindDown(Poco::Net::StreamSocket& socket, const std::string& bytes) {
    try {
        socket.setSendTimeout(Poco::Timespan(0, 200000));
        for (std::size_t sent = 0; sent < bytes.size();) {
            int n = socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
            if (n <= 0) return;
            sent += static_cast<std::size_t>(n);
        }
        socket.shutdownSend();
        socket.setReceiveTimeout(Poco::Timespan(0, 100000));
        char buffer[4096];
        for (int reads = 0; reads < 16 && socket.receiveBytes(buffer, sizeof buffer) > 0; ++reads) {
        }
    } catch (const Poco::Exception&) {
        // the client went away or sent nothing more: nothing to do
    }
}

}  // namespace

std::string earlyAnswerBytes(const EarlyProblem& problem) {
    ApiResponse answer = problemResponse(
        simpleProblem(problem.status, problem.code, problem.title, problem.detail), "");
    addCommonHeaders(answer);
    Poco::Net::HTTPResponse response(
        static_cast<Poco::Net::HTTPResponse::HTTPStatus>(problem.status));
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : answer.headers) {
        if (name == "Content-Type") {
            response.setContentType(value);
        } else {
            response.set(name, value);
        }
    }
    if (problem.retryAfterSeconds > 0) {
        response.set("Retry-After", std::to_string(problem.retryAfterSeconds));
    }
    response.setKeepAlive(false);
    response.setContentLength64(static_cast<Poco::Int64>(answer.body.size()));
    std::ostringstream bytes;
    response.write(bytes);
    bytes << answer.body;
    return bytes.str();
}

void sendEarlyAnswer(Poco::Net::StreamSocket& socket, const EarlyProblem& problem, AccessLog& log) {
    auto started = std::chrono::steady_clock::now();
    std::string client = peerHost(socket);
    sendAndWindDown(socket, earlyAnswerBytes(problem));
    log.write({log.nextRequestId(), "-", "", problem.status,
               std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - started),
               "", client, "", ""});
}

}  // namespace beraad::server
