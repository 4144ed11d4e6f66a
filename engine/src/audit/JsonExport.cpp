// The JSON export (one document, written as it is read) and the CSV export
// (one row per event, RFC 4180).
#include <Poco/JSON/Array.h>

#include <ostream>
#include <string_view>

#include "audit/ExportSupport.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/present/Json.h"

namespace beraad::audit {

using present::toJson;

namespace {

// Writes `[a,b,...]` from the items a producer hands to `emit`.
template <typename Produce>
void writeArray(std::ostream& out, Produce&& produce) {
    out << '[';
    bool first = true;
    produce([&](const Poco::Dynamic::Var& item) {
        if (!first) out << ',';
        first = false;
        writeJson(out, item);
    });
    out << ']';
}

template <typename Records>
void writeRecords(std::ostream& out, const Records& records) {
    writeArray(out, [&](auto emit) {
        for (const auto& record : records)
            emit(toJson(record));
    });
}

std::int64_t writeEvents(ExportJob& job, std::ostream& out, const std::string& stream) {
    std::int64_t count = 0;
    writeArray(out, [&](auto emit) {
        job.tx.forEachEvent(stream, [&](const Event& event) {
            emit(toJson(event));
            ++count;
        });
    });
    return count;
}

void writeKey(std::ostream& out, const char* key) {
    out << '"' << key << "\":";
}

void writeDocument(ExportJob& job, std::ostream& out, const Document& document,
                   ProgressReporter& progress, ExportSummary& summary) {
    out << '{';
    writeKey(out, "document");
    writeJson(out, toJson(document));
    out << ',';
    writeKey(out, "versies");
    writeArray(out, [&](auto emit) {
        job.tx.forEachVersion(document.id, [&](const Version& version) {
            emit(toJson(version, job.request.withContent));
            ++summary.versions;
            progress.versionDone(document.id);
        });
    });
    out << ',';
    writeKey(out, "besluiten");
    writeRecords(out, job.tx.listDecisions(document.id));
    out << ',';
    writeKey(out, "ondertekeningen");
    writeRecords(out, job.tx.listSignatures(document.id));
    out << ',';
    writeKey(out, "overgangen");
    writeRecords(out, job.tx.listTransitions(document.id));
    out << ',';
    writeKey(out, "gebeurtenissen");
    summary.events += writeEvents(job, out, documentStream(document.id));
    out << '}';
}

// RFC 4180: a field holding the separator, a quote or a line break is
// quoted, quotes doubled. For Excel the separator is ';' (what Excel with
// Dutch regional settings splits on, since the comma is the decimal sign
// there), and a field Excel would read as a formula (=, +, -, @ first) gets
// a leading apostrophe, so opening an export never runs a payload as one.
struct CsvDialect {
    char separator = ',';
    bool excel = false;
};

void writeCsvField(std::ostream& out, const std::string& field, const CsvDialect& dialect) {
    std::string value = field;
    if (dialect.excel && !value.empty() &&
        std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos)
        value.insert(value.begin(), '\'');
    const char special[] = {dialect.separator, '"', '\r', '\n', '\0'};
    if (value.find_first_of(special) == std::string::npos) {
        out << value;
        return;
    }
    out << '"';
    for (char c : value) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

void writeCsvRow(std::ostream& out, const std::vector<std::string>& fields,
                 const CsvDialect& dialect) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out << dialect.separator;
        writeCsvField(out, fields[i], dialect);
    }
    out << "\r\n";
}

// The document and version an event is about, read from its payload.
std::vector<std::string> csvRow(const Event& event) {
    std::string document;
    std::string version;
    std::string contentHash;
    if (event.stream.starts_with("document:")) document = event.stream.substr(9);
    try {
        auto payload = parseJsonObject(event.payload);
        if (payload->has("versie") && payload->get("versie").isInteger()) {
            version = std::to_string(payload->getValue<Poco::Int64>("versie"));
        }
        if (payload->has("inhoudHash") && payload->get("inhoudHash").isString()) {
            contentHash = payload->getValue<std::string>("inhoudHash");
        }
    } catch (const std::exception&) {
        // An unreadable payload is still exported as it is, in the last column.
    }
    return {event.stream,       std::to_string(event.sequence),
            event.time,         event.kind,
            event.actor,        event.role,
            document,           version,
            contentHash,        event.hash,
            event.previousHash, event.payload};
}

}  // namespace

ExportSummary writeJsonExport(ExportJob& job, std::ostream& out) {
    ExportSummary summary;
    ProgressReporter progress(job);
    out << "{\"formaat\":\"beraad-export-v1\",\"geexporteerdOp\":";
    writeJson(out, job.time);
    out << ",\"geexporteerdDoor\":";
    writeJson(out, job.actor);
    out << ",\"regio\":";
    writeJson(out, toJson(job.scope.region));
    out << ",\"partners\":";
    writeRecords(out, job.scope.partners);
    out << ",\"documenten\":[";
    bool first = true;
    for (const auto& document : job.scope.documents) {
        if (!first) out << ',';
        first = false;
        writeDocument(job, out, document, progress, summary);
        ++summary.documents;
    }
    out << ']';
    if (job.scope.regionStream) {
        out << ",\"regioGebeurtenissen\":";
        summary.events += writeEvents(job, out, regionStream(job.scope.region.code));
    }
    out << "}\n";
    return summary;
}

ExportSummary writeCsvExport(ExportJob& job, std::ostream& out, bool excel) {
    ExportSummary summary;
    summary.documents = static_cast<std::int64_t>(job.scope.documents.size());
    summary.versions = job.scope.totalVersions;
    CsvDialect dialect{excel ? ';' : ',', excel};
    if (excel) out << "\xEF\xBB\xBF";  // the BOM: Excel reads the file as UTF-8
    writeCsvRow(out,
                {"stroom", "volgnummer", "tijdstip", "soort", "actor", "rol", "document", "versie",
                 "inhoudHash", "hash", "vorigeHash", "gegevens"},
                dialect);
    for (const auto& stream : streamsOf(job.scope)) {
        job.tx.forEachEvent(stream, [&](const Event& event) {
            writeCsvRow(out, csvRow(event), dialect);
            ++summary.events;
        });
    }
    return summary;
}

}  // namespace beraad::audit
