// Poco's failures while reading a request's line and headers, each caused
// for real (a client's bytes over loopback into HTTPServerRequestImpl, read
// as HttpConnection reads them), and what the server makes of them. These
// pin kPocoMessages: a Poco that words a failure differently, or fails in
// another way, fails here instead of changing the server's answer.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ReadFailure.h"

namespace beraad::server {
namespace {

// How the client ends after sending its bytes.
enum class Ending { Close, Stall, Reset };

struct Outcome {
    std::optional<ReadFailure> failure;  // none: the request was read
    std::string pocoMessage;             // message() of what Poco threw
};

// The server's side of one request: `bytes` from a client that then ends as
// `ending` says, read with a 200 ms timeout.
Outcome readRequest(const std::string& bytes, Ending ending) {
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    Poco::Net::StreamSocket client;
    client.connect(listener.address());
    if (!bytes.empty()) client.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    if (ending == Ending::Close) client.shutdownSend();
    if (ending == Ending::Reset) {
        client.setLinger(true, 0);
        client.close();
    }
    Poco::Net::StreamSocket accepted = listener.acceptConnection();
    Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
    params->setTimeout(Poco::Timespan(0, 200000));
    Poco::Net::HTTPServerSession session(accepted, params);
    try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params.get());
        return {};
    } catch (const Poco::Exception& thrown) {
        return {classifyReadFailure(thrown, session.networkException()), thrown.message()};
    }
}

std::string withFields(int count) {
    std::string request = "GET /api/v1/health HTTP/1.1\r\n";
    for (int i = 0; i < count; ++i)
        request += "X-Veld-" + std::to_string(i) + ": a\r\n";
    return request + "\r\n";
}

struct Case {
    const char* what;
    std::string bytes;
    Ending ending;
    ReadFailure expected;
};

std::vector<Case> pocoFailures() {
    const std::string get = "GET /api/v1/health HTTP/1.1\r\n";
    return {
        {"closed before a byte", "", Ending::Close, ReadFailure::ClientClosed},
        {"only white space", "  \r\n", Ending::Close, ReadFailure::Malformed},
        {"a 40-byte method", std::string(40, 'G') + " / HTTP/1.1\r\n\r\n", Ending::Close,
         ReadFailure::Malformed},
        {"a TLS hello", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
         Ending::Close, ReadFailure::Malformed},
        {"a 17000-byte URI", "GET /" + std::string(17000, 'a') + " HTTP/1.1\r\n\r\n", Ending::Close,
         ReadFailure::UriTooLong},
        {"a 14-byte version", "GET / HTTP/1.1xxxxxx\r\n\r\n", Ending::Close,
         ReadFailure::Malformed},
        {"101 header fields", withFields(101), Ending::Close, ReadFailure::HeadersTooLarge},
        {"a 300-byte field name", get + std::string(300, 'N') + ": a\r\n\r\n", Ending::Close,
         ReadFailure::HeadersTooLarge},
        {"a 9000-byte field value", get + "X-Lang: " + std::string(9000, 'a') + "\r\n\r\n",
         Ending::Close, ReadFailure::HeadersTooLarge},
        {"a folded value of 9000 bytes",
         get + "X-Lang: a\r\n " + std::string(9000, 'a') + "\r\n\r\n", Ending::Close,
         ReadFailure::HeadersTooLarge},
        {"a Content-Length that is no number", get + "Content-Length: veel\r\n\r\n", Ending::Close,
         ReadFailure::Malformed},
        {"nothing sent within the timeout", "", Ending::Stall, ReadFailure::TimedOut},
        {"a request line cut off by the timeout", "GE", Ending::Stall, ReadFailure::TimedOut},
        {"headers cut off by the timeout", get + "Host: x\r\n", Ending::Stall,
         ReadFailure::TimedOut},
        {"a connection reset", get + "Ho", Ending::Reset, ReadFailure::ConnectionLost},
    };
}

TEST(ReadFailureTest, EveryPocoFailureHasItsClass) {
    std::set<std::string> messages;
    for (const auto& failure : pocoFailures()) {
        SCOPED_TRACE(failure.what);
        Outcome outcome = readRequest(failure.bytes, failure.ending);
        ASSERT_TRUE(outcome.failure.has_value()) << "Poco read the request";
        EXPECT_EQ(static_cast<int>(*outcome.failure), static_cast<int>(failure.expected))
            << "Poco said: " << outcome.pocoMessage;
        messages.insert(outcome.pocoMessage);
    }
    // Every text in the table is one that Poco really gives.
    for (const auto& known : kPocoMessages) {
        EXPECT_EQ(messages.count(known.text), 1u) << "no real failure says: " << known.text;
    }
}

TEST(ReadFailureTest, ACompleteRequestIsNoFailure) {
    EXPECT_FALSE(readRequest("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n", Ending::Stall)
                     .failure.has_value());
    EXPECT_FALSE(readRequest(withFields(100), Ending::Close).failure.has_value());
}

TEST(ReadFailureTest, AnUnknownPocoTextIsABadRequest) {
    EXPECT_EQ(classifyReadFailure(Poco::Net::MessageException("Some future wording"), nullptr),
              ReadFailure::Malformed);
    EXPECT_EQ(classifyReadFailure(Poco::Net::NetException("Socket is not connected"), nullptr),
              ReadFailure::ConnectionLost);
}

TEST(ReadFailureTest, EveryClassHasOneAnswer) {
    struct Expected {
        ReadFailure failure;
        int status;  // 0: no answer
        const char* code;
    };
    for (const auto& expected : std::vector<Expected>{
             {ReadFailure::ClientClosed, 0, ""},
             {ReadFailure::ConnectionLost, 0, ""},
             {ReadFailure::TimedOut, 408, "verzoek-verlopen"},
             {ReadFailure::Malformed, 400, "ongeldig-verzoek"},
             {ReadFailure::UriTooLong, 414, "uri-te-lang"},
             {ReadFailure::HeadersTooLarge, 431, "headers-te-groot"},
         }) {
        SCOPED_TRACE(expected.status);
        auto problem = earlyProblemFor(expected.failure);
        EXPECT_EQ(problem.has_value(), expected.status != 0);
        if (!problem) continue;
        EXPECT_EQ(problem->status, expected.status);
        EXPECT_STREQ(problem->code, expected.code);
    }
}

}  // namespace
}  // namespace beraad::server
