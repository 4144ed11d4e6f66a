#include "core/EngineSupport.h"

namespace beraad::detail {

Event appendEvent(WriteTransaction& tx, const std::string& stream, const std::string& kind,
                  const Actor& actor, const std::string& time, const Poco::JSON::Object& payload) {
    auto head = tx.findStreamHead(stream);
    Event event;
    event.stream = stream;
    event.sequence = head ? head->sequence + 1 : 1;
    event.kind = kind;
    event.actor = actor.name;
    event.role = std::string(toString(actor.role));
    event.time = time;
    event.payload = canonicalJson(payload);
    event.previousHash = head ? head->hash : kGenesisHash;
    event.hash = computeEventHash(event);
    tx.appendEvent(event);
    return event;
}

Error forbidden(const Actor& actor, const std::string& what) {
    return makeError(ErrorCode::Forbidden,
                     "the role " + std::string(toString(actor.role)) + " may not " + what);
}

Error outOfScope(const Actor& actor, const std::string& region) {
    return makeError(ErrorCode::Forbidden, actor.name + " works for region " + actor.regionScope +
                                               " and may not act in region " + region);
}

Error notFound(const std::string& what) {
    return makeError(ErrorCode::NotFound, what + " does not exist");
}

bool mayWriteDocuments(const Actor& actor) {
    return actor.role == Role::Kwartiermaker || actor.role == Role::Secretariaat;
}

bool mayManagePartners(const Actor& actor) {
    return actor.role == Role::Secretariaat || actor.role == Role::Beheerder ||
           actor.role == Role::Kwartiermaker;
}

}  // namespace beraad::detail
