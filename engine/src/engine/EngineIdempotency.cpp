// Engine facade: Idempotency-Keys of the REST API, kept in the store so a
// retried write gets its first answer, also after a restart.
#include <chrono>

#include "beraad/Engine.h"
#include "engine/EngineSupport.h"

namespace beraad {

using detail::guarded;

namespace {

constexpr auto kKeyLifetime = std::chrono::hours(24);

// A key is the actor's own: the same key from another actor is another key.
std::string scopeOf(const Actor& actor) {
    return actor.name + "|" + std::string(toString(actor.role)) + "|" + actor.regionScope + "|" +
           actor.partner.value_or("");
}

}  // namespace

Result<IdempotencyClaim> Engine::claimIdempotencyKey(const Actor& actor, const std::string& key,
                                                     const std::string& fingerprint) {
    return guarded([&]() -> Result<IdempotencyClaim> {
        auto now = clock_->now();
        auto tx = store_->beginWrite();
        tx->deleteExpiredIdempotentAnswers(formatTimestamp(now));
        std::string scope = scopeOf(actor);
        IdempotencyClaim claim;
        if (auto earlier = tx->findIdempotentAnswer(scope, key)) {
            if (earlier->fingerprint != fingerprint) {
                claim.outcome = IdempotencyClaim::Outcome::Mismatch;
            } else if (!earlier->status) {
                claim.outcome = IdempotencyClaim::Outcome::InProgress;
            } else {
                claim.outcome = IdempotencyClaim::Outcome::Replay;
                claim.answer = std::move(earlier);
            }
            return claim;
        }
        tx->insertIdempotentAnswer({scope, key, fingerprint, std::nullopt, "{}", "",
                                    formatTimestamp(now), formatTimestamp(now + kKeyLifetime)});
        tx->commit();
        return claim;
    });
}

Result<void> Engine::completeIdempotencyKey(const Actor& actor, const std::string& key, int status,
                                            const std::string& headers, const std::string& body) {
    return guarded([&]() -> Result<void> {
        auto tx = store_->beginWrite();
        IdempotentAnswer answer{scopeOf(actor), key, ""};
        answer.status = status;
        answer.headers = headers;
        answer.body = body;
        tx->completeIdempotentAnswer(answer);
        tx->commit();
        return {};
    });
}

Result<void> Engine::releaseIdempotencyKey(const Actor& actor, const std::string& key) {
    return guarded([&]() -> Result<void> {
        auto tx = store_->beginWrite();
        tx->deleteIdempotentAnswer(scopeOf(actor), key);
        tx->commit();
        return {};
    });
}

}  // namespace beraad
