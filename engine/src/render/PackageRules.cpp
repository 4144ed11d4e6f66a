#include "render/PackageRules.h"

namespace beraad::render {

SourceEntry* findEntry(std::vector<SourceEntry>& entries, const std::string& name) {
    for (SourceEntry& entry : entries) {
        if (entry.name == name) return &entry;
    }
    return nullptr;
}

Result<void> loadData(SourceEntry& entry) {
    if (!entry.zipped || !entry.data.empty()) return {};
    auto data = package::ZipReader::extract(*entry.zipped);
    if (!data) return data.error();
    entry.data = std::move(data.value());
    return {};
}

}  // namespace beraad::render
