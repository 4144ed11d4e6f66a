#include "HttpConnection.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <memory>
#include <optional>

#include "EarlyAnswer.h"
#include "ReadFailure.h"

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

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket,
                               Poco::Net::HTTPServerParams::Ptr params,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                               ConnectionRegistry& registry, AccessLog& log)
    : TCPServerConnection(socket),
      params_(std::move(params)),
      factory_(std::move(factory)),
      registry_(registry),
      log_(log),
      client_(clientOf(socket)) {
    registry_.add(&this->socket());
}

HttpConnection::~HttpConnection() {
    registry_.remove(&socket());
    registry_.releaseClient(client_);
}

std::string clientOf(const Poco::Net::StreamSocket& socket) {
    try {
        return socket.peerAddress().host().toString();
    } catch (const Poco::Exception&) {
        return "";  // a socket already reset by its peer
    }
}

bool ConnectionRegistry::admitClient(const std::string& client, int limit) {
    std::lock_guard lock(mutex_);
    int& held = clients_[client];
    if (held >= limit) {
        if (held == 0) clients_.erase(client);
        return false;
    }
    ++held;
    return true;
}

void ConnectionRegistry::releaseClient(const std::string& client) {
    std::lock_guard lock(mutex_);
    auto found = clients_.find(client);
    if (found == clients_.end()) return;
    if (--found->second <= 0) clients_.erase(found);
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
        std::optional<ReadFailure> failure;
        registry_.startReading(
            &socket(), std::chrono::steady_clock::now() +
                           std::chrono::microseconds(params_->getTimeout().totalMicroseconds()));
        try {
            response = std::make_unique<Poco::Net::HTTPServerResponseImpl>(session);
            request = std::make_unique<Poco::Net::HTTPServerRequestImpl>(*response, session,
                                                                         params_.get());
        } catch (const Poco::Exception& thrown) {
            failure = classifyReadFailure(thrown, session.networkException());
        }
        // Past the deadline the answer is 408, whatever the read made of
        // the cut-off request (even complete headers, when too late).
        if (registry_.doneReading(&socket())) failure = ReadFailure::TimedOut;
        if (failure) {
            if (auto problem = earlyProblemFor(*failure)) {
                sendEarlyAnswer(socket(), *problem, log_);
            }
            break;
        }
        response->setDate(Poco::Timestamp());
        response->setVersion(request->getVersion());
        response->setKeepAlive(params_->getKeepAlive() && request->getKeepAlive() &&
                               session.canKeepAlive() && !registry_.stopping);
        if (!server.empty()) response->set("Server", server);
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            factory_->createRequestHandler(*request));
        // "100 Continue" is the handler's to send, once it has admitted the
        // request (a refused one gets its answer instead, and no body comes).
        handler->handleRequest(*request, *response);
        session.setKeepAlive(params_->getKeepAlive() && response->getKeepAlive() &&
                             session.canKeepAlive());
    }
}

}  // namespace beraad::server
