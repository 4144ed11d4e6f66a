// Builds the <beraad> context document for rendering (see RenderContext.h).
#include "engine/RenderContext.h"

#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>

#include "beraad/base/Clock.h"
#include "xml/Xml.h"

namespace beraad::detail {
namespace {

const xmlChar* x(const char* text) {
    return reinterpret_cast<const xmlChar*>(text);
}
const xmlChar* x(const std::string& text) {
    return x(text.c_str());
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, x(name));
    if (!value) return {};
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

void set(xmlNode* node, const char* name, const std::string& value) {
    xmlSetProp(node, x(name), x(value));
}

bool named(const xmlNode* node, const char* name) {
    return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, x(name)) == 0;
}

std::vector<xmlNode*> children(xmlNode* node, const char* name) {
    std::vector<xmlNode*> found;
    for (xmlNode* child = node ? node->children : nullptr; child; child = child->next) {
        if (named(child, name)) found.push_back(child);
    }
    return found;
}

xmlNode* child(xmlNode* node, const char* name) {
    auto found = children(node, name);
    return found.empty() ? nullptr : found.front();
}

std::string text(xmlNode* node) {
    if (!node) return {};
    xmlChar* value = xmlNodeGetContent(node);
    std::string result(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

template <typename Visit>
void forEachElement(xmlNode* node, const Visit& visit) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        visit(node);
        forEachElement(node->children, visit);
    }
}

std::string kindName(const std::string& kind) {
    if (kind == "samenwerkingsconvenant") return "Samenwerkingsconvenant";
    if (kind == "beleidsagenda") return "Beleidsagenda";
    if (kind == "uitvoeringsagenda") return "Uitvoeringsagenda";
    return kind;
}

std::string spaced(std::string text) {
    for (char& c : text) {
        if (c == '-') c = ' ';
    }
    return text;
}

std::string stateName(const std::string& state) {
    if (state == "beeindigd") return "beëindigd";
    return spaced(state);
}

std::string partnerKindName(const std::string& kind) {
    static const std::map<std::string, std::string> names{
        {"uwv", "UWV"},
        {"sbb", "SBB"},
        {"uitzendbranche", "uitzendbranche"},
        {"re-integratiebedrijf", "re-integratiebedrijf"},
        {"overig", "overige partner"}};
    auto it = names.find(kind);
    return it != names.end() ? it->second : spaced(kind);
}

std::string sourceName(const std::string& source) {
    static const std::map<std::string, std::string> names{
        {"impulsbudget", "impulsbudget"},     {"structureel-budget", "structureel budget"},
        {"eigen-middelen", "eigen middelen"}, {"esf-plus", "ESF+"},
        {"regiodeal", "Regio Deal"},          {"overig", "overige bronnen"}};
    auto it = names.find(source);
    return it != names.end() ? it->second : source;
}

int yearOf(const std::optional<std::string>& date, int fallback) {
    if (!date || date->size() < 4) return fallback;
    return std::atoi(date->substr(0, 4).c_str());
}

// Amounts in the content have at most two decimals; cents keep sums exact.
long long cents(const std::string& amount) {
    auto dot = amount.find('.');
    long long whole = std::atoll(amount.substr(0, dot).c_str()) * 100;
    if (dot == std::string::npos) return whole;
    std::string fraction = (amount.substr(dot + 1) + "00").substr(0, 2);
    return whole + std::atoll(fraction.c_str());
}

std::string euros(long long amountInCents) {
    std::string sign = amountInCents < 0 ? "-" : "";
    long long magnitude = amountInCents < 0 ? -amountInCents : amountInCents;
    std::string fraction = std::to_string(magnitude % 100);
    if (fraction.size() < 2) fraction = "0" + fraction;
    return sign + std::to_string(magnitude / 100) + "." + fraction;
}

Result<xml::DocPtr> parseStored(const std::string& content, const std::string& what) {
    auto parsed = xml::parseUntrusted(content);
    if (!parsed.doc) {
        return makeError(ErrorCode::Integrity, "the stored content of " + what + " does not parse",
                         parsed.problems);
    }
    return std::move(parsed.doc);
}

void addDocument(xmlNode* root, const RenderFacts& facts) {
    xmlNode* node = xmlNewChild(root, nullptr, x("document"), nullptr);
    const auto& document = facts.document;
    set(node, "id", document.id);
    set(node, "soort", document.kind);
    set(node, "soortnaam", kindName(document.kind));
    set(node, "versie", std::to_string(facts.version.number));
    set(node, "laatsteVersie", std::to_string(document.latestVersion));
    set(node, "status", document.state);
    set(node, "statusnaam", stateName(document.state));
    if (facts.isConcept) set(node, "concept", "ja");
    set(node, "markering", facts.isConcept ? "CONCEPT" : "");
    set(node, "regio", facts.region.code);
    set(node, "regionaam", facts.region.name);
    set(node, "centrumgemeente", facts.region.centrumgemeente);
    set(node, "datum", amsterdamDate(facts.version.time));  // the Dutch calendar date
    set(node, "auteur", facts.version.author);
    set(node, "inhoudshash", facts.version.contentHash);
    set(node, "sjabloon", facts.templateLabel);
}

// The budget years the document spans (its period, else five years from its start).
void addBudget(xmlNode* root, const RenderFacts& facts) {
    int first = yearOf(facts.document.periodStart, 2025);
    int last = yearOf(facts.document.periodEnd, first + 4);
    xmlNode* budget = xmlNewChild(root, nullptr, x("budget"), nullptr);
    std::set<std::string> sources;
    std::string referenceDate;
    for (const auto& year : facts.budget) {
        if (year.year < first || year.year > last) continue;
        xmlNode* row = xmlNewChild(budget, nullptr, x("jaar"), nullptr);
        set(row, "jaar", std::to_string(year.year));
        set(row, "impulsbudget", std::to_string(year.impulsbudget));
        set(row, "structureel", std::to_string(year.structural));
        sources.insert(year.source);
        referenceDate = std::max(referenceDate, year.referenceDate);
    }
    std::string source;
    for (const auto& name : sources)
        source += (source.empty() ? "" : "; ") + name;
    set(budget, "bron", source.empty() ? "referentiedata van Beraad" : source);
    if (!referenceDate.empty()) set(budget, "peildatum", referenceDate);
}

// Names for partner keys: the content's own partijen first, then the register.
std::map<std::string, std::string> partnerNames(const RenderFacts& facts, xmlNode* content) {
    std::map<std::string, std::string> names;
    for (const auto& partner : facts.partners)
        names[partner.key] = partner.name;
    for (xmlNode* partij : children(child(content, "partijen"), "partij")) {
        names[attribute(partij, "partner")] = text(child(partij, "naam"));
    }
    return names;
}

void annotate(xmlNode* content, const RenderFacts& facts) {
    auto names = partnerNames(facts, content);
    std::map<std::string, const SignatureRecord*> signed_;
    for (const auto& signature : facts.signatures)
        signed_[signature.partner] = &signature;
    forEachElement(content, [&](xmlNode* node) {
        std::string key = attribute(node, "partner");
        if (!key.empty()) {
            auto it = names.find(key);
            set(node, "partnernaam", it != names.end() ? it->second : key);
        }
        if (named(node, "partij")) {
            set(node, "soortnaam", partnerKindName(attribute(node, "soort")));
            set(node, "rolnaam", spaced(attribute(node, "rol")));
            auto signature = signed_.find(key);
            if (signature != signed_.end()) {
                set(node, "ondertekenddoor", signature->second->signatory);
                set(node, "ondertekendop", signature->second->date);
                set(node, "ondertekendte", signature->second->place);
            }
        }
        if (named(node, "post")) set(node, "bronnaam", sourceName(attribute(node, "bron")));
    });
}

struct AmbitieInfo {
    std::string titel;
    std::string thema;
};

// Actions grouped per ambitie of the beleidsagenda (in its order), and the
// budget per year against the region's impulsbudget.
void addAgendaViews(xmlNode* root, xmlNode* agenda, xmlNode* beleidsagenda,
                    const RenderFacts& facts) {
    std::vector<std::string> order;
    std::map<std::string, AmbitieInfo> ambities;
    for (xmlNode* thema : children(child(beleidsagenda, "ambities"), "thema")) {
        for (xmlNode* ambitie : children(thema, "ambitie")) {
            std::string id = attribute(ambitie, "id");
            order.push_back(id);
            ambities[id] = {text(child(ambitie, "titel")), text(child(thema, "naam"))};
        }
    }
    auto acties = children(child(agenda, "acties"), "actie");
    for (xmlNode* actie : acties) {
        std::string id = attribute(actie, "ambitie");
        if (ambities.count(id) == 0) {
            order.push_back(id);
            ambities[id] = {"ambitie " + id + " (niet gevonden in de beleidsagenda)", ""};
        }
        set(actie, "ambitietitel", ambities[id].titel);
        set(actie, "themanaam", ambities[id].thema);
    }
    xmlNode* view = xmlNewChild(root, nullptr, x("ambities"), nullptr);
    std::set<std::string> done;
    for (const auto& id : order) {
        if (!done.insert(id).second) continue;
        std::vector<xmlNode*> mine;
        for (xmlNode* actie : acties) {
            if (attribute(actie, "ambitie") == id) mine.push_back(actie);
        }
        if (mine.empty()) continue;
        xmlNode* group = xmlNewChild(view, nullptr, x("ambitie"), nullptr);
        set(group, "id", id);
        set(group, "titel", ambities[id].titel);
        set(group, "thema", ambities[id].thema);
        for (xmlNode* actie : mine)
            xmlAddChild(group, xmlDocCopyNode(actie, root->doc, 1));
    }

    std::map<int, std::pair<long long, long long>> perYear;  // impuls, other (cents)
    int first = yearOf(facts.document.periodStart, 2025);
    int last = yearOf(facts.document.periodEnd, first + 1);
    for (int year = first; year <= last; ++year)
        perYear[year];
    for (xmlNode* actie : acties) {
        for (xmlNode* post : children(child(actie, "begroting"), "post")) {
            auto& sums = perYear[std::atoi(attribute(post, "jaar").c_str())];
            (attribute(post, "bron") == "impulsbudget" ? sums.first : sums.second) +=
                cents(attribute(post, "bedrag"));
        }
    }
    xmlNode* begroting = xmlNewChild(root, nullptr, x("begroting"), nullptr);
    long long available = 0, allocated = 0, other = 0;
    for (const auto& [year, sums] : perYear) {
        long long impuls = 0;
        for (const auto& budgetYear : facts.budget) {
            if (budgetYear.year == year) impuls = budgetYear.impulsbudget * 100;
        }
        xmlNode* row = xmlNewChild(begroting, nullptr, x("jaar"), nullptr);
        set(row, "jaar", std::to_string(year));
        set(row, "impulsbudget", euros(impuls));
        set(row, "toegewezen", euros(sums.first));
        set(row, "ruimte", euros(impuls - sums.first));
        set(row, "overig", euros(sums.second));
        set(row, "totaal", euros(sums.first + sums.second));
        if (sums.first > impuls) set(row, "overschreden", "ja");
        set(row, "teken", sums.first > impuls ? "(!)" : "");
        available += impuls;
        allocated += sums.first;
        other += sums.second;
    }
    set(begroting, "impulsbudget", euros(available));
    set(begroting, "toegewezen", euros(allocated));
    set(begroting, "ruimte", euros(available - allocated));
    set(begroting, "overig", euros(other));
    set(begroting, "totaal", euros(allocated + other));
}

}  // namespace

Result<std::string> buildRenderContext(const RenderFacts& facts) {
    auto content = parseStored(facts.version.content, facts.document.id);
    if (!content) return content.error();
    xml::DocPtr doc(xmlNewDoc(x("1.0")));
    xmlNode* root = xmlNewNode(nullptr, x("beraad"));
    xmlDocSetRootElement(doc.get(), root);
    addDocument(root, facts);
    addBudget(root, facts);

    xmlNode* copy = xmlDocCopyNode(xmlDocGetRootElement(content.value().get()), doc.get(), 1);
    xmlAddChild(root, copy);
    annotate(copy, facts);

    if (facts.beleidsagendaContent) {
        auto beleidsagenda = parseStored(*facts.beleidsagendaContent, "the beleidsagenda");
        if (!beleidsagenda) return beleidsagenda.error();
        xmlNode* agenda =
            xmlDocCopyNode(xmlDocGetRootElement(beleidsagenda.value().get()), doc.get(), 1);
        xmlAddChild(root, agenda);
        annotate(agenda, facts);
        addAgendaViews(root, copy, agenda, facts);
    }

    xmlChar* bytes = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc.get(), &bytes, &size, "UTF-8", 1);
    std::string result(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
    xmlFree(bytes);
    return result;
}

}  // namespace beraad::detail
