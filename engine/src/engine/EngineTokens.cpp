// Engine facade: API tokens for the REST server.
#include <algorithm>
#include <cstdio>

#include "beraad/Engine.h"
#include "beraad/base/Random.h"
#include "beraad/base/Sha256.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/trust/Receipt.h"
#include "engine/EngineSupport.h"

namespace beraad {

using detail::guarded;

namespace {

constexpr const char* kSecretPrefix = "brd_";
constexpr const char* kSessionPrefix = "brs_";

Poco::JSON::Object tokenPayload(const ApiToken& token) {
    Poco::JSON::Object payload;
    payload.set("token", token.id);
    payload.set("persoon", token.person);
    payload.set("rol", token.role);
    payload.set("scope", token.regionScope);
    if (token.partner) payload.set("partner", *token.partner);
    // The hash of the secret, so the chain vouches for which secret the
    // token has (SHA-256 of 256 random bits reveals nothing of the secret).
    payload.set("geheimHash", token.secretHash);
    if (token.expiresAt) payload.set("verloopt", *token.expiresAt);
    return payload;
}

// Whether a beheerder sees and revokes this token: every token for scope
// "*", the tokens of its own region otherwise.
bool mayManage(const Actor& actor, const ApiToken& token) {
    return actor.regionScope == "*" || token.regionScope == actor.regionScope;
}

// Whether the system stream's chain issued this token: the event the row
// names is a token-uitgegeven event whose own hash holds, that names the
// same token, person, role, scope and partner (and secret hash, for tokens
// issued since the chain records it), and, with keys, that the newest
// signed checkpoint of the system stream covers it. A row inserted into the
// store by other means has no such event.
bool issuedByChain(ReadTransaction& tx, const ApiToken& token,
                   const std::vector<trust::VerifierKey>* trusted) {
    if (token.eventSequence <= 0) return false;
    auto event = tx.findEvent(kSystemStream, token.eventSequence);
    if (!event || event->kind != "token-uitgegeven" || computeEventHash(*event) != event->hash)
        return false;
    try {
        auto payload = parseJsonObject(event->payload);
        auto field = [&](const char* name) {
            return payload->has(name) ? payload->getValue<std::string>(name) : std::string();
        };
        if (field("token") != token.id || field("persoon") != token.person ||
            field("rol") != token.role || field("scope") != token.regionScope ||
            (payload->has("partner") ? std::optional(field("partner")) : std::nullopt) !=
                token.partner) {
            return false;
        }
        if (payload->has("geheimHash") && field("geheimHash") != token.secretHash) return false;
        if ((payload->has("verloopt") ? std::optional(field("verloopt")) : std::nullopt) !=
            token.expiresAt) {
            return false;
        }
    } catch (const std::exception&) {
        return false;
    }
    if (trusted == nullptr) return true;
    auto latest = tx.findLatestCheckpoint(kSystemStream);
    if (!latest) return true;  // written before signing began; verify names it
    auto verdict = trust::checkCheckpoint(latest->note, kSystemStream, *trusted);
    return verdict.valid() &&
           static_cast<std::int64_t>(verdict.checkpoint->size) >= token.eventSequence;
}

}  // namespace

Result<IssuedToken> Engine::createToken(const Actor& actor, const TokenRequest& request) {
    if (actor.role != Role::Beheerder)
        return detail::forbidden(actor, "issue API tokens (beheerder only)");
    std::vector<ErrorDetail> problems;
    if (request.person.empty())
        problems.push_back({"name the person the token is for", std::nullopt, "persoon"});
    if (auto bad = text::problem(request.person))
        problems.push_back({"persoon holds " + *bad, std::nullopt, "persoon"});
    if (request.role == Role::Systeem)
        problems.push_back({"the systeem role cannot have tokens", std::nullopt, "rol"});
    if (request.regionScope.empty())
        problems.push_back({"give a region code or *", std::nullopt, "scope"});
    if (request.validDays && (*request.validDays < 1 || *request.validDays > 3650)) {
        problems.push_back({"a token is valid for 1 to 3650 days", std::nullopt, "geldigDagen"});
    }
    if (request.role == Role::Partner) {
        if (!request.partner)
            problems.push_back({"a partner token names its partner", std::nullopt, "partner"});
        if (request.regionScope == "*") {
            problems.push_back({"a partner token is for one region", std::nullopt, "scope"});
        }
    } else if (request.partner) {
        problems.push_back({"only a partner token names a partner", std::nullopt, "partner"});
    }
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, "the token cannot be issued",
                         std::move(problems));
    // A beheerder of one region issues tokens for that region only: never
    // one for another region, nor one for every region ("*").
    if (actor.regionScope != "*" && request.regionScope != actor.regionScope) {
        return makeError(ErrorCode::Forbidden,
                         actor.name + " works for region " + actor.regionScope +
                             " and may issue tokens for region " + actor.regionScope +
                             " only, not for " + request.regionScope);
    }

    return guarded([&]() -> Result<IssuedToken> {
        auto tx = store_->beginWrite();
        if (request.regionScope != "*" && !tx->findRegion(request.regionScope)) {
            return detail::notFound("region " + request.regionScope);
        }
        if (request.partner && !tx->findPartner(request.regionScope, *request.partner)) {
            return detail::notFound("partner " + *request.partner + " in region " +
                                    request.regionScope);
        }
        IssuedToken issued;
        issued.secret = kSecretPrefix + randomHex(32);
        issued.token = ApiToken{"tok-" + randomHex(6),
                                sha256Hex(issued.secret),
                                request.person,
                                std::string(toString(request.role)),
                                request.regionScope,
                                request.partner,
                                formatTimestamp(clock_->now()),
                                actor.name,
                                std::nullopt};
        if (request.validDays) {
            issued.token.expiresAt =
                formatTimestamp(clock_->now() + std::chrono::hours(24) * *request.validDays);
        }
        issued.token.eventSequence = appendEvent(*tx, kSystemStream, "token-uitgegeven", actor,
                                                 issued.token.createdAt, tokenPayload(issued.token))
                                         .sequence;
        tx->insertToken(issued.token);
        commit(*tx);
        return issued;
    });
}

Result<std::vector<ApiToken>> Engine::listTokens(const Actor& actor) {
    if (actor.role != Role::Beheerder)
        return detail::forbidden(actor, "list API tokens (beheerder only)");
    return guarded([&]() -> Result<std::vector<ApiToken>> {
        auto tokens = store_->beginRead()->listTokens();
        std::erase_if(tokens, [&](const ApiToken& token) { return !mayManage(actor, token); });
        return tokens;
    });
}

Result<ApiToken> Engine::revokeToken(const Actor& actor, const std::string& tokenId) {
    if (actor.role != Role::Beheerder)
        return detail::forbidden(actor, "revoke API tokens (beheerder only)");
    return guarded([&]() -> Result<ApiToken> {
        auto tx = store_->beginWrite();
        std::string time = formatTimestamp(clock_->now());
        // A token outside the beheerder's scope answers as one that does not
        // exist, so a scoped beheerder cannot probe for other regions' tokens.
        auto tokens = tx->listTokens();
        auto found = std::find_if(tokens.begin(), tokens.end(), [&](const ApiToken& token) {
            return token.id == tokenId && !token.revokedAt && mayManage(actor, token);
        });
        if (found == tokens.end()) return detail::notFound("active token " + tokenId);
        ApiToken revoked = *found;
        revoked.revokedAt = time;
        appendEvent(*tx, kSystemStream, "token-ingetrokken", actor, time, tokenPayload(revoked));
        if (!tx->revokeToken(tokenId, time)) return detail::notFound("active token " + tokenId);
        commit(*tx);
        return revoked;
    });
}

// A token's last use, written at most once a minute per token so a busy
// client does not turn every read into a write. A use that cannot be
// written (the store is busy) is skipped: it is not history.
void Engine::noteUse(const ApiToken& token, std::chrono::system_clock::time_point now) {
    std::string minute = formatTimestamp(now).substr(0, 16);
    if (token.lastUsedAt && token.lastUsedAt->substr(0, 16) == minute) return;
    try {
        auto tx = store_->beginWrite();
        tx->recordTokenUse(token.id, formatTimestamp(now));
        tx->commit();
    } catch (const StoreError&) {
    }
}

Result<Actor> Engine::authenticate(const std::string& secret) {
    if (!secret.starts_with(kSecretPrefix)) {
        return makeError(ErrorCode::Unauthenticated, "the API token is unknown or revoked");
    }
    return tokenActor(sha256Hex(secret));
}

Result<Actor> Engine::tokenActor(const std::string& secretHash) {
    auto unknown = makeError(ErrorCode::Unauthenticated, "the API token is unknown or revoked");
    return guarded([&]() -> Result<Actor> {
        auto tx = store_->beginRead();
        auto token = tx->findTokenBySecretHash(secretHash);
        if (!token || token->revokedAt) return unknown;
        std::optional<std::vector<trust::VerifierKey>> trusted;
        if (keys_) trusted = keys_->trustedKeys();
        if (!issuedByChain(*tx, *token, trusted ? &*trusted : nullptr)) return unknown;
        auto now = clock_->now();
        std::string time = formatTimestamp(now);
        if (token->expiresAt && *token->expiresAt <= time) {
            return makeError(ErrorCode::Unauthenticated, "the API token expired on " +
                                                             *token->expiresAt +
                                                             "; ask a beheerder for a new one");
        }
        tx.reset();
        noteUse(*token, now);
        auto role = parseRole(token->role);
        if (!role) return unknown;
        return Actor{token->person, *role, token->regionScope, token->partner};
    });
}

// Web sessions. A session is as good as the token it was started with: a
// revoked or expired token ends it at its next use.
Result<WebSessionStart> Engine::startWebSession(const std::string& tokenSecret,
                                                const WebSessionPolicy& policy) {
    auto actor = authenticate(tokenSecret);
    if (!actor) return actor.error();
    return guarded([&]() -> Result<WebSessionStart> {
        auto now = clock_->now();
        WebSessionStart started{kSessionPrefix + randomHex(32), randomHex(32), *actor};
        WebSession session{sha256Hex(started.secret), sha256Hex(tokenSecret),
                           started.csrfToken,         formatTimestamp(now),
                           formatTimestamp(now),      formatTimestamp(now + policy.absolute)};
        auto tx = store_->beginWrite();
        tx->deleteExpiredWebSessions(formatTimestamp(now), formatTimestamp(now - policy.idle));
        tx->insertWebSession(session);
        tx->commit();
        return started;
    });
}

Result<WebSessionState> Engine::resumeWebSession(const std::string& secret,
                                                 const WebSessionPolicy& policy) {
    auto ended = makeError(ErrorCode::Unauthenticated, "the session has ended; log in again");
    if (!secret.starts_with(kSessionPrefix)) return ended;
    auto idHash = sha256Hex(secret);
    auto session = guarded([&]() -> Result<std::optional<WebSession>> {
        return store_->beginRead()->findWebSession(idHash);
    });
    if (!session) return session.error();
    auto now = clock_->now();
    if (!*session || (*session)->expiresAt <= formatTimestamp(now) ||
        (*session)->lastSeenAt < formatTimestamp(now - policy.idle)) {
        return ended;
    }
    auto actor = tokenActor((*session)->tokenHash);
    if (!actor) return ended;
    // The last use to the minute: one write a minute per session at most.
    std::string minute = formatTimestamp(now).substr(0, 16);
    if ((*session)->lastSeenAt.substr(0, 16) != minute) {
        try {
            auto tx = store_->beginWrite();
            tx->touchWebSession(idHash, formatTimestamp(now));
            tx->commit();
        } catch (const StoreError&) {
        }
    }
    return WebSessionState{*actor, (*session)->csrfToken};
}

Result<void> Engine::endWebSession(const std::string& secret) {
    return guarded([&]() -> Result<void> {
        auto tx = store_->beginWrite();
        tx->deleteWebSession(sha256Hex(secret));
        tx->commit();
        return {};
    });
}

}  // namespace beraad
