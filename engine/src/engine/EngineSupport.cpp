#include "engine/EngineSupport.h"

#include <set>

namespace beraad::detail {

namespace {

// Partner keys in content must name registered partners of the region.
std::vector<ErrorDetail> unknownPartners(ReadTransaction& tx, const std::string& region,
                                         const ValidContent& content) {
    std::set<std::string> known;
    for (const auto& partner : tx.listPartners(region))
        known.insert(partner.key);
    std::vector<ErrorDetail> problems;
    for (const auto& reference : content.partnerReferences) {
        if (known.count(reference.key) == 0) {
            problems.push_back({"partner '" + reference.key + "' is not registered in region " +
                                    region + " (register it first: beraad partner add)",
                                reference.line, reference.path});
        }
    }
    return problems;
}

}  // namespace

Result<ValidContent> checkContent(ReadTransaction& tx, DocumentKind kind, const std::string& region,
                                  const std::string& text) {
    auto content = validateContent(kind, text);
    if (!content) return content.error();
    if (auto bidi = text::bidiControl(text)) {
        return makeError(ErrorCode::InvalidContent,
                         "the content holds a bidirectional control character; remove it", {*bidi});
    }
    if (content->region != region) {
        return makeError(ErrorCode::InvalidContent,
                         "the content names region " + content->region +
                             " but the document is of region " + region,
                         {{"regio attribute does not match the document", 1,
                           "/" + std::string(toString(kind)) + "/@regio"}});
    }
    auto problems = unknownPartners(tx, region, content.value());
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidContent, "the content names unregistered partners",
                         std::move(problems));
    }
    return content;
}

Error forbidden(const Actor& actor, const std::string& what) {
    return makeError(ErrorCode::Forbidden,
                     "the role " + std::string(toString(actor.role)) + " may not " + what);
}

Error outOfScope(const Actor& actor, const std::string& region) {
    return makeError(ErrorCode::Forbidden, actor.name + " works for region " + actor.regionScope +
                                               " and may not act in region " + region);
}

Error hiddenDocument(const Document& document) {
    return notFound("document " + document.id);
}

Error notFound(const std::string& what) {
    return makeError(ErrorCode::NotFound, what + " does not exist");
}

bool mayWriteDocuments(const Actor& actor) {
    return actor.role == Role::Kwartiermaker || actor.role == Role::Secretariaat;
}

bool mayExport(const Actor& actor) {
    return actor.role == Role::Auditor || actor.role == Role::Beheerder ||
           actor.role == Role::Secretariaat;
}

bool mayManagePartners(const Actor& actor) {
    return actor.role == Role::Secretariaat || actor.role == Role::Beheerder ||
           actor.role == Role::Kwartiermaker;
}

Result<void> storableTexts(text::FieldCheck& check, const std::string& what) {
    if (check.ok()) return {};
    return makeError(ErrorCode::InvalidInput,
                     what + " holds text that cannot be stored; remove the characters named",
                     std::move(check.problems()));
}

}  // namespace beraad::detail
