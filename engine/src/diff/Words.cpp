// Word diff and tokenizer.
#include <algorithm>
#include <cctype>

#include "beraad/diff/Diff.h"
#include "diff/Lcs.h"

namespace beraad::diff {
namespace {

enum class CharClass { Word, Space, Mark };

CharClass classify(unsigned char c) {
    if (c >= 0x80 || std::isalnum(c)) return CharClass::Word;
    if (std::isspace(c)) return CharClass::Space;
    return CharClass::Mark;
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        CharClass cls = classify(static_cast<unsigned char>(text[i]));
        std::size_t j = i + 1;
        if (cls != CharClass::Mark) {
            while (j < text.size() && classify(static_cast<unsigned char>(text[j])) == cls)
                ++j;
        }
        tokens.emplace_back(text.substr(i, j - i));
        i = j;
    }
    return tokens;
}

std::vector<WordSegment> diffWords(std::string_view older, std::string_view newer) {
    auto a = tokenize(older);
    auto b = tokenize(newer);
    auto steps =
        align(a.size(), b.size(), [&](std::size_t i, std::size_t j) { return a[i] == b[j]; });
    std::vector<WordSegment> segments;
    auto append = [&](WordSegment::Op op, const std::string& text) {
        if (!segments.empty() && segments.back().op == op) {
            segments.back().text += text;
        } else {
            segments.push_back({op, text});
        }
    };
    // Deletions before insertions inside each changed stretch, so a
    // replacement reads [-old-]{+new+}.
    std::vector<std::string> pendingInserted;
    auto flush = [&]() {
        for (const auto& text : pendingInserted)
            append(WordSegment::Op::Inserted, text);
        pendingInserted.clear();
    };
    for (const auto& step : steps) {
        switch (step.op) {
            case AlignStep::Op::Equal:
                flush();
                append(WordSegment::Op::Equal, a[step.older]);
                break;
            case AlignStep::Op::Deleted:
                append(WordSegment::Op::Deleted, a[step.older]);
                break;
            case AlignStep::Op::Inserted:
                pendingInserted.push_back(b[step.newer]);
                break;
        }
    }
    flush();
    return segments;
}

}  // namespace beraad::diff
