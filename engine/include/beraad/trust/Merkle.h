#pragma once
// Merkle trees over a stream's events, as RFC 9162 section 2.1 defines them
// (the same tree as RFC 6962): a leaf is SHA-256(0x00 || data), a node
// SHA-256(0x01 || left || right), the tree of n leaves splits at the largest
// power of two below n, and the empty tree's root is SHA-256 of nothing.
// A stream's leaves are its events' hashes (32 bytes each), in sequence
// order, so leaf index i is event i + 1.
//
// Proofs are made from the leaves and verified with the algorithms of
// RFC 9162 sections 2.1.3.2 and 2.1.4.2; a verifier trusts nothing but the
// roots it compares with.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beraad::trust {

using Hash = std::array<unsigned char, 32>;

Hash sha256(std::string_view bytes);
Hash leafHash(std::string_view data);
Hash nodeHash(const Hash& left, const Hash& right);

std::string toHex(const Hash& hash);
std::optional<Hash> hashFromHex(std::string_view hex);  // 64 hex digits, else nullopt
std::string toBase64(const Hash& hash);
std::optional<Hash> hashFromBase64(std::string_view text);  // exactly 32 bytes, else nullopt

// The root of the tree over `leaves` (already leaf-hashed).
Hash rootOf(const std::vector<Hash>& leaves);

// Audit path of leaf `index` in the tree of the first `size` leaves.
// Requires index < size <= leaves.size().
std::vector<Hash> inclusionProof(const std::vector<Hash>& leaves, std::uint64_t index,
                                 std::uint64_t size);
// Proof that the tree of the first `from` leaves is a prefix of the tree of
// the first `to`. Requires from <= to <= leaves.size().
std::vector<Hash> consistencyProof(const std::vector<Hash>& leaves, std::uint64_t from,
                                   std::uint64_t to);

bool verifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf,
                     const std::vector<Hash>& proof, const Hash& root);
bool verifyConsistency(std::uint64_t from, std::uint64_t to, const Hash& fromRoot,
                       const Hash& toRoot, const std::vector<Hash>& proof);

// Roots of every prefix as leaves arrive, in O(log n) memory: the compact
// range of perfect subtrees.
class TreeBuilder {
  public:
    void add(const Hash& leaf);
    std::uint64_t size() const { return size_; }
    Hash root() const;

  private:
    std::vector<Hash> subtrees_;  // left to right, strictly decreasing sizes
    std::uint64_t size_ = 0;
};

}  // namespace beraad::trust
