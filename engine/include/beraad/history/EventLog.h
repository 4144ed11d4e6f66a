#pragma once
// Appending to the event log. The log is whatever can tell a stream's head
// and take the next event: a store's write transaction (store/Store.h) is
// one, so the event, its link and its hash are made here while the rows it
// records are written in the same transaction.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

#include "beraad/base/Actor.h"
#include "beraad/history/Event.h"

namespace beraad {

class EventLog {
  public:
    virtual ~EventLog() = default;
    virtual std::optional<StreamHead> findStreamHead(const std::string& stream) = 0;
    // Refuses (throws) an event that does not extend the head.
    virtual void appendEvent(const Event& event) = 0;
};

// Appends one event to `stream`: the next sequence number, linked to the
// head's hash (the genesis hash for a new stream), the payload in canonical
// JSON, hashed. Returns the event as appended.
Event appendEvent(EventLog& log, const std::string& stream, const std::string& kind,
                  const Actor& actor, const std::string& time, const Poco::JSON::Object& payload);

}  // namespace beraad
