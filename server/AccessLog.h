#pragma once
// The access log: one JSON line per request on the configured stream (time,
// request number, method, path, status, duration, actor, client address);
// never a token or a body. At level "warning" only statuses from 500 up.
// Also the requests the server answers itself (400, 408, 414, 431, 503;
// EarlyAnswer.h).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

#include <Poco/Net/StreamSocket.h>

namespace beraad::server {

class AccessLog {
  public:
    AccessLog(std::ostream& out, std::string level) : out_(out), level_(std::move(level)) {}

    std::uint64_t nextRequestId() { return ++counter_; }

    struct Entry {
        std::uint64_t requestId = 0;
        std::string method;  // "-" when the request line was not read
        std::string path;
        int status = 0;
        std::chrono::microseconds duration{0};
        std::string actor;
        std::string client;
        std::string correlationId;  // a failure's kenmerk, as the client got it
        std::string detail;         // what failed, for the operator only
    };
    void write(const Entry& entry);

  private:
    std::ostream& out_;
    std::string level_;
    std::mutex mutex_;
    std::atomic<std::uint64_t> counter_{0};
};

// The client's address for the log; empty when the socket no longer has one.
std::string peerHost(const Poco::Net::StreamSocket& socket);

}  // namespace beraad::server
