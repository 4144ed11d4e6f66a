#include "beraad/trust/Receipt.h"

#include <set>

namespace beraad::trust {

Hash eventLeaf(const std::string& eventHash) {
    if (auto raw = hashFromHex(eventHash)) {
        return leafHash(std::string_view(reinterpret_cast<const char*>(raw->data()), raw->size()));
    }
    return leafHash(eventHash);  // not a hash: it then matches no honest tree
}

std::string checkpointOrigin(const std::string& installation, const std::string& stream) {
    return installation + "/" + stream;
}

CheckpointCheck checkCheckpoint(const std::string& note, const std::string& stream,
                                const std::vector<VerifierKey>& trusted) {
    CheckpointCheck check;
    Note parsed;
    try {
        parsed = parseNote(note);
        check.checkpoint = parseCheckpoint(parsed.text);
    } catch (const NoteError& error) {
        check.problems.push_back(std::string("the checkpoint cannot be read: ") + error.what());
        return check;
    }
    for (const auto& signature : parsed.signatures) {
        for (const auto& key : trusted) {
            if (key.type == kEd25519Type && verifyNoteSignature(parsed.text, signature, key)) {
                check.signer = key;
                break;
            }
        }
        if (check.signer) break;
    }
    if (!check.signer) {
        std::string names;
        for (const auto& signature : parsed.signatures)
            names += (names.empty() ? "" : ", ") + signature.name + " (key " +
                     keyIdHex(signature.keyId) + ")";
        check.problems.push_back("no trusted key signed the checkpoint (signed by: " +
                                 (names.empty() ? std::string("nobody") : names) + ")");
        return check;
    }
    if (check.checkpoint->origin != checkpointOrigin(check.signer->name, stream)) {
        check.problems.push_back("the checkpoint is of " + check.checkpoint->origin + ", not of " +
                                 checkpointOrigin(check.signer->name, stream));
    }
    return check;
}

std::vector<std::string> checkReceipt(const Receipt& receipt,
                                      const std::vector<VerifierKey>& trusted) {
    std::vector<std::string> problems;
    const Event& event = receipt.event;
    if (computeEventHash(event) != event.hash) {
        problems.push_back("event " + std::to_string(event.sequence) +
                           ": its fields do not give its hash " + event.hash +
                           " (the event in the receipt was edited)");
    }
    CheckpointCheck check = checkCheckpoint(receipt.checkpoint, event.stream, trusted);
    problems.insert(problems.end(), check.problems.begin(), check.problems.end());
    if (!check.checkpoint) return problems;
    const Checkpoint& checkpoint = *check.checkpoint;
    if (event.sequence < 1 || static_cast<std::uint64_t>(event.sequence) > checkpoint.size) {
        problems.push_back("event " + std::to_string(event.sequence) +
                           " is outside the checkpoint's " + std::to_string(checkpoint.size) +
                           " events");
    } else if (!verifyInclusion(static_cast<std::uint64_t>(event.sequence - 1), checkpoint.size,
                                eventLeaf(event.hash), receipt.proof, checkpoint.root)) {
        problems.push_back("the inclusion proof does not lead from event " +
                           std::to_string(event.sequence) + " to the checkpoint's root");
    }
    return problems;
}

int countCosignatures(const std::string& note, const std::vector<VerifierKey>& witnesses) {
    Note parsed;
    try {
        parsed = parseNote(note);
    } catch (const NoteError&) {
        return 0;
    }
    std::set<std::string> counted;
    for (const auto& signature : parsed.signatures) {
        for (const auto& witness : witnesses) {
            if (witness.type != kCosignatureType) continue;
            std::string id = witness.publicKey;
            if (counted.count(id) == 0 && verifyNoteSignature(parsed.text, signature, witness)) {
                counted.insert(id);
            }
        }
    }
    return static_cast<int>(counted.size());
}

}  // namespace beraad::trust
