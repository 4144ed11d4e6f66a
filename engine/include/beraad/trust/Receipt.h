#pragma once
// A receipt: what a partner keeps of a write to prove later that it was
// recorded and never rewritten. It holds the event as recorded, the
// installation's signed checkpoint of the event's stream and the inclusion
// proof of the event in that checkpoint's tree. Anyone holding it and the
// installation's public key can check it offline, and against today's
// history with a consistency proof from the receipt's checkpoint to a newer
// one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "beraad/history/Event.h"
#include "beraad/trust/Merkle.h"
#include "beraad/trust/Note.h"

namespace beraad::trust {

struct Receipt {
    Event event;
    std::string checkpoint;   // the signed note
    std::vector<Hash> proof;  // inclusion of the event in the checkpoint's tree
};

// The leaf of an event in its stream's tree: its hash's 32 bytes.
Hash eventLeaf(const std::string& eventHash);
// "<installation>/<stream>": the checkpoint origin of a stream.
std::string checkpointOrigin(const std::string& installation, const std::string& stream);

struct CheckpointCheck {
    std::optional<Checkpoint> checkpoint;  // set when the note's text is a checkpoint
    std::optional<VerifierKey> signer;     // the trusted key whose signature verified
    std::vector<std::string> problems;
    bool valid() const { return problems.empty(); }
};

// Parses a signed checkpoint of `stream` and checks that a trusted key
// signed it and that its origin names the stream.
CheckpointCheck checkCheckpoint(const std::string& note, const std::string& stream,
                                const std::vector<VerifierKey>& trusted);

// Every problem of the receipt on its own: the event's hash recomputed from
// its fields, the checkpoint's signature and origin, the inclusion proof.
std::vector<std::string> checkReceipt(const Receipt& receipt,
                                      const std::vector<VerifierKey>& trusted);

// How many witness cosignatures on `note` verify with distinct keys of
// `witnesses`.
int countCosignatures(const std::string& note, const std::vector<VerifierKey>& witnesses);

}  // namespace beraad::trust
