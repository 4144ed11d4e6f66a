#pragma once
// Decides what a section repeats and rewrites the part's tree so that the
// repeated nodes stand inside one wrapper element: the smallest unit holding
// both tags — a table row (tags in different cells), a paragraph or list
// item (both tags alone in one paragraph), the runs between the tags (both
// tags in one paragraph among other text), or the siblings between the tags
// (paragraphs, rows, list items) where a tag alone in its unit is dropped
// and a paragraph shared with other text is cut in two at the tag.

#include <libxml/tree.h>

#include <optional>
#include <string>

#include "render/Dialect.h"
#include "render/DomEdit.h"

namespace beraad::render {

class SectionLayout {
  public:
    explicit SectionLayout(const Dialect& dialect) : dialect_(dialect) {}

    // Wraps the section's unit, removes its tags and marks where {{else}}
    // divides it. Returns a problem (code, message) when the tags stand
    // where no unit can hold them.
    struct Problem {
        std::string code;
        std::string message;
        const TagNode* tag;
    };
    std::optional<Problem> place(TagNode& open, TagNode* elseTag, TagNode& close,
                                 SectionMarker& marker);

  private:
    enum class Side { Before, After };

    xmlNode* paragraphOf(xmlNode* node) const;
    bool hasContent(const xmlNode* node) const;
    bool onlySectionIn(xmlNode* paragraph, const xmlNode* open, const xmlNode* close) const;
    xmlNode* markBoundary(TagNode& tag, xmlNode* container, Side side, bool mayKeepWhole);
    xmlNode* split(xmlNode* node, xmlNode* rightStart, xmlNode* container);
    xmlNode* shell(xmlNode* node);
    void removeTag(TagNode& tag);
    void addFallback(xmlNode* section, SectionMarker& marker);

    const Dialect& dialect_;
};

}  // namespace beraad::render
