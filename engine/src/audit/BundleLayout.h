#pragma once
// Where things are in an export bundle; the writer and the verifier both
// follow this, and docs/audit.md shows it. Internal.

#include <cstdint>
#include <string>

namespace beraad::audit::layout {

inline constexpr const char* kFormat = "beraad-bundel-v1";
inline constexpr const char* kIndex = "bundel.json";
inline constexpr const char* kEvents = "gebeurtenissen.jsonl";
inline constexpr const char* kManifest = "manifest.sha256";
inline constexpr const char* kMdtoSuffix = ".mdto.xml";

inline std::string documentFolder(const std::string& id) {
    return "documenten/" + id + "/";
}
inline std::string documentFile(const std::string& id) {
    return documentFolder(id) + "document.json";
}
inline std::string versionsFile(const std::string& id) {
    return documentFolder(id) + "versies.jsonl";
}
inline std::string informatieobjectFile(const std::string& id) {
    return documentFolder(id) + id + kMdtoSuffix;
}
inline std::string versionFolder(const std::string& id, std::int64_t number) {
    return documentFolder(id) + "versies/" + std::to_string(number) + "/";
}
inline std::string contentFile(const std::string& id, std::int64_t number) {
    return versionFolder(id, number) + "inhoud.xml";
}

}  // namespace beraad::audit::layout
