#pragma once
// What the export writers share: the scope read in one snapshot, the job
// they carry out, and small helpers. Internal to the audit module.

#include <Poco/Dynamic/Var.h>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "beraad/audit/Export.h"
#include "beraad/history/Streams.h"
#include "beraad/records/Records.h"
#include "beraad/records/Results.h"
#include "beraad/render/Template.h"
#include "beraad/store/Store.h"
#include "beraad/trust/Note.h"

namespace beraad::audit {

using Renderer = std::function<Result<RenderedDocument>(
    const std::string& documentId, std::int64_t version, render::TemplateFormat format)>;

// What one export covers.
struct ExportScope {
    Region region;              // the region of the documents
    bool regionStream = false;  // a region export also holds the region's own stream
    std::vector<Document> documents;
    std::vector<Partner> partners;
    std::int64_t totalVersions = 0;
};

// What signs a bundle: the installation's keys (the active one first),
// each stream's newest signed checkpoint with its cosignatures (empty when
// the stream has none) and the signer of a note's text (the signed note).
struct BundleSigning {
    std::vector<trust::VerifierKey> publicKeys;
    std::function<std::string(const std::string& stream)> checkpoint;
    std::function<std::string(const std::string& text)> sign;
};

struct ExportJob {
    ReadTransaction& tx;
    const ExportScope& scope;
    const ExportRequest& request;
    std::string time;                        // ISO 8601 UTC, when the export was made
    std::string actor;                       // who made it
    Renderer render;                         // bundle only
    const BundleSigning* signing = nullptr;  // bundle only; unsigned without
};

ExportSummary writeJsonExport(ExportJob& job, std::ostream& out);
// RFC 4180 with commas; with `excel`, the variant Excel with Dutch regional
// settings opens as columns (docs/audit.md).
ExportSummary writeCsvExport(ExportJob& job, std::ostream& out, bool excel = false);
ExportSummary writeBundle(ExportJob& job, std::ostream& out);

// Files a bundle of this scope holds, and the most a zip without zip64 can.
std::int64_t bundleFileCount(const ExportScope& scope, bool withRenderings, bool signedBundle);
inline constexpr std::int64_t kMaxBundleFiles = 65534;

// The event streams in scope: the region stream first (region exports), then
// one per document.
std::vector<std::string> streamsOf(const ExportScope& scope);

// Writes a value (object, array, string, number) as JSON text.
void writeJson(std::ostream& out, const Poco::Dynamic::Var& value);

// Counts written versions and reports them to the request's callback, at
// most about a hundred times per export so a terminal is not flooded.
class ProgressReporter {
  public:
    explicit ProgressReporter(const ExportJob& job);
    void versionDone(const std::string& documentId);

  private:
    const ExportJob& job_;
    std::int64_t done_ = 0;
    std::int64_t step_ = 1;
};

}  // namespace beraad::audit
