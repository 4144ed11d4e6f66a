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

// A signed bundle: the installation's public keys and each stream's newest
// signed checkpoint (both listed in the manifest), and a signed note over
// the manifest's SHA-256 (not listed: it signs the manifest).
inline constexpr const char* kKeys = "ondertekening/sleutels.txt";
inline constexpr const char* kManifestSignature = "ondertekening/manifest.sha256.sig";
inline constexpr const char* kSignatureFormat = "beraad-bundel-ondertekening-v1";
inline constexpr const char* kCheckpointFolder = "ondertekening/checkpoints/";

inline std::string checkpointFile(const std::string& stream) {
    std::string name = stream;
    for (char& c : name) {
        if (c == ':' || c == '/') c = '-';
    }
    return kCheckpointFolder + name + ".txt";
}

// The text the manifest signature signs.
inline std::string manifestSignatureText(const std::string& manifestSha256) {
    return std::string(kSignatureFormat) + "\n" + kManifest + " " + manifestSha256 + "\n";
}

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
