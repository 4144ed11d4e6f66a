// Engine facade: export of a document's or a region's history.
#include <numeric>

#include "audit/ExportSupport.h"
#include "beraad/Engine.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"

namespace beraad {

using detail::guarded;

namespace {

Result<audit::ExportScope> readScope(ReadTransaction& tx, const Actor& actor,
                                     const ExportRequest& request) {
    audit::ExportScope scope;
    std::string regionCode;
    if (request.documentId) {
        auto document = tx.findDocument(*request.documentId);
        if (!document) return detail::notFound("document " + *request.documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        regionCode = document->region;
        scope.documents.push_back(std::move(*document));
    } else {
        regionCode = *request.region;
    }
    if (!actor.mayAccess(regionCode)) return detail::outOfScope(actor, regionCode);
    auto region = tx.findRegion(regionCode);
    if (!region) return detail::notFound("region " + regionCode);
    scope.region = std::move(*region);
    if (request.region) {
        scope.regionStream = true;
        scope.documents = tx.listDocuments({regionCode, std::nullopt, std::nullopt, 1000000, 0});
    }
    scope.partners = tx.listPartners(regionCode);
    scope.totalVersions =
        std::accumulate(scope.documents.begin(), scope.documents.end(), std::int64_t{0},
                        [](std::int64_t sum, const Document& d) { return sum + d.latestVersion; });
    return scope;
}

}  // namespace

Result<ExportSummary> Engine::exportHistory(const Actor& actor, const ExportRequest& request,
                                            std::ostream& out) {
    if (!detail::mayExport(actor)) return detail::forbidden(actor, "export history");
    if (request.documentId.has_value() == request.region.has_value()) {
        return makeError(ErrorCode::InvalidInput, "export either one document or one region");
    }
    return guarded([&]() -> Result<ExportSummary> {
        auto tx = store_->beginRead();
        auto scope = readScope(*tx, actor, request);
        if (!scope) return scope.error();
        auto files = audit::bundleFileCount(*scope, request.withRenderings, keys_ != nullptr);
        if (request.format == ExportFormat::Bundel && files > audit::kMaxBundleFiles) {
            return makeError(ErrorCode::InvalidInput,
                             "the bundle would hold " + std::to_string(files) +
                                 " files, more than a zip without zip64 can (" +
                                 std::to_string(audit::kMaxBundleFiles) +
                                 "); leave out the renderings or export one document at a time");
        }
        audit::ExportJob job{
            *tx,
            *scope,
            request,
            formatTimestamp(clock_->now()),
            actor.name,
            [&](const std::string& id, std::int64_t number, render::TemplateFormat format) {
                return renderVersion(actor, id, number, format);
            }};
        // With the installation's key the bundle is signed: its keys, each
        // stream's newest checkpoint, and a signature over the manifest.
        audit::BundleSigning signing;
        if (keys_) {
            signing.publicKeys = publicKeys();
            signing.checkpoint = [&](const std::string& stream) {
                auto latest = tx->findLatestCheckpoint(stream);
                return latest ? detail::noteWithCosignatures(*tx, *latest) : std::string();
            };
            signing.sign = [this](const std::string& text) {
                return trust::formatNote(
                    {text, {trust::signNote(text, keys_->name(), keys_->signingKey())}});
            };
            job.signing = &signing;
        }
        ExportSummary summary;
        switch (request.format) {
            case ExportFormat::Json:
                summary = audit::writeJsonExport(job, out);
                break;
            case ExportFormat::Csv:
                summary = audit::writeCsvExport(job, out);
                break;
            case ExportFormat::CsvExcel:
                summary = audit::writeCsvExport(job, out, true);
                break;
            case ExportFormat::Bundel:
                summary = audit::writeBundle(job, out);
                break;
        }
        out.flush();
        if (!out) return makeError(ErrorCode::Storage, "writing the export failed");
        summary.fileName = exportFileName(request);
        summary.mediaType = std::string(mediaType(request.format));
        return summary;
    });
}

}  // namespace beraad
