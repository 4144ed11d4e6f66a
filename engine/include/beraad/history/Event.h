#pragma once
// The event log: one append-only, hash-chained stream per document
// ("document:AM05-convenant-1"), per region ("regio:AM05") and for the
// system ("systeem"). Every state change of the engine is one event, written
// in the same transaction as the rows it changes.
//
// Hash chain: hash = SHA-256 over the canonical record of the event, which
// includes the hash of the event before it (64 zeros for the first). The
// canonical record is, for each field in this order: stream, sequence,
// kind, actor, role, time, payload, previousHash, the text
//     <name>:<byte length>:<bytes>\n
// preceded by the line "beraad-event-v1\n". Payload is canonical JSON (keys
// sorted, no insignificant whitespace). docs/architecture.md shows how to
// recompute a hash with standard tools.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace beraad {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct Event {
    std::string stream;
    std::int64_t sequence = 0;  // 1, 2, 3, ... within the stream
    std::string kind;           // "document-aangemaakt", "versie-toegevoegd", ...
    std::string actor;
    std::string role;
    std::string time;     // ISO 8601 UTC
    std::string payload;  // canonical JSON object
    std::string previousHash;
    std::string hash;
};

// The newest event of a stream.
struct StreamHead {
    std::string stream;
    std::int64_t sequence = 0;
    std::string hash;
};

std::string canonicalRecord(const Event& event);
std::string computeEventHash(const Event& event);

struct ChainBreak {
    std::int64_t sequence;  // the first event whose link does not hold
    std::string reason;
};

struct ChainVerdict {
    std::int64_t eventsChecked = 0;
    std::string headHash;  // hash of the last event checked
    std::optional<ChainBreak> firstBreak;
    bool intact() const { return !firstBreak; }
};

// Checks events in the order given: sequence numbers 1..n without gaps,
// each previousHash equal to the hash before it, each hash recomputed.
// Feed events one by one so long streams never need to be in memory.
class ChainVerifier {
  public:
    explicit ChainVerifier(std::string stream);
    void add(const Event& event);
    const ChainVerdict& verdict() const { return verdict_; }

  private:
    std::string stream_;
    std::string expectedPrevious_ = kGenesisHash;
    ChainVerdict verdict_;
};

}  // namespace beraad
