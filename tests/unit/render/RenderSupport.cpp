#include "RenderSupport.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <fstream>
#include <mutex>
#include <set>

#include "OoxmlCheck.h"
#include "TestSupport.h"
#include "package/ZipReader.h"
#include "xml/Xml.h"

namespace beraad::testing {
namespace fs = std::filesystem;
using render::TemplateFormat;

std::string skeletonDir(TemplateFormat format) {
    return sourcePath(format == TemplateFormat::Docx ? "tests/golden/_skeleton/docx"
                                                     : "tests/golden/_skeleton/odt");
}

fs::path writeTemplate(const fs::path& root, TemplateFormat format,
                       const std::map<std::string, std::string>& parts) {
    static int counter = 0;
    fs::path folder = root / ("template-" + std::to_string(++counter));
    fs::copy(skeletonDir(format), folder, fs::copy_options::recursive);
    for (const auto& [name, text] : parts) {
        fs::create_directories((folder / name).parent_path());
        std::ofstream(folder / name, std::ios::binary) << text;
    }
    return folder;
}

std::string docxDocument(const std::string& body) {
    return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"><w:body>)" +
           body +
           R"(<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>)";
}

std::string odtContent(const std::string& body) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles><office:body><office:text>)" +
           body + R"(</office:text></office:body></office:document-content>)";
}

render::Template templateWithBody(TemplateFormat format, const std::string& body) {
    static TempDir root;
    std::map<std::string, std::string> parts;
    if (format == TemplateFormat::Docx) {
        parts["word/document.xml"] = docxDocument(body);
    } else {
        parts["content.xml"] = odtContent(body);
    }
    auto loaded = render::Template::load(writeTemplate(root.path(), format, parts));
    if (!loaded) throw std::runtime_error(loaded.error().describe());
    return loaded.value();
}

Package unzip(const std::string& bytes) {
    Package package;
    auto entries = package::ZipReader::entries(bytes);
    if (!entries) throw std::runtime_error(entries.error().describe());
    for (const auto& entry : entries.value()) {
        auto data = package::ZipReader::extract(entry);
        if (!data) throw std::runtime_error(data.error().describe());
        package.names.push_back(entry.name);
        package.files[entry.name] = data.value();
        package.methods[entry.name] = entry.method;
    }
    return package;
}

std::string normalise(const std::string& xml) {
    auto parsed = xml::parseUntrusted(xml);
    if (!parsed.doc) {
        return "NOT WELL-FORMED: " +
               (parsed.problems.empty() ? std::string() : parsed.problems.front().message);
    }
    return xml::canonicalize(parsed.doc.get());
}

std::string plainText(const std::string& partXml, TemplateFormat format) {
    auto parsed = xml::parseUntrusted(partXml);
    if (!parsed.doc) return "NOT WELL-FORMED";
    std::string out;
    auto visit = [&](auto&& self, xmlNode* node) -> void {
        for (xmlNode* child = node->children; child != nullptr; child = child->next) {
            std::string name = child->name ? reinterpret_cast<const char*>(child->name) : "";
            if (child->type == XML_TEXT_NODE) {
                bool inText =
                    format == TemplateFormat::Docx
                        ? (child->parent && xmlStrEqual(child->parent->name, BAD_CAST "t"))
                        : true;
                if (inText && !xmlIsBlankNode(child))
                    out += reinterpret_cast<const char*>(child->content);
                if (inText && format == TemplateFormat::Odt && xmlIsBlankNode(child) &&
                    child->parent &&
                    (xmlStrEqual(child->parent->name, BAD_CAST "p") ||
                     xmlStrEqual(child->parent->name, BAD_CAST "span"))) {
                    out += reinterpret_cast<const char*>(child->content);
                }
            } else if (child->type == XML_ELEMENT_NODE) {
                if (name == "br" || name == "line-break") out += "\n";
                if (name == "tab") out += "\t";
                if (name == "s" && format == TemplateFormat::Odt) {
                    std::string count = xml::attribute(child, "c");
                    out += std::string(count.empty() ? 1 : std::stoul(count), ' ');
                }
                self(self, child);
                if (name == "p" || name == "h") out += "\n";
            }
        }
    };
    visit(visit, xmlDocGetRootElement(parsed.doc.get()));
    return out;
}

namespace {

struct RelaxNgFree {
    void operator()(xmlRelaxNG* schema) const { xmlRelaxNGFree(schema); }
};

xmlRelaxNG* compileSchema(const std::string& path) {
    xml::initialize();
    xmlRelaxNGParserCtxt* parser = xmlRelaxNGNewParserCtxt(path.c_str());
    xmlRelaxNG* schema = xmlRelaxNGParse(parser);
    xmlRelaxNGFreeParserCtxt(parser);
    return schema;
}

xmlRelaxNG* odfSchema(bool manifest) {
    static std::mutex mutex;
    static std::unique_ptr<xmlRelaxNG, RelaxNgFree> content, manifestSchema;
    std::lock_guard lock(mutex);
    auto& slot = manifest ? manifestSchema : content;
    if (!slot) {
        slot.reset(
            compileSchema(sharedPath(manifest ? "schemas/odf/OpenDocument-v1.3-manifest-schema.rng"
                                              : "schemas/odf/OpenDocument-v1.3-schema.rng")));
    }
    return slot.get();
}

void collect(void* data, xmlErrorPtr error) {
    auto* out = static_cast<std::vector<std::string>*>(data);
    if (error == nullptr || out->size() > 20) return;
    std::string message = error->message ? error->message : "?";
    while (!message.empty() && message.back() == '\n')
        message.pop_back();
    out->push_back("line " + std::to_string(error->line) + ": " + message);
}

std::vector<std::string> duplicates(xmlDoc* doc, const char* xpath,
                                    std::map<std::string, std::string> namespaces) {
    std::vector<std::string> found;
    xmlXPathContext* context = xmlXPathNewContext(doc);
    for (const auto& [prefix, href] : namespaces) {
        xmlXPathRegisterNs(context, BAD_CAST prefix.c_str(), BAD_CAST href.c_str());
    }
    xmlXPathObject* result = xmlXPathEvalExpression(BAD_CAST xpath, context);
    std::set<std::string> seen;
    if (result != nullptr && result->nodesetval != nullptr) {
        for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
            xmlChar* text = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
            std::string value = reinterpret_cast<const char*>(text);
            xmlFree(text);
            if (!seen.insert(value).second)
                found.push_back(std::string(xpath) + " repeats " + value);
        }
    }
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(context);
    return found;
}

const std::map<std::string, std::string> kNamespaces = {
    {"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
    {"wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
    {"w14", "http://schemas.microsoft.com/office/word/2010/wordml"},
    {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
    {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
    {"draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"},
    {"manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"},
};

}  // namespace

bool odfSchemasAvailable() {
    return fs::exists(sharedPath("schemas/odf/OpenDocument-v1.3-schema.rng"));
}

std::vector<std::string> validateOdf(const std::string& xml, bool manifest) {
    std::vector<std::string> problems;
    auto parsed = xml::parseUntrusted(xml);
    if (!parsed.doc) return {"not well-formed"};
    xmlRelaxNG* schema = odfSchema(manifest);
    if (schema == nullptr) return {"the ODF schema does not compile"};
    xmlRelaxNGValidCtxt* context = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(context, collect, &problems);
    int outcome = xmlRelaxNGValidateDoc(context, parsed.doc.get());
    xmlRelaxNGFreeValidCtxt(context);
    if (outcome != 0 && problems.empty()) problems.push_back("invalid (no message)");
    return problems;
}

std::vector<std::string> packageFailures(const std::string& bytes, TemplateFormat format,
                                         bool validateSchema) {
    std::vector<std::string> failures;
    Package package = unzip(bytes);
    auto parse = [&](const std::string& name) {
        auto parsed = xml::parseUntrusted(package.files[name]);
        if (!parsed.doc) failures.push_back(name + " is not well-formed");
        return std::move(parsed.doc);
    };
    if (format == TemplateFormat::Docx) {
        if (package.files.count("word/document.xml") == 0)
            failures.push_back("no word/document.xml");
        auto settings = parse("word/settings.xml");
        if (settings &&
            duplicates(settings.get(), "//w:updateFields[@w:val='true']", kNamespaces).empty() &&
            package.files["word/settings.xml"].find("updateFields w:val=\"true\"") ==
                std::string::npos) {
            failures.push_back("settings.xml lacks w:updateFields");
        }
        std::vector<std::string> stories;
        for (const auto& name : package.names) {
            if (name.starts_with("word/") && name.ends_with(".xml") &&
                name.find('/', 5) == std::string::npos) {
                stories.push_back(name);
            }
        }
        std::set<std::string> docPrIds, paraIds, bookmarkIds;
        for (const auto& name : stories) {
            auto doc = parse(name);
            if (!doc) continue;
            for (const char* xpath : {"//wp:docPr/@id", "//@w14:paraId", "//w:bookmarkStart/@w:id",
                                      "//w:bookmarkStart/@w:name", "//w:bookmarkEnd/@w:id"}) {
                for (auto& failure : duplicates(doc.get(), xpath, kNamespaces)) {
                    failures.push_back(name + ": " + failure);
                }
            }
        }
        if (validateSchema && ooxmlSchemasAvailable()) {
            for (auto& problem : validateDocx(bytes)) {
                failures.push_back(problem + " (ECMA-376 wml.xsd)");
            }
        }
        return failures;
    }
    if (package.names.empty() || package.names.front() != "mimetype") {
        failures.push_back("mimetype is not the first entry");
    } else if (package.methods["mimetype"] != 0) {
        failures.push_back("mimetype is compressed");
    } else if (package.files["mimetype"] != "application/vnd.oasis.opendocument.text") {
        failures.push_back("mimetype is " + package.files["mimetype"]);
    }
    if (bytes.size() < 38 || bytes.compare(30, 8, "mimetype") != 0) {
        failures.push_back("mimetype does not start at offset 30 without extra field");
    }
    auto manifest = parse("META-INF/manifest.xml");
    if (manifest) {
        std::string text = package.files["META-INF/manifest.xml"];
        for (const auto& name : package.names) {
            if (name == "mimetype" || name.starts_with("META-INF/")) continue;
            if (text.find("manifest:full-path=\"" + name + "\"") == std::string::npos) {
                failures.push_back("manifest does not list " + name);
            }
        }
    }
    auto content = parse("content.xml");
    if (content) {
        for (const char* xpath : {"//@xml:id", "//text:bookmark-start/@text:name", "//@draw:name",
                                  "//table:table/@table:name"}) {
            for (auto& failure : duplicates(content.get(), xpath, kNamespaces)) {
                failures.push_back("content.xml: " + failure);
            }
        }
    }
    if (validateSchema && odfSchemasAvailable()) {
        for (const auto& name : package.names) {
            bool isManifest = name == "META-INF/manifest.xml";
            if (!isManifest && name.find('/') != std::string::npos) continue;
            if (!name.ends_with(".xml")) continue;
            for (auto& problem : validateOdf(package.files[name], isManifest)) {
                failures.push_back(name + " breaks the ODF 1.3 schema: " + problem);
            }
        }
    }
    return failures;
}

std::string describe(const std::vector<render::TemplateProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        std::string where = p.part;
        if (p.paragraph > 0) where += ", paragraph " + std::to_string(p.paragraph);
        if (!p.tag.empty()) where += ", " + p.tag;
        out += p.code + " | " + where + "\n";
    }
    return out;
}

std::string describe(const Error& error) {
    std::string out;
    for (const auto& detail : error.details) {
        std::string code = detail.message.substr(0, detail.message.find(':'));
        out += code + " | " + detail.where + "\n";
    }
    return out;
}

std::string plainParagraph(render::TemplateFormat format, const std::string& text) {
    if (format == render::TemplateFormat::Docx)
        return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
    return "<text:p text:style-name=\"Standard\">" + text + "</text:p>";
}

std::string mainPartOf(render::TemplateFormat format) {
    return format == render::TemplateFormat::Docx ? "word/document.xml" : "content.xml";
}

}  // namespace beraad::testing
