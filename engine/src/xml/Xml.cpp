#include "xml/Xml.h"

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>

#include "beraad/base/Resources.h"

namespace beraad::xml {
namespace {

constexpr std::string_view kResourceScheme = "beraad-resource:/";

xmlExternalEntityLoader defaultLoader = nullptr;

xmlParserInputPtr resourceLoader(const char* url, const char* id, xmlParserCtxtPtr context) {
    if (url != nullptr) {
        std::string_view location(url);
        if (location.starts_with(kResourceScheme)) {
            auto content = resources::find(location.substr(kResourceScheme.size()));
            if (!content || context == nullptr) return nullptr;
            xmlParserInputBufferPtr buffer = xmlParserInputBufferCreateMem(
                content->data(), static_cast<int>(content->size()), XML_CHAR_ENCODING_NONE);
            if (buffer == nullptr) return nullptr;
            xmlParserInputPtr input = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE);
            if (input != nullptr) {
                input->filename = reinterpret_cast<const char*>(xmlStrdup(BAD_CAST url));
            }
            return input;
        }
        if (location.starts_with("http:") || location.starts_with("https:") ||
            location.starts_with("ftp:")) {
            return nullptr;
        }
    }
    return defaultLoader(url, id, context);
}

void collectError(void* userData, xmlErrorPtr error) {
    auto* problems = static_cast<std::vector<ErrorDetail>*>(userData);
    if (error == nullptr || error->level == XML_ERR_WARNING) return;
    // Bounded: a document full of errors costs no more memory than a few.
    if (problems->size() > kMaxProblems) return;
    if (problems->size() == kMaxProblems) {
        problems->push_back(
            {"more problems follow; only the first " + std::to_string(kMaxProblems) + " are listed",
             std::nullopt,
             {}});
        return;
    }
    std::string message = error->message != nullptr ? error->message : "unknown XML error";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    ErrorDetail detail{message, std::nullopt, {}};
    if (error->line > 0) detail.line = error->line;
    if (error->node != nullptr) {
        auto* node = static_cast<xmlNode*>(error->node);
        if (node->type == XML_ELEMENT_NODE) {
            detail.where = path(node);
            if (!detail.line && node->line > 0) detail.line = static_cast<int>(xmlGetLineNo(node));
        }
    }
    problems->push_back(std::move(detail));
}

// Scoped capture of libxml2's per-thread structured errors.
class ErrorCapture {
  public:
    explicit ErrorCapture(std::vector<ErrorDetail>& problems) {
        xmlSetStructuredErrorFunc(&problems, collectError);
    }
    ~ErrorCapture() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;
};

constexpr int kSafeParseOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA;

struct SchemaFree {
    void operator()(xmlSchema* schema) const { xmlSchemaFree(schema); }
};

}  // namespace

ErrorCollector::ErrorCollector(std::vector<ErrorDetail>& problems) {
    xmlSetStructuredErrorFunc(&problems, collectError);
}

ErrorCollector::~ErrorCollector() {
    xmlSetStructuredErrorFunc(nullptr, nullptr);
}

void initialize() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        defaultLoader = xmlGetExternalEntityLoader();
        xmlSetExternalEntityLoader(resourceLoader);
    });
}

std::optional<ErrorDetail> tooManyAttributes(std::string_view text) {
    const std::size_t n = text.size();
    int line = 1;
    auto skipTo = [&](std::size_t from, std::string_view end) {
        std::size_t found = text.find(end, from);
        std::size_t stop = found == std::string_view::npos ? n : found + end.size();
        line +=
            static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(from),
                                        text.begin() + static_cast<std::ptrdiff_t>(stop), '\n'));
        return stop;
    };
    std::size_t i = 0;
    while (i < n) {
        char c = text[i];
        if (c != '<') {
            if (c == '\n') ++line;
            ++i;
            continue;
        }
        std::string_view rest = text.substr(i);
        if (rest.starts_with("<!--")) {
            i = skipTo(i + 4, "-->");
            continue;
        }
        if (rest.starts_with("<![CDATA[")) {
            i = skipTo(i + 9, "]]>");
            continue;
        }
        if (rest.starts_with("<?")) {
            i = skipTo(i + 2, "?>");
            continue;
        }
        // A start tag (or an end tag, a DOCTYPE): count the '=' outside quotes.
        int tagLine = line;
        std::size_t attributes = 0;
        char quote = 0;
        for (++i; i < n; ++i) {
            char d = text[i];
            if (d == '\n') ++line;
            if (quote != 0) {
                if (d == quote) quote = 0;
                continue;
            }
            if (d == '"' || d == '\'') {
                quote = d;
            } else if (d == '=') {
                ++attributes;
            } else if (d == '>') {
                ++i;
                break;
            }
        }
        if (attributes > kMaxAttributesPerElement) {
            return ErrorDetail{"an element has " + std::to_string(attributes) +
                                   " attributes, more than the " +
                                   std::to_string(kMaxAttributesPerElement) + " allowed",
                               tagLine,
                               {}};
        }
    }
    return std::nullopt;
}

namespace {

Parsed parseWith(std::string_view text, int options) {
    initialize();
    Parsed result;
    if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        result.problems.push_back({"the document is too large", std::nullopt, {}});
        return result;
    }
    if (auto crowded = tooManyAttributes(text)) {
        result.problems.push_back(std::move(*crowded));
        return result;
    }
    {
        ErrorCapture capture(result.problems);
        result.doc.reset(xmlReadMemory(text.data(), static_cast<int>(text.size()), "content.xml",
                                       nullptr, options));
    }
    if (!result.doc) {
        if (result.problems.empty()) result.problems.push_back({"not well-formed XML", 1, {}});
        return result;
    }
    if (xmlGetIntSubset(result.doc.get()) != nullptr) {
        result.problems.push_back({"a DOCTYPE is not allowed in content", std::nullopt, {}});
        result.doc.reset();
        return result;
    }
    if (!result.problems.empty()) result.doc.reset();
    return result;
}

}  // namespace

Parsed parseUntrusted(std::string_view text) {
    return parseWith(text, kSafeParseOptions);
}

Parsed parseUntrustedReadOnly(std::string_view text) {
    return parseWith(text, kSafeParseOptions | XML_PARSE_COMPACT);
}

DocPtr parseResource(std::string_view path) {
    initialize();
    auto content = resources::find(path);
    if (!content) throw std::logic_error("missing embedded resource " + std::string(path));
    std::string url = std::string(kResourceScheme) + std::string(path);
    std::vector<ErrorDetail> problems;
    DocPtr doc;
    {
        ErrorCapture capture(problems);
        doc.reset(xmlReadMemory(content->data(), static_cast<int>(content->size()), url.c_str(),
                                nullptr, XML_PARSE_NONET));
    }
    if (!doc || !problems.empty()) {
        std::string message = "embedded resource " + std::string(path) + " is not well-formed";
        if (!problems.empty()) message += ": " + problems.front().message;
        throw std::logic_error(message);
    }
    return doc;
}

xmlSchema* schema(std::string_view path) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<xmlSchema, SchemaFree>, std::less<>> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(path); it != cache.end()) return it->second.get();

    DocPtr doc = parseResource(path);
    std::vector<ErrorDetail> problems;
    xmlSchema* compiled = nullptr;
    {
        ErrorCapture capture(problems);
        xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt(doc.get());
        compiled = xmlSchemaParse(parser);
        xmlSchemaFreeParserCtxt(parser);
    }
    if (compiled == nullptr) {
        std::string message = "schema " + std::string(path) + " does not compile";
        if (!problems.empty()) message += ": " + problems.front().message;
        throw std::logic_error(message);
    }
    auto& slot = cache[std::string(path)];
    slot.reset(compiled);
    return compiled;
}

std::vector<ErrorDetail> validate(xmlSchema* schema, xmlDoc* doc) {
    std::vector<ErrorDetail> problems;
    xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(context, collectError, &problems);
    int outcome = xmlSchemaValidateDoc(context, doc);
    xmlSchemaFreeValidCtxt(context);
    if (outcome != 0 && problems.empty()) {
        problems.push_back({"the document does not match its schema", std::nullopt, {}});
    }
    return problems;
}

void stripFormatting(xmlNode* node) {
    bool hasElementChild = false;
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) hasElementChild = true;
    }
    xmlNode* child = node->children;
    while (child != nullptr) {
        xmlNode* next = child->next;
        bool drop = child->type == XML_COMMENT_NODE || child->type == XML_PI_NODE ||
                    (hasElementChild && child->type == XML_TEXT_NODE && xmlIsBlankNode(child));
        if (drop) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        } else if (child->type == XML_ELEMENT_NODE) {
            stripFormatting(child);
        }
        child = next;
    }
}

std::string canonicalize(xmlDoc* doc) {
    xmlChar* output = nullptr;
    int size = xmlC14NDocDumpMemory(doc, nullptr, XML_C14N_1_0, nullptr, 0, &output);
    if (size < 0 || output == nullptr) throw std::runtime_error("canonicalisation failed");
    std::string canonical(reinterpret_cast<const char*>(output), static_cast<size_t>(size));
    xmlFree(output);
    return canonical;
}

std::string text(const xmlNode* node) {
    if (node == nullptr) return {};
    xmlChar* content = xmlNodeGetContent(node);
    if (content == nullptr) return {};
    std::string value(reinterpret_cast<const char*>(content));
    xmlFree(content);
    return value;
}

std::string attribute(const xmlNode* node, const char* name) {
    if (node == nullptr) return {};
    xmlChar* value = xmlGetProp(node, BAD_CAST name);
    if (value == nullptr) return {};
    std::string result(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

const xmlNode* firstChild(const xmlNode* node, const char* name) {
    if (node == nullptr) return nullptr;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, BAD_CAST name)) {
            return child;
        }
    }
    return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* node, const char* name) {
    std::vector<const xmlNode*> found;
    if (node == nullptr) return found;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, BAD_CAST name)) {
            found.push_back(child);
        }
    }
    return found;
}

std::string path(const xmlNode* node) {
    xmlChar* raw = xmlGetNodePath(node);
    if (raw == nullptr) return {};
    std::string value(reinterpret_cast<const char*>(raw));
    xmlFree(raw);
    return value;
}

std::string serialize(xmlDoc* doc) {
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &buffer, &size, "UTF-8");
    std::string text(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size));
    xmlFree(buffer);
    return text;
}

}  // namespace beraad::xml
