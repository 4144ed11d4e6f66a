#include "PocoServer.h"

#include <Poco/Net/TCPServer.h>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <istream>
#include <mutex>
#include <thread>

#include "EarlyAnswer.h"
#include "HttpConnection.h"
#include "RequestHead.h"
#include "beraad/base/Clock.h"

namespace beraad::server {
namespace {

// The slowest body upload the server waits for: the request timeout plus
// the body at this rate (a 1 MiB body may take the timeout + 64 s).
constexpr double kMinimumUploadBytesPerSecond = 16 * 1024;

class Handler final : public Poco::Net::HTTPRequestHandler {
  public:
    Handler(Api& api, const ServerConfig& config, AccessLog& log, ConnectionRegistry& connections)
        : api_(api), config_(config), log_(log), connections_(connections) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        auto started = std::chrono::steady_clock::now();
        ApiRequest request;
        request.requestId = std::to_string(log_.nextRequestId());
        request.method = in.getMethod();
        ApiResponse response;
        try {
            readRequestHead(in, request);
            // The body is read only once routing, authentication and the
            // role check have let the request through, within its route's budget.
            bool closeAfter = false;
            response = api_.handle(request, [&](ApiRequest& admitted, std::size_t limit) {
                std::optional<ApiResponse> refused;
                if (!readBody(in, out, admitted, limit, refused, closeAfter)) return refused;
                return std::optional<ApiResponse>{};
            });
            // A body left unread on the socket is no next request.
            bool bodyPending = in.getChunkedTransferEncoding() ||
                               (in.hasContentLength() && in.getContentLength64() > 0);
            if (closeAfter || (bodyPending && !bodyRead_)) response.headers["Connection"] = "close";
            if (bodyPending && !bodyRead_ && !in.getExpectContinue()) {
                finish(in, out, request, response, started, true);
                drainRefusedBody(in);
                return;
            }
        } catch (const Poco::SyntaxException&) {
            response = problemResponse(simpleProblem(400, "ongeldig-verzoek", "Ongeldig verzoek",
                                                     "de verzoek-URI kan niet worden gelezen"),
                                       "");
        }
        finish(in, out, request, response, started);
    }

  private:
    // Reads the body within `limit` bytes; on refusal fills `refused`.
    // `closeAfter` is set for a request whose connection must close after
    // the answer (a write without a length).
    bool readBody(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out,
                  ApiRequest& request, std::size_t limit, std::optional<ApiResponse>& refused,
                  bool& closeAfter) {
        auto tooLarge = [&] {
            refused = api::bodyTooLarge(limit, request);
            return false;
        };
        if (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(limit)) {
            return tooLarge();
        }
        // Neither a length nor chunked encoding: the request has no body
        // (RFC 9112, 6.3), so nothing is read and the answer comes at once
        // (a CORS preflight, a POST that forgot its length). Bytes such a
        // client sends anyway are no next request: the connection closes.
        if (!in.hasContentLength() && !in.getChunkedTransferEncoding()) {
            if (in.getMethod() != "GET" && in.getMethod() != "HEAD" &&
                in.getMethod() != "OPTIONS" && in.getMethod() != "DELETE") {
                closeAfter = true;
            }
            return true;
        }
        // Admitted and within the budget: a client that waits for it may send.
        if (in.getExpectContinue()) out.sendContinue();
        bodyRead_ = true;
        // The whole body has a deadline too (the watchdog ends a read past
        // it), so a client dripping bytes cannot hold a worker.
        auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket();
        double expected = in.hasContentLength() ? static_cast<double>(in.getContentLength64())
                                                : static_cast<double>(limit);
        connections_.startReading(&socket,
                                  std::chrono::steady_clock::now() + config_.requestTimeout +
                                      std::chrono::milliseconds(static_cast<int64_t>(
                                          1000.0 * expected / kMinimumUploadBytesPerSecond)));
        std::istream& body = in.stream();
        char buffer[8192];
        while (body.read(buffer, sizeof buffer) || body.gcount() > 0) {
            request.body.append(buffer, static_cast<size_t>(body.gcount()));
            if (request.body.size() > limit) {
                connections_.doneReading(&socket);
                return tooLarge();
            }
        }
        bool late = connections_.doneReading(&socket);
        // The stream fails (rather than ends) when the client stopped sending.
        bool incomplete = late || body.bad() ||
                          (in.hasContentLength() &&
                           static_cast<Poco::Int64>(request.body.size()) < in.getContentLength64());
        if (incomplete) {
            refused = lateResponse(request);
            return false;
        }
        return true;
    }

    // A refused request's body is still coming, and most clients send it
    // whole before they read the answer: closing now would reset the
    // connection under them and the answer would be lost. So, once the
    // answer is sent, up to max-body-bytes of it are read and dropped within
    // kDrainTime (never parsed, never kept); a longer or slower body is cut.
    void drainRefusedBody(Poco::Net::HTTPServerRequest& in) {
        if (in.hasContentLength() &&
            in.getContentLength64() > static_cast<Poco::Int64>(config_.maxBodyBytes))
            return;
        auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket();
        connections_.startReading(&socket, std::chrono::steady_clock::now() + kDrainTime);
        try {
            std::istream& body = in.stream();
            char buffer[8192];
            std::size_t dropped = 0;
            while (dropped <= config_.maxBodyBytes &&
                   (body.read(buffer, sizeof buffer) || body.gcount() > 0)) {
                dropped += static_cast<std::size_t>(body.gcount());
            }
        } catch (const Poco::Exception&) {
            // the client went away: nothing to drain
        }
        connections_.doneReading(&socket);
    }

    static constexpr auto kDrainTime = std::chrono::seconds(2);

    static ApiResponse lateResponse(const ApiRequest& request) {
        auto response = problemResponse(
            simpleProblem(
                408, "verzoek-verlopen", "Verzoek verlopen",
                "het verzoek is niet volledig binnen de wachttijd voor verzoeken verzonden"),
            request.path);
        response.headers["Connection"] = "close";
        return response;
    }

    // A body on disk goes out in blocks; it is complete before it is sent.
    static void sendSpooled(Poco::Net::HTTPServerResponse& out, const ApiRequest& request,
                            const SpooledBody& body) {
        std::ifstream file(body.path(), std::ios::binary);
        std::error_code error;
        auto size = std::filesystem::file_size(body.path(), error);
        out.setContentLength64(static_cast<Poco::Int64>(error ? 0 : size));
        std::ostream& stream = out.send();
        if (request.method == "HEAD") return;
        stream << file.rdbuf();
    }

    // Sends the response; `now` flushes it to the socket at once (Poco
    // would flush it when the request is done).
    void finish(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out,
                const ApiRequest& request, ApiResponse& response,
                std::chrono::steady_clock::time_point started, bool now = false) {
        for (const auto& [name, value] : response.headers) {
            if (name == "Content-Type") {
                out.setContentType(value);
            } else {
                out.set(name, value);
            }
        }
        if (response.headers.count("Connection")) out.setKeepAlive(false);
        out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
        if (response.spooled) {
            sendSpooled(out, request, *response.spooled);
        } else {
            out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
            if (request.method == "HEAD") {
                out.send();
            } else if (now) {
                std::ostream& stream = out.send();
                stream.write(response.body.data(),
                             static_cast<std::streamsize>(response.body.size()));
                stream.flush();
            } else {
                out.sendBuffer(response.body.data(), response.body.size());
            }
        }
        auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - started);
        log_.write({std::stoull(request.requestId), request.method,
                    request.path.empty() ? in.getURI().substr(0, 200) : request.path,
                    response.status, elapsed, response.actorName,
                    in.clientAddress().host().toString(), response.correlationId,
                    response.logDetail});
    }

    Api& api_;
    const ServerConfig& config_;
    AccessLog& log_;
    ConnectionRegistry& connections_;
    bool bodyRead_ = false;  // the body's bytes were (or began to be) read from the socket
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    Factory(Api& api, const ServerConfig& config, AccessLog& log, ConnectionRegistry& connections)
        : api_(api), config_(config), log_(log), connections_(connections) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Handler(api_, config_, log_, connections_);
    }

  private:
    Api& api_;
    const ServerConfig& config_;
    AccessLog& log_;
    ConnectionRegistry& connections_;
};

// Poco's dispatcher drops a connection silently when its queue is full;
// this filter runs first and answers such a connection 503 with Retry-After.
// It also holds each client address to its share of connections (429), so
// one client cannot take every worker and queue place.
class QueueGuard final : public Poco::Net::TCPServerConnectionFilter {
  public:
    QueueGuard(int maxQueued, int perClient, ConnectionRegistry& connections, AccessLog& log)
        : maxQueued_(maxQueued), perClient_(perClient), connections_(connections), log_(log) {}
    void watch(const Poco::Net::TCPServer* server) { server_ = server; }

    bool accept(const Poco::Net::StreamSocket& accepted) override {
        Poco::Net::StreamSocket socket(accepted);
        if (server_ != nullptr && server_->queuedConnections() >= maxQueued_) {
            sendEarlyAnswer(socket, kServerBusy, log_);
            return false;
        }
        // Counted here, released when the connection object goes: only this
        // (the acceptor's) thread queues connections, so every one accepted
        // here gets a connection object.
        if (!connections_.admitClient(clientOf(socket), perClient_)) {
            sendEarlyAnswer(socket, kTooManyConnections, log_);
            return false;
        }
        return true;
    }

  private:
    int maxQueued_;
    int perClient_;
    ConnectionRegistry& connections_;
    AccessLog& log_;
    const Poco::Net::TCPServer* server_ = nullptr;
};

}  // namespace

PocoServer::PocoServer(Api& api, const ServerConfig& config, std::ostream& accessLog)
    : log_(accessLog, config.logLevel) {
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.threads);
    params->setMaxQueued(config.maxConnections);
    params->setTimeout(Poco::Timespan(config.requestTimeout.count(), 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    params->setMaxKeepAliveRequests(100);
    params->setServerName("beraad-server");
    Poco::Net::SocketAddress address(config.bind, config.port);
    Poco::Net::ServerSocket socket(address, 64);
    Poco::Net::HTTPServerParams::Ptr shared(params);
    server_ = std::make_unique<Poco::Net::TCPServer>(
        new HttpConnectionFactory(shared, new Factory(api, config, log_, connections_),
                                  connections_, log_),
        socket, shared);
    Poco::AutoPtr<QueueGuard> guard(
        new QueueGuard(config.maxConnections, config.maxConnectionsPerClient, connections_, log_));
    guard->watch(server_.get());
    server_->setConnectionFilter(guard);
}

PocoServer::~PocoServer() {
    stop();
}

void PocoServer::start() {
    server_->start();
    watchdog_ = std::thread([this] {
        std::unique_lock lock(watchdogMutex_);
        while (!watchdogStop_) {
            watchdogWake_.wait_for(lock, std::chrono::milliseconds(100));
            connections_.enforceDeadlines(std::chrono::steady_clock::now());
        }
    });
}

void PocoServer::stop() {
    if (!server_ || stopped_) return;
    stopped_ = true;
    connections_.stopping = true;  // no new requests on kept-alive connections
    server_->stop();               // no new connections; connections being served go on
    auto deadline = std::chrono::steady_clock::now() + kGracePeriod;
    while (server_->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    connections_.abortAll();
    {
        std::lock_guard lock(watchdogMutex_);
        watchdogStop_ = true;
    }
    watchdogWake_.notify_all();
    if (watchdog_.joinable()) watchdog_.join();
}

unsigned short PocoServer::port() const {
    return server_->port();
}

}  // namespace beraad::server
