// Tracked changes in WordprocessingML: w:ins and w:del around runs, deleted
// text in w:delText, a paragraph mark inserted or deleted through w:pPr/w:rPr.
#include <cstring>
#include <optional>

#include "diff/RedlineDialect.h"

namespace beraad::diff {
namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

bool isW(const xmlNode* node, const char* name) {
    return node && node->type == XML_ELEMENT_NODE && node->ns &&
           std::strcmp(reinterpret_cast<const char*>(node->ns->href), kW) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

xmlNode* firstW(xmlNode* parent, const char* name) {
    for (xmlNode* child = parent ? parent->children : nullptr; child; child = child->next)
        if (isW(child, name)) return child;
    return nullptr;
}

void collectParagraphs(xmlNode* node, std::vector<xmlNode*>& out) {
    for (xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (isW(child, "p")) {
            out.push_back(child);
        } else {
            collectParagraphs(child, out);
        }
    }
}

void appendText(const xmlNode* node, std::string& out) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (isW(child, "t") || isW(child, "delText")) {
            if (isW(child, "t")) {
                xmlChar* content = xmlNodeGetContent(child);
                if (content) out += reinterpret_cast<const char*>(content);
                xmlFree(content);
            }
        } else if (isW(child, "tab")) {
            out += '\t';
        } else if (isW(child, "br") || isW(child, "cr")) {
            out += '\n';
        } else if (isW(child, "noBreakHyphen")) {
            out += '-';
        } else if (!isW(child, "pPr") && !isW(child, "rPr") && !isW(child, "del") &&
                   !isW(child, "txbxContent")) {
            appendText(child, out);
        }
    }
}

bool isBookmark(const xmlNode* node) {
    return isW(node, "bookmarkStart") || isW(node, "bookmarkEnd");
}

bool plainRun(const xmlNode* run) {
    for (const xmlNode* child = run->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (!(isW(child, "rPr") || isW(child, "t") || isW(child, "tab") || isW(child, "br") ||
              isW(child, "cr") || isW(child, "lastRenderedPageBreak")))
            return false;
    }
    return true;
}

class DocxDialect : public RedlineDialect {
  public:
    DocxDialect(xmlDoc* doc, const RedlineOptions& options) : doc_(doc), options_(options) {
        xmlNode* root = xmlDocGetRootElement(doc);
        ns_ = xmlSearchNsByHref(doc, root, BAD_CAST kW);
    }

    std::vector<xmlNode*> paragraphs(xmlDoc* doc) const override {
        std::vector<xmlNode*> out;
        xmlNode* body = firstW(xmlDocGetRootElement(doc), "body");
        if (body) collectParagraphs(body, out);
        return out;
    }

    std::string text(const xmlNode* paragraph) const override {
        std::string out;
        appendText(paragraph, out);
        return out;
    }

    bool plain(const xmlNode* paragraph) const override {
        for (const xmlNode* child = paragraph->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE || isW(child, "pPr") || isW(child, "proofErr") ||
                isW(child, "bookmarkStart") || isW(child, "bookmarkEnd"))
                continue;
            if (!isW(child, "r") || !plainRun(child)) return false;
        }
        return true;
    }

    bool inTableCell(const xmlNode* paragraph) const override {
        return isW(paragraph->parent, "tc");
    }

    const xmlNode* rowOf(const xmlNode* paragraph) const override {
        return isW(paragraph->parent, "tc") && isW(paragraph->parent->parent, "tr")
                   ? paragraph->parent->parent
                   : nullptr;
    }

    std::vector<xmlNode*> rowParagraphs(const xmlNode* row) const override {
        std::vector<xmlNode*> out;
        collectParagraphs(const_cast<xmlNode*>(row), out);
        return out;
    }

    // The older row, its text deleted and the row itself marked deleted
    // (w:trPr/w:del), before the anchor's row or at the end of the table
    // just before the anchor.
    bool insertDeletedRow(const xmlNode* row, xmlNode* anchor) override {
        if (!anchor) return false;
        xmlNode* anchorRow = const_cast<xmlNode*>(rowOf(anchor));
        xmlNode* table = nullptr;
        if (!anchorRow) {
            table = anchor->prev;
            while (table && table->type != XML_ELEMENT_NODE)
                table = table->prev;
            if (!isW(table, "tbl")) return false;
        }
        ++deletions;
        xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(row), doc_, 1);
        stripIdentifiers(copy, isBookmark, {"paraId", "textId"});
        for (xmlNode* paragraph : rowParagraphs(copy)) {
            wrapRuns(paragraph, "del");
            markParagraph(paragraph, "del");
        }
        markRow(copy, "del");
        anchorRow ? xmlAddPrevSibling(anchorRow, copy) : xmlAddChild(table, copy);
        return true;
    }

    void markInserted(xmlNode* paragraph) override {
        ++insertions;
        wrapRuns(paragraph, "ins");
        markParagraph(paragraph, "ins");
        if (isW(paragraph->parent, "tc") && isW(paragraph->parent->parent, "tr"))
            markRowWhenAllInserted(paragraph->parent->parent);
    }

    void insertDeleted(const xmlNode* older, xmlNode* anchor, xmlNode* last) override {
        ++deletions;
        xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(older), doc_, 1);
        stripIdentifiers(copy, isBookmark, {"paraId", "textId"});
        wrapRuns(copy, "del");
        markParagraph(copy, "del");
        if (anchor) {
            xmlAddPrevSibling(anchor, copy);
        } else if (last) {
            xmlAddNextSibling(last, copy);
        } else {
            xmlNode* body = firstW(xmlDocGetRootElement(doc_), "body");
            xmlNode* sectPr = firstW(body, "sectPr");
            sectPr ? xmlAddPrevSibling(sectPr, copy) : xmlAddChild(body, copy);
        }
        xmlReconciliateNs(doc_, copy);
    }

    // Runs rebuilt from the word diff, each word keeping the formatting of
    // the run it came from.
    void rewrite(xmlNode* paragraph, const std::vector<WordSegment>& words) override {
        std::vector<xmlNode*> old;
        std::vector<Piece> pieces;
        for (xmlNode* child = paragraph->children; child; child = child->next) {
            if (isW(child, "r")) {
                std::string runText;
                appendText(child, runText);
                pieces.push_back({runText, firstW(child, "rPr")});
            }
            if (isW(child, "r") || isW(child, "proofErr")) old.push_back(child);
        }
        for (xmlNode* node : old)
            xmlUnlinkNode(node);  // freed below: pieces point into them
        std::optional<std::size_t> counted;
        for (const auto& chunk : chunksOf(words, pieces)) {
            bool deleted = chunk.op == WordSegment::Op::Deleted;
            xmlNode* run = newRun(chunk.format, chunk.text, deleted);
            if (chunk.op == WordSegment::Op::Equal) {
                xmlAddChild(paragraph, run);
                continue;
            }
            xmlNode* change = changeElement(deleted ? "del" : "ins");
            xmlAddChild(change, run);
            xmlAddChild(paragraph, change);
            if (counted != chunk.segment) deleted ? ++deletions : ++insertions;
            counted = chunk.segment;
        }
        for (xmlNode* node : old)
            xmlFreeNode(node);
    }

  private:
    xmlNode* element(const char* name) { return xmlNewDocNode(doc_, ns_, BAD_CAST name, nullptr); }

    xmlNode* changeElement(const char* name) {
        xmlNode* change = element(name);
        xmlNewNsProp(change, ns_, BAD_CAST "id", BAD_CAST std::to_string(nextId_++).c_str());
        xmlNewNsProp(change, ns_, BAD_CAST "author", BAD_CAST options_.author.c_str());
        if (!options_.date.empty())
            xmlNewNsProp(change, ns_, BAD_CAST "date", BAD_CAST options_.date.c_str());
        return change;
    }

    // A run holding `text`; tabs and line breaks become w:tab and w:br.
    xmlNode* newRun(xmlNode* properties, const std::string& text, bool deleted) {
        xmlNode* run = element("r");
        if (properties) xmlAddChild(run, xmlDocCopyNode(properties, doc_, 1));
        std::string pending;
        auto flushText = [&]() {
            if (pending.empty()) return;
            xmlNode* t = element(deleted ? "delText" : "t");
            xmlNodeSetSpacePreserve(t, 1);
            xmlNodeAddContentLen(t, BAD_CAST pending.data(), static_cast<int>(pending.size()));
            xmlAddChild(run, t);
            pending.clear();
        };
        for (char c : text) {
            if (c == '\t' || c == '\n') {
                flushText();
                xmlAddChild(run, element(c == '\t' ? "tab" : "br"));
            } else {
                pending += c;
            }
        }
        flushText();
        return run;
    }

    // Wraps every run of the paragraph (also inside hyperlinks, fields,
    // smart tags) in its own w:ins or w:del.
    void wrapRuns(xmlNode* node, const char* change) {
        std::vector<xmlNode*> runs;
        for (xmlNode* child = node->children; child; child = child->next) {
            if (isW(child, "r")) {
                runs.push_back(child);
            } else if (child->type == XML_ELEMENT_NODE && !isW(child, "pPr") &&
                       !isW(child, "ins") && !isW(child, "del")) {
                wrapRuns(child, change);
            }
        }
        bool deleted = std::strcmp(change, "del") == 0;
        for (xmlNode* run : runs) {
            if (deleted) renameDeletedText(run);
            xmlNode* wrapper = changeElement(change);
            xmlAddPrevSibling(run, wrapper);
            xmlUnlinkNode(run);
            xmlAddChild(wrapper, run);
        }
    }

    void renameDeletedText(xmlNode* run) {
        for (xmlNode* child = run->children; child; child = child->next) {
            if (isW(child, "t")) xmlNodeSetName(child, BAD_CAST "delText");
            if (isW(child, "instrText")) xmlNodeSetName(child, BAD_CAST "delInstrText");
        }
    }

    // w:pPr/w:rPr/w:ins (or w:del): the paragraph mark itself is tracked.
    // w:rPr comes after the other paragraph properties, before w:sectPr and
    // w:pPrChange; the tracking element comes first inside it.
    void markParagraph(xmlNode* paragraph, const char* change) {
        xmlNode* pPr = firstW(paragraph, "pPr");
        if (!pPr) {
            pPr = element("pPr");
            paragraph->children ? xmlAddPrevSibling(paragraph->children, pPr)
                                : xmlAddChild(paragraph, pPr);
        }
        xmlNode* rPr = firstW(pPr, "rPr");
        if (!rPr) {
            rPr = element("rPr");
            xmlNode* after = firstW(pPr, "sectPr");
            if (!after) after = firstW(pPr, "pPrChange");
            after ? xmlAddPrevSibling(after, rPr) : xmlAddChild(pPr, rPr);
        }
        xmlNode* mark = changeElement(change);
        rPr->children ? xmlAddPrevSibling(rPr->children, mark) : xmlAddChild(rPr, mark);
    }

    static bool markedInserted(xmlNode* paragraph) {
        xmlNode* rPr = firstW(firstW(paragraph, "pPr"), "rPr");
        return rPr && isW(rPr->children, "ins");
    }

    // A row whose every paragraph is new is an inserted row (w:trPr/w:ins),
    // which Word removes as a whole when the change is rejected.
    void markRowWhenAllInserted(xmlNode* row) {
        if (firstW(firstW(row, "trPr"), "ins")) return;
        for (xmlNode* paragraph : rowParagraphs(row))
            if (!markedInserted(paragraph)) return;
        markRow(row, "ins");
    }

    // w:trPr/w:ins or w:del; w:trPr comes after w:tblPrEx, before the cells.
    void markRow(xmlNode* row, const char* change) {
        xmlNode* trPr = firstW(row, "trPr");
        if (!trPr) {
            trPr = element("trPr");
            xmlNode* before = firstW(row, "tblPrEx") ? firstW(row, "tblPrEx")->next : row->children;
            while (before && before->type != XML_ELEMENT_NODE)
                before = before->next;
            before ? xmlAddPrevSibling(before, trPr) : xmlAddChild(row, trPr);
        }
        xmlNode* pending = firstW(trPr, "trPrChange");
        pending ? xmlAddPrevSibling(pending, changeElement(change))
                : xmlAddChild(trPr, changeElement(change));
    }

    xmlDoc* doc_;
    RedlineOptions options_;
    xmlNs* ns_ = nullptr;
    int nextId_ = 9001;
};

}  // namespace

std::unique_ptr<RedlineDialect> docxDialect(xmlDoc* newer, const RedlineOptions& options) {
    return std::make_unique<DocxDialect>(newer, options);
}

}  // namespace beraad::diff
