#pragma once
// The records of the audit use cases: what an export is asked for and what
// it wrote (audit/Export.h), and the report of a bundle's offline
// verification (audit/BundleVerifier.h). Plain data.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "beraad/base/Error.h"

namespace beraad {

// CsvExcel: the CSV for Excel with Dutch regional settings (docs/audit.md).
enum class ExportFormat { Json, Csv, CsvExcel, Bundel };

// Reported while exporting: `done` of `total` versions written.
struct ExportProgress {
    std::string documentId;
    std::int64_t done = 0;
    std::int64_t total = 0;
};

struct ExportRequest {
    // Exactly one of the two: a document, or a region (every document of the
    // region and the region's own event stream).
    std::optional<std::string> documentId;
    std::optional<std::string> region;
    ExportFormat format = ExportFormat::Json;
    bool withContent = false;    // JSON: each version's XML too (a bundle always holds it)
    bool withRenderings = true;  // bundle: the ODT and DOCX of every version
    std::function<void(const ExportProgress&)> progress;
};

struct ExportSummary {
    std::string fileName;  // suggested: "AM05-convenant-1-export.zip", "AM05-export.json"
    std::string mediaType;
    std::int64_t documents = 0;
    std::int64_t versions = 0;
    std::int64_t events = 0;
    std::int64_t files = 0;  // entries in a bundle
};

struct BundleReport {
    std::int64_t filesChecked = 0;
    std::int64_t streamsChecked = 0;
    std::int64_t eventsChecked = 0;
    std::int64_t versionsChecked = 0;
    std::vector<ErrorDetail> problems;  // `where`: the file in the bundle
    // Authentic: the bundle carries a signature over its manifest and each
    // stream's signed checkpoint, by the key it names (or the one pinned).
    bool signaturePresent = false;  // the bundle carries a manifest signature
    bool signedBundle = false;      // ... and it verifies with a trusted key
    std::string signerKeyId;
    std::string signerName;
    std::vector<ErrorDetail> authenticityProblems;
    // No rewrite since: checkpoints and receipts kept earlier (or taken
    // from an earlier bundle) against the bundle's history.
    std::int64_t keptChecked = 0;
    std::vector<ErrorDetail> rewriteProblems;

    // Consistent in itself: files, hashes, chains, versions, MDTO.
    bool intact() const { return problems.empty(); }
    bool consistent() const { return problems.empty(); }
    bool authentic() const { return signedBundle && authenticityProblems.empty(); }
    bool noRewrite() const { return rewriteProblems.empty(); }
};

}  // namespace beraad
