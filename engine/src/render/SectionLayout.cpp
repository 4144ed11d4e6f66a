#include "render/SectionLayout.h"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace beraad::render {
namespace {

bool isBlank(const xmlChar* text) {
    if (text == nullptr) return true;
    for (const xmlChar* c = text; *c != 0; ++c) {
        if (!std::isspace(*c)) return false;
    }
    return true;
}

xmlNode* commonAncestor(xmlNode* a, xmlNode* b) {
    std::vector<xmlNode*> chain;
    for (xmlNode* n = a; n != nullptr; n = n->parent)
        chain.push_back(n);
    for (xmlNode* n = b; n != nullptr; n = n->parent) {
        for (xmlNode* candidate : chain) {
            if (candidate == n) return n;
        }
    }
    return nullptr;
}

bool isOnlyElementChild(const xmlNode* node) {
    for (const xmlNode* sibling = node->parent->children; sibling != nullptr;
         sibling = sibling->next) {
        if (sibling != node && sibling->type == XML_ELEMENT_NODE) return false;
    }
    return true;
}

void removeAttribute(xmlNode* node, const char* ns, const char* name) {
    for (xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
        if (xmlStrEqual(attr->name, BAD_CAST name) &&
            ((ns == nullptr && attr->ns == nullptr) ||
             (ns != nullptr && attr->ns != nullptr && xmlStrEqual(attr->ns->href, BAD_CAST ns)))) {
            xmlRemoveProp(attr);
            return;
        }
    }
}

}  // namespace

xmlNode* SectionLayout::paragraphOf(xmlNode* node) const {
    for (xmlNode* n = node; n != nullptr; n = n->parent) {
        if (dialect_.isParagraph(n)) return n;
    }
    return nullptr;
}

bool SectionLayout::hasContent(const xmlNode* node) const {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        return dialect_.isParagraphText(node) && !isBlank(node->content);
    }
    if (node->type != XML_ELEMENT_NODE) return false;
    if (dom::isSection(node)) return true;
    if (dom::isBoundary(node)) return false;
    if (dialect_.isProperties(node)) {
        // A section break lives in the paragraph properties and must survive.
        if (!isElement(node, ns::kW, "pPr")) return false;
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (isElement(child, ns::kW, "sectPr")) return true;
        }
        return false;
    }
    if (!dialect_.isTransparent(node)) return true;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (hasContent(child)) return true;
    }
    return false;
}

// True when the paragraph's text outside [open .. close] is blank.
bool SectionLayout::onlySectionIn(xmlNode* paragraph, const xmlNode* open,
                                  const xmlNode* close) const {
    enum { BeforeOpen, Inside, AfterClose } state = BeforeOpen;
    bool clean = true;
    auto visit = [&](auto&& self, xmlNode* node) -> void {
        for (xmlNode* child = node->children; child != nullptr && clean; child = child->next) {
            if (child == open) {
                state = Inside;
                continue;
            }
            if (child == close) {
                state = AfterClose;
                continue;
            }
            if (child->type == XML_ELEMENT_NODE) {
                if (dialect_.isParagraph(child)) continue;
                self(self, child);
            } else if (state != Inside && dialect_.isParagraphText(child) &&
                       !isBlank(child->content)) {
                clean = false;
            }
        }
    };
    visit(visit, paragraph);
    return clean;
}

void SectionLayout::removeTag(TagNode& tag) {
    if (tag.node == nullptr) return;
    dom::remove(tag.node);
    tag.node = nullptr;
}

// A copy of `node` without its children but with Word's property children,
// without the ids that must stay unique, linked in right after `node`.
//
// Ownership rule: a clone may only point at namespace declarations on itself
// or on the ancestors of the parent it is cloned for, never at declarations
// of its source, which split() may free soon after (markBoundary removes a
// half left without content). xmlDOMWrapCloneNode (libxml2 2.9) declares a
// namespace it cannot find in the destination parent's scope on the *source*
// element, so the copy is linked into the tree before its property children
// are cloned into it: that puts every namespace of the part in its scope.
xmlNode* SectionLayout::shell(xmlNode* node) {
    xmlNode* copy = dom::clone(node, node->parent, false);
    dom::insertAfter(node, copy);
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (!dialect_.isProperties(child)) break;
        dom::append(copy, dom::clone(child, copy, true));
    }
    removeAttribute(copy, ns::kW14, "paraId");
    removeAttribute(copy, ns::kW14, "textId");
    removeAttribute(copy, ns::kXml, "id");
    if (isElement(node, ns::kW, "p")) {
        // The section break belongs to the paragraph mark, which the right half keeps.
        for (xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (!isElement(child, ns::kW, "pPr")) continue;
            for (xmlNode* p = child->children; p != nullptr; p = p->next) {
                if (isElement(p, ns::kW, "sectPr")) {
                    dom::remove(p);
                    break;
                }
            }
        }
    }
    return copy;
}

// Cuts every element from `node` up to (not including) `container` in two
// before `rightStart`; returns the first child of `container` after the cut.
xmlNode* SectionLayout::split(xmlNode* node, xmlNode* rightStart, xmlNode* container) {
    while (node != container) {
        xmlNode* copy = shell(node);
        for (xmlNode* child = rightStart; child != nullptr;) {
            xmlNode* next = child->next;
            xmlUnlinkNode(child);
            dom::append(copy, child);
            child = next;
        }
        // The moved children may still point at declarations on `node`, which
        // markBoundary frees when that half is left empty: rebind them to the
        // copy's own (same ownership rule as in shell()).
        if (xmlDOMWrapReconcileNamespaces(nullptr, copy, 0) != 0)
            throw std::runtime_error("libxml2 could not reconcile namespaces");
        rightStart = copy;
        node = node->parent;
    }
    return rightStart;
}

// Removes the tag and marks its place among the container's children.
// The child holding the tag is dropped when it held nothing else, cut in
// two when it is a paragraph or inline element, or else kept whole (left
// inside the section when mayKeepWhole, refused otherwise).
xmlNode* SectionLayout::markBoundary(TagNode& tag, xmlNode* container, Side side,
                                     bool mayKeepWhole) {
    xmlNode* unit = tag.node;
    while (unit->parent != container)
        unit = unit->parent;
    xmlNode* boundary = dom::newBoundary(container->doc);
    if (unit == tag.node) {
        dom::insertBefore(unit, boundary);
        removeTag(tag);
        return boundary;
    }
    bool splittable = true;
    for (xmlNode* n = tag.node->parent; n != container; n = n->parent) {
        if (!dialect_.isSplittable(n)) splittable = false;
    }
    xmlNode* parent = tag.node->parent;
    xmlNode* next = tag.node->next;
    removeTag(tag);
    if (!hasContent(unit)) {
        dom::insertBefore(unit, boundary);
        dom::remove(unit);
        return boundary;
    }
    if (!splittable) {
        if (!mayKeepWhole) {
            xmlFreeNode(boundary);
            return nullptr;
        }
        if (side == Side::Before) {
            dom::insertBefore(unit, boundary);
        } else {
            dom::insertAfter(unit, boundary);
        }
        return boundary;
    }
    xmlNode* right = split(parent, next, container);
    xmlNode* left = right->prev;
    dom::insertBefore(right, boundary);
    if (left != nullptr && !hasContent(left)) dom::remove(left);
    if (!hasContent(right)) dom::remove(right);
    return boundary;
}

std::optional<SectionLayout::Problem> SectionLayout::place(TagNode& open, TagNode* elseTag,
                                                           TagNode& close, SectionMarker& marker) {
    xmlNode* openParagraph = paragraphOf(open.node);
    xmlNode* closeParagraph = paragraphOf(close.node);
    xmlDoc* doc = open.node->doc;
    xmlNode* section = dom::newSectionElement(doc, &marker);

    auto wrapUnit = [&](xmlNode* unit) {
        dom::insertBefore(unit, section);
        xmlUnlinkNode(unit);
        dom::append(section, unit);
    };
    auto wrapBetween = [&](xmlNode* first, xmlNode* last) {
        dom::insertAfter(first, section);
        while (section->next != last) {
            xmlNode* node = section->next;
            xmlUnlinkNode(node);
            dom::append(section, node);
        }
        dom::remove(first);
        dom::remove(last);
    };

    if (openParagraph == closeParagraph) {
        if (onlySectionIn(openParagraph, open.node, close.node)) {
            removeTag(open);
            removeTag(close);
            xmlNode* unit = openParagraph;
            if (dialect_.isListItem(unit->parent) && isOnlyElementChild(unit)) unit = unit->parent;
            wrapUnit(unit);
        } else {
            xmlNode* first = markBoundary(open, openParagraph, Side::Before, true);
            xmlNode* last = markBoundary(close, openParagraph, Side::After, true);
            wrapBetween(first, last);
        }
    } else {
        xmlNode* container = commonAncestor(open.node, close.node);
        if (paragraphOf(container) != nullptr) {
            xmlFreeNode(section);
            return Problem{"unsupported-section-placement",
                           "a section cannot start in a paragraph and end inside a text box or "
                           "note of it",
                           &open};
        }
        if (dialect_.isRow(container)) {
            removeTag(open);
            removeTag(close);
            wrapUnit(container);
        } else {
            xmlNode* first = markBoundary(open, container, Side::Before, true);
            xmlNode* last = markBoundary(close, container, Side::After, true);
            wrapBetween(first, last);
        }
    }

    if (elseTag != nullptr && elseTag->node != nullptr) {
        marker.elseDivider = markBoundary(*elseTag, section, Side::Before, false);
        if (marker.elseDivider == nullptr) {
            return Problem{"misplaced-else",
                           "{{else}} must stand in a paragraph of the section, or alone in one "
                           "of the rows or list items it repeats",
                           elseTag};
        }
    }
    addFallback(section, marker);
    return std::nullopt;
}

// A Word table cell must end with a paragraph and a table needs a row, in
// both formats: when a section that selects nothing would leave them
// without, the section writes an empty one instead.
void SectionLayout::addFallback(xmlNode* section, SectionMarker& marker) {
    xmlNode* container = section->parent;
    bool isDocx = dialect_.format() == TemplateFormat::Docx;
    auto holdsOutside = [&](auto predicate) {
        for (xmlNode* child = container->children; child != nullptr; child = child->next) {
            if (child != section && !dom::isSection(child) && predicate(child)) return true;
        }
        return false;
    };
    if (isDocx && dialect_.isCell(container)) {
        if (!holdsOutside([&](xmlNode* n) { return dialect_.isParagraph(n); })) {
            std::string prefix =
                container->ns && container->ns->prefix
                    ? reinterpret_cast<const char*>(container->ns->prefix) + std::string(":")
                    : std::string();
            marker.fallback = "<" + prefix + "p/>";
        }
        return;
    }
    bool rowContainer = dialect_.isTable(container) ||
                        isElement(container, ns::kTable, "table-rows") ||
                        isElement(container, ns::kTable, "table-header-rows");
    if (!rowContainer || holdsOutside([&](xmlNode* n) { return dialect_.isRow(n); })) return;
    xmlNode* row = nullptr;
    for (xmlNode* child = section->children; child != nullptr && row == nullptr;
         child = child->next) {
        if (dialect_.isRow(child)) row = child;
    }
    if (row == nullptr) return;
    xmlNode* empty = dom::clone(row, container, true);
    for (xmlNode* cell = empty->children; cell != nullptr; cell = cell->next) {
        if (!dialect_.isCell(cell)) continue;
        xmlNode* child = cell->children;
        while (child != nullptr) {
            xmlNode* next = child->next;
            if (!dialect_.isProperties(child)) dom::remove(child);
            child = next;
        }
        if (isDocx) dom::append(cell, xmlNewDocNode(cell->doc, cell->ns, BAD_CAST "p", nullptr));
    }
    xmlBuffer* buffer = xmlBufferCreate();
    xmlNodeDump(buffer, empty->doc, empty, 0, 0);
    marker.fallback.assign(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                           static_cast<size_t>(xmlBufferLength(buffer)));
    xmlBufferFree(buffer);
    xmlFreeNode(empty);
}

}  // namespace beraad::render
