// The answers a real PocoServer gives before any handler saw the request:
// the connection's 431, 414 and 408 and the connection filter's 503 are each
// exactly what earlyAnswerBytes writes, problem+json of one shape, and each
// is in the access log.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "EarlyAnswer.h"
#include "PocoServer.h"
#include "TestSupport.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::server {
namespace {

struct Answer {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

Answer parse(const std::string& raw) {
    Answer answer;
    auto end = raw.find("\r\n\r\n");
    if (end == std::string::npos) return answer;
    std::istringstream head(raw.substr(0, end));
    std::string line;
    std::getline(head, line);
    answer.status = std::stoi(line.substr(line.find(' ') + 1, 3));
    while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto colon = line.find(": ");
        answer.headers[line.substr(0, colon)] = line.substr(colon + 2);
    }
    answer.body = raw.substr(end + 4);
    return answer;
}

std::set<std::string> headerNames(const Answer& answer) {
    std::set<std::string> names;
    for (const auto& [name, value] : answer.headers) {
        if (name != "Retry-After") names.insert(name);
    }
    return names;
}

std::set<std::string> memberNames(const std::string& json) {
    auto object = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    std::set<std::string> names;
    for (const auto& [name, value] : *object)
        names.insert(name);
    return names;
}

class EarlyAnswerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        engine_ = std::make_unique<Engine>(openSqliteStore({dir_.file("s.sqlite")}));
        ASSERT_TRUE(engine_->initialize().ok());
        api_ = std::make_unique<Api>(
            *engine_, [this](const std::string& t) { return engine_->authenticate(t); });
        ServerConfig config;
        config.port = 0;
        config.threads = 1;
        config.maxConnections = 1;
        config.requestTimeout = std::chrono::seconds(1);
        server_ = std::make_unique<PocoServer>(*api_, config, log_);
        server_->start();
    }

    Poco::Net::StreamSocket connect(const std::string& bytes) {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", server_->port()));
        if (!bytes.empty()) socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
        return socket;
    }

    // Everything the server sends until it closes.
    static std::string answerOn(Poco::Net::StreamSocket& socket) {
        socket.setReceiveTimeout(Poco::Timespan(5, 0));
        std::string raw;
        char buffer[4096];
        for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
            raw.append(buffer, static_cast<size_t>(n));
        socket.close();
        return raw;
    }

    testing::TempDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<Api> api_;
    std::ostringstream log_;
    std::unique_ptr<PocoServer> server_;
};

TEST_F(EarlyAnswerTest, TheConnectionAndTheFilterAnswerThroughOneWriter) {
    const std::string stalled = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
    std::string fields = "GET /api/v1/health HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
        fields += "X-Veld-" + std::to_string(i) + ": a\r\n";
    auto socket = connect(fields + "\r\n");
    std::map<int, std::string> raw;
    raw[431] = answerOn(socket);
    socket = connect("GET /api/v1/health?q=" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n");
    raw[414] = answerOn(socket);
    // One worker, one queued connection, both stalled: the next is refused.
    auto working = connect(stalled);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto queued = connect(stalled);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    socket = connect("");
    raw[503] = answerOn(socket);
    raw[408] = answerOn(working);
    answerOn(queued);

    EXPECT_EQ(raw[431], earlyAnswerBytes(kHeadersTooLarge));
    EXPECT_EQ(raw[414], earlyAnswerBytes(kUriTooLong));
    EXPECT_EQ(raw[503], earlyAnswerBytes(kServerBusy));
    EXPECT_EQ(raw[408], earlyAnswerBytes(kRequestTimedOut));

    // One shape: the same header fields (but Retry-After) and body members.
    const auto names = headerNames(parse(raw[431]));
    for (int status : {431, 414, 408, 503}) {
        SCOPED_TRACE(status);
        Answer answer = parse(raw[status]);
        EXPECT_EQ(answer.status, status);
        EXPECT_EQ(answer.header("Content-Type"), "application/problem+json");
        EXPECT_EQ(Poco::icompare(answer.header("Connection"), "close"), 0);
        EXPECT_EQ(answer.header("Content-Length"), std::to_string(answer.body.size()));
        EXPECT_EQ(answer.header("X-Frame-Options"), "DENY");
        EXPECT_EQ(headerNames(answer), names);
        ASSERT_NO_THROW(memberNames(answer.body));
        EXPECT_EQ(memberNames(answer.body),
                  (std::set<std::string>{"type", "title", "status", "detail", "instance"}));
        EXPECT_NE(answer.body.find("\"status\":" + std::to_string(status)), std::string::npos);
    }
    EXPECT_EQ(parse(raw[503]).header("Retry-After"), "1");

    server_->stop();
    for (int status : {431, 414, 503, 408}) {
        EXPECT_NE(
            log_.str().find("\"methode\":\"-\",\"pad\":\"\",\"status\":" + std::to_string(status)),
            std::string::npos)
            << "no access-log line for the " << status << ":\n"
            << log_.str();
    }
}

}  // namespace
}  // namespace beraad::server
