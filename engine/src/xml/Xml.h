#pragma once
// Internal libxml2 support shared by the engine modules: safe parsing with
// every problem collected, compiled schemas from the embedded resources,
// canonicalisation. Not part of the public API.

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Error.h"

namespace beraad::xml {

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// Initialises libxml2 once for the process and installs an entity loader that
// serves "beraad-resource:/<path>" from the embedded resources and refuses
// network URLs.
void initialize();

struct Parsed {
    DocPtr doc;  // null when problems are fatal
    std::vector<ErrorDetail> problems;
};

// Collects libxml2's structured errors raised on this thread while alive
// (XPath compilation and evaluation, RelaxNG validation, ...).
class ErrorCollector {
  public:
    explicit ErrorCollector(std::vector<ErrorDetail>& problems);
    ~ErrorCollector();
    ErrorCollector(const ErrorCollector&) = delete;
    ErrorCollector& operator=(const ErrorCollector&) = delete;
};

// The most attributes one element of untrusted text may have. libxml2
// 2.9's check for duplicate attributes is quadratic in them (40,000
// attributes took 8.6 s), so text with more is refused before parsing.
inline constexpr std::size_t kMaxAttributesPerElement = 512;

// The most problems one parse or validation lists; past them one more says
// that more follow, and the rest are dropped.
inline constexpr std::size_t kMaxProblems = 100;

// The first start tag of `text` with more than kMaxAttributesPerElement
// attributes, as a problem with its line; one linear pass, no parsing.
std::optional<ErrorDetail> tooManyAttributes(std::string_view text);

// Parses untrusted text: no network, no DTD loading, no entity expansion;
// a DOCTYPE is refused outright, and so is an element with more than
// kMaxAttributesPerElement attributes. Every problem carries its line.
Parsed parseUntrusted(std::string_view text);
// The same for a document that is only read afterwards (never modified):
// short text is kept inside its node, which saves an allocation per value.
Parsed parseUntrustedReadOnly(std::string_view text);

// Parses an embedded resource (schemas, shipped data); throws on failure,
// since a broken resource is a build error.
DocPtr parseResource(std::string_view path);

// The compiled XSD at an embedded resource path; compiled on first use and
// shared read-only between threads afterwards.
xmlSchema* schema(std::string_view path);

// Every schema violation in doc, with its line.
std::vector<ErrorDetail> validate(xmlSchema* schema, xmlDoc* doc);

// Removes comments, processing instructions and whitespace-only text in
// elements that have element children.
void stripFormatting(xmlNode* node);

// Canonical XML 1.0 without comments.
std::string canonicalize(xmlDoc* doc);

// The document as libxml2 writes it (UTF-8, with the XML declaration).
std::string serialize(xmlDoc* doc);

// Text content of a node (empty for null).
std::string text(const xmlNode* node);
std::string attribute(const xmlNode* node, const char* name);
const xmlNode* firstChild(const xmlNode* node, const char* name);
std::vector<const xmlNode*> children(const xmlNode* node, const char* name);
// "/samenwerkingsconvenant/partijen/partij[2]" style path for messages.
std::string path(const xmlNode* node);

}  // namespace beraad::xml
