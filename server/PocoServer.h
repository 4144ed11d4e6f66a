#pragma once
// Serves an Api over Poco's HTTPServer with the configured limits, and writes
// one structured access-log line per request (never a token or a body).

#include <Poco/Net/HTTPServer.h>

#include <chrono>
#include <memory>
#include <ostream>

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
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    bool stopped_ = false;
};

}  // namespace beraad::server
