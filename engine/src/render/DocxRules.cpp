#include <array>
#include <cstring>
#include <regex>

#include "render/Dialect.h"
#include "render/DomEdit.h"
#include "render/PackageRules.h"
#include "xml/Xml.h"

namespace beraad::render {
namespace {

constexpr const char* kRelationships =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kSettingsType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
constexpr const char* kNumberingType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
constexpr const char* kOfficeDocumentType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
constexpr const char* kSettingsContentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";

// CT_Settings is a sequence: w:updateFields must come before these.
constexpr std::array<const char*, 21> kAfterUpdateFields = {"hdrShapeDefaults",
                                                            "footnotePr",
                                                            "endnotePr",
                                                            "compat",
                                                            "docVars",
                                                            "rsids",
                                                            "mathPr",
                                                            "attachedSchema",
                                                            "themeFontLang",
                                                            "clrSchemeMapping",
                                                            "doNotIncludeSubdocsInStats",
                                                            "doNotAutoCompressPictures",
                                                            "forceUpgrade",
                                                            "captions",
                                                            "readModeInkLockDown",
                                                            "smartTagType",
                                                            "schemaLibrary",
                                                            "shapeDefaults",
                                                            "doNotEmbedSmartTags",
                                                            "decimalSymbol",
                                                            "listSeparator"};

Error invalid(const std::string& why) {
    return makeError(ErrorCode::InvalidInput, "the template is not a usable .docx: " + why);
}

Result<xml::DocPtr> parse(SourceEntry& entry) {
    if (auto loaded = loadData(entry); !loaded) return loaded.error();
    auto parsed = xml::parseUntrusted(entry.data);
    if (!parsed.doc) {
        std::string message = entry.name + " is not well-formed XML";
        if (!parsed.problems.empty()) message += ": " + parsed.problems.front().message;
        return invalid(message);
    }
    return std::move(parsed.doc);
}

std::string directoryOf(const std::string& name) {
    size_t slash = name.rfind('/');
    return slash == std::string::npos ? std::string() : name.substr(0, slash + 1);
}

std::string fileOf(const std::string& name) {
    size_t slash = name.rfind('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

// Resolves a relationship target against the folder of its source part.
std::string resolve(const std::string& base, std::string target) {
    if (!target.empty() && target.front() == '/') return target.substr(1);
    std::string path = base;
    while (target.starts_with("../")) {
        target = target.substr(3);
        if (!path.empty()) path = directoryOf(path.substr(0, path.size() - 1));
    }
    return path + target;
}

std::string relationshipTarget(xmlDoc* rels, const char* type) {
    for (xmlNode* n = xmlDocGetRootElement(rels)->children; n != nullptr; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xml::attribute(n, "Type") == type &&
            xml::attribute(n, "TargetMode") != "External") {
            return xml::attribute(n, "Target");
        }
    }
    return {};
}

xmlNode* firstChildElement(xmlNode* parent, const char* ns, const char* name) {
    for (xmlNode* n = parent->children; n != nullptr; n = n->next) {
        if (isElement(n, ns, name)) return n;
    }
    return nullptr;
}

void setUpdateFields(xmlDoc* settings) {
    xmlNode* root = xmlDocGetRootElement(settings);
    xmlNs* w = xmlSearchNsByHref(settings, root, BAD_CAST ns::kW);
    if (w == nullptr) w = xmlNewNs(root, BAD_CAST ns::kW, BAD_CAST "w");
    if (xmlNode* existing = firstChildElement(root, ns::kW, "updateFields")) {
        xmlSetNsProp(existing, w, BAD_CAST "val", BAD_CAST "true");
        return;
    }
    xmlNode* flag = xmlNewDocNode(settings, w, BAD_CAST "updateFields", nullptr);
    xmlSetNsProp(flag, w, BAD_CAST "val", BAD_CAST "true");
    for (xmlNode* n = root->children; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        bool after = !inNamespace(n, ns::kW);  // extensions (w14:, w15:) close the sequence
        for (const char* name : kAfterUpdateFields) {
            if (isElement(n, ns::kW, name)) after = true;
        }
        if (after) {
            dom::insertBefore(n, flag);
            return;
        }
    }
    dom::append(root, flag);
}

Result<void> addSettingsPart(std::vector<SourceEntry>& entries, const std::string& main) {
    std::string folder = directoryOf(main);
    std::string settingsName = folder + "settings.xml";
    SourceEntry settings{settingsName,
                         std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" "
                                     "standalone=\"yes\"?>\n<w:settings xmlns:w=\"") +
                             ns::kW + "\"><w:updateFields w:val=\"true\"/></w:settings>",
                         std::nullopt,
                         true,
                         false,
                         false};

    std::string relsName = folder + "_rels/" + fileOf(main) + ".rels";
    SourceEntry* rels = findEntry(entries, relsName);
    if (rels == nullptr) {
        entries.push_back({relsName,
                           std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" "
                                       "standalone=\"yes\"?>\n<Relationships xmlns=\"") +
                               kRelationships + "\"/>",
                           std::nullopt, true, false, false});
        rels = &entries.back();
    }
    auto relsDoc = parse(*rels);
    if (!relsDoc) return relsDoc.error();
    xmlNode* root = xmlDocGetRootElement(relsDoc.value().get());
    xmlNode* relationship =
        xmlNewDocNode(relsDoc.value().get(), root->ns, BAD_CAST "Relationship", nullptr);
    xmlSetProp(relationship, BAD_CAST "Id", BAD_CAST "rIdBeraadSettings");
    xmlSetProp(relationship, BAD_CAST "Type", BAD_CAST kSettingsType);
    xmlSetProp(relationship, BAD_CAST "Target", BAD_CAST "settings.xml");
    dom::append(root, relationship);
    rels->data = xml::serialize(relsDoc.value().get());
    rels->changed = true;

    SourceEntry* types = findEntry(entries, "[Content_Types].xml");
    auto typesDoc = parse(*types);
    if (!typesDoc) return typesDoc.error();
    xmlNode* typesRoot = xmlDocGetRootElement(typesDoc.value().get());
    xmlNode* override =
        xmlNewDocNode(typesDoc.value().get(), typesRoot->ns, BAD_CAST "Override", nullptr);
    xmlSetProp(override, BAD_CAST "PartName", BAD_CAST("/" + settingsName).c_str());
    xmlSetProp(override, BAD_CAST "ContentType", BAD_CAST kSettingsContentType);
    dom::append(typesRoot, override);
    types->data = xml::serialize(typesDoc.value().get());
    types->changed = true;
    entries.push_back(std::move(settings));
    return {};
}

}  // namespace

Result<void> DocxRules::prepare(std::vector<SourceEntry>& entries) {
    SourceEntry* types = findEntry(entries, "[Content_Types].xml");
    if (types == nullptr) return invalid("[Content_Types].xml is missing");
    SourceEntry* packageRels = findEntry(entries, "_rels/.rels");
    std::string main = "word/document.xml";
    if (packageRels != nullptr) {
        auto rels = parse(*packageRels);
        if (!rels) return rels.error();
        std::string target = relationshipTarget(rels.value().get(), kOfficeDocumentType);
        if (!target.empty()) main = resolve("", target);
    }
    if (findEntry(entries, main) == nullptr) return invalid(main + " is missing");

    // A template (.dotx) renders to a document (.docx).
    if (auto loaded = loadData(*types); !loaded) return loaded.error();
    static const std::string kTemplateType = "wordprocessingml.template.main+xml";
    if (size_t at = types->data.find(kTemplateType); at != std::string::npos) {
        types->data.replace(at, kTemplateType.size(), "wordprocessingml.document.main+xml");
        types->changed = true;
    }

    std::string folder = directoryOf(main);
    static const std::regex kStory(R"((header|footer)\d*\.xml|footnotes\.xml|endnotes\.xml)");
    for (SourceEntry& entry : entries) {
        entry.rendered = entry.name == main || (directoryOf(entry.name) == folder &&
                                                std::regex_match(fileOf(entry.name), kStory));
    }

    std::string settingsName;
    if (SourceEntry* mainRels = findEntry(entries, folder + "_rels/" + fileOf(main) + ".rels")) {
        auto rels = parse(*mainRels);
        if (!rels) return rels.error();
        std::string target = relationshipTarget(rels.value().get(), kSettingsType);
        if (!target.empty()) settingsName = resolve(folder, target);
        std::string numbering = relationshipTarget(rels.value().get(), kNumberingType);
        if (SourceEntry* part =
                numbering.empty() ? nullptr : findEntry(entries, resolve(folder, numbering))) {
            part->numbering = true;
        }
    }
    SourceEntry* settings = settingsName.empty() ? nullptr : findEntry(entries, settingsName);
    if (settings == nullptr) return addSettingsPart(entries, main);
    auto settingsDoc = parse(*settings);
    if (!settingsDoc) return settingsDoc.error();
    setUpdateFields(settingsDoc.value().get());
    settings->data = xml::serialize(settingsDoc.value().get());
    settings->changed = true;
    return {};
}

}  // namespace beraad::render
