#include "beraad/history/EventLog.h"

#include "beraad/history/CanonicalJson.h"

namespace beraad {

Event appendEvent(EventLog& log, const std::string& stream, const std::string& kind,
                  const Actor& actor, const std::string& time, const Poco::JSON::Object& payload) {
    auto head = log.findStreamHead(stream);
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
    log.appendEvent(event);
    return event;
}

}  // namespace beraad
