#pragma once
// MDTO-XML 1.0.1 records (Nationaal Archief) for an export bundle: one
// informatieobject per document, one bestand per file that represents it.
// docs/audit.md lists the source of every field. Internal.

#include <cstdint>
#include <string>
#include <vector>

#include "beraad/records/Records.h"
#include "beraad/records/WorkflowRecords.h"

namespace beraad::audit {

inline constexpr const char* kMdtoSource = "Beraad documentregister";

struct DocumentFacts {
    const Document& document;
    const Region& region;
    const std::vector<Partner>& partners;
    const std::vector<TransitionRecord>& transitions;
    const std::vector<SignatureRecord>& signatures;
};

struct FileFacts {
    std::string path;  // inside the bundle
    std::string name;  // the file name alone
    std::uint64_t size = 0;
    std::string mediaType;
    std::string sha256;
};

std::string mdtoInformatieobject(const DocumentFacts& facts);
std::string mdtoBestand(const FileFacts& file, const Document& document,
                        const std::string& checksumTime);

}  // namespace beraad::audit
