#pragma once
// A longest-common-subsequence alignment of two sequences, shared by the
// content diff, the word diff and the redline. Common prefix and suffix are
// trimmed first; the remaining middle is solved with a dynamic programme, or,
// when it is larger than kMaxCells, reported as one deletion and one insertion
// (correct, just coarser).

#include <algorithm>
#include <cstddef>
#include <vector>

namespace beraad::diff {

struct AlignStep {
    enum class Op { Equal, Deleted, Inserted };
    Op op;
    std::size_t older;  // index in the older sequence (Equal, Deleted)
    std::size_t newer;  // index in the newer sequence (Equal, Inserted)
};

inline constexpr std::size_t kMaxCells = 16u * 1024 * 1024;

template <typename Equal>
std::vector<AlignStep> align(std::size_t olderSize, std::size_t newerSize, Equal equal) {
    using Op = AlignStep::Op;
    std::vector<AlignStep> steps;
    std::size_t prefix = 0;
    while (prefix < olderSize && prefix < newerSize && equal(prefix, prefix))
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < olderSize - prefix && suffix < newerSize - prefix &&
           equal(olderSize - 1 - suffix, newerSize - 1 - suffix))
        ++suffix;
    for (std::size_t i = 0; i < prefix; ++i)
        steps.push_back({Op::Equal, i, i});

    std::size_t n = olderSize - prefix - suffix;
    std::size_t m = newerSize - prefix - suffix;
    if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxCells) {
        // lengths[i][j]: LCS of older[prefix+i..] and newer[prefix+j..]
        std::vector<unsigned> lengths((n + 1) * (m + 1), 0);
        auto at = [&](std::size_t i, std::size_t j) -> unsigned& {
            return lengths[i * (m + 1) + j];
        };
        for (std::size_t i = n; i-- > 0;) {
            for (std::size_t j = m; j-- > 0;) {
                at(i, j) = equal(prefix + i, prefix + j) ? at(i + 1, j + 1) + 1
                                                         : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        std::size_t i = 0, j = 0;
        while (i < n && j < m) {
            if (equal(prefix + i, prefix + j)) {
                steps.push_back({Op::Equal, prefix + i, prefix + j});
                ++i, ++j;
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                steps.push_back({Op::Deleted, prefix + i, 0});
                ++i;
            } else {
                steps.push_back({Op::Inserted, 0, prefix + j});
                ++j;
            }
        }
        for (; i < n; ++i)
            steps.push_back({Op::Deleted, prefix + i, 0});
        for (; j < m; ++j)
            steps.push_back({Op::Inserted, 0, prefix + j});
    } else {
        for (std::size_t i = 0; i < n; ++i)
            steps.push_back({Op::Deleted, prefix + i, 0});
        for (std::size_t j = 0; j < m; ++j)
            steps.push_back({Op::Inserted, 0, prefix + j});
    }
    for (std::size_t k = 0; k < suffix; ++k)
        steps.push_back({Op::Equal, olderSize - suffix + k, newerSize - suffix + k});
    return steps;
}

}  // namespace beraad::diff
