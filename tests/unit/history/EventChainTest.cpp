#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

#include "beraad/history/CanonicalJson.h"
#include "beraad/history/Event.h"

namespace beraad {
namespace {

Event makeEvent(std::int64_t sequence, const std::string& previous, const std::string& payload) {
    Event event;
    event.stream = "document:AM05-convenant-1";
    event.sequence = sequence;
    event.kind = "versie-toegevoegd";
    event.actor = "Kim Kwartier";
    event.role = "kwartiermaker";
    event.time = "2026-01-05T09:00:0" + std::to_string(sequence) + ".000Z";
    event.payload = payload;
    event.previousHash = previous;
    event.hash = computeEventHash(event);
    return event;
}

std::vector<Event> chain(int length) {
    std::vector<Event> events;
    std::string previous = kGenesisHash;
    for (int i = 1; i <= length; ++i) {
        events.push_back(makeEvent(i, previous, "{\"versie\":" + std::to_string(i) + "}"));
        previous = events.back().hash;
    }
    return events;
}

ChainVerdict verify(const std::vector<Event>& events) {
    ChainVerifier verifier("document:AM05-convenant-1");
    for (const auto& event : events)
        verifier.add(event);
    return verifier.verdict();
}

TEST(CanonicalJson, SortsKeysAndEscapesOnlyWhatJsonRequires) {
    Poco::JSON::Object object;
    object.set("zeta", 1);
    object.set("alfa", "tekst met \"quotes\", \\ en\nregel é €");
    Poco::JSON::Array array;
    array.add(true);
    array.add(Poco::Dynamic::Var());
    object.set("midden", array);
    EXPECT_EQ(canonicalJson(object),
              "{\"alfa\":\"tekst met \\\"quotes\\\", \\\\ en\\u000aregel é €\","
              "\"midden\":[true,null],\"zeta\":1}");
}

TEST(CanonicalJson, RefusesFloatingPoint) {
    Poco::JSON::Object object;
    object.set("bedrag", 1.5);
    EXPECT_THROW(canonicalJson(object), std::invalid_argument);
}

TEST(CanonicalJson, RoundTripsThroughTheParser) {
    std::string text = "{\"a\":[1,2,{\"b\":\"c\"}],\"d\":false}";
    EXPECT_EQ(canonicalJson(*parseJsonObject(text)), text);
}

TEST(EventRecord, HasAStableDocumentedLayout) {
    Event event = makeEvent(1, kGenesisHash, "{\"versie\":1}");
    EXPECT_EQ(canonicalRecord(event),
              "beraad-event-v1\n"
              "stream:25:document:AM05-convenant-1\n"
              "sequence:1:1\n"
              "kind:17:versie-toegevoegd\n"
              "actor:12:Kim Kwartier\n"
              "role:13:kwartiermaker\n"
              "time:24:2026-01-05T09:00:01.000Z\n"
              "payload:12:{\"versie\":1}\n"
              "previousHash:64:" +
                  std::string(kGenesisHash) + "\n");
    // Computed independently: printf '<record>' | sha256sum
    EXPECT_EQ(event.hash, "9896955433c7845521c47bd6bf56f92ad27baef6fac0806cc2357deb4bc51c52");
}

TEST(ChainVerifier, AcceptsAnIntactChain) {
    auto verdict = verify(chain(5));
    EXPECT_TRUE(verdict.intact());
    EXPECT_EQ(verdict.eventsChecked, 5);
    EXPECT_EQ(verdict.headHash, chain(5).back().hash);
}

TEST(ChainVerifier, NamesTheFirstChangedEvent) {
    auto events = chain(5);
    events[2].payload = "{\"versie\":99}";
    auto verdict = verify(events);
    ASSERT_FALSE(verdict.intact());
    EXPECT_EQ(verdict.firstBreak->sequence, 3);
    EXPECT_NE(verdict.firstBreak->reason.find("changed"), std::string::npos);
}

TEST(ChainVerifier, DetectsAChangedActorEvenWithARecomputedHash) {
    auto events = chain(4);
    events[1].actor = "Iemand Anders";
    events[1].hash = computeEventHash(events[1]);  // forger recomputes this hash...
    auto verdict = verify(events);
    ASSERT_FALSE(verdict.intact());
    EXPECT_EQ(verdict.firstBreak->sequence, 3);  // ...but the next link no longer fits
}

TEST(ChainVerifier, DetectsAMissingEvent) {
    auto events = chain(5);
    events.erase(events.begin() + 1);
    auto verdict = verify(events);
    ASSERT_FALSE(verdict.intact());
    EXPECT_EQ(verdict.firstBreak->sequence, 3);
    EXPECT_NE(verdict.firstBreak->reason.find("missing or out of order"), std::string::npos);
}

TEST(ChainVerifier, DetectsSwappedEvents) {
    auto events = chain(5);
    std::swap(events[1], events[2]);
    EXPECT_EQ(verify(events).firstBreak->sequence, 3);

    // Swapping the contents but keeping the sequence numbers in place.
    events = chain(5);
    std::swap(events[1].payload, events[2].payload);
    auto verdict = verify(events);
    ASSERT_FALSE(verdict.intact());
    EXPECT_EQ(verdict.firstBreak->sequence, 2);
}

TEST(ChainVerifier, DetectsAnEventFromAnotherStream) {
    auto events = chain(2);
    events[1].stream = "document:AM05-convenant-2";
    EXPECT_FALSE(verify(events).intact());
}

}  // namespace
}  // namespace beraad
