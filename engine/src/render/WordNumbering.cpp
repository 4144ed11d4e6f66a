#include "render/WordNumbering.h"

#include <libxml/xmlsave.h>

#include "render/Dialect.h"
#include "render/DomEdit.h"
#include "xml/Xml.h"

namespace beraad::render {
namespace {

constexpr const char* kSplice = "beraad-restarted-lists";

xmlNode* child(const xmlNode* parent, const char* name) {
    for (xmlNode* n = parent->children; n != nullptr; n = n->next) {
        if (isElement(n, ns::kW, name)) return n;
    }
    return nullptr;
}

std::string wordValue(const xmlNode* element) {
    xmlChar* value = xmlGetNsProp(element, BAD_CAST "val", BAD_CAST ns::kW);
    std::string text = value != nullptr ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return text;
}

std::string serialize(xmlNode* node) {
    xmlBuffer* buffer = xmlBufferCreate();
    xmlNodeDump(buffer, node->doc, node, 0, 0);
    std::string text(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                     static_cast<size_t>(xmlBufferLength(buffer)));
    xmlBufferFree(buffer);
    return text;
}

bool restarts(const xmlNode* num) {
    for (xmlNode* n = num->children; n != nullptr; n = n->next) {
        if (isElement(n, ns::kW, "lvlOverride") && child(n, "startOverride") != nullptr) {
            return true;
        }
    }
    return false;
}

bool contains(const xmlNode* ancestor, const xmlNode* node) {
    for (; node != nullptr; node = node->parent) {
        if (node == ancestor) return true;
    }
    return false;
}

bool isWordParagraph(const xmlNode* node) {
    return isElement(node, ns::kW, "p");
}

// Whether `node`'s subtree has a paragraph (not a section boundary) that is
// not numbered with `numId`.
bool holdsOtherParagraph(const xmlNode* node, const std::string& numId) {
    for (xmlNode* n = node->children; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || dom::isBoundary(n)) continue;
        if (isWordParagraph(n) && numIdOfParagraph(n) != numId) return true;
        if (holdsOtherParagraph(n, numId)) return true;
    }
    return false;
}

}  // namespace

std::string numIdOfParagraph(const xmlNode* paragraph) {
    xmlNode* properties = child(paragraph, "pPr");
    xmlNode* numbering = properties != nullptr ? child(properties, "numPr") : nullptr;
    xmlNode* id = numbering != nullptr ? child(numbering, "numId") : nullptr;
    return id != nullptr ? wordValue(id) : std::string();
}

std::string WordNumbering::render(
    const std::vector<std::pair<uint64_t, std::string>>& clones) const {
    std::string out = before;
    for (const auto& [numId, original] : clones) {
        auto it = restarting.find(original);
        if (it == restarting.end()) continue;
        out += "<w:num w:numId=\"" + std::to_string(numId) + "\">" + it->second + "</w:num>";
    }
    return out + after;
}

Result<std::optional<WordNumbering>> readWordNumbering(const std::string& part,
                                                       const std::string& xml) {
    auto parsed = xml::parseUntrusted(xml);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidInput,
                         "the template is not a usable .docx: " + part + " is not well-formed XML");
    }
    xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    WordNumbering numbering;
    numbering.part = part;
    xmlNode* lastNum = nullptr;
    for (xmlNode* n = root->children; n != nullptr; n = n->next) {
        if (!isElement(n, ns::kW, "num")) continue;
        lastNum = n;
        xmlChar* id = xmlGetNsProp(n, BAD_CAST "numId", BAD_CAST ns::kW);
        std::string numId = id != nullptr ? reinterpret_cast<const char*>(id) : "";
        xmlFree(id);
        numbering.highestNumId =
            std::max<uint64_t>(numbering.highestNumId, std::strtoull(numId.c_str(), nullptr, 10));
        if (!restarts(n)) continue;
        std::string children;
        for (xmlNode* c = n->children; c != nullptr; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && inNamespace(c, ns::kW)) children += serialize(c);
        }
        numbering.restarting[numId] = std::move(children);
    }
    if (numbering.restarting.empty()) return std::optional<WordNumbering>();

    // CT_Numbering ends with the w:num elements and w:numIdMacAtCleanup:
    // new lists go right after the last w:num.
    xmlNode* mark = xmlNewDocComment(parsed.doc.get(), BAD_CAST kSplice);
    dom::insertAfter(lastNum, mark);
    std::string text = serialize(reinterpret_cast<xmlNode*>(parsed.doc.get()));
    std::string comment = std::string("<!--") + kSplice + "-->";
    size_t at = text.find(comment);
    numbering.before = text.substr(0, at);
    numbering.after = text.substr(at + comment.size());
    return std::optional<WordNumbering>(std::move(numbering));
}

ListRestarts::ListRestarts(const WordNumbering* numbering, xmlNode* root) : numbering_(numbering) {
    if (numbering_ == nullptr || root == nullptr) return;
    auto visit = [&](auto&& self, xmlNode* node) -> void {
        for (xmlNode* n = node->children; n != nullptr; n = n->next) {
            if (n->type != XML_ELEMENT_NODE) continue;
            if (isWordParagraph(n)) {
                std::string numId = numIdOfParagraph(n);
                if (restarting(numId)) firstParagraph_.emplace(numId, n);
            }
            self(self, n);
        }
    };
    visit(visit, root);
}

bool ListRestarts::restarting(const std::string& numId) const {
    return numbering_ != nullptr && numbering_->restarting.count(numId) > 0;
}

std::vector<std::string> ListRestarts::ownedBy(const xmlNode* section) const {
    std::vector<std::string> owned;
    for (const auto& [numId, first] : firstParagraph_) {
        if (contains(section, first) && holdsOtherParagraph(section, numId)) {
            owned.push_back(numId);
        }
    }
    return owned;
}

}  // namespace beraad::render
