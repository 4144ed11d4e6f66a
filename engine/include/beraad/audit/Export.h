#pragma once
// Export of a document's or a whole region's history for auditors and
// archivists (issue 8): one JSON document, CSV with one row per event, or a
// ZIP bundle (content, renderings, event log, MDTO records, SHA-256 manifest)
// that verifies offline with BundleVerifier.h. Exports stream: versions and
// events are read one at a time and written to the caller's stream, so a
// history of any length is never held in memory whole. docs/audit.md
// describes each format field by field.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace beraad {

enum class ExportFormat { Json, Csv, Bundel };

std::string_view toString(ExportFormat format);  // "json", "csv", "zip"
std::optional<ExportFormat> parseExportFormat(std::string_view name);
std::string_view mediaType(ExportFormat format);

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

// The file name an export of this request is offered under.
std::string exportFileName(const ExportRequest& request);

}  // namespace beraad
