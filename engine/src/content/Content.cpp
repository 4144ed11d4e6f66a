#include "beraad/content/Content.h"

#include <libxml/tree.h>

#include "beraad/base/Sha256.h"
#include "xml/Xml.h"

namespace beraad {
namespace {

std::string schemaPath(DocumentKind kind) {
    return "schemas/" + std::string(toString(kind)) + ".xsd";
}

std::optional<Period> findPeriod(DocumentKind kind, const xmlNode* root) {
    if (kind == DocumentKind::Samenwerkingsconvenant) {
        const xmlNode* looptijd = xml::firstChild(root, "looptijd");
        if (looptijd == nullptr) return std::nullopt;
        return Period{xml::text(xml::firstChild(looptijd, "ingangsdatum")),
                      xml::text(xml::firstChild(looptijd, "einddatum"))};
    }
    const xmlNode* periode = xml::firstChild(root, "periode");
    if (periode == nullptr) return std::nullopt;
    return Period{xml::text(xml::firstChild(periode, "begin")),
                  xml::text(xml::firstChild(periode, "eind"))};
}

// Rules the XSD cannot say: dates in order.
std::vector<ErrorDetail> checkPeriod(const std::optional<Period>& period, const xmlNode* root) {
    std::vector<ErrorDetail> problems;
    if (period && !period->end.empty() && period->end < period->start) {
        problems.push_back(
            {"the period ends (" + period->end + ") before it starts (" + period->start + ")",
             static_cast<int>(xmlGetLineNo(root)), xml::path(root)});
    }
    return problems;
}

std::vector<PartnerReference> findPartnerReferences(xmlNode* node) {
    std::vector<PartnerReference> references;
    for (xmlNode* child = node; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (xmlHasProp(child, BAD_CAST "partner") != nullptr) {
            references.push_back({xml::attribute(child, "partner"),
                                  static_cast<int>(xmlGetLineNo(child)), xml::path(child)});
        }
        auto nested = findPartnerReferences(child->children);
        references.insert(references.end(), nested.begin(), nested.end());
    }
    return references;
}

}  // namespace

Result<ValidContent> validateContent(DocumentKind kind, std::string_view text) {
    if (text.size() > kMaxContentBytes) {
        return makeError(ErrorCode::InvalidContent,
                         "the content is " + std::to_string(text.size()) +
                             " bytes, more than the " + std::to_string(kMaxContentBytes) +
                             " a version may hold",
                         {{"the content is too large", std::nullopt, "/"}});
    }
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                         std::move(parsed.problems));
    }
    xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    std::string expectedRoot(toString(kind));
    if (root == nullptr || root->ns != nullptr ||
        !xmlStrEqual(root->name, BAD_CAST expectedRoot.c_str())) {
        std::string found = "nothing";
        if (root != nullptr) {
            found = "<";
            found.append(reinterpret_cast<const char*>(root->name));
            found.append(">");
        }
        return makeError(
            ErrorCode::InvalidContent,
            "content of a " + expectedRoot + " must have root element <" + expectedRoot +
                "> without a namespace; found " + found,
            {{"wrong root element", root ? static_cast<int>(xmlGetLineNo(root)) : 1, "/"}});
    }

    auto problems = xml::validate(xml::schema(schemaPath(kind)), parsed.doc.get());
    if (!problems.empty()) {
        // Counted before the details are moved into the error.
        std::string places = problems.size() > xml::kMaxProblems
                                 ? "more than " + std::to_string(xml::kMaxProblems)
                                 : std::to_string(problems.size());
        return makeError(
            ErrorCode::InvalidContent,
            "the content breaks the " + expectedRoot + " schema in " + places + " place(s)",
            std::move(problems));
    }

    ValidContent content;
    content.region = xml::attribute(root, "regio");
    content.title = xml::text(xml::firstChild(root, "titel"));
    content.period = findPeriod(kind, root);
    problems = checkPeriod(content.period, root);
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidContent, "the content breaks a rule of " + expectedRoot,
                         std::move(problems));
    }

    content.partnerReferences = findPartnerReferences(root);
    xml::stripFormatting(root);
    content.canonicalXml = xml::canonicalize(parsed.doc.get());
    content.hash = sha256Hex(content.canonicalXml);
    return content;
}

Result<ContentIdentity> identifyContent(std::string_view text) {
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                         std::move(parsed.problems));
    }
    xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    std::string name = root ? reinterpret_cast<const char*>(root->name) : "";
    auto kind = parseDocumentKind(name);
    if (!kind || name == idSegment(DocumentKind::Samenwerkingsconvenant)) {
        return makeError(
            ErrorCode::InvalidContent,
            "the root element <" + name +
                "> is not a document kind; use <samenwerkingsconvenant>, <beleidsagenda> "
                "or <uitvoeringsagenda>",
            {{"unknown root element", root ? static_cast<int>(xmlGetLineNo(root)) : 1, "/"}});
    }
    return ContentIdentity{*kind, xml::attribute(root, "regio")};
}

Result<std::string> indentContent(std::string_view canonicalXml) {
    xml::Parsed parsed = xml::parseUntrusted(canonicalXml);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent, "stored content is not well-formed XML",
                         std::move(parsed.problems));
    }
    xml::stripFormatting(xmlDocGetRootElement(parsed.doc.get()));
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(parsed.doc.get(), &buffer, &size, "UTF-8", 1);
    std::string indented(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size));
    xmlFree(buffer);
    return indented;
}

}  // namespace beraad
