#pragma once
// A redline: the rendered newer version of a document whose main text shows
// the changes from the rendered older version as tracked changes, which Word
// and LibreOffice display and let a reader accept or reject.
//
// The two packages must be renderings of the same template (same format).
// Paragraphs of the main body (word/document.xml, content.xml) are aligned
// by their text; a paragraph that only changed gets a word-level insertion
// and deletion, a paragraph that came or went is inserted or deleted whole.
// Everything outside the main body (styles, headers, footers, media) is the
// newer package's, unchanged. Accepting every change gives the newer text;
// rejecting every change gives the older text.
//
// A changed paragraph keeps each word's run (span) formatting. DOCX tracks
// whole table rows that came or went; ODF cannot, so in ODT a removed row's
// text is shown deleted at the next paragraph in the same kind of place.
// docs/diff.md lists the limits.

#include <string>
#include <string_view>

#include "beraad/base/Result.h"
#include "beraad/render/Template.h"

namespace beraad::diff {

struct RedlineOptions {
    std::string author = "Beraad";  // who the changes are attributed to
    std::string date;               // ISO 8601 UTC, "2026-11-28T10:15:00Z"
};

struct Redline {
    std::string bytes;  // the package
    int insertions = 0;
    int deletions = 0;
};

// InvalidInput when either package is not a readable package of `format`.
Result<Redline> redline(std::string_view older, std::string_view newer,
                        render::TemplateFormat format, const RedlineOptions& options);

}  // namespace beraad::diff
