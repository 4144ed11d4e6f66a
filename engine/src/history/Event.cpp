#include "beraad/history/Event.h"

#include "beraad/base/Sha256.h"

namespace beraad {
namespace {

void appendField(std::string& record, const char* name, const std::string& value) {
    record += name;
    record += ':';
    record += std::to_string(value.size());
    record += ':';
    record += value;
    record += '\n';
}

}  // namespace

std::string canonicalRecord(const Event& event) {
    std::string record = "beraad-event-v1\n";
    appendField(record, "stream", event.stream);
    appendField(record, "sequence", std::to_string(event.sequence));
    appendField(record, "kind", event.kind);
    appendField(record, "actor", event.actor);
    appendField(record, "role", event.role);
    appendField(record, "time", event.time);
    appendField(record, "payload", event.payload);
    appendField(record, "previousHash", event.previousHash);
    return record;
}

std::string computeEventHash(const Event& event) {
    return sha256Hex(canonicalRecord(event));
}

ChainVerifier::ChainVerifier(std::string stream) : stream_(std::move(stream)) {}

void ChainVerifier::add(const Event& event) {
    if (verdict_.firstBreak) return;
    std::int64_t expectedSequence = verdict_.eventsChecked + 1;
    auto fail = [&](std::string reason) {
        verdict_.firstBreak = ChainBreak{event.sequence, std::move(reason)};
    };
    if (event.stream != stream_) {
        fail("event belongs to stream '" + event.stream + "', expected '" + stream_ + "'");
    } else if (event.sequence != expectedSequence) {
        fail("expected event " + std::to_string(expectedSequence) + ", found event " +
             std::to_string(event.sequence) + " (an event is missing or out of order)");
    } else if (event.previousHash != expectedPrevious_) {
        fail("previous hash " + event.previousHash + " does not match the hash of event " +
             std::to_string(expectedSequence - 1) + " (" + expectedPrevious_ + ")");
    } else if (computeEventHash(event) != event.hash) {
        fail("stored hash " + event.hash + " does not match the recomputed hash " +
             computeEventHash(event) + " (the event was changed)");
    }
    if (verdict_.firstBreak) return;
    ++verdict_.eventsChecked;
    expectedPrevious_ = event.hash;
    verdict_.headHash = event.hash;
}

}  // namespace beraad
