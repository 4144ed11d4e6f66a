#include "HttpConnection.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <memory>

#include "api/Api.h"

namespace beraad::server {

void ConnectionRegistry::add(Poco::Net::StreamSocket* socket) {
    std::lock_guard lock(mutex_);
    sockets_.insert(socket);
}

void ConnectionRegistry::remove(Poco::Net::StreamSocket* socket) {
    std::lock_guard lock(mutex_);
    sockets_.erase(socket);
    reading_.erase(socket);
    expired_.erase(socket);
}

void ConnectionRegistry::startReading(Poco::Net::StreamSocket* socket, TimePoint deadline) {
    std::lock_guard lock(mutex_);
    reading_[socket] = deadline;
    expired_.erase(socket);
}

bool ConnectionRegistry::doneReading(Poco::Net::StreamSocket* socket) {
    std::lock_guard lock(mutex_);
    reading_.erase(socket);
    return expired_.count(socket) > 0;
}

void ConnectionRegistry::enforceDeadlines(TimePoint now) {
    std::lock_guard lock(mutex_);
    for (auto it = reading_.begin(); it != reading_.end();) {
        if (it->second > now) {
            ++it;
            continue;
        }
        try {
            it->first->shutdownReceive();
        } catch (...) {
            // the client closed it already
        }
        expired_.insert(it->first);
        it = reading_.erase(it);
    }
}

void ConnectionRegistry::abortAll() {
    std::lock_guard lock(mutex_);
    for (auto* socket : sockets_) {
        try {
            socket->shutdown();
        } catch (...) {
            // already closed by the client
        }
    }
}

void finishEarlyAnswer(Poco::Net::StreamSocket& socket) {
    try {
        socket.shutdownSend();
        socket.setReceiveTimeout(Poco::Timespan(0, 100000));
        char buffer[4096];
        for (int reads = 0; reads < 16 && socket.receiveBytes(buffer, sizeof buffer) > 0; ++reads) {
        }
    } catch (const Poco::Exception&) {
        // the client went away or sent nothing more: nothing to do
    }
}

namespace {

// A problem the connection answers itself, before any handler saw the request.
void sendProblem(Poco::Net::HTTPServerSession& session, int status, const std::string& code,
                 const std::string& title, const std::string& detail) {
    ApiResponse problem = problemResponse(simpleProblem(status, code, title, detail), "");
    addCommonHeaders(problem);
    {
        // No request object exists, so sendBuffer() would leave out the body:
        // write it to the stream send() returns, flushed before closing.
        Poco::Net::HTTPServerResponseImpl response(session);
        response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
        for (const auto& [name, value] : problem.headers) {
            if (name == "Content-Type") {
                response.setContentType(value);
            } else {
                response.set(name, value);
            }
        }
        response.setKeepAlive(false);
        response.setContentLength64(static_cast<Poco::Int64>(problem.body.size()));
        std::ostream& body = response.send();
        body << problem.body;
        body.flush();
    }
    session.setKeepAlive(false);
    finishEarlyAnswer(session.socket());
}

// Poco's MessageHeader and HTTPRequest name the limit a request broke.
EarlyProblem problemForMalformed(const Poco::Exception& failure) {
    const std::string& why = failure.message();
    if (why.find("header fields") != std::string::npos ||
        why.find("Field name") != std::string::npos ||
        why.find("Field value") != std::string::npos) {
        return {431, "headers-te-groot", "Headervelden te groot",
                "the request has more than 100 header fields, a name over 256 bytes or a value "
                "over 8192 bytes"};
    }
    if (why.find("URI invalid or too long") != std::string::npos) {
        return {414, "uri-te-lang", "URI te lang",
                "the request URI is invalid or longer than the server accepts (16 KiB)"};
    }
    return {400, "ongeldig-verzoek", "Ongeldig verzoek", "the request is not valid HTTP/1.1"};
}

}  // namespace

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket,
                               Poco::Net::HTTPServerParams::Ptr params,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                               ConnectionRegistry& registry, AccessLog& log)
    : TCPServerConnection(socket),
      params_(std::move(params)),
      factory_(std::move(factory)),
      registry_(registry),
      log_(log) {
    registry_.add(&this->socket());
}

HttpConnection::~HttpConnection() {
    registry_.remove(&socket());
}

void HttpConnection::refuse(Poco::Net::HTTPServerSession& session, const EarlyProblem& problem) {
    auto started = std::chrono::steady_clock::now();
    std::string client = peerHost(socket());
    sendProblem(session, problem.status, problem.code, problem.title, problem.detail);
    log_.write({log_.nextRequestId(), "-", "", problem.status,
                std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - started),
                "", client});
}

void HttpConnection::run() {
    const std::string server = params_->getSoftwareVersion();
    Poco::Net::HTTPServerSession session(socket(), params_);
    while (!registry_.stopping && session.hasMoreRequests()) {
        // Reading the request line and headers: the limits and the timeout apply here.
        // The request line and headers must arrive within the timeout as a
        // whole (a client dripping a byte per read is cut off); the handler
        // gives the body a deadline of its own (PocoServer.cpp).
        std::unique_ptr<Poco::Net::HTTPServerResponseImpl> response;
        std::unique_ptr<Poco::Net::HTTPServerRequestImpl> request;
        const EarlyProblem late{408, "verzoek-verlopen", "Verzoek verlopen",
                                "the request was not sent within the request timeout"};
        registry_.startReading(
            &socket(), std::chrono::steady_clock::now() +
                           std::chrono::microseconds(params_->getTimeout().totalMicroseconds()));
        try {
            response = std::make_unique<Poco::Net::HTTPServerResponseImpl>(session);
            request = std::make_unique<Poco::Net::HTTPServerRequestImpl>(*response, session,
                                                                         params_.get());
        } catch (const Poco::Net::NoMessageException&) {
            // The client closed an idle connection, or sent nothing by the deadline.
            if (registry_.doneReading(&socket())) refuse(session, late);
            break;
        } catch (const Poco::Net::MessageException& failure) {
            refuse(session, registry_.doneReading(&socket()) ? late : problemForMalformed(failure));
            break;
        } catch (const Poco::TimeoutException&) {
            registry_.doneReading(&socket());
            refuse(session, late);
            break;
        }
        if (registry_.doneReading(&socket())) {
            refuse(session, late);  // the headers were complete, but too late
            break;
        }
        response->setDate(Poco::Timestamp());
        response->setVersion(request->getVersion());
        response->setKeepAlive(params_->getKeepAlive() && request->getKeepAlive() &&
                               session.canKeepAlive() && !registry_.stopping);
        if (!server.empty()) response->set("Server", server);
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            factory_->createRequestHandler(*request));
        if (request->getExpectContinue()) response->sendContinue();
        handler->handleRequest(*request, *response);
        session.setKeepAlive(params_->getKeepAlive() && response->getKeepAlive() &&
                             session.canKeepAlive());
    }
}

}  // namespace beraad::server
