#include "beraad/trust/Ed25519.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace beraad::trust {

namespace {

constexpr std::size_t kPublicKeySize = 32;
constexpr std::size_t kSignatureSize = 64;

EVP_PKEY* pkey(const std::shared_ptr<void>& key) {
    return static_cast<EVP_PKEY*>(key.get());
}

std::shared_ptr<void> own(EVP_PKEY* key, const char* what) {
    if (key == nullptr) throw std::runtime_error(std::string("Ed25519: ") + what);
    return std::shared_ptr<void>(key, [](void* k) { EVP_PKEY_free(static_cast<EVP_PKEY*>(k)); });
}

struct MdContext {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~MdContext() { EVP_MD_CTX_free(ctx); }
};

struct Bio {
    BIO* bio;
    explicit Bio(BIO* b) : bio(b) {
        if (bio == nullptr) throw std::runtime_error("Ed25519: out of memory");
    }
    ~Bio() { BIO_free(bio); }
};

}  // namespace

SigningKey SigningKey::generate() {
    EVP_PKEY* key = nullptr;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr);
    bool ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 && EVP_PKEY_keygen(ctx, &key) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) key = nullptr;
    return SigningKey(own(key, "key generation failed"));
}

SigningKey SigningKey::fromSeed(std::string_view seed) {
    if (seed.size() != 32) throw std::invalid_argument("Ed25519: a secret key is 32 bytes");
    return SigningKey(own(EVP_PKEY_new_raw_private_key(
                              EVP_PKEY_ED25519, nullptr,
                              reinterpret_cast<const unsigned char*>(seed.data()), seed.size()),
                          "the secret key is not usable"));
}

SigningKey SigningKey::fromPem(const std::string& pem) {
    Bio in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(in.bio, nullptr, nullptr, nullptr);
    auto owned = own(key, "the file does not hold a private key in PEM");
    if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
        throw std::runtime_error("Ed25519: the private key is of another algorithm");
    }
    return SigningKey(owned);
}

std::string SigningKey::toPem() const {
    Bio out(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(out.bio, pkey(key_), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        throw std::runtime_error("Ed25519: the key cannot be written as PEM");
    }
    char* data = nullptr;
    long length = BIO_get_mem_data(out.bio, &data);
    return std::string(data, static_cast<std::size_t>(length));
}

std::string SigningKey::publicKey() const {
    std::string out(kPublicKeySize, '\0');
    std::size_t length = out.size();
    if (EVP_PKEY_get_raw_public_key(pkey(key_), reinterpret_cast<unsigned char*>(out.data()),
                                    &length) != 1 ||
        length != kPublicKeySize) {
        throw std::runtime_error("Ed25519: the public key cannot be read");
    }
    return out;
}

std::string SigningKey::sign(std::string_view message) const {
    MdContext md;
    std::string out(kSignatureSize, '\0');
    std::size_t length = out.size();
    if (md.ctx == nullptr ||
        EVP_DigestSignInit(md.ctx, nullptr, nullptr, nullptr, pkey(key_)) != 1 ||
        EVP_DigestSign(md.ctx, reinterpret_cast<unsigned char*>(out.data()), &length,
                       reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1 ||
        length != kSignatureSize) {
        throw std::runtime_error("Ed25519: signing failed");
    }
    return out;
}

bool verifyEd25519(std::string_view publicKey, std::string_view message,
                   std::string_view signature) {
    if (publicKey.size() != kPublicKeySize || signature.size() != kSignatureSize) return false;
    EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(publicKey.data()),
        publicKey.size());
    if (key == nullptr) return false;
    MdContext md;
    bool ok =
        md.ctx != nullptr && EVP_DigestVerifyInit(md.ctx, nullptr, nullptr, nullptr, key) == 1 &&
        EVP_DigestVerify(md.ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size()) == 1;
    EVP_PKEY_free(key);
    return ok;
}

}  // namespace beraad::trust
