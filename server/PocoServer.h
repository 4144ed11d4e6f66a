#pragma once
// Serves an Api over Poco's HTTPServer with the configured limits, and writes
// one structured access-log line per request (never a token or a body).

#include <Poco/Net/TCPServer.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

#include "AccessLog.h"
#include "HttpConnection.h"
#include "ServerConfig.h"
#include "api/Api.h"

namespace beraad::server {

class PocoServer {
  public:
    PocoServer(Api& api, const ServerConfig& config, std::ostream& accessLog);
    ~PocoServer();

    void start();
    // Stops accepting, lets requests in flight finish (up to the grace period).
    void stop();
    unsigned short port() const;

  private:
    static constexpr std::chrono::seconds kGracePeriod{30};
    AccessLog log_;
    ConnectionRegistry connections_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
    bool stopped_ = false;
    // Ends reads of requests that drip past the request timeout (HttpConnection.h).
    std::thread watchdog_;
    std::mutex watchdogMutex_;
    std::condition_variable watchdogWake_;
    bool watchdogStop_ = false;
};

}  // namespace beraad::server
