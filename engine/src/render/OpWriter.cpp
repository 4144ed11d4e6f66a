#include "render/OpWriter.h"

#include <charconv>
#include <cstring>

#include "render/DomEdit.h"
#include "base/Escape.h"
#include "render/Formatters.h"

namespace beraad::render {
namespace {

std::string qualifiedName(const xmlNode* node) {
    std::string name;
    if (node->ns != nullptr && node->ns->prefix != nullptr) {
        name = reinterpret_cast<const char*>(node->ns->prefix);
        name.push_back(':');
    }
    name += reinterpret_cast<const char*>(node->name);
    return name;
}

std::string attributeName(const xmlAttr* attr) {
    std::string name;
    if (attr->ns != nullptr && attr->ns->prefix != nullptr) {
        name = reinterpret_cast<const char*>(attr->ns->prefix);
        name.push_back(':');
    }
    name += reinterpret_cast<const char*>(attr->name);
    return name;
}

std::string attributeValue(const xmlAttr* attr) {
    std::string value;
    for (const xmlNode* child = attr->children; child != nullptr; child = child->next) {
        if (child->content != nullptr) value += reinterpret_cast<const char*>(child->content);
    }
    return value;
}

bool attributeIs(const xmlAttr* attr, const char* ns, const char* name) {
    if (!xmlStrEqual(attr->name, BAD_CAST name)) return false;
    if (ns == nullptr) return attr->ns == nullptr;
    return attr->ns != nullptr && xmlStrEqual(attr->ns->href, BAD_CAST ns);
}

uint64_t parseNumber(const std::string& text, int base) {
    uint64_t value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value, base);
    return result.ec == std::errc() ? value : 0;
}

std::string prefixOf(xmlNode* node, const char* href, const char* fallback) {
    xmlNs* ns = xmlSearchNsByHref(node->doc, node, BAD_CAST href);
    if (ns == nullptr) return std::string(fallback) + ":";
    if (ns->prefix == nullptr) return {};
    return reinterpret_cast<const char*>(ns->prefix) + std::string(":");
}

}  // namespace

void OpWriter::literal(std::vector<Op>& out, std::string_view text) {
    if (out.empty() || out.back().kind != OpKind::Literal) {
        out.push_back(Op{});
        out.back().kind = OpKind::Literal;
    }
    out.back().text.append(text);
}

std::vector<Op> OpWriter::write(xmlDoc* doc) {
    restarts_ = ListRestarts(program_.numbering ? &*program_.numbering : nullptr,
                             xmlDocGetRootElement(doc));
    std::vector<Op> ops;
    literal(ops, "<?xml version=\"1.0\" encoding=\"UTF-8\"");
    if (doc->standalone == 1) literal(ops, " standalone=\"yes\"");
    literal(ops, "?>\n");
    for (xmlNode* child = doc->children; child != nullptr; child = child->next) {
        node(child, ops, 0);
    }
    return ops;
}

void OpWriter::node(xmlNode* n, std::vector<Op>& out, int depth) {
    switch (n->type) {
        case XML_ELEMENT_NODE:
            if (dom::isSection(n)) {
                section(n, out, depth);
            } else if (!dom::isBoundary(n)) {
                element(n, out, depth);
            }
            return;
        case XML_TEXT_NODE:
            if (dom::tagOf(n) != nullptr) {
                value(n, out);
                return;
            }
            [[fallthrough]];
        case XML_CDATA_SECTION_NODE: {
            std::string text;
            appendEscapedText(text, dom::content(n));
            literal(out, text);
            return;
        }
        case XML_COMMENT_NODE:
            literal(out, "<!--" + dom::content(n) + "-->");
            return;
        case XML_PI_NODE:
            literal(out, "<?" + std::string(reinterpret_cast<const char*>(n->name)) +
                             (n->content ? " " + dom::content(n) : std::string()) + "?>");
            return;
        case XML_ENTITY_REF_NODE:
            literal(out, "&" + std::string(reinterpret_cast<const char*>(n->name)) + ";");
            return;
        default:
            return;
    }
}

void OpWriter::element(xmlNode* n, std::vector<Op>& out, int depth) {
    std::string name = qualifiedName(n);
    std::string start = "<" + name;
    for (xmlNs* ns = n->nsDef; ns != nullptr; ns = ns->next) {
        start += " xmlns";
        if (ns->prefix != nullptr)
            start += ":" + std::string(reinterpret_cast<const char*>(ns->prefix));
        start += "=\"";
        appendEscapedAttribute(start, reinterpret_cast<const char*>(ns->href));
        start += "\"";
    }
    literal(out, start);
    for (xmlAttr* attr = n->properties; attr != nullptr; attr = attr->next) {
        attribute(n, attr, out, depth);
    }
    if (n->children == nullptr) {
        literal(out, "/>");
        return;
    }
    literal(out, ">");
    for (xmlNode* child = n->children; child != nullptr; child = child->next) {
        node(child, out, depth);
    }
    literal(out, "</" + name + ">");
}

void OpWriter::attribute(xmlNode* owner, xmlAttr* attr, std::vector<Op>& out, int depth) {
    std::string value = attributeValue(attr);
    noteHighest(owner, attr, value);
    literal(out, " " + attributeName(attr) + "=\"");
    Op op;
    if (depth > 0 && dynamicAttribute(owner, attr, value, op)) {
        out.push_back(std::move(op));
    } else {
        std::string escaped;
        appendEscapedAttribute(escaped, value);
        literal(out, escaped);
    }
    literal(out, "\"");
}

void OpWriter::noteHighest(xmlNode* owner, xmlAttr* attr, const std::string& value) {
    auto raise = [&](Counter counter, uint64_t seen) {
        auto& highest = program_.highest[static_cast<size_t>(counter)];
        if (seen > highest) highest = seen;
    };
    if (dialect_.format() != TemplateFormat::Docx) return;
    if (attributeIs(attr, ns::kW14, "paraId") || attributeIs(attr, ns::kW14, "textId")) {
        raise(Counter::ParagraphId, parseNumber(value, 16));
    } else if (isElement(owner, ns::kWp, "docPr") && attributeIs(attr, nullptr, "id")) {
        raise(Counter::Drawing, parseNumber(value, 10));
    } else if ((isElement(owner, ns::kW, "bookmarkStart") ||
                isElement(owner, ns::kW, "bookmarkEnd")) &&
               attributeIs(attr, ns::kW, "id")) {
        raise(Counter::Bookmark, parseNumber(value, 10));
    } else if (isElement(owner, ns::kW, "id") && isElement(owner->parent, ns::kW, "sdtPr") &&
               attributeIs(attr, ns::kW, "val")) {
        raise(Counter::ContentControl, parseNumber(value, 10));
    }
}

// Ids and names that must stay unique get a fresh value in every copy of a
// repeated section.
bool OpWriter::dynamicAttribute(xmlNode* owner, xmlAttr* attr, const std::string& value, Op& op) {
    op.text = value;
    if (dialect_.format() == TemplateFormat::Docx) {
        if (attributeIs(attr, ns::kW14, "paraId") || attributeIs(attr, ns::kW14, "textId")) {
            op.kind = OpKind::FreshHex;
            op.counter = Counter::ParagraphId;
        } else if (isElement(owner, ns::kWp, "docPr") && attributeIs(attr, nullptr, "id")) {
            op.kind = OpKind::FreshNumber;
            op.counter = Counter::Drawing;
        } else if (isElement(owner, ns::kW, "bookmarkStart") && attributeIs(attr, ns::kW, "id")) {
            op.kind = OpKind::BookmarkId;
            op.opens = true;
        } else if (isElement(owner, ns::kW, "bookmarkEnd") && attributeIs(attr, ns::kW, "id")) {
            op.kind = OpKind::BookmarkId;
            op.opens = false;
        } else if (isElement(owner, ns::kW, "bookmarkStart") && attributeIs(attr, ns::kW, "name")) {
            op.kind = OpKind::UniqueName;
        } else if (isElement(owner, ns::kW, "id") && isElement(owner->parent, ns::kW, "sdtPr") &&
                   attributeIs(attr, ns::kW, "val")) {
            op.kind = OpKind::FreshNumber;
            op.counter = Counter::ContentControl;
        } else if (isElement(owner, ns::kW, "numId") && attributeIs(attr, ns::kW, "val") &&
                   restarts_.restarting(value)) {
            op.kind = OpKind::ListInstance;
        } else {
            return false;
        }
        return true;
    }
    if (attributeIs(attr, ns::kXml, "id") || attributeIs(attr, ns::kDraw, "name") ||
        (isElement(owner, ns::kTable, "table") && attributeIs(attr, ns::kTable, "name")) ||
        ((isElement(owner, ns::kText, "bookmark") ||
          isElement(owner, ns::kText, "bookmark-start")) &&
         attributeIs(attr, ns::kText, "name"))) {
        op.kind = OpKind::UniqueName;
        return true;
    }
    if (isElement(owner, ns::kText, "bookmark-end") && attributeIs(attr, ns::kText, "name")) {
        op.kind = OpKind::PairedName;
        return true;
    }
    return false;
}

void OpWriter::section(xmlNode* n, std::vector<Op>& out, int depth) {
    SectionMarker* marker = dom::sectionOf(n);
    Op op;
    op.kind = marker->open->parsed.kind == TagKind::Each ? OpKind::Each : OpKind::If;
    op.expression = marker->open->expression;
    op.site = marker->open->site;
    op.fallback = marker->fallback;
    if (op.kind == OpKind::Each) op.restarts = restarts_.ownedBy(n);
    std::vector<Op>* target = &op.body;
    for (xmlNode* child = n->children; child != nullptr; child = child->next) {
        if (child == marker->elseDivider) {
            target = &op.otherwise;
            continue;
        }
        node(child, *target, depth + 1);
    }
    out.push_back(std::move(op));
}

void OpWriter::value(xmlNode* n, std::vector<Op>& out) {
    const TagNode* tag = dom::tagOf(n);
    Op op;
    op.kind = OpKind::Value;
    op.expression = tag->expression;
    op.site = tag->site;
    op.formatters = tag->parsed.formatters;
    for (const auto& call : op.formatters) {
        if (Formatters::takesList(call)) op.needsList = true;
    }
    if (dialect_.format() == TemplateFormat::Docx) {
        op.mode = TextMode::Docx;
        op.text = prefixOf(n->parent, ns::kW, "w");
    } else {
        op.mode = TextMode::Odt;
        op.text = prefixOf(n->parent, ns::kText, "text");
    }
    out.push_back(std::move(op));
}

}  // namespace beraad::render
