#pragma once
// Signed notes (C2SP signed-note), the checkpoints written in them (C2SP
// tlog-checkpoint) and witness cosignatures (C2SP tlog-cosignature, the
// Ed25519 kind).
//
// A note is a text ending in a newline, a blank line, and signature lines
// "— <key name> base64(key ID || signature)". The key ID is the first four
// bytes of SHA-256(name || "\n" || type || public key), type 0x01 for a
// log's Ed25519 key and 0x04 for a cosigner's. A checkpoint's text is three
// lines: origin, tree size, base64 root hash. A cosignature signs
// "cosignature/v1\ntime <t>\n" followed by the checkpoint text and carries
// the time (8 bytes, big-endian) before the 64-byte signature.
//
// Parsing is strict and bounded: a malformed note or key is refused with a
// NoteError saying what and where, never half-read.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/trust/Ed25519.h"
#include "beraad/trust/Merkle.h"

namespace beraad::trust {

inline constexpr unsigned char kEd25519Type = 0x01;
inline constexpr unsigned char kCosignatureType = 0x04;
inline constexpr std::size_t kMaxNoteBytes = 64 * 1024;
inline constexpr std::size_t kMaxNoteSignatures = 100;

class NoteError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct NoteSignature {
    std::string name;
    std::uint32_t keyId = 0;
    std::string signature;  // the bytes after the key ID
};

struct Note {
    std::string text;  // ends in a newline
    std::vector<NoteSignature> signatures;
};

Note parseNote(std::string_view note);
std::string formatNote(const Note& note);

// A verifier key ("vkey"): <name>+<key ID, 8 hex digits>+base64(type || public key).
struct VerifierKey {
    std::string name;
    unsigned char type = kEd25519Type;
    std::string publicKey;  // 32 bytes
    std::uint32_t keyId = 0;
};

std::uint32_t keyIdFor(std::string_view name, unsigned char type, std::string_view publicKey);
VerifierKey verifierKeyFor(std::string name, unsigned char type, const SigningKey& key);
std::string formatVerifierKey(const VerifierKey& key);
VerifierKey parseVerifierKey(std::string_view text);
std::string keyIdHex(std::uint32_t keyId);
// A key name: non-empty UTF-8 without spaces, "+" or control characters.
bool validKeyName(std::string_view name);

// The log's signature on `text` (type 0x01).
NoteSignature signNote(std::string_view text, const std::string& name, const SigningKey& key);
// A witness's cosignature on a checkpoint's text (type 0x04), made at `timestamp`.
NoteSignature cosignCheckpoint(std::string_view checkpointText, const std::string& name,
                               const SigningKey& key, std::uint64_t timestamp);
// True when `signature` is `key`'s (name, key ID and the signature itself),
// of either type.
bool verifyNoteSignature(std::string_view text, const NoteSignature& signature,
                         const VerifierKey& key);
// The time inside a cosignature; throws NoteError when it has none.
std::uint64_t cosignatureTime(const NoteSignature& signature);

struct Checkpoint {
    std::string origin;
    std::uint64_t size = 0;
    Hash root{};
};

std::string checkpointText(const Checkpoint& checkpoint);
Checkpoint parseCheckpoint(std::string_view text);

}  // namespace beraad::trust
