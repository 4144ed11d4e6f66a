#pragma once
// The HTTP side of beraad --server: one exchange with beraad-server's REST
// API (docs/api.md) at a time, over http, or https that verifies the server
// against the system's CAs or the one in BERAAD_CA_FILE. Every request
// carries the bearer token. A problem (application/problem+json) comes back
// as the engine's Error (RemoteProblem.h); a JSON answer as the engine's
// record (present/JsonParse.h). Which resource serves which use case is
// RemoteBackend's business, not this one's.

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "Backend.h"
#include "beraad/present/JsonParse.h"

namespace beraad::cli {

struct Reply {
    int status = 0;
    std::string body;
    std::string contentType;
    // ETag, Content-Disposition, Beraad-*; names compare case-insensitively
    // (a proxy may lower-case them).
    Poco::Net::NameValueCollection headers;

    std::string header(const std::string& name) const { return headers.get(name, ""); }
};

struct Call {
    std::string method = Poco::Net::HTTPRequest::HTTP_GET;
    std::string path;  // below /api/v1, with its query string
    std::string body;
    std::string contentType;
    std::map<std::string, std::string> headers;
};

// A value percent-encoded for a path segment or a query string.
std::string encoded(const std::string& value);

// "?a=1&b=x" from the pairs that have a value.
std::string query(const std::vector<std::pair<std::string, std::optional<std::string>>>& pairs);

class RestClient {
  public:
    explicit RestClient(const ServerAddress& address);

    // One exchange, whatever its status; fails only when the server cannot
    // be reached. With a sink, a successful answer's body goes there, not to
    // Reply::body, and one cut short is an error.
    Result<Reply> exchange(const Call& call, std::ostream* sink = nullptr);
    // One exchange; a 4xx or 5xx answer becomes the Error its problem describes.
    Result<Reply> send(const Call& call, std::ostream* sink = nullptr);

    template <typename T>
    Result<T> record(const Result<Reply>& reply) {
        if (!reply) return reply.error();
        auto object = parseObject(*reply);
        if (!object) return object.error();
        noteReceipt(**object);
        return present::fromJson<T>(**object);
    }
    // The receipt (ontvangstbewijs member) of the last answer that had one, once.
    std::optional<std::string> takeReceipt() { return std::exchange(receipt_, std::nullopt); }
    template <typename T>
    Result<T> getRecord(const std::string& path) {
        return record<T>(get(path));
    }
    // A list answer (present::listToJson).
    template <typename T>
    Result<std::vector<T>> getList(const std::string& path) {
        auto reply = get(path);
        if (!reply) return reply.error();
        auto object = parseObject(*reply);
        if (!object) return object.error();
        auto items = present::listFromJson<T>(**object);
        if (!items) return unexpected(items.error().message + " in the answer to GET " + path);
        return items;
    }
    // POSTs a JSON body under If-Match and reads the answer as T.
    template <typename T>
    Result<T> postJson(const std::string& path, const std::string& ifMatch,
                       const Poco::JSON::Object& body) {
        return record<T>(send({Poco::Net::HTTPRequest::HTTP_POST,
                               path,
                               jsonText(body),
                               "application/json",
                               {{"If-Match", ifMatch}}}));
    }

    Result<Reply> get(const std::string& path, std::ostream* sink = nullptr) {
        return send({Poco::Net::HTTPRequest::HTTP_GET, path, "", "", {}}, sink);
    }
    // The resource's ETag, for the If-Match of a write.
    Result<std::string> etag(const std::string& path);
    Result<Poco::JSON::Object::Ptr> parseObject(const Reply& reply) const;
    // The whole number a header holds.
    Result<std::int64_t> headerNumber(const Reply& reply, const std::string& name) const;
    // The Error for an answer the API does not give.
    Error unexpected(const std::string& what) const;

    static std::string jsonText(const Poco::JSON::Object& object);

  private:
    Result<std::unique_ptr<Poco::Net::HTTPClientSession>> openSession();
    void noteReceipt(const Poco::JSON::Object& answer);

    std::optional<std::string> receipt_;
    ServerAddress address_;
    std::string scheme_;
    std::string host_;
    unsigned short port_ = 0;
    std::string base_;
};

}  // namespace beraad::cli
