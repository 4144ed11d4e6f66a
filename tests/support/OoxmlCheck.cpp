#include "OoxmlCheck.h"

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "TestSupport.h"
#include "package/ZipReader.h"
#include "xml/Xml.h"

namespace beraad::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarkupCompatibility =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

// Canonical, so that the imports between the schema files name wml.xsd by
// the same path and libxml2 loads it once, without warnings.
std::string wmlSchemaPath() {
    std::error_code error;
    fs::path path = fs::weakly_canonical(sharedPath("schemas/ooxml/wml.xsd"), error);
    return error ? sharedPath("schemas/ooxml/wml.xsd") : path.string();
}

struct SchemaFree {
    void operator()(xmlSchema* schema) const { xmlSchemaFree(schema); }
};

// Compiled once per process; libxml2 validation contexts are per call.
xmlSchema* wmlSchema() {
    static std::once_flag once;
    static std::unique_ptr<xmlSchema, SchemaFree> schema;
    std::call_once(once, [] {
        xmlSchemaParserCtxt* parser = xmlSchemaNewParserCtxt(wmlSchemaPath().c_str());
        if (parser == nullptr) return;
        schema.reset(xmlSchemaParse(parser));
        xmlSchemaFreeParserCtxt(parser);
    });
    return schema.get();
}

bool isMc(const xmlNode* node) {
    return node->ns != nullptr && xmlStrEqual(node->ns->href, BAD_CAST kMarkupCompatibility);
}

bool isMcElement(const xmlNode* node, const char* name) {
    return node->type == XML_ELEMENT_NODE && isMc(node) && xmlStrEqual(node->name, BAD_CAST name);
}

// The namespace URIs an mc:Ignorable on `element` declares ignorable.
void addIgnorable(xmlNode* element, std::set<std::string>& ignorable) {
    xmlChar* value = xmlGetNsProp(element, BAD_CAST "Ignorable", BAD_CAST kMarkupCompatibility);
    if (value == nullptr) return;
    std::istringstream prefixes(reinterpret_cast<const char*>(value));
    xmlFree(value);
    std::string prefix;
    while (prefixes >> prefix) {
        xmlNs* ns = xmlSearchNs(element->doc, element, BAD_CAST prefix.c_str());
        if (ns != nullptr) ignorable.insert(reinterpret_cast<const char*>(ns->href));
    }
}

bool inIgnorable(const xmlNs* ns, const std::set<std::string>& ignorable) {
    return ns != nullptr && ignorable.count(reinterpret_cast<const char*>(ns->href)) > 0;
}

// Applies Markup Compatibility to `element`'s subtree in place.
void applyMarkupCompatibility(xmlNode* element, std::set<std::string> ignorable) {
    addIgnorable(element, ignorable);
    for (xmlAttr* attr = element->properties; attr != nullptr;) {
        xmlAttr* next = attr->next;
        bool mc = attr->ns != nullptr && xmlStrEqual(attr->ns->href, BAD_CAST kMarkupCompatibility);
        if (mc || inIgnorable(attr->ns, ignorable)) xmlRemoveProp(attr);
        attr = next;
    }
    for (xmlNode* child = element->children; child != nullptr;) {
        xmlNode* next = child->next;
        if (child->type != XML_ELEMENT_NODE) {
            child = next;
            continue;
        }
        if (isMcElement(child, "AlternateContent")) {
            xmlNode* fallback = nullptr;
            for (xmlNode* c = child->children; c != nullptr; c = c->next) {
                if (isMcElement(c, "Fallback")) fallback = c;
            }
            // The fallback's children take the place of the whole choice.
            while (fallback != nullptr && fallback->children != nullptr) {
                xmlNode* moved = fallback->children;
                xmlUnlinkNode(moved);
                xmlAddPrevSibling(child, moved);
                if (moved->type == XML_ELEMENT_NODE) applyMarkupCompatibility(moved, ignorable);
            }
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        } else if (isMc(child) || inIgnorable(child->ns, ignorable)) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        } else {
            applyMarkupCompatibility(child, ignorable);
        }
        child = next;
    }
}

void collect(void* data, xmlErrorPtr error) {
    auto* out = static_cast<std::vector<std::string>*>(data);
    if (error == nullptr || out->size() >= 20) return;
    std::string message = error->message != nullptr ? error->message : "invalid";
    while (!message.empty() && message.back() == '\n')
        message.pop_back();
    out->push_back("line " + std::to_string(error->line) + ": " + message);
}

bool isWordPart(const std::string& name) {
    if (!name.starts_with("word/") || !name.ends_with(".xml")) return false;
    if (name.find('/', 5) != std::string::npos) return false;  // _rels/, theme/, media/
    return true;
}

}  // namespace

bool ooxmlSchemasAvailable() {
    return fs::exists(wmlSchemaPath());
}

std::vector<std::string> validateWordPart(const std::string& xml) {
    auto parsed = xml::parseUntrusted(xml);
    if (!parsed.doc) return {"not well-formed"};
    xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    if (root == nullptr) return {"no root element"};
    applyMarkupCompatibility(root, {});
    xmlSchema* schema = wmlSchema();
    if (schema == nullptr) return {"wml.xsd does not compile"};
    std::vector<std::string> problems;
    xmlSchemaValidCtxt* context = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(context, collect, &problems);
    int outcome = xmlSchemaValidateDoc(context, parsed.doc.get());
    xmlSchemaFreeValidCtxt(context);
    if (outcome != 0 && problems.empty()) problems.push_back("invalid (no message)");
    return problems;
}

std::vector<std::string> validateDocx(const std::string& packageBytes) {
    auto entries = package::ZipReader::entries(packageBytes);
    if (!entries) return {"not a zip package: " + entries.error().message};
    std::vector<std::string> problems;
    for (const auto& entry : entries.value()) {
        if (!isWordPart(entry.name)) continue;
        auto data = package::ZipReader::extract(entry);
        if (!data) {
            problems.push_back(entry.name + ": " + data.error().message);
            continue;
        }
        for (const auto& problem : validateWordPart(data.value())) {
            problems.push_back(entry.name + ": " + problem);
        }
    }
    return problems;
}

}  // namespace beraad::testing
