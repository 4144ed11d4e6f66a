#pragma once
// The JSON of the trust records: public keys, Merkle proofs and receipts.
// A receipt carries its event's canonical payload as the exact text that
// was hashed ("gegevensCanoniek"), so it checks without trusting any JSON
// library to re-serialise it the same way.

#include <Poco/JSON/Object.h>

#include <string>

#include "beraad/records/Results.h"
#include "beraad/trust/Note.h"
#include "beraad/trust/Receipt.h"

namespace beraad::present {

inline constexpr const char* kReceiptFormat = "beraad-ontvangstbewijs-v1";

Poco::JSON::Object toJson(const trust::VerifierKey& key, bool active);
Poco::JSON::Object toJson(const MerkleProof& proof);
Poco::JSON::Object toJson(const trust::Receipt& receipt);

// Reads a receipt written by toJson; throws std::invalid_argument naming the
// member that is missing or malformed.
trust::Receipt receiptFromJson(const std::string& text);

}  // namespace beraad::present
