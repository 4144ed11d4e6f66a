#include "beraad/trust/Note.h"

#include <charconv>

#include "base/Text.h"
#include "beraad/trust/Base64.h"

namespace beraad::trust {

namespace {

constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // em dash, space
constexpr std::string_view kCosignatureHeader = "cosignature/v1\n";
constexpr std::size_t kEd25519SignatureSize = 64;
constexpr std::size_t kTimestampSize = 8;

std::string keyIdBytes(std::uint32_t keyId) {
    std::string out(4, '\0');
    for (int i = 0; i < 4; ++i)
        out[i] = static_cast<char>(keyId >> (24 - 8 * i) & 0xff);
    return out;
}

std::uint32_t keyIdFromBytes(std::string_view bytes) {
    std::uint32_t id = 0;
    for (int i = 0; i < 4; ++i)
        id = id << 8 | static_cast<unsigned char>(bytes[i]);
    return id;
}

std::string cosignedMessage(std::string_view checkpointText, std::uint64_t timestamp) {
    std::string message(kCosignatureHeader);
    message += "time " + std::to_string(timestamp) + "\n";
    message += checkpointText;
    return message;
}

void requireNoteCharacters(std::string_view text, const char* what) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\n') {
            throw NoteError(std::string(what) + " holds control character " + std::to_string(c) +
                            " at byte " + std::to_string(i + 1));
        }
    }
    if (auto problem = text::problem(text, text::Lines::Allowed)) {
        throw NoteError(std::string(what) + ": " + *problem);
    }
}

NoteSignature parseSignatureLine(std::string_view line, std::size_t number) {
    std::string where = "signature line " + std::to_string(number);
    if (!line.starts_with(kSignaturePrefix)) {
        throw NoteError(where + " does not begin with an em dash and a space");
    }
    line.remove_prefix(kSignaturePrefix.size());
    auto space = line.find(' ');
    if (space == std::string_view::npos)
        throw NoteError(where + " has no signature after the name");
    std::string_view name = line.substr(0, space);
    if (!validKeyName(name)) throw NoteError(where + " has an invalid key name");
    auto bytes = base64Decode(line.substr(space + 1));
    if (!bytes) throw NoteError(where + ": the signature is not base64");
    if (bytes->size() < 5) throw NoteError(where + ": the signature is too short");
    return {std::string(name), keyIdFromBytes(*bytes), bytes->substr(4)};
}

bool parseDecimal(std::string_view text, std::uint64_t& value) {
    if (text.empty() || (text.size() > 1 && text[0] == '0')) return false;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

bool validKeyName(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || c == '+' || byte == 0x7f) return false;
    }
    return !text::problem(name).has_value();
}

Note parseNote(std::string_view note) {
    if (note.size() > kMaxNoteBytes) {
        throw NoteError("the note is larger than " + std::to_string(kMaxNoteBytes) + " bytes");
    }
    requireNoteCharacters(note, "the note");
    auto split = note.rfind("\n\n");
    if (split == std::string_view::npos)
        throw NoteError("the note has no blank line before its signatures");
    Note parsed;
    parsed.text = std::string(note.substr(0, split + 1));
    std::string_view lines = note.substr(split + 2);
    if (lines.empty() || lines.back() != '\n')
        throw NoteError("the note's last line does not end in a newline");
    std::size_t number = 0;
    while (!lines.empty()) {
        auto end = lines.find('\n');
        if (++number > kMaxNoteSignatures) {
            throw NoteError("the note has more than " + std::to_string(kMaxNoteSignatures) +
                            " signatures");
        }
        parsed.signatures.push_back(parseSignatureLine(lines.substr(0, end), number));
        lines.remove_prefix(end + 1);
    }
    return parsed;
}

std::string formatNote(const Note& note) {
    std::string out = note.text;
    out += "\n";
    for (const auto& signature : note.signatures) {
        out += kSignaturePrefix;
        out +=
            signature.name + " " + base64Encode(keyIdBytes(signature.keyId) + signature.signature);
        out += "\n";
    }
    return out;
}

std::uint32_t keyIdFor(std::string_view name, unsigned char type, std::string_view publicKey) {
    std::string input(name);
    input.push_back('\n');
    input.push_back(static_cast<char>(type));
    input.append(publicKey);
    Hash digest = sha256(input);
    return keyIdFromBytes(std::string_view(reinterpret_cast<const char*>(digest.data()), 4));
}

VerifierKey verifierKeyFor(std::string name, unsigned char type, const SigningKey& key) {
    VerifierKey out{std::move(name), type, key.publicKey(), 0};
    out.keyId = keyIdFor(out.name, type, out.publicKey);
    return out;
}

std::string keyIdHex(std::uint32_t keyId) {
    constexpr char digits[] = "0123456789abcdef";
    std::string out(8, '0');
    for (int i = 7; i >= 0; --i, keyId >>= 4)
        out[i] = digits[keyId & 0xf];
    return out;
}

std::string formatVerifierKey(const VerifierKey& key) {
    std::string material(1, static_cast<char>(key.type));
    material += key.publicKey;
    return key.name + "+" + keyIdHex(key.keyId) + "+" + base64Encode(material);
}

VerifierKey parseVerifierKey(std::string_view text) {
    auto first = text.find('+');
    auto second = first == std::string_view::npos ? first : text.find('+', first + 1);
    if (second == std::string_view::npos) {
        throw NoteError("a verifier key is <name>+<key ID>+<key>; this one has fewer parts");
    }
    VerifierKey key;
    key.name = std::string(text.substr(0, first));
    if (!validKeyName(key.name)) throw NoteError("the verifier key's name is not valid");
    std::string_view id = text.substr(first + 1, second - first - 1);
    auto material = base64Decode(text.substr(second + 1));
    if (!material || material->size() != 33) {
        throw NoteError("the verifier key's key is not base64 of a type byte and 32 bytes");
    }
    key.type = static_cast<unsigned char>((*material)[0]);
    if (key.type != kEd25519Type && key.type != kCosignatureType) {
        throw NoteError("the verifier key is of type " + std::to_string(key.type) +
                        "; only Ed25519 (1) and Ed25519 cosignatures (4) are known");
    }
    key.publicKey = material->substr(1);
    key.keyId = keyIdFor(key.name, key.type, key.publicKey);
    if (id != keyIdHex(key.keyId)) {
        throw NoteError("the verifier key's ID " + std::string(id) +
                        " does not match its name and key (expected " + keyIdHex(key.keyId) + ")");
    }
    return key;
}

NoteSignature signNote(std::string_view text, const std::string& name, const SigningKey& key) {
    return {name, keyIdFor(name, kEd25519Type, key.publicKey()), key.sign(text)};
}

NoteSignature cosignCheckpoint(std::string_view checkpointText, const std::string& name,
                               const SigningKey& key, std::uint64_t timestamp) {
    std::string time(kTimestampSize, '\0');
    for (std::size_t i = 0; i < kTimestampSize; ++i)
        time[i] = static_cast<char>(timestamp >> (56 - 8 * i) & 0xff);
    return {name, keyIdFor(name, kCosignatureType, key.publicKey()),
            time + key.sign(cosignedMessage(checkpointText, timestamp))};
}

std::uint64_t cosignatureTime(const NoteSignature& signature) {
    if (signature.signature.size() != kTimestampSize + kEd25519SignatureSize) {
        throw NoteError("the signature of " + signature.name + " is not a timestamped cosignature");
    }
    std::uint64_t time = 0;
    for (std::size_t i = 0; i < kTimestampSize; ++i)
        time = time << 8 | static_cast<unsigned char>(signature.signature[i]);
    return time;
}

bool verifyNoteSignature(std::string_view text, const NoteSignature& signature,
                         const VerifierKey& key) {
    if (signature.name != key.name || signature.keyId != key.keyId) return false;
    if (key.type == kEd25519Type) return verifyEd25519(key.publicKey, text, signature.signature);
    if (signature.signature.size() != kTimestampSize + kEd25519SignatureSize) return false;
    std::uint64_t time = cosignatureTime(signature);
    if (time > static_cast<std::uint64_t>(INT64_MAX)) return false;
    return verifyEd25519(key.publicKey, cosignedMessage(text, time),
                         std::string_view(signature.signature).substr(kTimestampSize));
}

std::string checkpointText(const Checkpoint& checkpoint) {
    return checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
           toBase64(checkpoint.root) + "\n";
}

Checkpoint parseCheckpoint(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        auto end = text.find('\n');
        if (end == std::string_view::npos)
            throw NoteError("the checkpoint's last line has no newline");
        lines.push_back(text.substr(0, end));
        text.remove_prefix(end + 1);
    }
    if (lines.size() < 3)
        throw NoteError("a checkpoint has at least three lines (origin, size, root)");
    Checkpoint checkpoint;
    checkpoint.origin = std::string(lines[0]);
    if (checkpoint.origin.empty()) throw NoteError("the checkpoint's origin line is empty");
    if (!parseDecimal(lines[1], checkpoint.size)) {
        throw NoteError("the checkpoint's second line is not a tree size in decimal");
    }
    auto root = hashFromBase64(lines[2]);
    if (!root) throw NoteError("the checkpoint's third line is not a base64 SHA-256 root hash");
    checkpoint.root = *root;
    for (std::size_t i = 3; i < lines.size(); ++i) {
        if (lines[i].empty()) throw NoteError("the checkpoint has an empty extension line");
    }
    return checkpoint;
}

}  // namespace beraad::trust
