#include "engine/Checkpoints.h"

#include <algorithm>

#include "beraad/history/Streams.h"
#include "beraad/trust/Receipt.h"
#include "engine/EngineSupport.h"

namespace beraad::detail {

namespace {

constexpr std::string_view kDocumentPrefix = "document:";
constexpr std::string_view kRegionPrefix = "regio:";

void problem(VerificationReport& report, std::string where, std::string message) {
    report.problems.push_back({std::move(message), std::nullopt, std::move(where)});
}

std::string eventRange(std::int64_t from, std::int64_t to) {
    return from == to ? "event " + std::to_string(from)
                      : "events " + std::to_string(from) + "-" + std::to_string(to);
}

}  // namespace

std::vector<trust::Hash> streamLeaves(ReadTransaction& tx, const std::string& stream) {
    std::vector<trust::Hash> leaves;
    tx.forEachEvent(stream,
                    [&](const Event& event) { leaves.push_back(trust::eventLeaf(event.hash)); });
    return leaves;
}

void signCheckpoint(WriteTransaction& tx, const trust::KeyFolder& keys, const std::string& stream,
                    const std::string& time) {
    auto leaves = streamLeaves(tx, stream);
    if (leaves.empty()) return;
    trust::Checkpoint checkpoint{trust::checkpointOrigin(keys.name(), stream), leaves.size(),
                                 trust::rootOf(leaves)};
    trust::Note note{trust::checkpointText(checkpoint), {}};
    note.signatures.push_back(trust::signNote(note.text, keys.name(), keys.signingKey()));
    tx.insertCheckpoint({stream, static_cast<std::int64_t>(leaves.size()),
                         trust::toHex(checkpoint.root), trust::formatNote(note),
                         trust::keyIdHex(keys.activeKey().keyId), time});
}

void verifyCheckpoints(ReadTransaction& tx, const std::vector<trust::VerifierKey>& trusted,
                       VerificationReport& report) {
    auto checkpoints = tx.listCheckpoints(report.stream);
    report.checkpointsChecked = static_cast<std::int64_t>(checkpoints.size());
    trust::TreeBuilder tree;
    std::size_t next = 0;
    std::int64_t lastMatching = 0;
    bool differs = false;
    auto check = [&](const SignedCheckpoint& stored) {
        std::string where = "checkpoint " + std::to_string(stored.size);
        auto verdict = trust::checkCheckpoint(stored.note, report.stream, trusted);
        for (const auto& message : verdict.problems)
            problem(report, where, message);
        if (!verdict.valid()) return;
        if (verdict.checkpoint->size != static_cast<std::uint64_t>(stored.size)) {
            problem(report, where,
                    "the signed note is for " + std::to_string(verdict.checkpoint->size) +
                        " events, the row says " + std::to_string(stored.size));
            return;
        }
        if (verdict.checkpoint->root != tree.root()) {
            if (!differs) {
                problem(report, eventRange(lastMatching + 1, stored.size),
                        "the history differs from the checkpoint signed by key " +
                            trust::keyIdHex(verdict.signer->keyId) + " at " +
                            std::to_string(stored.size) +
                            " events: one of these events was changed after it was signed");
            }
            differs = true;
            return;
        }
        if (!differs) {
            lastMatching = stored.size;
            report.checkpointSize = stored.size;
            report.checkpointKey = trust::keyIdHex(verdict.signer->keyId);
        }
    };
    tx.forEachEvent(report.stream, [&](const Event& event) {
        tree.add(trust::eventLeaf(event.hash));
        while (next < checkpoints.size() &&
               checkpoints[next].size <= static_cast<std::int64_t>(tree.size())) {
            if (checkpoints[next].size == static_cast<std::int64_t>(tree.size()))
                check(checkpoints[next]);
            ++next;
        }
    });
    auto events = static_cast<std::int64_t>(tree.size());
    for (; next < checkpoints.size(); ++next) {
        problem(report, "checkpoint " + std::to_string(checkpoints[next].size),
                "signed for " + std::to_string(checkpoints[next].size) +
                    " events, but the stream holds " + std::to_string(events) +
                    ": events were removed");
    }
    if (!differs && events > lastMatching) {
        problem(report, eventRange(lastMatching + 1, events),
                "no signed checkpoint covers " +
                    std::string(events - lastMatching == 1 ? "this event" : "these events") +
                    ": written without the signing key, or put into the store by other means");
    }
}

workflow::ChainReader chainReader(ReadTransaction& tx, const trust::KeyFolder* keys) {
    if (keys == nullptr) return workflow::ChainReader(tx);
    auto trusted = keys->trustedKeys();
    auto* writing = dynamic_cast<WriteTransaction*>(&tx);
    return workflow::ChainReader(
        tx,
        [&tx, trusted, writing](const std::string& stream,
                                const std::vector<Event>& events) -> std::optional<std::string> {
            auto latest = tx.findLatestCheckpoint(stream);
            if (!latest) return std::nullopt;
            auto verdict = trust::checkCheckpoint(latest->note, stream, trusted);
            if (!verdict.valid()) {
                return "its newest checkpoint (" + std::to_string(latest->size) +
                       " events) does not verify: " + verdict.problems.front();
            }
            auto size = static_cast<std::size_t>(verdict.checkpoint->size);
            if (size > events.size()) {
                return "its signed checkpoint covers " + std::to_string(size) +
                       " events but the stream holds " + std::to_string(events.size());
            }
            trust::TreeBuilder tree;
            for (std::size_t i = 0; i < size; ++i)
                tree.add(trust::eventLeaf(events[i].hash));
            if (tree.root() != verdict.checkpoint->root) {
                return "events 1-" + std::to_string(size) +
                       " differ from the checkpoint signed by key " +
                       trust::keyIdHex(verdict.signer->keyId);
            }
            if (events.size() > size) {
                auto appended = writing ? writing->appendedStreams() : std::vector<std::string>{};
                bool ownTail =
                    std::find(appended.begin(), appended.end(), stream) != appended.end();
                if (!ownTail) {
                    return "events " + std::to_string(size + 1) + "-" +
                           std::to_string(events.size()) + " are covered by no signed checkpoint";
                }
            }
            return std::nullopt;
        });
}

std::string noteWithCosignatures(ReadTransaction& tx, const SignedCheckpoint& checkpoint) {
    std::string note = checkpoint.note;
    for (const auto& cosignature : tx.listCosignatures(checkpoint.stream, checkpoint.size))
        note += cosignature.line + "\n";
    return note;
}

Result<void> mayReadStream(ReadTransaction& tx, const Actor& actor, const std::string& stream) {
    std::string_view name = stream;
    if (name.starts_with(kDocumentPrefix)) {
        std::string id(name.substr(kDocumentPrefix.size()));
        auto document = tx.findDocument(id);
        if (!document) return notFound("document " + id);
        if (!actor.mayAccess(document->region)) return hiddenDocument(*document);
        return {};
    }
    if (name.starts_with(kRegionPrefix)) {
        std::string code(name.substr(kRegionPrefix.size()));
        if (!tx.findRegion(code)) return notFound("region " + code);
        if (!actor.mayAccess(code)) return outOfScope(actor, code);
        return {};
    }
    if (stream == kSystemStream) {
        if (actor.regionScope != "*") return outOfScope(actor, "*");
        return {};
    }
    return notFound("stream " + stream);
}

}  // namespace beraad::detail
