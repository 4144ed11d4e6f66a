#pragma once
// Offline verification of an export bundle (Export.h): needs the bundle
// only, no store and no network. It checks
// - every file against the SHA-256 the manifest lists (and files the
//   manifest does not list, or lists but the bundle lacks);
// - every event stream: sequence numbers, each hash recomputed, each link to
//   the previous hash, and its end against the head the bundle records;
// - every version: its content file against the content hash its record and
//   its event name, and that the content is in canonical form;
// - every MDTO bestand record against the file it describes;
// - authentic: the signature over manifest.sha256 and each stream's signed
//   checkpoint (its size the stream's events, its root theirs), by a key
//   the bundle names or the caller pins;
// - no rewrite since: each kept checkpoint and receipt is extended by the
//   bundle's history.
// Each problem names the file and, where there is one, the event or version.

#include <cstdint>
#include <string_view>
#include <vector>

#include "beraad/records/AuditRecords.h"
#include "beraad/trust/Receipt.h"

namespace beraad {

// What a caller brings to check a bundle's authenticity and that its
// history was not rewritten since.
struct BundleTrust {
    // Trust only these installation keys; without, the keys the bundle
    // names (the report says whose key signed, to compare).
    std::vector<trust::VerifierKey> pinned;
    // Signed checkpoints kept earlier (C2SP notes).
    std::vector<std::string> keptCheckpoints;
    // Receipts kept earlier.
    std::vector<trust::Receipt> receipts;
    // Bundles exported earlier: their streams' checkpoints count as kept.
    std::vector<std::string> earlierBundles;
};

BundleReport verifyBundle(std::string_view zipBytes, const BundleTrust& trust = {});

}  // namespace beraad
