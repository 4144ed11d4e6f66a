// Tracked changes in ODF: one text:changed-region per change in
// text:tracked-changes at the start of office:text; insertions marked in the
// body by text:change-start / text:change-end, deletions by a text:change
// point, their content kept inside the region's text:deletion.
#include <cstdlib>
#include <cstring>

#include "diff/RedlineDialect.h"

namespace beraad::diff {
namespace {

constexpr const char* kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr const char* kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr const char* kTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr const char* kDc = "http://purl.org/dc/elements/1.1/";

bool is(const xmlNode* node, const char* href, const char* name) {
    return node && node->type == XML_ELEMENT_NODE && node->ns &&
           std::strcmp(reinterpret_cast<const char*>(node->ns->href), href) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}
bool isText(const xmlNode* node, const char* name) {
    return is(node, kText, name);
}
bool isParagraph(const xmlNode* node) {
    return isText(node, "p") || isText(node, "h");
}
bool isBookmark(const xmlNode* node) {
    return isText(node, "bookmark") || isText(node, "bookmark-start") ||
           isText(node, "bookmark-end");
}
bool isMark(const xmlNode* node) {
    return isText(node, "change") || isText(node, "change-start") || isText(node, "change-end");
}

xmlNode* officeText(xmlDoc* doc) {
    xmlNode* root = xmlDocGetRootElement(doc);
    for (xmlNode* body = root ? root->children : nullptr; body; body = body->next) {
        if (!is(body, kOffice, "body")) continue;
        for (xmlNode* child = body->children; child; child = child->next)
            if (is(child, kOffice, "text")) return child;
    }
    return nullptr;
}

void collectParagraphs(xmlNode* node, std::vector<xmlNode*>& out) {
    for (xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || isText(child, "tracked-changes")) continue;
        if (isParagraph(child)) {
            out.push_back(child);
        } else {
            collectParagraphs(child, out);
        }
    }
}

int spaceCount(const xmlNode* node) {
    xmlChar* value = xmlGetNsProp(node, BAD_CAST "c", BAD_CAST kText);
    int count = value ? std::atoi(reinterpret_cast<const char*>(value)) : 1;
    xmlFree(value);
    return count > 0 ? count : 1;
}

void appendText(const xmlNode* node, std::string& out) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE) {
            out += reinterpret_cast<const char*>(child->content);
        } else if (isText(child, "s")) {
            out.append(static_cast<std::size_t>(spaceCount(child)), ' ');
        } else if (isText(child, "tab")) {
            out += '\t';
        } else if (isText(child, "line-break")) {
            out += '\n';
        } else if (child->type == XML_ELEMENT_NODE && !isText(child, "note") &&
                   !is(child, kOffice, "annotation") && !isText(child, "tracked-changes")) {
            appendText(child, out);
        }
    }
}

bool plainContent(const xmlNode* node) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || isText(child, "s") || isText(child, "tab") ||
            isText(child, "line-break") || isText(child, "soft-page-break") ||
            isText(child, "bookmark") || isText(child, "bookmark-start") ||
            isText(child, "bookmark-end"))
            continue;
        if (child->type != XML_ELEMENT_NODE) continue;
        if (!isText(child, "span") || !plainContent(child)) return false;
    }
    return true;
}

class OdtDialect : public RedlineDialect {
  public:
    OdtDialect(xmlDoc* doc, const RedlineOptions& options) : doc_(doc), options_(options) {
        xmlNode* root = xmlDocGetRootElement(doc);
        text_ = namespaceOf(root, kText, "text");
        office_ = namespaceOf(root, kOffice, "office");
        dc_ = namespaceOf(root, kDc, "dc");
        xmlNs* xmlNamespace = xmlSearchNs(doc, root, BAD_CAST "xml");
        xml_ = xmlNamespace;
    }

    std::vector<xmlNode*> paragraphs(xmlDoc* doc) const override {
        std::vector<xmlNode*> out;
        if (xmlNode* body = officeText(doc)) collectParagraphs(body, out);
        return out;
    }

    std::string text(const xmlNode* paragraph) const override {
        std::string out;
        appendText(paragraph, out);
        return out;
    }

    bool plain(const xmlNode* paragraph) const override { return plainContent(paragraph); }

    bool inTableCell(const xmlNode* paragraph) const override {
        return is(paragraph->parent, kTable, "table-cell");
    }

    // The insertion takes the paragraph break with it, so that rejecting it
    // leaves no empty paragraph: it starts at the end of the paragraph before
    // (or ends at the start of the one after) when that is a sibling.
    void markInserted(xmlNode* paragraph) override {
        ++insertions;
        std::string id = newRegion("insertion", {});
        xmlNode* start = mark("change-start", id);
        xmlNode* end = mark("change-end", id);
        if (xmlNode* before = siblingParagraph(paragraph, false)) {
            xmlAddChild(before, start);
            endBeforeDeletions(paragraph, end);
        } else if (xmlNode* after = siblingParagraph(paragraph, true)) {
            prepend(paragraph, start);
            prepend(after, end);
        } else {
            prepend(paragraph, start);
            endBeforeDeletions(paragraph, end);
        }
    }

    // The deletion holds the paragraph and its break: the mark closes the
    // paragraph before (break, then the deleted paragraph) or else opens the
    // anchor (deleted paragraph, then break). Closing the one before keeps
    // the mark out of an insertion that starts there.
    void insertDeleted(const xmlNode* older, xmlNode* anchor, xmlNode* last) override {
        ++deletions;
        xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(older), doc_, 1);
        stripIdentifiers(copy, isBookmark, {"id"});
        xmlNode* empty = xmlNewDocNode(doc_, text_, BAD_CAST "p", nullptr);
        xmlNode* before = anchor ? siblingParagraph(anchor, false) : last;
        if (anchor && !before) {
            afterLeadingDeletions(anchor, mark("change", newRegion("deletion", {copy, empty})));
            return;
        }
        std::string id = newRegion("deletion", {empty, copy});
        if (!before) {
            before = xmlNewDocNode(doc_, text_, BAD_CAST "p", nullptr);
            xmlAddChild(officeText(doc_), before);
        }
        xmlAddChild(before, mark("change", id));
    }

    // The paragraph's content rebuilt from the word diff, each word in a span
    // of the style it had. Change marks at either end (of neighbouring
    // changes) stay where they are.
    void rewrite(xmlNode* paragraph, const std::vector<WordSegment>& words) override {
        std::vector<Piece> pieces;
        collectPieces(paragraph, nullptr, pieces);
        std::vector<xmlNode*> leading, trailing, old;
        while (isMark(paragraph->children)) {
            leading.push_back(paragraph->children);
            xmlUnlinkNode(paragraph->children);
        }
        while (isMark(paragraph->last)) {
            trailing.insert(trailing.begin(), paragraph->last);
            xmlUnlinkNode(trailing.front());
        }
        while (paragraph->children) {  // freed below: pieces point into them
            old.push_back(paragraph->children);
            xmlUnlinkNode(paragraph->children);
        }
        for (xmlNode* node : leading)
            xmlAddChild(paragraph, node);
        auto chunks = chunksOf(words, pieces);
        std::string open;
        for (std::size_t c = 0; c < chunks.size(); ++c) {
            const auto& chunk = chunks[c];
            bool first = c == 0 || chunks[c - 1].segment != chunk.segment;
            bool last = c + 1 == chunks.size() || chunks[c + 1].segment != chunk.segment;
            if (chunk.op == WordSegment::Op::Deleted) {
                ++deletions;
                xmlNode* removed = xmlNewDocNode(doc_, text_, BAD_CAST "p", nullptr);
                addFormatted(removed, chunk);
                xmlAddChild(paragraph, mark("change", newRegion("deletion", {removed})));
                continue;
            }
            if (chunk.op == WordSegment::Op::Inserted && first) {
                ++insertions;
                open = newRegion("insertion", {});
                xmlAddChild(paragraph, mark("change-start", open));
            }
            addFormatted(paragraph, chunk);
            if (chunk.op == WordSegment::Op::Inserted && last)
                xmlAddChild(paragraph, mark("change-end", open));
        }
        for (xmlNode* node : trailing)
            xmlAddChild(paragraph, node);
        for (xmlNode* node : old)
            xmlFreeNode(node);
    }

    void finish() override {
        if (!regions_) return;
        xmlNode* body = officeText(doc_);
        // After office:forms, before the declarations and the text.
        xmlNode* before = body->children;
        while (before && (before->type != XML_ELEMENT_NODE || is(before, kOffice, "forms")))
            before = before->next;
        before ? xmlAddPrevSibling(before, regions_) : xmlAddChild(body, regions_);
    }

  private:
    xmlNs* namespaceOf(xmlNode* root, const char* href, const char* prefix) {
        xmlNs* ns = xmlSearchNsByHref(doc_, root, BAD_CAST href);
        return ns ? ns : xmlNewNs(root, BAD_CAST href, BAD_CAST prefix);
    }

    // An insertion ends before the deletion points that close the paragraph,
    // so that a deletion never sits inside an insertion.
    static void endBeforeDeletions(xmlNode* paragraph, xmlNode* end) {
        xmlNode* last = paragraph->last;
        while (last && isText(last->prev, "change") && isText(last, "change"))
            last = last->prev;
        if (isText(last, "change")) {
            xmlAddPrevSibling(last, end);
        } else {
            xmlAddChild(paragraph, end);
        }
    }

    static void collectPieces(const xmlNode* node, xmlNode* span, std::vector<Piece>& out) {
        auto add = [&](const std::string& text) {
            if (!out.empty() && out.back().format == span) {
                out.back().text += text;
            } else {
                out.push_back({text, span});
            }
        };
        for (xmlNode* child = node->children; child; child = child->next) {
            if (child->type == XML_TEXT_NODE) {
                add(reinterpret_cast<const char*>(child->content));
            } else if (isText(child, "s")) {
                add(std::string(static_cast<std::size_t>(spaceCount(child)), ' '));
            } else if (isText(child, "tab")) {
                add("\t");
            } else if (isText(child, "line-break")) {
                add("\n");
            } else if (isText(child, "span")) {
                collectPieces(child, child, out);
            }
        }
    }

    // Text in a span of the style its piece had.
    void addFormatted(xmlNode* parent, const Chunk& chunk) {
        if (!chunk.format) {
            addText(parent, chunk.text);
            return;
        }
        xmlNode* span = xmlNewDocNode(doc_, text_, BAD_CAST "span", nullptr);
        for (const char* attr : {"style-name", "class-names"}) {
            xmlChar* value = xmlGetNsProp(chunk.format, BAD_CAST attr, BAD_CAST kText);
            if (value) xmlNewNsProp(span, text_, BAD_CAST attr, value);
            xmlFree(value);
        }
        addText(span, chunk.text);
        xmlAddChild(parent, span);
    }

    // Deletions placed at the start of one paragraph keep their order.
    static void afterLeadingDeletions(xmlNode* paragraph, xmlNode* node) {
        xmlNode* first = paragraph->children;
        while (isText(first, "change"))
            first = first->next;
        first ? xmlAddPrevSibling(first, node) : xmlAddChild(paragraph, node);
    }

    static void prepend(xmlNode* parent, xmlNode* node) {
        parent->children ? xmlAddPrevSibling(parent->children, node) : xmlAddChild(parent, node);
    }

    static xmlNode* siblingParagraph(xmlNode* paragraph, bool next) {
        xmlNode* node = next ? paragraph->next : paragraph->prev;
        while (node && node->type != XML_ELEMENT_NODE)
            node = next ? node->next : node->prev;
        return isParagraph(node) ? node : nullptr;
    }

    xmlNode* mark(const char* name, const std::string& id) {
        xmlNode* node = xmlNewDocNode(doc_, text_, BAD_CAST name, nullptr);
        xmlNewNsProp(node, text_, BAD_CAST "change-id", BAD_CAST id.c_str());
        return node;
    }

    // A changed region of `kind` ("insertion", "deletion") holding `content`
    // (deleted paragraphs); returns its id.
    std::string newRegion(const char* kind, const std::vector<xmlNode*>& content) {
        if (!regions_) regions_ = xmlNewDocNode(doc_, text_, BAD_CAST "tracked-changes", nullptr);
        std::string id = "beraad-ct" + std::to_string(++regionCount_);
        xmlNode* region = xmlNewChild(regions_, text_, BAD_CAST "changed-region", nullptr);
        xmlSetNsProp(region, xml_, BAD_CAST "id", BAD_CAST id.c_str());
        xmlNewNsProp(region, text_, BAD_CAST "id", BAD_CAST id.c_str());
        xmlNode* change = xmlNewChild(region, text_, BAD_CAST kind, nullptr);
        xmlNode* info = xmlNewChild(change, office_, BAD_CAST "change-info", nullptr);
        xmlNewTextChild(info, dc_, BAD_CAST "creator", BAD_CAST options_.author.c_str());
        xmlNewTextChild(info, dc_, BAD_CAST "date", BAD_CAST options_.date.c_str());
        for (xmlNode* node : content) {
            xmlAddChild(change, node);
            xmlReconciliateNs(doc_, node);
        }
        return id;
    }

    // Text with ODF's white space rules: repeated spaces as text:s, tabs
    // and line breaks as elements.
    void addText(xmlNode* parent, const std::string& value) {
        std::string pending;
        auto flushText = [&]() {
            if (!pending.empty())
                xmlAddChild(parent, xmlNewDocTextLen(doc_, BAD_CAST pending.data(),
                                                     static_cast<int>(pending.size())));
            pending.clear();
        };
        for (std::size_t i = 0; i < value.size(); ++i) {
            char c = value[i];
            if (c == '\t' || c == '\n') {
                flushText();
                xmlNewChild(parent, text_, BAD_CAST(c == '\t' ? "tab" : "line-break"), nullptr);
            } else if (c == ' ' && (i == 0 || value[i - 1] == ' ' || i + 1 == value.size())) {
                // A space that ODF would collapse or drop: leading, trailing or repeated.
                std::size_t run = 1;
                while (i + run < value.size() && value[i + run] == ' ')
                    ++run;
                flushText();
                xmlNode* s = xmlNewChild(parent, text_, BAD_CAST "s", nullptr);
                if (run > 1)
                    xmlNewNsProp(s, text_, BAD_CAST "c", BAD_CAST std::to_string(run).c_str());
                i += run - 1;
            } else {
                pending += c;
            }
        }
        flushText();
    }

    xmlDoc* doc_;
    RedlineOptions options_;
    xmlNs* text_ = nullptr;
    xmlNs* office_ = nullptr;
    xmlNs* dc_ = nullptr;
    xmlNs* xml_ = nullptr;
    xmlNode* regions_ = nullptr;
    int regionCount_ = 0;
};

}  // namespace

std::unique_ptr<RedlineDialect> odtDialect(xmlDoc* newer, const RedlineOptions& options) {
    return std::make_unique<OdtDialect>(newer, options);
}

}  // namespace beraad::diff
