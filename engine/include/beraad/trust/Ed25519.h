#pragma once
// Ed25519 (RFC 8032) signing and verification through OpenSSL 3. Keys are
// raw bytes at this interface: a public key is 32 bytes, a signature 64.
// A private key is kept as PKCS#8 PEM, the form `openssl pkey` reads.

#include <memory>
#include <string>
#include <string_view>

namespace beraad::trust {

class SigningKey {
  public:
    static SigningKey generate();
    // The RFC 8032 secret key (the 32-byte seed); for known-answer tests.
    static SigningKey fromSeed(std::string_view seed);
    // Throws std::runtime_error when the text is not an Ed25519 private key.
    static SigningKey fromPem(const std::string& pem);

    std::string toPem() const;
    std::string publicKey() const;
    std::string sign(std::string_view message) const;

  private:
    explicit SigningKey(std::shared_ptr<void> key) : key_(std::move(key)) {}
    std::shared_ptr<void> key_;  // EVP_PKEY
};

// False for a wrong signature and for malformed input (a key that is not
// 32 bytes, a signature that is not 64); never throws.
bool verifyEd25519(std::string_view publicKey, std::string_view message,
                   std::string_view signature);

}  // namespace beraad::trust
