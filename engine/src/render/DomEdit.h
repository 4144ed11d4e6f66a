#pragma once
// Moving nodes inside one libxml2 tree without libxml2's habit of merging
// adjacent text nodes (which would swallow a tag's own text node), and the
// marks the compiler leaves in the tree: a tag's text node, a section's
// wrapper element, a boundary between two children.

#include <libxml/tree.h>

#include <cstdint>
#include <string>

#include "render/TagSyntax.h"

namespace beraad::render {

// A tag found in a part; the text node that holds it points here through
// its _private field.
struct TagNode {
    xmlNode* node = nullptr;
    ParsedTag parsed;
    uint32_t site = 0;
    uint32_t expression = 0;
    uint32_t order = 0;  // position among the part's tags, in document order
    bool valid = true;
};

// A section's wrapper element points here through its _private field.
struct SectionMarker {
    const TagNode* open = nullptr;
    xmlNode* elseDivider = nullptr;  // a boundary element among the wrapper's children
    std::string fallback;            // XML written when #each selects nothing
};

namespace dom {

void insertBefore(xmlNode* reference, xmlNode* node);
void insertAfter(xmlNode* reference, xmlNode* node);
void append(xmlNode* parent, xmlNode* node);
void remove(xmlNode* node);  // unlinks and frees

xmlNode* newSectionElement(xmlDoc* doc, SectionMarker* marker);
xmlNode* newBoundary(xmlDoc* doc);
bool isSection(const xmlNode* node);
bool isBoundary(const xmlNode* node);
SectionMarker* sectionOf(const xmlNode* node);
TagNode* tagOf(const xmlNode* node);

// A copy of `node` that will be placed under `parent`, namespaces resolved
// there; `deep` copies the subtree too. `parent` must be linked into the
// document (or carry every namespace the copy uses): libxml2 declares a
// namespace it cannot resolve there on `node` itself, and the copy would
// then point into `node`, dangling once `node` is freed.
xmlNode* clone(xmlNode* node, xmlNode* parent, bool deep);

std::string content(const xmlNode* textNode);

}  // namespace dom
}  // namespace beraad::render
