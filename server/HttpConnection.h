#pragma once
// One HTTP connection, served like Poco's HTTPServerConnection, but with the
// answers the NL GOV rules ask for where Poco would answer 400 or just close:
// 431 when the request's header fields exceed Poco's limits (100 fields,
// 256-byte names, 8 KiB values), 414 for a request URI over Poco's limit (16 KiB),
// and 408 when a client that started a request stops sending within the
// request timeout. Poco's limits are per read, not a deadline for the whole
// request (see docs/api.md).

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <mutex>
#include <set>

#include "AccessLog.h"

namespace beraad::server {

// A problem the connection answers before any handler saw the request.
struct EarlyProblem {
    int status;
    const char* code;
    const char* title;
    const char* detail;
};

// After an answer sent before the request was read completely: stops
// sending and reads briefly what the client still sends, so closing does not
// reset the connection before the client has read the answer.
void finishEarlyAnswer(Poco::Net::StreamSocket& socket);

// Live connections, so a stopping server can end them.
class ConnectionRegistry {
  public:
    void add(Poco::Net::StreamSocket* socket);
    void remove(Poco::Net::StreamSocket* socket);
    // Shuts down every live connection's socket (requests in flight fail).
    void abortAll();
    std::atomic<bool> stopping{false};

  private:
    std::mutex mutex_;
    std::set<Poco::Net::StreamSocket*> sockets_;
};

class HttpConnection final : public Poco::Net::TCPServerConnection {
  public:
    HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                   Poco::Net::HTTPRequestHandlerFactory::Ptr factory, ConnectionRegistry& registry,
                   AccessLog& log);
    ~HttpConnection() override;
    void run() override;

  private:
    // Answers a request the connection refuses itself, and logs it.
    void refuse(Poco::Net::HTTPServerSession& session, const EarlyProblem& problem);

    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
    ConnectionRegistry& registry_;
    AccessLog& log_;
};

class HttpConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
  public:
    HttpConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                          Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                          ConnectionRegistry& registry, AccessLog& log)
        : params_(std::move(params)),
          factory_(std::move(factory)),
          registry_(registry),
          log_(log) {}

    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override {
        return new HttpConnection(socket, params_, factory_, registry_, log_);
    }

  private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
    ConnectionRegistry& registry_;
    AccessLog& log_;
};

}  // namespace beraad::server
