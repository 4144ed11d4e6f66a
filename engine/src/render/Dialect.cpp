#include "render/Dialect.h"

#include <cstring>
#include <string_view>

namespace beraad::render {

bool inNamespace(const xmlNode* node, const char* ns) {
    return node != nullptr && node->ns != nullptr && node->ns->href != nullptr &&
           std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0;
}

bool isElement(const xmlNode* node, const char* ns, const char* name) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && inNamespace(node, ns) &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

namespace {

bool isOneOf(const xmlNode* node, const char* ns, std::initializer_list<const char*> names) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE || !inNamespace(node, ns)) return false;
    for (const char* name : names) {
        if (std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0) return true;
    }
    return false;
}

}  // namespace

bool Dialect::isParagraph(const xmlNode* node) const {
    if (format_ == TemplateFormat::Docx) return isElement(node, ns::kW, "p");
    return isOneOf(node, ns::kText, {"p", "h"});
}

bool Dialect::isRow(const xmlNode* node) const {
    if (format_ == TemplateFormat::Docx) return isElement(node, ns::kW, "tr");
    return isElement(node, ns::kTable, "table-row");
}

bool Dialect::isCell(const xmlNode* node) const {
    if (format_ == TemplateFormat::Docx) return isElement(node, ns::kW, "tc");
    return isOneOf(node, ns::kTable, {"table-cell", "covered-table-cell"});
}

bool Dialect::isTable(const xmlNode* node) const {
    if (format_ == TemplateFormat::Docx) return isElement(node, ns::kW, "tbl");
    return isElement(node, ns::kTable, "table");
}

bool Dialect::isListItem(const xmlNode* node) const {
    if (format_ == TemplateFormat::Docx) return false;  // Word's list items are paragraphs
    return isOneOf(node, ns::kText, {"list-item", "list-header"});
}

bool Dialect::isParagraphText(const xmlNode* textNode) const {
    if (textNode == nullptr || textNode->type != XML_TEXT_NODE) return false;
    const xmlNode* parent = textNode->parent;
    if (format_ == TemplateFormat::Docx) return isElement(parent, ns::kW, "t");
    return isOneOf(parent, ns::kText, {"p", "h", "span", "a"});
}

bool Dialect::isSplittable(const xmlNode* node) const {
    if (format_ == TemplateFormat::Docx) {
        return isOneOf(node, ns::kW,
                       {"p", "r", "t", "hyperlink", "smartTag", "ins", "moveTo", "customXml",
                        "fldSimple", "sdt", "sdtContent"});
    }
    return isOneOf(node, ns::kText, {"p", "h", "span", "a"});
}

bool Dialect::isProperties(const xmlNode* node) const {
    if (format_ != TemplateFormat::Docx || node == nullptr || node->type != XML_ELEMENT_NODE ||
        !inNamespace(node, ns::kW)) {
        return false;
    }
    std::string_view name(reinterpret_cast<const char*>(node->name));
    return name.size() > 2 && name.ends_with("Pr");
}

bool Dialect::isTransparent(const xmlNode* node) const {
    if (format_ == TemplateFormat::Docx) {
        return isOneOf(node, ns::kW,
                       {"p", "r", "t", "proofErr", "lastRenderedPageBreak", "hyperlink", "smartTag",
                        "ins", "tr", "tc", "sdt", "sdtContent"});
    }
    return isOneOf(node, ns::kText,
                   {"p", "h", "span", "soft-page-break", "list-item", "list-header"}) ||
           isOneOf(node, ns::kTable, {"table-row", "table-cell", "covered-table-cell"});
}

}  // namespace beraad::render
