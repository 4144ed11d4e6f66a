#include <map>
#include <set>

#include "render/Dialect.h"
#include "render/DomEdit.h"
#include "render/PackageRules.h"
#include "xml/Xml.h"

namespace beraad::render {
namespace {

constexpr const char* kTextType = "application/vnd.oasis.opendocument.text";

Error invalid(const std::string& why) {
    return makeError(ErrorCode::InvalidInput, "the template is not a usable .odt: " + why);
}

std::string mediaTypeFor(const std::string& name) {
    static const std::map<std::string, std::string> kTypes = {{".xml", "text/xml"},
                                                              {".png", "image/png"},
                                                              {".jpg", "image/jpeg"},
                                                              {".jpeg", "image/jpeg"},
                                                              {".gif", "image/gif"},
                                                              {".svg", "image/svg+xml"},
                                                              {".rdf", "application/rdf+xml"},
                                                              {".wmf", "image/x-wmf"},
                                                              {".emf", "image/x-emf"}};
    size_t dot = name.rfind('.');
    if (dot != std::string::npos) {
        if (auto it = kTypes.find(name.substr(dot)); it != kTypes.end()) return it->second;
    }
    return "application/octet-stream";
}

std::string odfVersion(std::vector<SourceEntry>& entries) {
    SourceEntry* content = findEntry(entries, "content.xml");
    if (content == nullptr || !loadData(*content)) return "1.3";
    auto parsed = xml::parseUntrusted(content->data);
    if (!parsed.doc) return "1.3";
    xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    xmlChar* version = xmlGetNsProp(root, BAD_CAST "version", BAD_CAST ns::kOffice);
    std::string value = version != nullptr ? reinterpret_cast<const char*>(version) : "1.3";
    xmlFree(version);
    return value;
}

Result<void> completeManifest(std::vector<SourceEntry>& entries) {
    SourceEntry* manifest = findEntry(entries, "META-INF/manifest.xml");
    if (manifest == nullptr) {
        std::string version = odfVersion(entries);
        entries.push_back({"META-INF/manifest.xml",
                           std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<manifest:manifest xmlns:manifest=\"") +
                               ns::kManifest + "\" manifest:version=\"" + version + "\"/>",
                           std::nullopt, true, false, false});
        manifest = &entries.back();
    }
    if (auto loaded = loadData(*manifest); !loaded) return loaded.error();
    auto parsed = xml::parseUntrusted(manifest->data);
    if (!parsed.doc) return invalid("META-INF/manifest.xml is not well-formed XML");
    xmlDoc* doc = parsed.doc.get();
    xmlNode* root = xmlDocGetRootElement(doc);
    if (!isElement(root, ns::kManifest, "manifest")) {
        return invalid("META-INF/manifest.xml is not a manifest");
    }
    xmlNs* m = root->ns;
    std::string version = xml::attribute(root, "version");

    std::set<std::string> files;
    for (const SourceEntry& entry : entries)
        files.insert(entry.name);
    std::set<std::string> listed;
    xmlNode* child = root->children;
    while (child != nullptr) {
        xmlNode* next = child->next;
        if (isElement(child, ns::kManifest, "file-entry")) {
            std::string path = xml::attribute(child, "full-path");
            bool present = path == "/" || files.count(path) > 0;
            if (!present && !path.empty() && path.back() == '/') {
                auto it = files.lower_bound(path);
                present = it != files.end() && it->starts_with(path);
            }
            if (xmlHasNsProp(child, BAD_CAST "encryption-data", BAD_CAST ns::kManifest) ||
                xml::firstChild(child, "encryption-data") != nullptr) {
                return invalid("encrypted documents cannot be templates");
            }
            if (!present || listed.count(path) > 0) {
                dom::remove(child);
            } else {
                listed.insert(path);
                if (path == "/") xmlSetNsProp(child, m, BAD_CAST "media-type", BAD_CAST kTextType);
            }
        }
        child = next;
    }
    auto addEntry = [&](const std::string& path, const std::string& type, bool root) {
        xmlNode* entry = xmlNewDocNode(doc, m, BAD_CAST "file-entry", nullptr);
        xmlSetNsProp(entry, m, BAD_CAST "full-path", BAD_CAST path.c_str());
        if (root && !version.empty()) {
            xmlSetNsProp(entry, m, BAD_CAST "version", BAD_CAST version.c_str());
        }
        xmlSetNsProp(entry, m, BAD_CAST "media-type", BAD_CAST type.c_str());
        dom::append(xmlDocGetRootElement(doc), entry);
    };
    if (listed.count("/") == 0) addEntry("/", kTextType, true);
    for (const SourceEntry& entry : entries) {
        if (entry.name == "mimetype" || entry.name.starts_with("META-INF/")) continue;
        if (listed.count(entry.name) == 0) addEntry(entry.name, mediaTypeFor(entry.name), false);
    }
    manifest->data = xml::serialize(doc);
    manifest->changed = true;
    return {};
}

}  // namespace

Result<void> OdtRules::prepare(std::vector<SourceEntry>& entries) {
    if (findEntry(entries, "content.xml") == nullptr) return invalid("content.xml is missing");
    // Signatures cannot survive rendering; a stale one would claim the new text was signed.
    std::erase_if(entries, [](const SourceEntry& entry) {
        return entry.name == "META-INF/documentsignatures.xml" ||
               entry.name == "META-INF/macrosignatures.xml";
    });
    if (auto done = completeManifest(entries); !done) return done;

    std::vector<SourceEntry> ordered;
    ordered.push_back({"mimetype", kTextType, std::nullopt, true, false, true});
    for (SourceEntry& entry : entries) {
        if (entry.name == "mimetype") continue;
        entry.rendered = entry.name == "content.xml" || entry.name == "styles.xml";
        ordered.push_back(std::move(entry));
    }
    entries = std::move(ordered);
    return {};
}

}  // namespace beraad::render
