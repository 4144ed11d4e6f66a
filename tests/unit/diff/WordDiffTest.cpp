// The word diff: a table of cases, written as [-removed-]{+added+}.
#include <gtest/gtest.h>

#include "beraad/diff/Diff.h"

namespace beraad {
namespace {

std::string render(const std::vector<diff::WordSegment>& segments) {
    std::string text;
    for (const auto& segment : segments) {
        switch (segment.op) {
            case diff::WordSegment::Op::Equal:
                text += segment.text;
                break;
            case diff::WordSegment::Op::Deleted:
                text += "[-" + segment.text + "-]";
                break;
            case diff::WordSegment::Op::Inserted:
                text += "{+" + segment.text + "+}";
                break;
        }
    }
    return text;
}

std::string join(const std::vector<diff::WordSegment>& segments, diff::WordSegment::Op skip) {
    std::string text;
    for (const auto& segment : segments)
        if (segment.op != skip) text += segment.text;
    return text;
}

struct WordCase {
    const char* older;
    const char* newer;
    const char* expected;
};

const WordCase kCases[] = {
    {"", "", ""},
    {"gelijk", "gelijk", "gelijk"},
    {"", "nieuw", "{+nieuw+}"},
    {"oud", "", "[-oud-]"},
    {"ten minste vier keer per jaar", "ten minste zes keer per jaar",
     "ten minste [-vier-]{+zes+} keer per jaar"},
    {"werken samen.", "werken nauw samen.", "werken {+nauw +}samen."},
    {"een, twee; drie", "een; twee, drie", "een[-,-]{+;+} twee[-;-]{+,+} drie"},
    {"€ 910.129", "€ 827.390", "€ [-910-]{+827+}.[-129-]{+390+}"},
    {"één zetel", "twee zetels", "[-één-]{+twee+} [-zetel-]{+zetels+}"},
    {"a  b", "a b", "a[-  -]{+ +}b"},
};

TEST(WordDiff, Table) {
    for (const auto& c : kCases) {
        auto segments = diff::diffWords(c.older, c.newer);
        EXPECT_EQ(render(segments), c.expected) << c.older << " -> " << c.newer;
        EXPECT_EQ(join(segments, diff::WordSegment::Op::Inserted), c.older);
        EXPECT_EQ(join(segments, diff::WordSegment::Op::Deleted), c.newer);
    }
}

TEST(WordDiff, TokensAreWordsSpacesAndSingleMarks) {
    EXPECT_EQ(diff::tokenize("Artikel 4, lid 2:  één"),
              (std::vector<std::string>{"Artikel", " ", "4", ",", " ", "lid", " ", "2", ":", "  ",
                                        "één"}));
}

TEST(WordDiff, LongTextsStayCorrect) {
    std::string older, newer;
    for (int i = 0; i < 3000; ++i) {
        older += "woord" + std::to_string(i) + " ";
        newer += "woord" + std::to_string(i % 7 == 0 ? i + 1 : i) + " ";
    }
    auto segments = diff::diffWords(older, newer);
    EXPECT_EQ(join(segments, diff::WordSegment::Op::Inserted), older);
    EXPECT_EQ(join(segments, diff::WordSegment::Op::Deleted), newer);
}

}  // namespace
}  // namespace beraad
