#include "audit/ExportSupport.h"

#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <ostream>

namespace beraad {

std::string_view toString(ExportFormat format) {
    switch (format) {
        case ExportFormat::Json:
            return "json";
        case ExportFormat::Csv:
            return "csv";
        case ExportFormat::CsvExcel:
            return "csv-excel";
        case ExportFormat::Bundel:
            return "zip";
    }
    return "json";
}

std::optional<ExportFormat> parseExportFormat(std::string_view name) {
    if (name == "json") return ExportFormat::Json;
    if (name == "csv") return ExportFormat::Csv;
    if (name == "csv-excel") return ExportFormat::CsvExcel;
    if (name == "zip") return ExportFormat::Bundel;
    return std::nullopt;
}

std::string_view mediaType(ExportFormat format) {
    switch (format) {
        case ExportFormat::Json:
            return "application/json";
        case ExportFormat::Csv:
        case ExportFormat::CsvExcel:
            return "text/csv; charset=utf-8";
        case ExportFormat::Bundel:
            return "application/zip";
    }
    return "application/octet-stream";
}

std::string exportFileName(const ExportRequest& request) {
    std::string base = request.documentId ? *request.documentId : request.region.value_or("beraad");
    if (request.format == ExportFormat::CsvExcel) return base + "-export-excel.csv";
    return base + "-export." + std::string(toString(request.format));
}

}  // namespace beraad

namespace beraad::audit {

std::vector<std::string> streamsOf(const ExportScope& scope) {
    std::vector<std::string> streams;
    if (scope.regionStream) streams.push_back(regionStream(scope.region.code));
    for (const auto& document : scope.documents)
        streams.push_back(documentStream(document.id));
    return streams;
}

void writeJson(std::ostream& out, const Poco::Dynamic::Var& value) {
    Poco::JSON::Stringifier::stringify(value, out, 0, -1, Poco::JSON_WRAP_STRINGS);
}

ProgressReporter::ProgressReporter(const ExportJob& job) : job_(job) {
    step_ = std::max<std::int64_t>(1, job.scope.totalVersions / 100);
}

void ProgressReporter::versionDone(const std::string& documentId) {
    ++done_;
    if (!job_.request.progress) return;
    if (done_ % step_ != 0 && done_ != job_.scope.totalVersions) return;
    job_.request.progress({documentId, done_, job_.scope.totalVersions});
}

}  // namespace beraad::audit
