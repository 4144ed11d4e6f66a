#include "RestClient.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <charconv>
#include <cstdlib>
#include <sstream>

#ifdef BERAAD_CLI_TLS
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#endif

#include "RemoteProblem.h"

namespace beraad::cli {

using Poco::Net::HTTPRequest;

std::string encoded(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", out);
    return out;
}

std::string query(const std::vector<std::pair<std::string, std::optional<std::string>>>& pairs) {
    std::string text;
    for (const auto& [key, value] : pairs) {
        if (!value) continue;
        text += (text.empty() ? "?" : "&") + key + "=" + encoded(*value);
    }
    return text;
}

namespace {

#ifdef BERAAD_CLI_TLS
// Verifies the server's certificate and host name against the system's CAs,
// or against the CA file in BERAAD_CA_FILE (a private CA); never accepts an
// invalid certificate.
Poco::Net::Context::Ptr tlsContext() {
    static Poco::Net::Context::Ptr context = [] {
        Poco::Net::initializeSSL();
        const char* caFile = std::getenv("BERAAD_CA_FILE");
        bool ownCa = caFile != nullptr && *caFile != '\0';
        Poco::Net::Context::Ptr created =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, ownCa ? caFile : "",
                                   Poco::Net::Context::VERIFY_STRICT, 9, !ownCa);
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, new Poco::Net::RejectCertificateHandler(false), created);
        return created;
    }();
    return context;
}
#endif

}  // namespace

RestClient::RestClient(const ServerAddress& address) : address_(address) {
    Poco::URI uri(address.url);
    base_ = uri.getPath();
    while (!base_.empty() && base_.back() == '/')
        base_.pop_back();
    if (!base_.ends_with("/api/v1")) base_ += "/api/v1";
    host_ = uri.getHost();
    port_ = uri.getPort();
    scheme_ = uri.getScheme();
}

Result<Reply> RestClient::exchange(const Call& call, std::ostream* sink) {
    try {
        auto opened = openSession();
        if (!opened) return opened.error();
        Poco::Net::HTTPClientSession& session = **opened;
        session.setTimeout(Poco::Timespan(120, 0));
        HTTPRequest request(call.method, base_ + call.path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer " + address_.token);
        request.set("Accept", "application/json, application/problem+json, */*");
        // The CLI speaks English: the server's and the engine's messages as
        // they are written, as on a local store (the API's default is Dutch).
        request.set("Accept-Language", "en");
        for (const auto& [name, value] : call.headers)
            request.set(name, value);
        if (!call.contentType.empty()) request.setContentType(call.contentType);
        if (call.method != HTTPRequest::HTTP_GET) {
            request.setContentLength(static_cast<std::streamsize>(call.body.size()));
        }
        session.sendRequest(request) << call.body;
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        Reply reply;
        reply.status = static_cast<int>(response.getStatus());
        reply.contentType = response.getContentType();
        reply.headers = static_cast<const Poco::Net::NameValueCollection&>(response);
        if (sink == nullptr || reply.status >= 400) {
            Poco::StreamCopier::copyToString(in, reply.body);
            return reply;
        }
        // Streamed: a body cut short (the connection dropped) is an error,
        // never a shorter file.
        auto copied = Poco::StreamCopier::copyStream64(in, *sink);
        if (response.hasContentLength() &&
            static_cast<std::int64_t>(copied) != response.getContentLength64()) {
            return makeError(ErrorCode::Storage, "beraad-server at " + address_.url + " sent " +
                                                     std::to_string(copied) + " of " +
                                                     std::to_string(response.getContentLength64()) +
                                                     " bytes");
        }
        return reply;
    } catch (const Poco::Exception& failure) {
        return makeError(ErrorCode::Storage, "cannot reach beraad-server at " + address_.url +
                                                 ": " + failure.displayText());
    } catch (const std::exception& failure) {
        return makeError(ErrorCode::Storage,
                         "cannot reach beraad-server at " + address_.url + ": " + failure.what());
    }
}

Result<Reply> RestClient::send(const Call& call, std::ostream* sink) {
    auto reply = exchange(call, sink);
    if (reply && reply->status >= 400) return problemError(reply->status, reply->body);
    return reply;
}

Result<std::unique_ptr<Poco::Net::HTTPClientSession>> RestClient::openSession() {
    if (scheme_ == "http") {
        // The bearer token would cross the network readable by anyone on the way.
        bool loopback = host_ == "localhost" || host_ == "::1" || host_.starts_with("127.");
        if (!loopback) {
            return makeError(ErrorCode::InvalidInput,
                             "refusing to send the API token over plain http:// to " + host_ +
                                 ": use https:// (a server behind a TLS proxy), or a loopback "
                                 "address");
        }
        return std::make_unique<Poco::Net::HTTPClientSession>(host_, port_);
    }
#ifdef BERAAD_CLI_TLS
    if (scheme_ == "https") {
        return std::unique_ptr<Poco::Net::HTTPClientSession>(
            std::make_unique<Poco::Net::HTTPSClientSession>(host_, port_, tlsContext()));
    }
#endif
    return makeError(ErrorCode::InvalidInput,
                     "--server must be an http:// or https:// URL (https needs a build with "
                     "Poco NetSSL)");
}

Result<std::string> RestClient::etag(const std::string& path) {
    auto reply = get(path);
    if (!reply) return reply.error();
    return reply->header("ETag");
}

Result<Poco::JSON::Object::Ptr> RestClient::parseObject(const Reply& reply) const {
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(reply.body);
        if (value.type() != typeid(Poco::JSON::Object::Ptr))
            return unexpected("the answer is not a JSON object");
        return value.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& failure) {
        return unexpected(std::string("the answer is not JSON: ") + failure.what());
    }
}

Result<std::int64_t> RestClient::headerNumber(const Reply& reply, const std::string& name) const {
    const std::string value = reply.header(name);
    std::int64_t number = 0;
    auto [end, problem] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || problem != std::errc() || end != value.data() + value.size()) {
        return unexpected("no whole number in its " + name + " header ('" + value + "')");
    }
    return number;
}

Error RestClient::unexpected(const std::string& what) const {
    return makeError(ErrorCode::Storage,
                     "beraad-server at " + address_.url + " answered unexpectedly: " + what);
}

void RestClient::noteReceipt(const Poco::JSON::Object& answer) {
    if (auto receipt = answer.getObject("ontvangstbewijs")) receipt_ = jsonText(*receipt);
}

std::string RestClient::jsonText(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

}  // namespace beraad::cli
