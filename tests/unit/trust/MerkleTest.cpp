// The Merkle tree against RFC 9162's definitions and the Certificate
// Transparency reference vectors (the eight leaf inputs of RFC 6962's test
// tree and their published roots), and its proofs against their verifiers,
// including forged and misapplied proofs.
#include <gtest/gtest.h>

#include "beraad/trust/Merkle.h"

namespace beraad::trust {
namespace {

std::string bytesFromHex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::vector<Hash> referenceLeaves() {
    std::vector<Hash> leaves;
    for (const char* input : {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                              "606162636465666768696a6b6c6d6e6f"})
        leaves.push_back(leafHash(bytesFromHex(input)));
    return leaves;
}

Hash fromHex(const std::string& hex) {
    return hashFromHex(hex).value();
}

// MTH straight from RFC 9162 2.1.1, recursive, for comparison.
Hash definitionRoot(const std::vector<Hash>& leaves, std::size_t begin, std::size_t end) {
    if (end == begin) return sha256("");
    if (end - begin == 1) return leaves[begin];
    std::size_t k = 1;
    while (k * 2 < end - begin)
        k *= 2;
    return nodeHash(definitionRoot(leaves, begin, begin + k),
                    definitionRoot(leaves, begin + k, end));
}

std::vector<Hash> manyLeaves(std::size_t n) {
    std::vector<Hash> leaves;
    for (std::size_t i = 0; i < n; ++i)
        leaves.push_back(leafHash("event " + std::to_string(i)));
    return leaves;
}

TEST(Merkle, GivesTheReferenceRootsOfTheCertificateTransparencyTestTree) {
    const char* roots[] = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };
    auto leaves = referenceLeaves();
    TreeBuilder builder;
    EXPECT_EQ(toHex(builder.root()), roots[0]);
    for (std::size_t n = 1; n <= leaves.size(); ++n) {
        std::vector<Hash> prefix(leaves.begin(), leaves.begin() + n);
        EXPECT_EQ(toHex(rootOf(prefix)), roots[n]) << n << " leaves";
        builder.add(leaves[n - 1]);
        EXPECT_EQ(toHex(builder.root()), roots[n]) << n << " leaves, built one by one";
    }
}

TEST(Merkle, GivesTheReferenceProofs) {
    auto leaves = referenceLeaves();
    EXPECT_TRUE(inclusionProof(leaves, 0, 1).empty());
    auto path = inclusionProof(leaves, 0, 2);
    ASSERT_EQ(path.size(), 1u);
    EXPECT_EQ(toHex(path[0]), "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
    auto consistency = consistencyProof(leaves, 2, 5);
    ASSERT_EQ(consistency.size(), 2u);
    EXPECT_EQ(toHex(consistency[0]),
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");
    EXPECT_EQ(toHex(consistency[1]),
              "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    EXPECT_TRUE(verifyConsistency(
        2, 5, fromHex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
        fromHex("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"), consistency));
}

TEST(Merkle, RootsEqualTheRecursiveDefinitionForEverySizeUpTo130) {
    auto leaves = manyLeaves(130);
    TreeBuilder builder;
    for (std::size_t n = 1; n <= leaves.size(); ++n) {
        builder.add(leaves[n - 1]);
        std::vector<Hash> prefix(leaves.begin(), leaves.begin() + n);
        ASSERT_EQ(rootOf(prefix), definitionRoot(leaves, 0, n)) << n;
        ASSERT_EQ(builder.root(), rootOf(prefix)) << n;
    }
}

TEST(Merkle, EveryInclusionProofVerifiesAndNoMisappliedOneDoes) {
    auto leaves = manyLeaves(40);
    for (std::uint64_t size = 1; size <= leaves.size(); ++size) {
        std::vector<Hash> prefix(leaves.begin(), leaves.begin() + size);
        Hash root = rootOf(prefix);
        for (std::uint64_t index = 0; index < size; ++index) {
            auto proof = inclusionProof(leaves, index, size);
            ASSERT_TRUE(verifyInclusion(index, size, leaves[index], proof, root))
                << index << "/" << size;
            // Another leaf, another index, another tree size, an edited or
            // shortened path, a path with a hash too many: each refused.
            EXPECT_FALSE(verifyInclusion(index, size, leafHash("forged"), proof, root));
            if (index + 1 < size) {
                EXPECT_FALSE(verifyInclusion(index + 1, size, leaves[index], proof, root));
            }
            // A proof for this tree size against the next checkpoint (its size and root).
            if (size < leaves.size()) {
                std::vector<Hash> next(leaves.begin(), leaves.begin() + size + 1);
                EXPECT_FALSE(verifyInclusion(index, size + 1, leaves[index], proof, rootOf(next)));
            }
            EXPECT_FALSE(
                verifyInclusion(index, size, leaves[index], proof, leafHash("other root")));
            if (!proof.empty()) {
                auto edited = proof;
                edited.back()[0] ^= 1;
                EXPECT_FALSE(verifyInclusion(index, size, leaves[index], edited, root));
                auto shortened = proof;
                shortened.pop_back();
                EXPECT_FALSE(verifyInclusion(index, size, leaves[index], shortened, root));
            }
            auto longer = proof;
            longer.push_back(leafHash("extra"));
            EXPECT_FALSE(verifyInclusion(index, size, leaves[index], longer, root));
        }
        EXPECT_FALSE(verifyInclusion(size, size, leaves[0], {}, root));
    }
}

TEST(Merkle, EveryConsistencyProofVerifiesAndAForkDoesNot) {
    auto leaves = manyLeaves(40);
    auto fork = leaves;
    for (std::uint64_t to = 1; to <= leaves.size(); ++to) {
        std::vector<Hash> prefixTo(leaves.begin(), leaves.begin() + to);
        Hash toRoot = rootOf(prefixTo);
        for (std::uint64_t from = 1; from <= to; ++from) {
            std::vector<Hash> prefixFrom(leaves.begin(), leaves.begin() + from);
            Hash fromRoot = rootOf(prefixFrom);
            auto proof = consistencyProof(leaves, from, to);
            ASSERT_TRUE(verifyConsistency(from, to, fromRoot, toRoot, proof)) << from << "->" << to;
            // A fork: the same sizes, but leaf from-1 differs in the newer tree.
            fork = leaves;
            fork[from - 1] = leafHash("rewritten");
            std::vector<Hash> forkTo(fork.begin(), fork.begin() + to);
            auto forkProof = consistencyProof(fork, from, to);
            EXPECT_FALSE(verifyConsistency(from, to, fromRoot, rootOf(forkTo), forkProof))
                << "fork at " << from << "->" << to;
            EXPECT_FALSE(verifyConsistency(from, to, fromRoot, rootOf(forkTo), proof));
            if (from < to) {
                EXPECT_FALSE(verifyConsistency(from, to, fromRoot, toRoot, {}));
                EXPECT_FALSE(verifyConsistency(to, from, toRoot, fromRoot, proof));
                if (from + 1 < to) {
                    EXPECT_FALSE(verifyConsistency(from + 1, to, fromRoot, toRoot, proof));
                }
                auto edited = proof;
                edited[0][5] ^= 0x80;
                EXPECT_FALSE(verifyConsistency(from, to, fromRoot, toRoot, edited));
            }
        }
    }
}

TEST(Merkle, HashesReadOnlyWellFormedText) {
    Hash hash = leafHash("x");
    EXPECT_EQ(hashFromHex(toHex(hash)), hash);
    EXPECT_EQ(hashFromBase64(toBase64(hash)), hash);
    EXPECT_FALSE(hashFromHex(toHex(hash).substr(1)));
    EXPECT_FALSE(hashFromHex(std::string(64, 'g')));
    EXPECT_FALSE(hashFromHex(std::string(64, 'A')));  // upper case is not our form
    EXPECT_FALSE(hashFromBase64(toBase64(hash) + "AAAA"));
    EXPECT_FALSE(hashFromBase64("not base64!"));
}

}  // namespace
}  // namespace beraad::trust
