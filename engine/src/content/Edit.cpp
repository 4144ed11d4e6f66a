#include "beraad/content/Edit.h"

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <cctype>
#include <memory>

#include "xml/Xml.h"

namespace beraad {
namespace {

// The one node `path` selects in `doc`, or the problem with the path.
Result<xmlNode*> selectOne(xmlDoc* doc, const std::string& path) {
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(
        xmlXPathNewContext(doc), xmlXPathFreeContext);
    if (!context) return makeError(ErrorCode::InvalidInput, "the edit's path cannot be evaluated");
    std::vector<ErrorDetail> ignored;
    xml::ErrorCollector quiet(ignored);
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> found(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(path.c_str()), context.get()),
        xmlXPathFreeObject);
    if (!found || found->type != XPATH_NODESET) {
        return makeError(ErrorCode::InvalidInput,
                         "the edit's path " + path + " is not a node path");
    }
    int count = found->nodesetval ? found->nodesetval->nodeNr : 0;
    if (count != 1) {
        return makeError(ErrorCode::InvalidInput, "the edit's path " + path + " selects " +
                                                      std::to_string(count) +
                                                      " nodes; it must select one");
    }
    return found->nodesetval->nodeTab[0];
}

xmlNode* elementOf(xmlNode* node) {
    return node->type == XML_ATTRIBUTE_NODE ? node->parent : node;
}

std::string attributeOf(const xmlNode* node, const char* name) {
    xmlChar* raw = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (raw == nullptr) return {};
    std::string value(reinterpret_cast<const char*>(raw));
    xmlFree(raw);
    return value;
}

std::string textOf(const xmlNode* node) {
    xmlChar* raw = xmlNodeGetContent(node);
    if (raw == nullptr) return {};
    std::string value(reinterpret_cast<const char*>(raw));
    xmlFree(raw);
    return value;
}

std::vector<const xmlNode*> childrenNamed(const xmlNode* node, const char* name) {
    std::vector<const xmlNode*> found;
    if (node == nullptr) return found;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrcmp(child->name, BAD_CAST name) == 0)
            found.push_back(child);
    }
    return found;
}

// A value safe inside an XPath string literal: digits, letters, - and _.
bool plainKey(const std::string& value) {
    if (value.empty() || value.size() > 64) return false;
    for (unsigned char c : value) {
        if (!std::isalnum(c) && c != '-' && c != '_') return false;
    }
    return true;
}

}  // namespace

Result<std::vector<EditableField>> editableFields(std::string_view kind, std::string_view text) {
    std::vector<EditableField> fields;
    if (kind != "samenwerkingsconvenant") return fields;
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                         std::move(parsed.problems));
    }
    const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    const std::string base = "/samenwerkingsconvenant";
    for (const auto* artikelen : childrenNamed(root, "artikelen")) {
        for (const auto* artikel : childrenNamed(artikelen, "artikel")) {
            std::string nummer = attributeOf(artikel, "nummer");
            if (!plainKey(nummer)) continue;
            std::string at = base + "/artikelen/artikel[@nummer='" + nummer + "']";
            auto titels = childrenNamed(artikel, "titel");
            std::string group = "Artikel " + nummer +
                                (titels.empty() ? std::string() : " " + textOf(titels.front()));
            if (titels.size() == 1) {
                fields.push_back({group, "Titel", at + "/titel", textOf(titels.front()), false});
            }
            for (const auto* lid : childrenNamed(artikel, "lid")) {
                std::string lidNummer = attributeOf(lid, "nummer");
                if (!plainKey(lidNummer)) continue;
                bool plain = true;
                for (const xmlNode* child = lid->children; child != nullptr; child = child->next)
                    plain = plain && child->type != XML_ELEMENT_NODE;
                if (!plain) continue;
                fields.push_back({group, "Lid " + lidNummer,
                                  at + "/lid[@nummer='" + lidNummer + "']", textOf(lid), true});
            }
        }
    }
    for (const auto* financien : childrenNamed(root, "financien")) {
        for (const auto* verdeling : childrenNamed(financien, "kostenverdeling")) {
            for (const auto* aandeel : childrenNamed(verdeling, "aandeel")) {
                std::string partner = attributeOf(aandeel, "partner");
                if (!plainKey(partner)) continue;
                fields.push_back({"Kostenverdeling", "Aandeel van " + partner + " (procent)",
                                  base + "/financien/kostenverdeling/aandeel[@partner='" + partner +
                                      "']/@percentage",
                                  attributeOf(aandeel, "percentage"), false});
            }
        }
    }
    return fields;
}

Result<EditedContent> editContent(std::string_view text, const std::vector<ContentEdit>& edits) {
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                         std::move(parsed.problems));
    }
    xmlDoc* doc = parsed.doc.get();
    xml::stripFormatting(xmlDocGetRootElement(doc));
    for (const auto& edit : edits) {
        auto node = selectOne(doc, edit.path);
        if (!node) return node.error();
        const auto* value = reinterpret_cast<const xmlChar*>(edit.value.c_str());
        if ((*node)->type == XML_ATTRIBUTE_NODE) {
            xmlSetProp((*node)->parent, (*node)->name, value);
        } else if ((*node)->type == XML_ELEMENT_NODE) {
            for (xmlNode* child = (*node)->children; child != nullptr; child = child->next) {
                if (child->type == XML_ELEMENT_NODE) {
                    return makeError(ErrorCode::InvalidInput,
                                     "the edit's path " + edit.path +
                                         " names an element that holds other elements");
                }
            }
            xmlNodeSetContent(*node, nullptr);
            xmlNodeAddContent(*node, value);  // as text: no entity is read from it
        } else {
            return makeError(ErrorCode::InvalidInput, "the edit's path " + edit.path +
                                                          " names neither element nor attribute");
        }
    }
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 1);
    EditedContent edited{
        std::string(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size)), {}};
    xmlFree(buffer);
    // The lines of the edited elements, read from the text as it will be validated.
    xml::Parsed again = xml::parseUntrusted(edited.xml);
    for (const auto& edit : edits) {
        auto node = again.doc ? selectOne(again.doc.get(), edit.path) : Result<xmlNode*>(nullptr);
        edited.lines.push_back(node && *node ? static_cast<int>(xmlGetLineNo(elementOf(*node)))
                                             : 0);
    }
    return edited;
}

}  // namespace beraad
