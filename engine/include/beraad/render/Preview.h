#pragma once
// A preview of a rendered document in a web page: the text of an ODT
// (content.xml) as an HTML fragment. Headings, paragraphs, lists, tables
// and line breaks are kept; styles, frames, notes and page layout are not
// (the download shows those). The fragment is built as a tree and written
// by libxml2's HTML serializer, so every text of the document is escaped;
// links keep their text only.

#include <string>
#include <string_view>

#include "beraad/base/Result.h"

namespace beraad::render {

struct Preview {
    std::string html;  // <div class="voorbeeld">…</div>
    int headings = 0;
    int paragraphs = 0;
    int tables = 0;
};

// Refuses (InvalidInput) bytes that are not a zip package with a
// well-formed content.xml holding office:text.
Result<Preview> previewOdt(std::string_view odt);

}  // namespace beraad::render
