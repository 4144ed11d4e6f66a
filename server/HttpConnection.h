#pragma once
// One HTTP connection, served like Poco's HTTPServerConnection, but with the
// answers the NL GOV rules ask for where Poco would answer 400 or just close:
// 431 when the request's header fields exceed Poco's limits (100 fields,
// 256-byte names, 8 KiB values), 414 for a request URI over Poco's limit (16 KiB),
// 400 for other malformed requests, and 408 when a client does not send the
// request line and headers within the request timeout: Poco's timeout is per
// read, so the registry's watchdog also ends a read that drips past that
// deadline. A body gets the request timeout plus its length at 16 KiB/s.
// ReadFailure.h tells Poco's failures apart; EarlyAnswer.h writes the answers.

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>

#include "AccessLog.h"

namespace beraad::server {

// Live connections, so a stopping server can end them, and the deadlines of
// requests being read.
class ConnectionRegistry {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // Counts a connection of `client` (an address) unless it holds
    // `limit` already; false then. Every true is matched by releaseClient.
    bool admitClient(const std::string& client, int limit);
    void releaseClient(const std::string& client);

    void add(Poco::Net::StreamSocket* socket);
    void remove(Poco::Net::StreamSocket* socket);
    // Shuts down every live connection's socket (requests in flight fail).
    void abortAll();
    std::atomic<bool> stopping{false};

    // A request's line and headers, or its body, are being read from
    // `socket` and must be complete by `deadline`.
    void startReading(Poco::Net::StreamSocket* socket, TimePoint deadline);
    // The reading is over (done or failed); returns whether the deadline
    // passed meanwhile, i.e. the answer is 408.
    bool doneReading(Poco::Net::StreamSocket* socket);
    // Ends the reads past their deadline (shuts down the receiving side, so
    // the blocked read returns); the watchdog calls it a few times a second.
    void enforceDeadlines(TimePoint now);

  private:
    std::mutex mutex_;
    std::set<Poco::Net::StreamSocket*> sockets_;
    std::map<Poco::Net::StreamSocket*, TimePoint> reading_;
    std::set<Poco::Net::StreamSocket*> expired_;
    std::map<std::string, int> clients_;
};

class HttpConnection final : public Poco::Net::TCPServerConnection {
  public:
    HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                   Poco::Net::HTTPRequestHandlerFactory::Ptr factory, ConnectionRegistry& registry,
                   AccessLog& log);
    ~HttpConnection() override;
    void run() override;

  private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
    ConnectionRegistry& registry_;
    AccessLog& log_;
    std::string client_;  // the peer's address, as the connection filter counted it
};

// The address a connection is counted under.
std::string clientOf(const Poco::Net::StreamSocket& socket);

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
