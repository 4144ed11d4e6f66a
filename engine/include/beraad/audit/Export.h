#pragma once
// Export of a document's or a whole region's history for auditors and
// archivists: one JSON document, CSV with one row per event, or a
// ZIP bundle (content, renderings, event log, MDTO records, SHA-256 manifest)
// that verifies offline with BundleVerifier.h. Exports stream: versions and
// events are read one at a time and written to the caller's stream, so a
// history of any length is never held in memory whole. docs/audit.md
// describes each format field by field.

#include <optional>
#include <string>
#include <string_view>

#include "beraad/records/AuditRecords.h"

namespace beraad {

std::string_view toString(ExportFormat format);  // "json", "csv", "zip"
std::optional<ExportFormat> parseExportFormat(std::string_view name);
std::string_view mediaType(ExportFormat format);

// The file name an export of this request is offered under.
std::string exportFileName(const ExportRequest& request);

}  // namespace beraad
