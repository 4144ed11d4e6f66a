#include "render/PackageRules.h"

#include <libxml/tree.h>

namespace beraad::render {

SourceEntry* findEntry(std::vector<SourceEntry>& entries, const std::string& name) {
    for (SourceEntry& entry : entries) {
        if (entry.name == name) return &entry;
    }
    return nullptr;
}

Result<void> loadData(SourceEntry& entry) {
    if (!entry.zipped || !entry.data.empty()) return {};
    auto data = ZipReader::extract(*entry.zipped);
    if (!data) return data.error();
    entry.data = std::move(data.value());
    return {};
}

std::string dump(xmlDoc* doc) {
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &buffer, &size, "UTF-8");
    std::string text(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size));
    xmlFree(buffer);
    return text;
}

}  // namespace beraad::render
