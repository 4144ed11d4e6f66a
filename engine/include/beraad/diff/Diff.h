#pragma once
// Differences between two versions' content XML.
//
// Structural: elements are matched by the identity the schemas give them
// (`@nummer` of an artikel or lid, `@id` of a thema, ambitie or actie,
// `@partner` of a partij, aandeel or partner, `jaar`+`bron` of a begroting
// post, ...) and otherwise by position among siblings of the same name. Every
// added, removed or changed element, attribute or text is one Change, named
// by a stable path and a readable label ("artikel 4 / lid 2").
//
// Textual: the paragraphs (elements holding text) of both versions aligned
// with a longest-common-subsequence diff; a changed paragraph carries a word
// diff (tokens: words, runs of whitespace, single punctuation marks).
//
// Both are deterministic: the same two contents give the same result.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/records/Records.h"

namespace beraad::diff {

enum class ChangeKind { Added, Removed, Changed };

// "toegevoegd", "verwijderd", "gewijzigd": stable names used in JSON and text.
std::string_view toString(ChangeKind kind);

struct Change {
    ChangeKind kind = ChangeKind::Changed;
    // Identity path: "/samenwerkingsconvenant/artikelen/artikel[@nummer='4']/lid[@nummer='2']",
    // ending in "/@attribute" for an attribute, "/text()" for an element's text.
    std::string path;
    std::string label;  // "artikel 4 / lid 2", "actie A3 / post 2027 impulsbudget / bedrag"
    std::optional<std::string> oldValue;  // absent for an added item
    std::optional<std::string> newValue;  // absent for a removed item
    // Both values read as decimal numbers (amounts, percentages, counts).
    std::optional<double> oldNumber;
    std::optional<double> newNumber;
};

struct WordSegment {
    enum class Op { Equal, Deleted, Inserted };
    Op op = Op::Equal;
    std::string text;
};

struct ParagraphChange {
    ChangeKind kind = ChangeKind::Changed;
    std::string path;   // of the paragraph in the newer version (older when removed)
    std::string label;  // "artikel 4 / lid 2"
    std::optional<std::string> oldText;
    std::optional<std::string> newText;
    std::vector<WordSegment> words;  // for a changed paragraph
};

struct ContentDiff {
    std::string root;  // the kind's root element name
    std::vector<Change> changes;
    std::vector<ParagraphChange> paragraphs;
    bool empty() const { return changes.empty() && paragraphs.empty(); }
};

// Compares two contents of the same kind. Refuses (InvalidInput) contents
// whose root elements differ and (InvalidContent) text that is not XML.
Result<ContentDiff> compareContent(std::string_view older, std::string_view newer);

// The word diff of two texts. Equal neighbours are merged, so the segments
// alternate; joining the Equal and Deleted texts gives `older`, joining the
// Equal and Inserted texts gives `newer`.
std::vector<WordSegment> diffWords(std::string_view older, std::string_view newer);

// Splits text into words, runs of whitespace and single punctuation marks
// (UTF-8 multibyte characters count as word characters).
std::vector<std::string> tokenize(std::string_view text);

// Readable text: one block per change, words as [-removed-]{+added+}.
std::string formatText(const ContentDiff& diff);

}  // namespace beraad::diff

namespace beraad {

// Two versions of one document compared; both versions carry their
// content.
struct VersionDiff {
    std::string documentId;
    std::string kind;
    Version from;
    Version to;
    diff::ContentDiff diff;
};

}  // namespace beraad
