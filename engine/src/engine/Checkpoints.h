#pragma once
// Signing and checking a stream's checkpoints inside a store transaction.
// Internal to the engine facade.

#include <string>
#include <vector>

#include "beraad/base/Actor.h"
#include "beraad/base/Result.h"
#include "beraad/records/Results.h"
#include "beraad/store/Store.h"
#include "beraad/trust/KeyFolder.h"
#include "beraad/trust/Merkle.h"
#include "workflow/ChainRecords.h"

namespace beraad::detail {

// The Merkle leaves of a stream: one per event, in sequence order.
std::vector<trust::Hash> streamLeaves(ReadTransaction& tx, const std::string& stream);

// Signs the stream's checkpoint at its current head and stores it.
void signCheckpoint(WriteTransaction& tx, const trust::KeyFolder& keys, const std::string& stream,
                    const std::string& time);

// Adds a problem for every checkpoint of the report's stream that is not
// signed by a trusted key, whose root the events no longer give, or that
// covers events the stream no longer has, and for events no checkpoint
// covers. Sets the report's checkpoint fields.
void verifyCheckpoints(ReadTransaction& tx, const std::vector<trust::VerifierKey>& trusted,
                       VerificationReport& report);

// A reader of the chain that also holds each stream against its newest
// checkpoint signed by one of `keys`: the events it covers give its root,
// and no event lies beyond it but those `tx` appended itself. A stream with
// no checkpoint yet (written before signing began) is held by its hash
// links only; verify names its uncovered events. Without keys, hash links only.
workflow::ChainReader chainReader(ReadTransaction& tx, const trust::KeyFolder* keys);

// The stored note with its witnesses' cosignature lines appended.
std::string noteWithCosignatures(ReadTransaction& tx, const SignedCheckpoint& checkpoint);

// Not found or out of scope when `actor` may not read `stream`'s history.
Result<void> mayReadStream(ReadTransaction& tx, const Actor& actor, const std::string& stream);

}  // namespace beraad::detail
