#include "beraad/trust/Merkle.h"

#include "beraad/trust/Base64.h"

#include <openssl/evp.h>

#include <algorithm>

#include <stdexcept>

namespace beraad::trust {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::uint64_t largestPowerOfTwoBelow(std::uint64_t n) {
    std::uint64_t k = 1;
    while (k << 1 < n)
        k <<= 1;
    return k;
}

Hash subtreeRoot(const std::vector<Hash>& leaves, std::uint64_t begin, std::uint64_t end) {
    if (end - begin == 1) return leaves[begin];
    std::uint64_t k = largestPowerOfTwoBelow(end - begin);
    return nodeHash(subtreeRoot(leaves, begin, begin + k), subtreeRoot(leaves, begin + k, end));
}

// RFC 9162 2.1.3.1: PATH(m, D[begin:end]).
void path(const std::vector<Hash>& leaves, std::uint64_t m, std::uint64_t begin, std::uint64_t end,
          std::vector<Hash>& out) {
    if (end - begin <= 1) return;
    std::uint64_t k = largestPowerOfTwoBelow(end - begin);
    if (m < k) {
        path(leaves, m, begin, begin + k, out);
        out.push_back(subtreeRoot(leaves, begin + k, end));
    } else {
        path(leaves, m - k, begin + k, end, out);
        out.push_back(subtreeRoot(leaves, begin, begin + k));
    }
}

// RFC 9162 2.1.4.1: SUBPROOF(m, D[begin:end], complete).
void subproof(const std::vector<Hash>& leaves, std::uint64_t m, std::uint64_t begin,
              std::uint64_t end, bool complete, std::vector<Hash>& out) {
    std::uint64_t n = end - begin;
    if (m == n) {
        if (!complete) out.push_back(subtreeRoot(leaves, begin, end));
        return;
    }
    std::uint64_t k = largestPowerOfTwoBelow(n);
    if (m <= k) {
        subproof(leaves, m, begin, begin + k, complete, out);
        out.push_back(subtreeRoot(leaves, begin + k, end));
    } else {
        subproof(leaves, m - k, begin + k, end, false, out);
        out.push_back(subtreeRoot(leaves, begin, begin + k));
    }
}

bool lowBitSet(std::uint64_t n) {
    return (n & 1) != 0;
}

}  // namespace

Hash sha256(std::string_view bytes) {
    Hash out{};
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &length, EVP_sha256(), nullptr) != 1 ||
        length != out.size()) {
        throw std::runtime_error("SHA-256 failed in OpenSSL");
    }
    return out;
}

Hash leafHash(std::string_view data) {
    std::string input(1, '\0');
    input.append(data);
    return sha256(input);
}

Hash nodeHash(const Hash& left, const Hash& right) {
    std::string input(1, '\x01');
    input.append(reinterpret_cast<const char*>(left.data()), left.size());
    input.append(reinterpret_cast<const char*>(right.data()), right.size());
    return sha256(input);
}

std::string toHex(const Hash& hash) {
    std::string out;
    out.reserve(64);
    for (unsigned char byte : hash) {
        out.push_back(kHexDigits[byte >> 4]);
        out.push_back(kHexDigits[byte & 0xf]);
    }
    return out;
}

std::optional<Hash> hashFromHex(std::string_view hex) {
    if (hex.size() != 64) return std::nullopt;
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    Hash out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        int high = digit(hex[2 * i]);
        int low = digit(hex[2 * i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        out[i] = static_cast<unsigned char>(high << 4 | low);
    }
    return out;
}

std::string toBase64(const Hash& hash) {
    return base64Encode(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

std::optional<Hash> hashFromBase64(std::string_view text) {
    auto bytes = base64Decode(text);
    if (!bytes || bytes->size() != Hash().size()) return std::nullopt;
    Hash out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

Hash rootOf(const std::vector<Hash>& leaves) {
    if (leaves.empty()) return sha256("");
    return subtreeRoot(leaves, 0, leaves.size());
}

std::vector<Hash> inclusionProof(const std::vector<Hash>& leaves, std::uint64_t index,
                                 std::uint64_t size) {
    if (index >= size || size > leaves.size()) {
        throw std::invalid_argument("inclusion proof: index " + std::to_string(index) +
                                    " is not in a tree of " + std::to_string(size));
    }
    std::vector<Hash> out;
    path(leaves, index, 0, size, out);
    return out;
}

std::vector<Hash> consistencyProof(const std::vector<Hash>& leaves, std::uint64_t from,
                                   std::uint64_t to) {
    if (from > to || to > leaves.size()) {
        throw std::invalid_argument("consistency proof: sizes " + std::to_string(from) + " and " +
                                    std::to_string(to) + " are out of order or too large");
    }
    std::vector<Hash> out;
    if (from == 0 || from == to) return out;
    subproof(leaves, from, 0, to, true, out);
    return out;
}

bool verifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf,
                     const std::vector<Hash>& proof, const Hash& root) {
    if (index >= size) return false;
    std::uint64_t fn = index;
    std::uint64_t sn = size - 1;
    Hash r = leaf;
    for (const Hash& p : proof) {
        if (sn == 0) return false;
        if (lowBitSet(fn) || fn == sn) {
            r = nodeHash(p, r);
            if (!lowBitSet(fn)) {
                while (!lowBitSet(fn) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r == root;
}

bool verifyConsistency(std::uint64_t from, std::uint64_t to, const Hash& fromRoot,
                       const Hash& toRoot, const std::vector<Hash>& proof) {
    if (from > to) return false;
    if (from == to) return proof.empty() && fromRoot == toRoot;
    if (from == 0) return proof.empty();
    if (proof.empty()) return false;
    std::vector<Hash> path = proof;
    if ((from & (from - 1)) == 0) path.insert(path.begin(), fromRoot);
    std::uint64_t fn = from - 1;
    std::uint64_t sn = to - 1;
    while (lowBitSet(fn)) {
        fn >>= 1;
        sn >>= 1;
    }
    Hash fr = path[0];
    Hash sr = path[0];
    for (std::size_t i = 1; i < path.size(); ++i) {
        const Hash& c = path[i];
        if (sn == 0) return false;
        if (lowBitSet(fn) || fn == sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if (!lowBitSet(fn)) {
                while (!lowBitSet(fn) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return fr == fromRoot && sr == toRoot && sn == 0;
}

void TreeBuilder::add(const Hash& leaf) {
    subtrees_.push_back(leaf);
    for (std::uint64_t n = size_; lowBitSet(n); n >>= 1) {
        Hash right = subtrees_.back();
        subtrees_.pop_back();
        subtrees_.back() = nodeHash(subtrees_.back(), right);
    }
    ++size_;
}

Hash TreeBuilder::root() const {
    if (subtrees_.empty()) return sha256("");
    Hash r = subtrees_.back();
    for (auto it = subtrees_.rbegin() + 1; it != subtrees_.rend(); ++it)
        r = nodeHash(*it, r);
    return r;
}

}  // namespace beraad::trust
