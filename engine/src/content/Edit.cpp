#include "beraad/content/Edit.h"

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "xml/Xml.h"

namespace beraad {
namespace {

using Kind = EditableField::Kind;

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

Result<xmlNode*> selectElement(xmlDoc* doc, const std::string& path) {
    auto node = selectOne(doc, path);
    if (node && (*node)->type != XML_ELEMENT_NODE) {
        return makeError(ErrorCode::InvalidInput, "the edit's path " + path + " names no element");
    }
    return node;
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

bool holdsElements(const xmlNode* node) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) return true;
    }
    return false;
}

bool plainName(const std::string& name) {
    if (name.empty() || name.size() > 64 || !std::isalpha(static_cast<unsigned char>(name[0])))
        return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
    });
}

// The last child of `parent` named `name`, or null.
xmlNode* lastChild(xmlNode* parent, const std::string& name) {
    xmlNode* last = nullptr;
    for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(child->name))
            last = child;
    }
    return last;
}

const xmlChar* cast(const std::string& text) {
    return reinterpret_cast<const xmlChar*>(text.c_str());
}

void setText(xmlNode* node, const std::string& text) {
    xmlNodeSetContent(node, nullptr);
    xmlNodeAddContent(node, cast(text));  // as text: no entity is read from it
}

// The siblings named like `node` numbered 1, 2, … by `attribute`.
void renumber(xmlNode* parent, const xmlChar* name, const std::string& attribute) {
    int number = 0;
    for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, name)) {
            xmlSetProp(child, cast(attribute), cast(std::to_string(++number)));
        }
    }
}

// The next number after the highest `attribute` among `parent`'s `name`s.
int nextNumber(xmlNode* parent, const std::string& name, const std::string& attribute) {
    long highest = 0;
    for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || name != reinterpret_cast<const char*>(child->name))
            continue;
        std::string value = xml::attribute(child, attribute.c_str());
        if (!value.empty() && value.size() < 10 &&
            std::all_of(value.begin(), value.end(),
                        [](unsigned char c) { return std::isdigit(c); }))
            highest = std::max(highest, std::stol(value));
    }
    return static_cast<int>(highest) + 1;
}

// Builds `addition` under its parent. The fields' paths are plain relative
// paths; an element step reuses the child the part made last by that name
// only when the step is not the last (so "planning/start", "planning/eind"
// share one <planning>).
Result<xmlNode*> addPart(xmlDoc* doc, const ContentAddition& addition,
                         std::vector<xmlNode*>& fieldElements) {
    const NewPart& part = addition.part;
    auto parent = selectElement(doc, part.parent);
    if (!parent) return parent.error();
    if (!plainName(part.element) || (!part.numbered.empty() && !plainName(part.numbered))) {
        return makeError(ErrorCode::InvalidInput,
                         "the new part's element " + part.element + " is not a plain name");
    }
    xmlNode* element = xmlNewDocNode(doc, nullptr, cast(part.element), nullptr);
    if (!part.numbered.empty()) {
        xmlSetProp(element, cast(part.numbered),
                   cast(std::to_string(nextNumber(*parent, part.element, part.numbered))));
    }
    for (const auto& field : part.fields) {
        std::string value = field.value;
        if (!field.fixed) {
            auto typed = addition.values.find(field.at);
            if (typed != addition.values.end()) value = typed->second;
        }
        if (field.optional && value.empty()) {
            fieldElements.push_back(nullptr);
            continue;
        }
        xmlNode* at = element;
        std::string rest = field.at;
        bool ok = !rest.empty();
        while (ok && rest != "." && rest[0] != '@') {
            auto slash = rest.find('/');
            std::string step = rest.substr(0, slash);
            ok = plainName(step);
            if (!ok) break;
            bool last = slash == std::string::npos;
            xmlNode* child = last ? nullptr : lastChild(at, step);
            if (!child) child = xmlNewChild(at, nullptr, cast(step), nullptr);
            at = child;
            rest = last ? "." : rest.substr(slash + 1);
        }
        if (ok && rest[0] == '@') ok = plainName(rest.substr(1));
        if (!ok) {
            xmlFreeNode(element);
            return makeError(ErrorCode::InvalidInput,
                             "the new part's field path " + field.at + " is not a plain path");
        }
        fieldElements.push_back(at);
        if (rest[0] == '@') {
            xmlSetProp(at, cast(rest.substr(1)), cast(value));
        } else if (!value.empty()) {
            setText(at, value);
        }
    }
    xmlNode* after = lastChild(*parent, part.element);
    if (after) {
        xmlAddNextSibling(after, element);
    } else {
        xmlAddChild(*parent, element);
    }
    return element;
}

xmlNode* lastDescendant(xmlNode* node) {
    for (xmlNode* child = node->last; child != nullptr; child = child->prev) {
        if (child->type == XML_ELEMENT_NODE) return lastDescendant(child);
    }
    return node;
}

bool within(const xmlNode* node, const xmlNode* ancestor) {
    for (; node != nullptr; node = node->parent) {
        if (node == ancestor) return true;
    }
    return false;
}

std::string nodePath(xmlNode* node) {
    xmlChar* path = xmlGetNodePath(node);
    std::string text = path ? reinterpret_cast<const char*>(path) : "";
    xmlFree(path);
    return text;
}

int lineOf(xmlDoc* doc, const std::string& path) {
    if (path.empty()) return 0;
    auto node = selectOne(doc, path);
    return node ? static_cast<int>(xmlGetLineNo(*node)) : 0;
}

}  // namespace

namespace {

// The values the schema `path` allows for its simple type `name`, read
// from the schema itself so a form never offers what it would refuse.
std::vector<std::string> enumeration(std::string_view path, const std::string& name) {
    std::vector<std::string> values;
    xml::DocPtr schema = xml::parseResource(path);
    for (const auto* type : xml::children(xmlDocGetRootElement(schema.get()), "simpleType")) {
        if (xml::attribute(type, "name") != name) continue;
        for (const auto* restriction : xml::children(type, "restriction")) {
            for (const auto* value : xml::children(restriction, "enumeration")) {
                values.push_back(xml::attribute(value, "value"));
            }
        }
    }
    return values;
}

void addField(std::vector<EditableField>& fields, std::string group, std::string label,
              std::string path, std::string value, Kind kind = Kind::Text,
              std::vector<std::string> choices = {}) {
    fields.push_back({std::move(group), std::move(label), std::move(path), std::move(value), kind,
                      std::move(choices), ""});
}

void removeField(std::vector<EditableField>& fields, std::string group, std::string label,
                 std::string path, std::string renumber = "") {
    fields.push_back({std::move(group),
                      std::move(label),
                      std::move(path),
                      "",
                      Kind::Remove,
                      {},
                      std::move(renumber)});
}

// A text field for the one `name` child of `node`, when there is one.
void textField(std::vector<EditableField>& fields, const xmlNode* node, const char* name,
               const std::string& group, const std::string& label, const std::string& at,
               bool longText) {
    auto found = xml::children(node, name);
    if (found.size() == 1 && !holdsElements(found.front())) {
        addField(fields, group, label, at + "/" + name, xml::text(found.front()),
                 longText ? Kind::LongText : Kind::Text);
    }
}

NewPartField input(std::string label, std::string at, Kind kind = Kind::Text,
                   std::vector<std::string> choices = {}, std::string value = "") {
    return {
        std::move(label), std::move(at), std::move(value), kind, std::move(choices), false, false};
}

NewPartField optional(std::string label, std::string at) {
    return {std::move(label), std::move(at), "", Kind::Text, {}, false, true};
}

NewPartField fixed(std::string at, std::string value = "") {
    return {"", std::move(at), std::move(value), Kind::Text, {}, true, false};
}

// A free id for a new part beside `taken`: the prefix of the existing ones
// (amb-, A) with the next number.
std::string freeId(const std::set<std::string>& taken, const std::string& fallback) {
    std::string prefix = fallback;
    if (!taken.empty()) {
        const std::string& sample = *taken.begin();
        auto end = sample.find_last_not_of("0123456789");
        prefix = end == std::string::npos ? fallback : sample.substr(0, end + 1);
    }
    for (int number = 1;; ++number) {
        std::string id = prefix + std::to_string(number);
        if (!taken.count(id)) return id;
    }
}

std::set<std::string> ids(const xmlNode* node, const char* name, std::set<std::string> into = {}) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (xmlStrEqual(child->name, reinterpret_cast<const xmlChar*>(name))) {
            std::string id = xml::attribute(child, "id");
            if (!id.empty()) into.insert(id);
        }
        into = ids(child, name, std::move(into));
    }
    return into;
}

// Each ambitie's titel and omschrijving; an ambitie removed or added per thema.
void beleidsagendaForm(ContentForm& form, const xmlNode* root) {
    auto taken = ids(root, "ambitie");
    for (const auto* ambities : xml::children(root, "ambities")) {
        for (const auto* thema : xml::children(ambities, "thema")) {
            std::string themaId = xml::attribute(thema, "id");
            if (!plainKey(themaId)) continue;
            std::string themaAt = "/beleidsagenda/ambities/thema[@id='" + themaId + "']";
            for (const auto* ambitie : xml::children(thema, "ambitie")) {
                std::string id = xml::attribute(ambitie, "id");
                if (!plainKey(id)) continue;
                std::string at = themaAt + "/ambitie[@id='" + id + "']";
                std::string group = "Ambitie " + id;
                textField(form.fields, ambitie, "titel", group, "Titel", at, false);
                textField(form.fields, ambitie, "omschrijving", group, "Omschrijving", at, true);
                removeField(form.fields, group, "Ambitie " + id + " verwijderen", at);
            }
            auto names = xml::children(thema, "naam");
            std::string themaName = names.empty() ? themaId : xml::text(names.front());
            form.parts.push_back(
                {"Nieuwe ambitie in thema " + themaName,
                 "Nieuwe ambitie in thema " + themaName,
                 themaAt,
                 "ambitie",
                 "",
                 {input("Sleutel (id)", "@id", Kind::Text, {}, freeId(taken, "amb-")),
                  input("Titel", "titel"), input("Omschrijving", "omschrijving", Kind::LongText)},
                 form.fields.size()});
        }
    }
}

// Each actie's titel, omschrijving, trekker, planning, budget per year and
// source, and the streefwaarde of each indicator; an actie removed or added.
void uitvoeringsagendaForm(ContentForm& form, const xmlNode* root) {
    static const auto statuses = enumeration("schemas/uitvoeringsagenda.xsd", "ActieStatus");
    static const auto sources = enumeration("schemas/uitvoeringsagenda.xsd", "Financieringsbron");
    for (const auto* acties : xml::children(root, "acties")) {
        std::set<std::string> taken;
        for (const auto* actie : xml::children(acties, "actie")) {
            std::string id = xml::attribute(actie, "id");
            taken.insert(id);
            if (!plainKey(id)) continue;
            std::string at = "/uitvoeringsagenda/acties/actie[@id='" + id + "']";
            std::string group = "Actie " + id;
            auto& fields = form.fields;
            textField(fields, actie, "titel", group, "Titel", at, false);
            textField(fields, actie, "omschrijving", group, "Omschrijving", at, true);
            auto trekkers = xml::children(actie, "trekker");
            if (trekkers.size() == 1) {
                addField(fields, group, "Trekker (partnersleutel)", at + "/trekker/@partner",
                         xml::attribute(trekkers.front(), "partner"));
            }
            auto partnerLists = xml::children(actie, "partners");
            if (partnerLists.size() == 1) {
                for (const auto* partner : xml::children(partnerLists.front(), "partner")) {
                    std::string key = xml::attribute(partner, "partner");
                    if (!plainKey(key)) continue;
                    removeField(fields, group, "Partner " + key + " verwijderen",
                                at + "/partners/partner[@partner='" + key + "']");
                }
                form.parts.push_back({group,
                                      "Nieuwe partner bij actie " + id,
                                      at + "/partners",
                                      "partner",
                                      "",
                                      {input("Partnersleutel", "@partner")},
                                      fields.size()});
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
                    std::string postAt =
                        at + "/begroting/post[@jaar='" + jaar + "'][@bron='" + bron + "']";
                    addField(fields, group, "Budget " + jaar + " " + bron + " (euro)",
                             postAt + "/@bedrag", xml::attribute(post, "bedrag"));
                    removeField(fields, group, "Budget " + jaar + " " + bron + " verwijderen",
                                postAt);
                }
                form.parts.push_back(
                    {group,
                     "Nieuwe begrotingspost bij actie " + id,
                     at + "/begroting",
                     "post",
                     "",
                     {input("Jaar", "@jaar"),
                      input("Bron", "@bron", Kind::Choice, sources, sources.front()),
                      input("Bedrag (euro)", "@bedrag")},
                     fields.size()});
            }
            for (const auto* indicatoren : xml::children(actie, "indicatoren")) {
                auto list = xml::children(indicatoren, "indicator");
                for (std::size_t i = 0; i < list.size(); ++i) {
                    auto names = xml::children(list[i], "naam");
                    std::string name =
                        names.empty() ? std::to_string(i + 1) : xml::text(names.front());
                    std::string indicatorAt =
                        at + "/indicatoren/indicator[" + std::to_string(i + 1) + "]";
                    textField(fields, list[i], "streefwaarde", group, "Streefwaarde " + name,
                              indicatorAt, false);
                    removeField(fields, group, "Indicator " + name + " verwijderen", indicatorAt);
                }
                form.parts.push_back(
                    {group,
                     "Nieuwe indicator bij actie " + id,
                     at + "/indicatoren",
                     "indicator",
                     "",
                     {input("Naam", "naam"), input("Eenheid", "eenheid"),
                      input("Nulwaarde", "nulwaarde"), input("Streefwaarde", "streefwaarde"),
                      optional("Streefdatum (JJJJ-MM-DD, mag leeg)", "streefdatum")},
                     fields.size()});
            }
            removeField(fields, group, "Actie " + id + " verwijderen", at);
        }
        form.parts.push_back(
            {"Nieuwe actie",
             "Nieuwe actie",
             "/uitvoeringsagenda/acties",
             "actie",
             "",
             {input("Sleutel (id)", "@id", Kind::Text, {}, freeId(taken, "A")),
              input("Ambitie in de beleidsagenda (id)", "@ambitie"),
              input("Status", "@status", Kind::Choice, statuses, statuses.front()),
              input("Titel", "titel"), input("Omschrijving", "omschrijving", Kind::LongText),
              input("Trekker (partnersleutel)", "trekker/@partner"), fixed("partners"),
              input("Doelgroep", "doelgroep"), input("Start (JJJJ-MM-DD)", "planning/start"),
              input("Eind (JJJJ-MM-DD)", "planning/eind"), fixed("begroting"),
              fixed("indicatoren")},
             form.fields.size()});
    }
}

// Each partij's naam, soort, rol, gewicht and vertegenwoordigers; a partij
// removed or added.
void partijenForm(ContentForm& form, const xmlNode* root) {
    static const auto soorten = enumeration("schemas/samenwerkingsconvenant.xsd", "PartnerSoort");
    static const auto rollen = enumeration("schemas/samenwerkingsconvenant.xsd", "BeraadRol");
    const std::string base = "/samenwerkingsconvenant/partijen";
    for (const auto* partijen : xml::children(root, "partijen")) {
        for (const auto* partij : xml::children(partijen, "partij")) {
            std::string partner = xml::attribute(partij, "partner");
            if (!plainKey(partner)) continue;
            std::string at = base + "/partij[@partner='" + partner + "']";
            std::string group = "Partij " + partner;
            auto& fields = form.fields;
            textField(fields, partij, "naam", group, "Naam", at, false);
            addField(fields, group, "Soort", at + "/@soort", xml::attribute(partij, "soort"),
                     Kind::Choice, soorten);
            addField(fields, group, "Rol in het Beraad", at + "/@rol",
                     xml::attribute(partij, "rol"), Kind::Choice, rollen);
            if (!xml::attribute(partij, "gewicht").empty()) {
                addField(fields, group, "Gewicht", at + "/@gewicht",
                         xml::attribute(partij, "gewicht"));
            }
            auto representatives = xml::children(partij, "vertegenwoordiger");
            for (std::size_t i = 0; i < representatives.size(); ++i) {
                std::string which = "Vertegenwoordiger " + std::to_string(i + 1);
                std::string there = at + "/vertegenwoordiger[" + std::to_string(i + 1) + "]";
                textField(fields, representatives[i], "naam", group, which + ": naam", there,
                          false);
                textField(fields, representatives[i], "functie", group, which + ": functie", there,
                          false);
                textField(fields, representatives[i], "email", group, which + ": e-mail", there,
                          false);
            }
            removeField(fields, group, "Partij " + partner + " verwijderen", at);
        }
    }
    form.parts.push_back({"Nieuwe partij",
                          "Nieuwe partij",
                          base,
                          "partij",
                          "",
                          {input("Partnersleutel", "@partner"), input("Naam", "naam"),
                           input("Soort", "@soort", Kind::Choice, soorten, soorten.front()),
                           input("Rol in het Beraad", "@rol", Kind::Choice, rollen, rollen.front()),
                           input("Vertegenwoordiger: naam", "vertegenwoordiger/naam"),
                           input("Vertegenwoordiger: functie", "vertegenwoordiger/functie")},
                          form.fields.size()});
}

// Each artikel's titel and leden, a lid or an artikel removed or added; the
// partijen; each aandeel of the kostenverdeling, removed or added.
void convenantForm(ContentForm& form, const xmlNode* root) {
    const std::string base = "/samenwerkingsconvenant";
    partijenForm(form, root);
    auto& fields = form.fields;
    for (const auto* artikelen : xml::children(root, "artikelen")) {
        for (const auto* artikel : xml::children(artikelen, "artikel")) {
            std::string nummer = xml::attribute(artikel, "nummer");
            if (!plainKey(nummer)) continue;
            std::string at = base + "/artikelen/artikel[@nummer='" + nummer + "']";
            auto titels = xml::children(artikel, "titel");
            std::string group = "Artikel " + nummer +
                                (titels.empty() ? std::string() : " " + xml::text(titels.front()));
            if (titels.size() == 1) {
                addField(fields, group, "Titel", at + "/titel", xml::text(titels.front()));
            }
            for (const auto* lid : xml::children(artikel, "lid")) {
                std::string lidNummer = xml::attribute(lid, "nummer");
                if (!plainKey(lidNummer) || holdsElements(lid)) continue;
                std::string lidAt = at + "/lid[@nummer='" + lidNummer + "']";
                addField(fields, group, "Lid " + lidNummer, lidAt, xml::text(lid), Kind::LongText);
                removeField(fields, group, "Lid " + lidNummer + " verwijderen", lidAt, "nummer");
            }
            form.parts.push_back({group,
                                  "Nieuw lid in artikel " + nummer,
                                  at,
                                  "lid",
                                  "nummer",
                                  {input("Tekst van het nieuwe lid", ".", Kind::LongText)},
                                  fields.size()});
            removeField(fields, group, "Artikel " + nummer + " verwijderen", at, "nummer");
        }
        form.parts.push_back(
            {"Nieuw artikel",
             "Nieuw artikel",
             base + "/artikelen",
             "artikel",
             "nummer",
             {input("Titel", "titel"), input("Tekst van lid 1", "lid", Kind::LongText),
              fixed("lid/@nummer", "1")},
             fields.size()});
    }
    for (const auto* financien : xml::children(root, "financien")) {
        for (const auto* verdeling : xml::children(financien, "kostenverdeling")) {
            const std::string at = base + "/financien/kostenverdeling";
            for (const auto* aandeel : xml::children(verdeling, "aandeel")) {
                std::string partner = xml::attribute(aandeel, "partner");
                if (!plainKey(partner)) continue;
                std::string share = at + "/aandeel[@partner='" + partner + "']";
                addField(fields, "Kostenverdeling", "Aandeel van " + partner + " (procent)",
                         share + "/@percentage", xml::attribute(aandeel, "percentage"));
                removeField(fields, "Kostenverdeling", "Aandeel van " + partner + " verwijderen",
                            share);
            }
            form.parts.push_back(
                {"Kostenverdeling",
                 "Nieuw aandeel",
                 at,
                 "aandeel",
                 "",
                 {input("Partnersleutel", "@partner"), input("Aandeel (procent)", "@percentage")},
                 fields.size()});
        }
    }
}

}  // namespace

Result<ContentForm> contentForm(std::string_view kind, std::string_view text) {
    ContentForm form;
    if (kind != "samenwerkingsconvenant" && kind != "beleidsagenda" &&
        kind != "uitvoeringsagenda") {
        return form;
    }
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                         std::move(parsed.problems));
    }
    const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    if (kind == "beleidsagenda") {
        beleidsagendaForm(form, root);
    } else if (kind == "uitvoeringsagenda") {
        uitvoeringsagendaForm(form, root);
    } else {
        convenantForm(form, root);
    }
    return form;
}

Result<EditedContent> editContent(std::string_view text, const std::vector<ContentEdit>& edits) {
    return changeContent(text, ContentChange{edits, {}, {}});
}

Result<EditedContent> changeContent(std::string_view text, const ContentChange& change) {
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                         std::move(parsed.problems));
    }
    xmlDoc* doc = parsed.doc.get();
    xml::stripFormatting(xmlDocGetRootElement(doc));
    std::vector<xmlNode*> edited;
    for (const auto& edit : change.edits) {
        auto node = selectOne(doc, edit.path);
        if (!node) return node.error();
        if ((*node)->type == XML_ATTRIBUTE_NODE) {
            xmlSetProp((*node)->parent, (*node)->name, cast(edit.value));
        } else if ((*node)->type == XML_ELEMENT_NODE) {
            if (holdsElements(*node)) {
                return makeError(
                    ErrorCode::InvalidInput,
                    "the edit's path " + edit.path + " names an element that holds other elements");
            }
            setText(*node, edit.value);
        } else {
            return makeError(ErrorCode::InvalidInput, "the edit's path " + edit.path +
                                                          " names neither element nor attribute");
        }
        edited.push_back(elementOf(*node));
    }
    // The removals are found before anything is added or taken away, so
    // every path reads the content as it was.
    std::vector<xmlNode*> removed;
    for (const auto& removal : change.removals) {
        auto node = selectElement(doc, removal.path);
        if (!node) return node.error();
        if (*node == xmlDocGetRootElement(doc)) {
            return makeError(ErrorCode::InvalidInput,
                             "the removal's path " + removal.path + " names the whole content");
        }
        if (!removal.renumber.empty() && !plainName(removal.renumber)) {
            return makeError(ErrorCode::InvalidInput,
                             "the removal's attribute " + removal.renumber + " is not a name");
        }
        removed.push_back(*node);
    }
    std::vector<xmlNode*> added;
    std::vector<std::vector<xmlNode*>> addedFields;
    for (const auto& addition : change.additions) {
        addedFields.emplace_back();
        auto node = addPart(doc, addition, addedFields.back());
        if (!node) return node.error();
        added.push_back(*node);
    }
    // A removal within another (or named twice) goes with that one; the
    // nesting is read while every node is still there.
    std::vector<bool> outermost(removed.size(), true);
    for (std::size_t i = 0; i < removed.size(); ++i) {
        for (std::size_t j = 0; j < removed.size() && outermost[i]; ++j) {
            if (j == i) continue;
            bool same = removed[j] == removed[i];
            outermost[i] = same ? j > i : !within(removed[i], removed[j]);
        }
    }
    for (std::size_t i = 0; i < removed.size(); ++i) {
        if (!outermost[i]) continue;
        xmlNode* node = removed[i];
        for (auto& element : edited) {
            if (element && within(element, node)) element = nullptr;
        }
        for (auto& element : added) {
            if (element && within(element, node)) element = nullptr;
        }
        xmlNode* parent = node->parent;
        std::string name = reinterpret_cast<const char*>(node->name);
        xmlUnlinkNode(node);
        xmlFreeNode(node);
        if (!change.removals[i].renumber.empty()) {
            renumber(parent, cast(name), change.removals[i].renumber);
        }
    }
    // The lines, read in the text as it will be validated.
    std::vector<std::string> editedPaths;
    for (auto* element : edited)
        editedPaths.push_back(element ? nodePath(element) : "");
    std::vector<std::pair<std::string, std::string>> addedPaths;
    std::vector<std::vector<std::string>> addedFieldPaths;
    for (std::size_t i = 0; i < added.size(); ++i) {
        xmlNode* element = added[i];
        addedPaths.emplace_back(element ? nodePath(element) : "",
                                element ? nodePath(lastDescendant(element)) : "");
        addedFieldPaths.emplace_back();
        for (auto* field : addedFields[i]) {
            addedFieldPaths.back().push_back(element && field ? nodePath(field) : "");
        }
    }
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 1);
    EditedContent result{
        std::string(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size)), {}, {}, {}};
    xmlFree(buffer);
    xml::Parsed again = xml::parseUntrusted(result.xml);
    for (const auto& path : editedPaths)
        result.lines.push_back(lineOf(again.doc.get(), path));
    for (const auto& [first, last] : addedPaths) {
        result.partLines.emplace_back(lineOf(again.doc.get(), first),
                                      lineOf(again.doc.get(), last));
    }
    for (const auto& paths : addedFieldPaths) {
        result.partFieldLines.emplace_back();
        for (const auto& path : paths) {
            result.partFieldLines.back().push_back(lineOf(again.doc.get(), path));
        }
    }
    return result;
}

}  // namespace beraad
