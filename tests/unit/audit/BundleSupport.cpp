#include "BundleSupport.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "TestSupport.h"
#include "package/ZipReader.h"
#include "package/ZipWriter.h"

namespace beraad::testing {

BundleFiles unzipBundle(const std::string& zip) {
    auto entries = package::ZipReader::entries(zip);
    if (!entries) throw std::runtime_error(entries.error().describe());
    BundleFiles files;
    for (const auto& entry : *entries) {
        auto bytes = package::ZipReader::extract(entry);
        if (!bytes) throw std::runtime_error(bytes.error().describe());
        files.emplace_back(entry.name, *bytes);
    }
    return files;
}

std::string zipBundle(const BundleFiles& files) {
    package::ZipWriter writer;
    for (const auto& [name, bytes] : files)
        writer.addDeflated(name, bytes, 1);
    return writer.finish();
}

std::string& fileIn(BundleFiles& files, const std::string& path) {
    for (auto& [name, bytes] : files) {
        if (name == path) return bytes;
    }
    throw std::runtime_error("no file " + path + " in the bundle");
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        result.push_back(line);
    return result;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines)
        text += line + "\n";
    return text;
}

namespace {

std::string schemaPath() {
    return sharedPath("schemas/mdto/MDTO-XML1.0.1.xsd");
}

void collect(void* context, const xmlError* error) {
    auto* problems = static_cast<std::vector<std::string>*>(context);
    problems->push_back("line " + std::to_string(error->line) + ": " +
                        (error->message ? error->message : "?"));
}

}  // namespace

bool mdtoSchemaAvailable() {
    return std::filesystem::exists(schemaPath());
}

std::vector<std::string> validateMdto(const std::string& xml) {
    std::vector<std::string> problems;
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(schemaPath().c_str());
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (schema == nullptr) return {"the MDTO schema does not compile"};
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "mdto.xml", nullptr,
                                  XML_PARSE_NONET);
    if (doc == nullptr) {
        problems.push_back("not well-formed");
    } else {
        xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema);
        xmlSchemaSetValidStructuredErrors(
            valid, [](void* context, xmlErrorPtr error) { collect(context, error); }, &problems);
        if (xmlSchemaValidateDoc(valid, doc) != 0 && problems.empty())
            problems.push_back("invalid");
        xmlSchemaFreeValidCtxt(valid);
        xmlFreeDoc(doc);
    }
    xmlSchemaFree(schema);
    return problems;
}

}  // namespace beraad::testing
