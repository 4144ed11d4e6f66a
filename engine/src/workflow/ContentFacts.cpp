#include "workflow/ContentFacts.h"

#include <libxml/tree.h>

#include "xml/Xml.h"

namespace beraad::workflow::facts {
namespace {

Result<xml::DocPtr> parse(std::string_view text) {
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "stored content cannot be read",
                         std::move(parsed.problems));
    }
    return std::move(parsed.doc);
}

int lineOf(const xmlNode* node) {
    return static_cast<int>(xmlGetLineNo(node));
}

DecisionRule readRule(const xmlNode* besluitvorming) {
    DecisionRule rule;
    std::string regel = xml::text(xml::firstChild(besluitvorming, "regel"));
    if (regel == "unanimiteit-kernpartners") {
        rule.kind = DecisionRule::Kind::UnanimiteitKernpartners;
    } else if (regel == "meerderheid") {
        rule.kind = DecisionRule::Kind::Meerderheid;
    }
    if (auto* node = xml::firstChild(besluitvorming, "meerderheid")) {
        rule.majorityHundredths = parseFixed(xml::text(node), 2).value_or(5000);
    }
    if (auto* node = xml::firstChild(besluitvorming, "quorum")) {
        rule.quorumHundredths = parseFixed(xml::text(node), 2).value_or(0);
    }
    std::string gewogen = xml::text(xml::firstChild(besluitvorming, "gewogen"));
    rule.weighted = gewogen == "true" || gewogen == "1";
    return rule;
}

}  // namespace

std::optional<std::int64_t> parseFixed(std::string_view text, int decimals) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    std::int64_t whole = 0;
    std::int64_t fraction = 0;
    int fractionDigits = 0;
    bool inFraction = false;
    bool anyDigit = false;
    for (char c : text) {
        if (c == '.' && !inFraction) {
            inFraction = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        anyDigit = true;
        if (inFraction) {
            if (++fractionDigits > decimals) {
                if (c != '0') return std::nullopt;
                continue;
            }
            fraction = fraction * 10 + (c - '0');
        } else {
            if (whole > 100'000'000'000'000) return std::nullopt;
            whole = whole * 10 + (c - '0');
        }
    }
    if (!anyDigit) return std::nullopt;
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    for (int i = std::min(fractionDigits, decimals); i < decimals; ++i)
        fraction *= 10;
    return whole * scale + fraction;
}

std::string formatEuro(std::int64_t cents) {
    bool negative = cents < 0;
    std::int64_t magnitude = negative ? -cents : cents;
    std::string digits = std::to_string(magnitude / 100);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
        grouped += digits[i];
    }
    std::string text = std::string(negative ? "-" : "") + "€ " + grouped;
    if (magnitude % 100 != 0) {
        std::int64_t rest = magnitude % 100;
        text += ',';
        text += static_cast<char>('0' + rest / 10);
        text += static_cast<char>('0' + rest % 10);
    }
    return text;
}

Result<Convenant> convenant(std::string_view text) {
    auto doc = parse(text);
    if (!doc) return doc.error();
    const xmlNode* root = xmlDocGetRootElement(doc.value().get());
    Convenant facts;
    for (const xmlNode* node : xml::children(xml::firstChild(root, "partijen"), "partij")) {
        std::string gewicht = xml::attribute(node, "gewicht");
        facts.partijen.push_back({xml::attribute(node, "partner"), xml::attribute(node, "soort"),
                                  xml::attribute(node, "rol"),
                                  gewicht.empty() ? 1 : parseFixed(gewicht, 0).value_or(1),
                                  lineOf(node)});
    }
    facts.rule = readRule(xml::firstChild(root, "besluitvorming"));
    const xmlNode* verdeling =
        xml::firstChild(xml::firstChild(root, "financien"), "kostenverdeling");
    for (const xmlNode* node : xml::children(verdeling, "aandeel")) {
        facts.kostenverdeling.push_back(
            {xml::attribute(node, "partner"),
             parseFixed(xml::attribute(node, "percentage"), 2).value_or(0)});
    }
    const xmlNode* looptijd = xml::firstChild(root, "looptijd");
    facts.ingangsdatum = xml::text(xml::firstChild(looptijd, "ingangsdatum"));
    facts.einddatum = xml::text(xml::firstChild(looptijd, "einddatum"));
    return facts;
}

Result<Uitvoeringsagenda> uitvoeringsagenda(std::string_view text) {
    auto doc = parse(text);
    if (!doc) return doc.error();
    const xmlNode* root = xmlDocGetRootElement(doc.value().get());
    Uitvoeringsagenda facts;
    for (const xmlNode* node : xml::children(xml::firstChild(root, "acties"), "actie")) {
        Actie actie{xml::attribute(node, "id"), xml::attribute(node, "ambitie"), lineOf(node), {}};
        for (const xmlNode* post : xml::children(xml::firstChild(node, "begroting"), "post")) {
            actie.posts.push_back({std::stoi(xml::attribute(post, "jaar")),
                                   xml::attribute(post, "bron"),
                                   parseFixed(xml::attribute(post, "bedrag"), 2).value_or(0)});
        }
        facts.acties.push_back(std::move(actie));
    }
    return facts;
}

Result<Beleidsagenda> beleidsagenda(std::string_view text) {
    auto doc = parse(text);
    if (!doc) return doc.error();
    const xmlNode* root = xmlDocGetRootElement(doc.value().get());
    Beleidsagenda facts;
    for (const xmlNode* thema : xml::children(xml::firstChild(root, "ambities"), "thema")) {
        for (const xmlNode* ambitie : xml::children(thema, "ambitie")) {
            facts.ambities.insert(xml::attribute(ambitie, "id"));
        }
    }
    return facts;
}

}  // namespace beraad::workflow::facts
