#include "api/Idempotency.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "api/Api.h"
#include "beraad/base/Sha256.h"

namespace beraad::server::idempotency {

namespace {

constexpr std::size_t kMaxKeyLength = 255;

// The key as an sf-string ("…") or a bare token; nothing for a malformed one.
std::optional<std::string> parseKey(std::string value) {
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    if (value.empty() || value.size() > kMaxKeyLength) return std::nullopt;
    for (char c : value) {
        if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') return std::nullopt;
    }
    return value;
}

// What makes two requests the same request: method, path, query, media type
// and body.
std::string fingerprintOf(const ApiRequest& request) {
    std::string text = request.method + "\n" + request.path + "\n";
    for (const auto& [name, value] : request.query)
        text += name + "=" + value + "&";
    text += "\n" + request.header("Content-Type").value_or("") + "\n" + request.body;
    return sha256Hex(text);
}

std::string headersJson(const Headers& headers) {
    Poco::JSON::Object object;
    for (const auto& [name, value] : headers) {
        if (name != "Connection") object.set(name, value);
    }
    std::ostringstream text;
    object.stringify(text);
    return text.str();
}

ApiResponse replay(const IdempotentAnswer& answer) {
    ApiResponse response;
    response.status = answer.status.value_or(200);
    response.body = answer.body;
    Poco::JSON::Parser parser;
    auto object = parser.parse(answer.headers).extract<Poco::JSON::Object::Ptr>();
    for (const auto& [name, value] : *object)
        response.headers[name] = value.convert<std::string>();
    return response;
}

}  // namespace

std::optional<ApiResponse> admit(Engine& engine, const ApiRequest& request,
                                 std::optional<std::string>& claimed) {
    claimed.reset();
    if (request.method != "POST" || !request.actor) return std::nullopt;
    auto header = request.header("Idempotency-Key");
    if (!header) return std::nullopt;
    auto key = parseKey(*header);
    if (!key) {
        return api::problem(400, "ongeldige-idempotentiesleutel", "Ongeldige Idempotency-Key",
                            "Idempotency-Key must be 1 to " + std::to_string(kMaxKeyLength) +
                                " visible ASCII characters, bare or as a quoted string",
                            request);
    }
    auto claim = engine.claimIdempotencyKey(*request.actor, *key, fingerprintOf(request));
    if (!claim) return api::fail(claim.error(), request);
    switch (claim->outcome) {
        case IdempotencyClaim::Outcome::Claimed:
            claimed = *key;
            return std::nullopt;
        case IdempotencyClaim::Outcome::Replay:
            return replay(*claim->answer);
        case IdempotencyClaim::Outcome::InProgress:
            return api::problem(409, "verzoek-in-behandeling", "Verzoek nog in behandeling",
                                "a request with Idempotency-Key '" + *key +
                                    "' is still being handled (or its answer was lost, then "
                                    "until the key expires); read the resource to see its effect",
                                request);
        case IdempotencyClaim::Outcome::Mismatch:
            return api::problem(422, "idempotentiesleutel-hergebruikt",
                                "Idempotency-Key al gebruikt",
                                "Idempotency-Key '" + *key +
                                    "' was used for another request (other target, query or "
                                    "body); use a new key for a new request",
                                request);
    }
    return std::nullopt;
}

void settle(Engine& engine, const ApiRequest& request, const std::string& key,
            const ApiResponse& response) {
    if (!request.actor) return;
    if (response.status >= 500 || response.spooled) {
        (void)engine.releaseIdempotencyKey(*request.actor, key);
        return;
    }
    // When keeping the answer fails, the key stays claimed until it expires:
    // a retry then gets 409 rather than a second write.
    (void)engine.completeIdempotencyKey(*request.actor, key, response.status,
                                        headersJson(response.headers), response.body);
}

}  // namespace beraad::server::idempotency
