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

// A value safe inside an XPath string literal: digits, letters, - and _.
bool plainKey(const std::string& value) {
    if (value.empty() || value.size() > 64) return false;
    for (unsigned char c : value) {
        if (!std::isalnum(c) && c != '-' && c != '_') return false;
    }
    return true;
}

}  // namespace

namespace {

// A text field for the one `name` child of `node`, when there is one.
void textField(std::vector<EditableField>& fields, const xmlNode* node, const char* name,
               const std::string& group, const std::string& label, const std::string& at,
               bool longText) {
    auto found = xml::children(node, name);
    bool plain = found.size() == 1;
    for (const xmlNode* child = plain ? found.front()->children : nullptr; child != nullptr;
         child = child->next) {
        plain = plain && child->type != XML_ELEMENT_NODE;
    }
    if (plain) {
        fields.push_back({group, label, at + "/" + name, xml::text(found.front()), longText});
    }
}

// Each ambitie's titel and omschrijving.
void beleidsagendaFields(std::vector<EditableField>& fields, const xmlNode* root) {
    for (const auto* ambities : xml::children(root, "ambities")) {
        for (const auto* thema : xml::children(ambities, "thema")) {
            std::string themaId = xml::attribute(thema, "id");
            if (!plainKey(themaId)) continue;
            for (const auto* ambitie : xml::children(thema, "ambitie")) {
                std::string id = xml::attribute(ambitie, "id");
                if (!plainKey(id)) continue;
                std::string at = "/beleidsagenda/ambities/thema[@id='" + themaId +
                                 "']/ambitie[@id='" + id + "']";
                std::string group = "Ambitie " + id;
                textField(fields, ambitie, "titel", group, "Titel", at, false);
                textField(fields, ambitie, "omschrijving", group, "Omschrijving", at, true);
            }
        }
    }
}

// Each actie's titel, omschrijving, trekker, planning, budget per year and
// source, and the streefwaarde of each indicator.
void uitvoeringsagendaFields(std::vector<EditableField>& fields, const xmlNode* root) {
    for (const auto* acties : xml::children(root, "acties")) {
        for (const auto* actie : xml::children(acties, "actie")) {
            std::string id = xml::attribute(actie, "id");
            if (!plainKey(id)) continue;
            std::string at = "/uitvoeringsagenda/acties/actie[@id='" + id + "']";
            std::string group = "Actie " + id;
            textField(fields, actie, "titel", group, "Titel", at, false);
            textField(fields, actie, "omschrijving", group, "Omschrijving", at, true);
            auto trekkers = xml::children(actie, "trekker");
            if (trekkers.size() == 1) {
                fields.push_back({group, "Trekker (partnersleutel)", at + "/trekker/@partner",
                                  xml::attribute(trekkers.front(), "partner"), false});
            }
            auto plannings = xml::children(actie, "planning");
            if (plannings.size() == 1) {
                textField(fields, plannings.front(), "start", group, "Start (JJJJ-MM-DD)",
                          at + "/planning", false);
                textField(fields, plannings.front(), "eind", group, "Eind (JJJJ-MM-DD)",
                          at + "/planning", false);
            }
            for (const auto* begroting : xml::children(actie, "begroting")) {
                for (const auto* post : xml::children(begroting, "post")) {
                    std::string jaar = xml::attribute(post, "jaar");
                    std::string bron = xml::attribute(post, "bron");
                    if (!plainKey(jaar) || !plainKey(bron)) continue;
                    fields.push_back(
                        {group, "Budget " + jaar + " " + bron + " (euro)",
                         at + "/begroting/post[@jaar='" + jaar + "'][@bron='" + bron + "']/@bedrag",
                         xml::attribute(post, "bedrag"), false});
                }
            }
            for (const auto* indicatoren : xml::children(actie, "indicatoren")) {
                auto list = xml::children(indicatoren, "indicator");
                for (std::size_t i = 0; i < list.size(); ++i) {
                    auto names = xml::children(list[i], "naam");
                    std::string name =
                        names.empty() ? std::to_string(i + 1) : xml::text(names.front());
                    textField(fields, list[i], "streefwaarde", group, "Streefwaarde " + name,
                              at + "/indicatoren/indicator[" + std::to_string(i + 1) + "]", false);
                }
            }
        }
    }
}

}  // namespace

Result<std::vector<EditableField>> editableFields(std::string_view kind, std::string_view text) {
    std::vector<EditableField> fields;
    if (kind != "samenwerkingsconvenant" && kind != "beleidsagenda" &&
        kind != "uitvoeringsagenda") {
        return fields;
    }
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                         std::move(parsed.problems));
    }
    const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    if (kind == "beleidsagenda") {
        beleidsagendaFields(fields, root);
        return fields;
    }
    if (kind == "uitvoeringsagenda") {
        uitvoeringsagendaFields(fields, root);
        return fields;
    }
    const std::string base = "/samenwerkingsconvenant";
    for (const auto* artikelen : xml::children(root, "artikelen")) {
        for (const auto* artikel : xml::children(artikelen, "artikel")) {
            std::string nummer = xml::attribute(artikel, "nummer");
            if (!plainKey(nummer)) continue;
            std::string at = base + "/artikelen/artikel[@nummer='" + nummer + "']";
            auto titels = xml::children(artikel, "titel");
            std::string group = "Artikel " + nummer +
                                (titels.empty() ? std::string() : " " + xml::text(titels.front()));
            if (titels.size() == 1) {
                fields.push_back({group, "Titel", at + "/titel", xml::text(titels.front()), false});
            }
            for (const auto* lid : xml::children(artikel, "lid")) {
                std::string lidNummer = xml::attribute(lid, "nummer");
                if (!plainKey(lidNummer)) continue;
                bool plain = true;
                for (const xmlNode* child = lid->children; child != nullptr; child = child->next)
                    plain = plain && child->type != XML_ELEMENT_NODE;
                if (!plain) continue;
                fields.push_back({group, "Lid " + lidNummer,
                                  at + "/lid[@nummer='" + lidNummer + "']", xml::text(lid), true});
            }
        }
    }
    for (const auto* financien : xml::children(root, "financien")) {
        for (const auto* verdeling : xml::children(financien, "kostenverdeling")) {
            for (const auto* aandeel : xml::children(verdeling, "aandeel")) {
                std::string partner = xml::attribute(aandeel, "partner");
                if (!plainKey(partner)) continue;
                fields.push_back({"Kostenverdeling", "Aandeel van " + partner + " (procent)",
                                  base + "/financien/kostenverdeling/aandeel[@partner='" + partner +
                                      "']/@percentage",
                                  xml::attribute(aandeel, "percentage"), false});
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
