// Engine facade: signed checkpoints, proofs, receipts and witnesses.
#include "beraad/Engine.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"

namespace beraad {

using detail::guarded;

namespace {

std::vector<std::string> hexPath(const std::vector<trust::Hash>& path) {
    std::vector<std::string> out;
    out.reserve(path.size());
    for (const auto& hash : path)
        out.push_back(trust::toHex(hash));
    return out;
}

std::string problemList(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& problem : problems)
        out += (out.empty() ? "" : "; ") + problem;
    return out;
}

}  // namespace

void Engine::commit(WriteTransaction& tx) {
    if (keys_) {
        std::string time = formatTimestamp(clock_->now());
        for (const auto& stream : tx.appendedStreams())
            detail::signCheckpoint(tx, *keys_, stream, time);
    }
    tx.commit();
}

Result<std::int64_t> Engine::useSigningKeys(std::shared_ptr<trust::KeyFolder> keys) {
    keys_ = std::move(keys);
    if (!keys_ || !keys_->created()) return std::int64_t{0};
    return guarded([&]() -> Result<std::int64_t> {
        auto tx = store_->beginWrite();
        std::string time = formatTimestamp(clock_->now());
        std::int64_t adopted = 0;
        for (const auto& stream : tx->listStreams()) {
            if (tx->findLatestCheckpoint(stream)) continue;
            detail::signCheckpoint(*tx, *keys_, stream, time);
            ++adopted;
        }
        tx->commit();
        return adopted;
    });
}

std::vector<trust::VerifierKey> Engine::publicKeys() const {
    return keys_ ? keys_->trustedKeys() : std::vector<trust::VerifierKey>{};
}

Result<std::string> Engine::checkpoint(const Actor& actor, const std::string& stream) {
    return guarded([&]() -> Result<std::string> {
        auto tx = store_->beginRead();
        if (auto allowed = detail::mayReadStream(*tx, actor, stream); !allowed)
            return allowed.error();
        auto latest = tx->findLatestCheckpoint(stream);
        if (!latest) return detail::notFound("a signed checkpoint of " + stream);
        return detail::noteWithCosignatures(*tx, *latest);
    });
}

Result<trust::Receipt> Engine::receipt(const Actor& actor, const std::string& stream,
                                       std::int64_t sequence) {
    return guarded([&]() -> Result<trust::Receipt> {
        auto tx = store_->beginRead();
        if (auto allowed = detail::mayReadStream(*tx, actor, stream); !allowed)
            return allowed.error();
        auto latest = tx->findLatestCheckpoint(stream);
        if (!latest) return detail::notFound("a signed checkpoint of " + stream);
        auto leaves = detail::streamLeaves(*tx, stream);
        if (sequence < 1 || sequence > latest->size ||
            latest->size > static_cast<std::int64_t>(leaves.size())) {
            return detail::notFound("event " + std::to_string(sequence) + " of " + stream +
                                    " in its newest checkpoint");
        }
        trust::Receipt receipt;
        std::int64_t seen = 0;
        tx->forEachEvent(stream, [&](const Event& event) {
            if (++seen == sequence) receipt.event = event;
        });
        receipt.checkpoint = detail::noteWithCosignatures(*tx, *latest);
        receipt.proof = trust::inclusionProof(leaves, static_cast<std::uint64_t>(sequence - 1),
                                              static_cast<std::uint64_t>(latest->size));
        return receipt;
    });
}

Result<MerkleProof> Engine::inclusionProof(const Actor& actor, const std::string& stream,
                                           std::int64_t sequence, std::int64_t treeSize) {
    return guarded([&]() -> Result<MerkleProof> {
        auto tx = store_->beginRead();
        if (auto allowed = detail::mayReadStream(*tx, actor, stream); !allowed)
            return allowed.error();
        auto leaves = detail::streamLeaves(*tx, stream);
        auto size = static_cast<std::int64_t>(leaves.size());
        if (treeSize < 1 || treeSize > size) {
            return makeError(
                ErrorCode::InvalidInput,
                "tree size " + std::to_string(treeSize) + " is not between 1 and " +
                    std::to_string(size) + ", the events of " + stream,
                {{"the stream has " + std::to_string(size) + " events", std::nullopt, "grootte"}});
        }
        if (sequence < 1 || sequence > treeSize) {
            return makeError(ErrorCode::InvalidInput,
                             "event " + std::to_string(sequence) + " is not in the tree of " +
                                 std::to_string(treeSize) + " events",
                             {{"an event number from 1 to the tree size", std::nullopt, "n"}});
        }
        std::vector<trust::Hash> prefix(leaves.begin(), leaves.begin() + treeSize);
        MerkleProof proof{stream,
                          sequence,
                          treeSize,
                          hexPath(trust::inclusionProof(prefix, sequence - 1, treeSize)),
                          trust::toHex(trust::rootOf(prefix)),
                          trust::toHex(leaves[sequence - 1])};
        return proof;
    });
}

Result<MerkleProof> Engine::consistencyProof(const Actor& actor, const std::string& stream,
                                             std::int64_t from, std::int64_t to) {
    return guarded([&]() -> Result<MerkleProof> {
        auto tx = store_->beginRead();
        if (auto allowed = detail::mayReadStream(*tx, actor, stream); !allowed)
            return allowed.error();
        auto leaves = detail::streamLeaves(*tx, stream);
        auto size = static_cast<std::int64_t>(leaves.size());
        if (from < 1 || to < from || to > size) {
            return makeError(ErrorCode::InvalidInput,
                             "sizes " + std::to_string(from) + " and " + std::to_string(to) +
                                 " do not satisfy 1 <= van <= naar <= " + std::to_string(size),
                             {{"van and naar are tree sizes of " + stream, std::nullopt, "van"}});
        }
        std::vector<trust::Hash> prefix(leaves.begin(), leaves.begin() + to);
        MerkleProof proof{stream,
                          from,
                          to,
                          hexPath(trust::consistencyProof(prefix, from, to)),
                          trust::toHex(trust::rootOf(prefix)),
                          ""};
        return proof;
    });
}

Result<VerificationReport> Engine::verifyAgainstCheckpoint(
    const Actor& actor, const std::string& stream, const std::string& note,
    const std::vector<trust::VerifierKey>& pinned) {
    return guarded([&]() -> Result<VerificationReport> {
        auto tx = store_->beginRead();
        if (auto allowed = detail::mayReadStream(*tx, actor, stream); !allowed)
            return allowed.error();
        std::vector<trust::VerifierKey> trusted = publicKeys();
        trusted.insert(trusted.end(), pinned.begin(), pinned.end());
        auto kept = trust::checkCheckpoint(note, stream, trusted);
        if (!kept.valid()) {
            return makeError(ErrorCode::InvalidInput,
                             "the kept checkpoint cannot be used: " + problemList(kept.problems));
        }
        auto report = verifyStreamHistory(*tx, stream);
        auto leaves = detail::streamLeaves(*tx, stream);
        std::uint64_t size = kept.checkpoint->size;
        std::string where = "kept checkpoint " + std::to_string(size);
        if (size > leaves.size()) {
            report.problems.push_back({"the kept checkpoint has " + std::to_string(size) +
                                           " events, the store " + std::to_string(leaves.size()) +
                                           ": events were removed",
                                       std::nullopt, where});
            return report;
        }
        std::vector<trust::Hash> prefix(leaves.begin(), leaves.begin() + size);
        if (trust::rootOf(prefix) != kept.checkpoint->root) {
            // The first event whose prefix tree no longer gives a root the
            // store's own signed checkpoints vouch for; failing those, the
            // whole kept range.
            std::int64_t first = report.checkpointSize + 1;
            report.problems.push_back(
                {"today's history does not extend the kept checkpoint: an event from " +
                     std::to_string(first) + " up to " + std::to_string(size) +
                     " differs from what was signed (first differing event: " +
                     std::to_string(first) + ")",
                 std::nullopt, "event " + std::to_string(first)});
        }
        return report;
    });
}

Result<std::string> Engine::addCosignature(const Actor& actor, const std::string& stream,
                                           std::int64_t size, const std::string& witnessKey,
                                           const std::string& signatureLine) {
    return guarded([&]() -> Result<std::string> {
        trust::VerifierKey witness;
        trust::NoteSignature signature;
        try {
            witness = trust::parseVerifierKey(witnessKey);
            signature = trust::parseNote("x\n\n" + signatureLine + "\n").signatures.at(0);
        } catch (const trust::NoteError& error) {
            return makeError(ErrorCode::InvalidInput,
                             std::string("the cosignature: ") + error.what());
        }
        if (witness.type != trust::kCosignatureType) {
            return makeError(ErrorCode::InvalidInput,
                             "the witness key is not a cosigner's key (type 4)");
        }
        auto tx = store_->beginWrite();
        if (auto allowed = detail::mayReadStream(*tx, actor, stream); !allowed)
            return allowed.error();
        std::optional<SignedCheckpoint> target;
        for (auto& stored : tx->listCheckpoints(stream))
            if (stored.size == size) target = stored;
        if (!target)
            return detail::notFound("the checkpoint of " + stream + " at size " +
                                    std::to_string(size));
        auto note = trust::parseNote(target->note);
        if (!trust::verifyNoteSignature(note.text, signature, witness)) {
            return makeError(ErrorCode::InvalidInput,
                             "the cosignature does not verify with the witness key over the "
                             "checkpoint of " +
                                 std::to_string(size) + " events");
        }
        for (const auto& existing : tx->listCosignatures(stream, size)) {
            if (existing.witness == witness.name &&
                existing.keyId == trust::keyIdHex(witness.keyId)) {
                return makeError(ErrorCode::Conflict,
                                 "witness " + witness.name +
                                     " has already cosigned the checkpoint of " +
                                     std::to_string(size) + " events");
            }
        }
        tx->insertCosignature({stream, size, witness.name, trust::keyIdHex(witness.keyId),
                               signatureLine, formatTimestamp(clock_->now())});
        std::string cosigned = detail::noteWithCosignatures(*tx, *target);
        tx->commit();
        return cosigned;
    });
}

}  // namespace beraad
