// Ed25519 against RFC 8032's test vectors (section 7.1), through the real
// OpenSSL; signed notes against the Go reference implementation's example
// (golang.org/x/mod/sumdb/note: the PeterNeumann key and note); checkpoints
// and cosignatures as C2SP specifies them; and notes that try to pass.
#include <gtest/gtest.h>

#include "beraad/trust/Base64.h"
#include "beraad/trust/Ed25519.h"
#include "beraad/trust/Note.h"
#include "beraad/trust/Receipt.h"

namespace beraad::trust {
namespace {

std::string bytes(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

struct Rfc8032Vector {
    const char* secretKey;
    const char* publicKey;
    const char* message;
    const char* signature;
};

const Rfc8032Vector kVectors[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b"
     "4"
     "6bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11"
     "d"
     "8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc"
     "6"
     "594a7c15e9716ed28dc027beceea1ec40a"},
};

TEST(Ed25519, SignsAndVerifiesTheRfc8032Vectors) {
    for (const auto& vector : kVectors) {
        auto key = SigningKey::fromSeed(bytes(vector.secretKey));
        EXPECT_EQ(key.publicKey(), bytes(vector.publicKey));
        EXPECT_EQ(key.sign(bytes(vector.message)), bytes(vector.signature));
        EXPECT_TRUE(
            verifyEd25519(bytes(vector.publicKey), bytes(vector.message), bytes(vector.signature)));
        std::string flipped = bytes(vector.signature);
        flipped[10] ^= 1;
        EXPECT_FALSE(verifyEd25519(bytes(vector.publicKey), bytes(vector.message), flipped));
        EXPECT_FALSE(verifyEd25519(bytes(vector.publicKey), bytes(vector.message) + "x",
                                   bytes(vector.signature)));
    }
    EXPECT_FALSE(verifyEd25519("short", "m", std::string(64, '\0')));
    EXPECT_FALSE(verifyEd25519(bytes(kVectors[0].publicKey), "", "short"));
}

TEST(Ed25519, KeepsAKeyAsPem) {
    auto key = SigningKey::generate();
    auto again = SigningKey::fromPem(key.toPem());
    EXPECT_EQ(again.publicKey(), key.publicKey());
    EXPECT_TRUE(verifyEd25519(key.publicKey(), "m", again.sign("m")));
    EXPECT_THROW(
        SigningKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
        std::runtime_error);
}

// golang.org/x/mod/sumdb/note's example.
constexpr const char* kGoVerifierKey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr const char* kGoSecret = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr const char* kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr const char* kGoSignatureLine =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(SignedNote, MatchesTheGoReferenceExample) {
    auto vkey = parseVerifierKey(kGoVerifierKey);
    EXPECT_EQ(vkey.name, "PeterNeumann");
    EXPECT_EQ(keyIdHex(vkey.keyId), "c74f20a3");
    EXPECT_EQ(formatVerifierKey(vkey), kGoVerifierKey);

    auto seed = base64Decode(kGoSecret).value();
    auto key = SigningKey::fromSeed(seed.substr(1));
    EXPECT_EQ(key.publicKey(), vkey.publicKey);
    Note note{kGoText, {signNote(kGoText, "PeterNeumann", key)}};
    std::string formatted = formatNote(note);
    EXPECT_EQ(formatted, std::string(kGoText) + "\n" + kGoSignatureLine);

    auto parsed = parseNote(formatted);
    EXPECT_EQ(parsed.text, kGoText);
    ASSERT_EQ(parsed.signatures.size(), 1u);
    EXPECT_TRUE(verifyNoteSignature(parsed.text, parsed.signatures[0], vkey));
    EXPECT_FALSE(verifyNoteSignature(std::string(kGoText) + "x\n", parsed.signatures[0], vkey));
}

TEST(SignedNote, RefusesMalformedNotesAndKeys) {
    std::string good = std::string(kGoText) + "\n" + kGoSignatureLine;
    const std::string bad[] = {
        std::string(kGoText) + kGoSignatureLine,                                    // no blank line
        std::string(kGoText) + "\n" + std::string(kGoSignatureLine).substr(0, 40),  // truncated
        std::string(kGoText) + "\n- PeterNeumann AAAA\n",                  // not an em dash
        std::string(kGoText) + "\n\xE2\x80\x94 PeterNeumann\n",            // no signature
        std::string(kGoText) + "\n\xE2\x80\x94 Peter+Neumann AAAAAAAA\n",  // '+' in the name
        std::string(kGoText) + "\n\xE2\x80\x94 PeterNeumann AAA=\n",       // too short
        std::string(kGoText) + "\n\xE2\x80\x94 PeterNeumann not-base64!\n",
        "tab\there\n\n" + std::string(kGoSignatureLine),      // control character
        std::string(70000, 'a') + "\n\n" + kGoSignatureLine,  // too large
        "",
    };
    EXPECT_NO_THROW(parseNote(good));
    for (const auto& note : bad)
        EXPECT_THROW(parseNote(note), NoteError) << note.substr(0, 60);
    std::string many = std::string(kGoText) + "\n";
    for (int i = 0; i < 101; ++i)
        many += kGoSignatureLine;
    EXPECT_THROW(parseNote(many), NoteError);

    EXPECT_THROW(
        parseVerifierKey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
        NoteError);  // wrong key ID
    EXPECT_THROW(parseVerifierKey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq"),
                 NoteError);
    EXPECT_THROW(parseVerifierKey("PeterNeumann+c74f20a3"), NoteError);
}

TEST(Checkpoint, IsThreeLinesAndSignsAsANote) {
    auto key = SigningKey::generate();
    auto vkey = verifierKeyFor("beraad.example", kEd25519Type, key);
    Checkpoint checkpoint{"beraad.example/document:AM05-convenant-1", 7, leafHash("root")};
    std::string text = checkpointText(checkpoint);
    EXPECT_EQ(text,
              "beraad.example/document:AM05-convenant-1\n7\n" + toBase64(checkpoint.root) + "\n");
    auto parsed = parseCheckpoint(text);
    EXPECT_EQ(parsed.origin, checkpoint.origin);
    EXPECT_EQ(parsed.size, 7u);
    EXPECT_EQ(parsed.root, checkpoint.root);

    std::string note = formatNote({text, {signNote(text, vkey.name, key)}});
    auto check = checkCheckpoint(note, "document:AM05-convenant-1", {vkey});
    EXPECT_TRUE(check.valid());
    // Another stream's checkpoint, another key, a truncated note.
    EXPECT_FALSE(checkCheckpoint(note, "document:AM05-convenant-2", {vkey}).valid());
    auto other = verifierKeyFor("beraad.example", kEd25519Type, SigningKey::generate());
    EXPECT_FALSE(checkCheckpoint(note, "document:AM05-convenant-1", {other}).valid());
    EXPECT_FALSE(
        checkCheckpoint(note.substr(0, note.size() - 10), "document:AM05-convenant-1", {vkey})
            .valid());

    for (const char* malformed : {"origin\n07\nAAAA\n", "origin\n7\n", "\n7\nAAAA\n",
                                  "origin\n-1\nAAAA\n", "origin\n7\nnot-a-hash\n"})
        EXPECT_THROW(parseCheckpoint(malformed), NoteError) << malformed;
}

TEST(Cosignature, SignsTheTimeAndTheCheckpointAsC2spSays) {
    auto witnessKey = SigningKey::generate();
    auto witness = verifierKeyFor("getuige.example/uwv", kCosignatureType, witnessKey);
    std::string text = checkpointText({"beraad.example/regio:AM05", 3, leafHash("r")});
    auto cosignature = cosignCheckpoint(text, witness.name, witnessKey, 1679315147);
    EXPECT_EQ(cosignatureTime(cosignature), 1679315147u);
    EXPECT_EQ(cosignature.signature.size(), 72u);
    EXPECT_TRUE(verifyNoteSignature(text, cosignature, witness));
    // The signed message is "cosignature/v1\ntime <t>\n" and the checkpoint.
    EXPECT_TRUE(verifyEd25519(witness.publicKey, "cosignature/v1\ntime 1679315147\n" + text,
                              cosignature.signature.substr(8)));
    auto moved = cosignature;
    moved.signature[7] ^= 1;  // another time
    EXPECT_FALSE(verifyNoteSignature(text, moved, witness));
    // A cosigner key is not a log key, though the key material is the same.
    auto asLog = verifierKeyFor(witness.name, kEd25519Type, witnessKey);
    EXPECT_NE(asLog.keyId, witness.keyId);
    EXPECT_FALSE(verifyNoteSignature(text, cosignature, asLog));
    std::string note = formatNote({text, {cosignature}});
    EXPECT_EQ(countCosignatures(note, {witness}), 1);
    EXPECT_EQ(countCosignatures(note, {witness, witness}), 1);
}

}  // namespace
}  // namespace beraad::trust
