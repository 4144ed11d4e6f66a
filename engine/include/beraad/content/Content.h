#pragma once
// Content of a document version: one XML document, valid against the XSD of
// its kind in schemas/. validateContent parses, validates and canonicalises
// it; the SHA-256 of the canonical form is the content hash that versions,
// decisions and the event log refer to.
//
// Canonical form: formatting whitespace between elements is dropped, then
// libxml2's Canonical XML 1.0 (without comments) is applied, so the same
// content has the same hash whatever indentation or attribute order a client
// sent, and any change of a value, element or attribute changes it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/records/DocumentKind.h"

namespace beraad {

struct Period {
    std::string start;  // ISO date
    std::string end;    // ISO date
};

// A partner key named in content (partij/@partner, trekker/@partner, ...),
// with where it stands, so the engine can check it against the register.
struct PartnerReference {
    std::string key;
    int line = 0;
    std::string path;
};

struct ValidContent {
    std::string canonicalXml;
    std::string hash;    // SHA-256, lower-case hex, of canonicalXml
    std::string title;   // the <titel> of the document
    std::string region;  // the regio attribute of the root element
    std::optional<Period> period;
    std::vector<PartnerReference> partnerReferences;
};

// The most bytes of content one version may hold (the largest shipped
// example is ~20 KB); larger content is refused before it is parsed.
inline constexpr std::size_t kMaxContentBytes = 4 * 1024 * 1024;

// Refuses content that is larger than kMaxContentBytes, not well-formed, has a DOCTYPE, is of
// another kind, or breaks the schema; the error lists every problem with its line.
Result<ValidContent> validateContent(DocumentKind kind, std::string_view xml);

// The kind (root element) and region (regio attribute) of content, read
// without validating it, so a client need not repeat them beside the XML.
struct ContentIdentity {
    DocumentKind kind;
    std::string region;
};
Result<ContentIdentity> identifyContent(std::string_view xml);

// Stored (canonical) content indented for people to read and edit; saving
// the indented text again gives the same canonical form and hash.
Result<std::string> indentContent(std::string_view canonicalXml);

}  // namespace beraad
