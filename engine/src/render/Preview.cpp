#include "beraad/render/Preview.h"

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include <algorithm>
#include <memory>

#include "package/ZipReader.h"
#include "xml/Xml.h"

namespace beraad::render {
namespace {

constexpr const char* kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr const char* kTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr const char* kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

bool is(const xmlNode* node, const char* ns, const char* name) {
    return node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
           xmlStrEqual(node->ns->href, reinterpret_cast<const xmlChar*>(ns)) &&
           xmlStrEqual(node->name, reinterpret_cast<const xmlChar*>(name));
}

std::string attributeOf(const xmlNode* node, const char* ns, const char* name) {
    xmlChar* value = xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                                  reinterpret_cast<const xmlChar*>(ns));
    std::string text = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return text;
}

int number(const std::string& text, int otherwise, int highest) {
    if (text.empty() || text.size() > 4 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return otherwise;
    return std::clamp(std::stoi(text), 1, highest);
}

class Builder {
  public:
    explicit Builder(Preview& preview) : preview_(preview) {}

    xmlDoc* doc() { return out_.get(); }

    xmlNode* element(xmlNode* parent, const char* name) {
        xmlNode* node =
            xmlNewDocNode(out_.get(), nullptr, reinterpret_cast<const xmlChar*>(name), nullptr);
        if (parent) xmlAddChild(parent, node);
        return node;
    }

    void text(xmlNode* parent, const std::string& text) {
        if (text.empty()) return;
        xmlAddChild(parent,
                    xmlNewDocText(out_.get(), reinterpret_cast<const xmlChar*>(text.c_str())));
    }

    // The paragraph-like content of `from` (text, spans, spaces, tabs, line
    // breaks) into `into`.
    void inlines(const xmlNode* from, xmlNode* into) {
        for (const xmlNode* child = from->children; child != nullptr; child = child->next) {
            if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
                text(into, reinterpret_cast<const char*>(child->content));
            } else if (is(child, kText, "s")) {
                text(into, std::string(static_cast<std::size_t>(
                                           number(attributeOf(child, kText, "c"), 1, 1000)),
                                       ' '));
            } else if (is(child, kText, "tab")) {
                text(into, "\t");
            } else if (is(child, kText, "line-break")) {
                element(into, "br");
            } else if (is(child, kText, "note") || is(child, kOffice, "annotation") ||
                       is(child, kOffice, "annotation-end")) {
                continue;  // notes and comments are not part of the running text
            } else if (child->type == XML_ELEMENT_NODE && child->ns != nullptr &&
                       xmlStrEqual(child->ns->href, reinterpret_cast<const xmlChar*>(kText))) {
                inlines(child, into);  // span, a, sequence, date and the like: their text
            }
        }
    }

    // The blocks of `from` (headings, paragraphs, lists, tables, sections).
    void blocks(const xmlNode* from, xmlNode* into, int depth) {
        if (depth > 32) return;  // deeper nesting than any office suite writes
        for (const xmlNode* child = from->children; child != nullptr; child = child->next) {
            if (is(child, kText, "h")) {
                int level = number(attributeOf(child, kText, "outline-level"), 1, 5);
                std::string name = "h" + std::to_string(level + 1);  // the page has the h1
                inlines(child, element(into, name.c_str()));
                ++preview_.headings;
            } else if (is(child, kText, "p")) {
                xmlNode* paragraph = element(into, "p");
                inlines(child, paragraph);
                if (paragraph->children == nullptr) {
                    xmlUnlinkNode(paragraph);
                    xmlFreeNode(paragraph);
                } else {
                    ++preview_.paragraphs;
                }
            } else if (is(child, kText, "list")) {
                xmlNode* list = element(into, "ul");
                for (const xmlNode* item = child->children; item != nullptr; item = item->next) {
                    if (is(item, kText, "list-item") || is(item, kText, "list-header")) {
                        blocks(item, element(list, "li"), depth + 1);
                    }
                }
            } else if (is(child, kTable, "table")) {
                table(child, into, depth);
            } else if (is(child, kText, "section") || is(child, kText, "index-body") ||
                       is(child, kText, "table-of-content")) {
                blocks(child, into, depth + 1);
            }
        }
    }

  private:
    void rows(const xmlNode* from, xmlNode* into, bool header, int depth) {
        for (const xmlNode* row = from->children; row != nullptr; row = row->next) {
            if (is(row, kTable, "table-rows") || is(row, kTable, "table-row-group")) {
                rows(row, into, header, depth);
            } else if (is(row, kTable, "table-header-rows")) {
                rows(row, into, true, depth);
            } else if (is(row, kTable, "table-row")) {
                xmlNode* line = element(into, "tr");
                for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
                    if (!is(cell, kTable, "table-cell")) continue;  // covered cells are spanned
                    xmlNode* target = element(line, header ? "th" : "td");
                    if (header) xmlSetProp(target, BAD_CAST "scope", BAD_CAST "col");
                    int span = number(attributeOf(cell, kTable, "number-columns-spanned"), 1, 1000);
                    if (span > 1) {
                        xmlSetProp(target, BAD_CAST "colspan",
                                   reinterpret_cast<const xmlChar*>(std::to_string(span).c_str()));
                    }
                    blocks(cell, target, depth + 1);
                }
            }
        }
    }

    void table(const xmlNode* from, xmlNode* into, int depth) {
        xmlNode* table = element(into, "table");
        xmlSetProp(table, BAD_CAST "class", BAD_CAST "tabel");
        rows(from, table, false, depth);
        ++preview_.tables;
    }

    Preview& preview_;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> out_{xmlNewDoc(BAD_CAST "1.0"), xmlFreeDoc};
};

}  // namespace

Result<Preview> previewOdt(std::string_view odt) {
    auto entries = package::ZipReader::entries(odt);
    if (!entries) return entries.error();
    auto content = std::find_if(entries->begin(), entries->end(),
                                [](const auto& entry) { return entry.name == "content.xml"; });
    if (content == entries->end()) {
        return makeError(ErrorCode::InvalidInput, "the document has no content.xml");
    }
    auto bytes = package::ZipReader::extract(*content);
    if (!bytes) return bytes.error();
    xml::Parsed parsed = xml::parseUntrusted(*bytes);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidInput, "the document's content.xml is not well-formed",
                         std::move(parsed.problems));
    }
    const xmlNode* text = nullptr;
    for (const xmlNode* body = xmlDocGetRootElement(parsed.doc.get())->children;
         body != nullptr && !text; body = body->next) {
        if (!is(body, kOffice, "body")) continue;
        for (const xmlNode* child = body->children; child != nullptr; child = child->next) {
            if (is(child, kOffice, "text")) text = child;
        }
    }
    if (!text) return makeError(ErrorCode::InvalidInput, "the document holds no office:text");
    Preview preview;
    Builder builder(preview);
    xmlNode* root = builder.element(nullptr, "div");
    xmlDocSetRootElement(builder.doc(), root);
    xmlSetProp(root, BAD_CAST "class", BAD_CAST "voorbeeld");
    builder.blocks(text, root, 0);
    std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), xmlBufferFree);
    // Unformatted: newlines added between blocks would show in pre-wrap text.
    xmlOutputBufferPtr output = xmlOutputBufferCreateBuffer(buffer.get(), nullptr);
    htmlNodeDumpFormatOutput(output, builder.doc(), root, "UTF-8", 0);
    xmlOutputBufferClose(output);
    preview.html.assign(reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
                        static_cast<std::size_t>(xmlBufferLength(buffer.get())));
    return preview;
}

}  // namespace beraad::render
