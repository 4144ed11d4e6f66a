#pragma once
// Edits of content through forms (the web front end): each edit names one
// element (its text is replaced) or one attribute (its value is replaced)
// by an XPath the caller builds from the form's own field names, never from
// text a person typed. The result is indented content, one element per
// line, with the line of each edited element, so the schema errors of the
// edited content (which carry lines) can be shown beside their fields.

#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"

namespace beraad {

struct ContentEdit {
    std::string path;   // XPath to exactly one element or one attribute ("/a/b[@n='1']/@c")
    std::string value;  // the new text or attribute value, as typed
};

struct EditedContent {
    std::string xml;         // indented, one element per line
    std::vector<int> lines;  // per edit: the line of its element in `xml`
};

// A field of a form for content: what people change most, with the path an
// edit of it takes. A samenwerkingsconvenant: each artikel's titel and
// leden, and each aandeel of the kostenverdeling. A beleidsagenda: each
// ambitie's titel and omschrijving. An uitvoeringsagenda: each actie's
// titel, omschrijving, trekker, start and end, budget per year and source,
// and each indicator's streefwaarde.
struct EditableField {
    std::string group;  // "Artikel 2 Samenstelling en werkwijze", "Kostenverdeling"
    std::string label;  // "Lid 1", "Titel", "Aandeel van uwv (procent)"
    std::string path;   // for ContentEdit::path
    std::string value;  // the current text or value
    bool longText = false;
};
Result<std::vector<EditableField>> editableFields(std::string_view kind, std::string_view xml);

// Refuses (InvalidContent) content that is not well-formed and
// (InvalidInput) an edit whose path selects no node, more than one, a node
// that is neither element nor attribute, or an element that holds other
// elements; nothing is changed then.
Result<EditedContent> editContent(std::string_view xml, const std::vector<ContentEdit>& edits);

}  // namespace beraad
