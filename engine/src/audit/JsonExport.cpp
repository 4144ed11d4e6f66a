// The JSON export (one document, written as it is read) and the CSV export
// (one row per event, RFC 4180).
#include <Poco/JSON/Array.h>

#include <ostream>

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

// RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
void writeCsvField(std::ostream& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out << field;
        return;
    }
    out << '"';
    for (char c : field) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

void writeCsvRow(std::ostream& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out << ',';
        writeCsvField(out, fields[i]);
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

ExportSummary writeCsvExport(ExportJob& job, std::ostream& out) {
    ExportSummary summary;
    summary.documents = static_cast<std::int64_t>(job.scope.documents.size());
    summary.versions = job.scope.totalVersions;
    writeCsvRow(out, {"stroom", "volgnummer", "tijdstip", "soort", "actor", "rol", "document",
                      "versie", "inhoudHash", "hash", "vorigeHash", "gegevens"});
    for (const auto& stream : streamsOf(job.scope)) {
        job.tx.forEachEvent(stream, [&](const Event& event) {
            writeCsvRow(out, csvRow(event));
            ++summary.events;
        });
    }
    return summary;
}

}  // namespace beraad::audit
