#pragma once
// A stream's signed checkpoint as the store keeps it: the C2SP signed note
// (trust/Note.h) over the stream's Merkle root after `size` events, signed
// in the same transaction as the write that made it. Witness cosignatures
// are kept beside it, one line each. Plain data.

#include <cstdint>
#include <string>

namespace beraad {

struct SignedCheckpoint {
    std::string stream;
    std::int64_t size = 0;
    std::string rootHash;  // lower-case hex of the Merkle root
    std::string note;      // the signed note, with the log's signature line
    std::string keyId;     // 8 hex digits: the key that signed
    std::string signedAt;  // ISO 8601 UTC
};

struct Cosignature {
    std::string stream;
    std::int64_t size = 0;
    std::string witness;  // the cosigner's key name
    std::string keyId;
    std::string line;  // the note signature line, "— <name> <base64>"
    std::string recordedAt;
};

}  // namespace beraad
