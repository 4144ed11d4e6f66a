// The ZIP bundle: written entry by entry to the caller's stream, so only the
// manifest, the version index of the document being written and the zip's
// central directory are in memory, never the versions or the archive.
#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/SHA2Engine.h>

#include <ostream>
#include <sstream>

#include "audit/BundleLayout.h"
#include "workflow/ChainRecords.h"
#include "audit/ExportSupport.h"
#include "audit/Mdto.h"
#include "beraad/base/Sha256.h"
#include "beraad/present/Json.h"
#include "package/ZipWriter.h"

namespace beraad::audit {

using present::toJson;

namespace {

constexpr int kDeflateLevel = 6;

std::string fileNameOf(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string toText(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    writeJson(out, value);
    return out.str();
}

class Bundle {
  public:
    explicit Bundle(std::ostream& out) : zip_(out) {}

    // Adds a file and returns its SHA-256. Packages that are zips already
    // (ODT, DOCX) are stored, everything else deflated.
    std::string add(const std::string& path, std::string_view bytes, bool compress = true) {
        std::string hash = sha256Hex(bytes);
        if (compress) {
            zip_.addDeflated(path, bytes, kDeflateLevel);
        } else {
            zip_.add(package::ZipWriter::store(path, bytes));
        }
        listed(path, hash);
        return hash;
    }

    // A file written in pieces (the event log).
    void begin(const std::string& path) {
        path_ = path;
        hasher_.reset();
        zip_.begin(path, kDeflateLevel);
    }
    void write(std::string_view chunk) {
        hasher_.update(chunk.data(), static_cast<unsigned>(chunk.size()));
        zip_.write(chunk);
    }
    void end() {
        zip_.end();
        listed(path_, Poco::DigestEngine::digestToHex(hasher_.digest()));
    }

    // Writes the manifest, and with a signer its signature beside it.
    std::int64_t finish(const BundleSigning* signing) {
        zip_.addDeflated(layout::kManifest, manifest_, kDeflateLevel);
        std::int64_t files = files_ + 1;
        if (signing) {
            zip_.addDeflated(layout::kManifestSignature,
                             signing->sign(layout::manifestSignatureText(sha256Hex(manifest_))),
                             kDeflateLevel);
            ++files;
        }
        zip_.finish();
        return files;
    }

  private:
    void listed(const std::string& path, const std::string& hash) {
        manifest_ += hash + "  " + path + "\n";  // the format sha256sum -c reads
        ++files_;
    }

    package::ZipWriter zip_;
    Poco::SHA2Engine hasher_{Poco::SHA2Engine::SHA_256};
    std::string path_;
    std::string manifest_;
    std::int64_t files_ = 0;
};

Poco::JSON::Object index(ExportJob& job) {
    Poco::JSON::Object object;
    object.set("formaat", layout::kFormat);
    object.set("geexporteerdOp", job.time);
    object.set("geexporteerdDoor", job.actor);
    Poco::JSON::Object scope;
    if (job.request.documentId) scope.set("document", *job.request.documentId);
    if (job.request.region) scope.set("regio", *job.request.region);
    object.set("omvang", scope);
    object.set("regio", toJson(job.scope.region));
    Poco::JSON::Array partners;
    for (const auto& partner : job.scope.partners)
        partners.add(toJson(partner));
    object.set("partners", partners);
    Poco::JSON::Array documents;
    for (const auto& document : job.scope.documents) {
        Poco::JSON::Object entry;
        entry.set("id", document.id);
        entry.set("soort", document.kind);
        entry.set("titel", document.title);
        entry.set("status", document.state);
        entry.set("laatsteVersie", document.latestVersion);
        entry.set("laatsteInhoudHash", document.latestContentHash);
        entry.set("map", layout::documentFolder(document.id));
        documents.add(entry);
    }
    object.set("documenten", documents);
    Poco::JSON::Array streams;
    for (const auto& stream : streamsOf(job.scope)) {
        auto head = job.tx.findStreamHead(stream);
        Poco::JSON::Object entry;
        entry.set("stroom", stream);
        entry.set("laatsteVolgnummer", head ? head->sequence : 0);
        entry.set("kopHash", head ? head->hash : std::string(kGenesisHash));
        if (job.signing) entry.set("checkpoint", layout::checkpointFile(stream));
        streams.add(entry);
    }
    object.set("stromen", streams);
    object.set("weergaven", job.request.withRenderings);
    return object;
}

std::int64_t writeEventLog(ExportJob& job, Bundle& bundle) {
    std::int64_t count = 0;
    bundle.begin(layout::kEvents);
    for (const auto& stream : streamsOf(job.scope)) {
        job.tx.forEachEvent(stream, [&](const Event& event) {
            bundle.write(toText(toJson(event)) + "\n");
            ++count;
        });
    }
    bundle.end();
    return count;
}

// Adds a file that represents the document and its MDTO bestand record beside it.
std::string addRepresentation(Bundle& bundle, const ExportJob& job, const Document& document,
                              const std::string& path, std::string_view bytes,
                              const std::string& mediaType, bool compress = true) {
    std::string hash = bundle.add(path, bytes, compress);
    FileFacts file{path, fileNameOf(path), bytes.size(), mediaType, hash};
    bundle.add(path + layout::kMdtoSuffix, mdtoBestand(file, document, job.time));
    return hash;
}

Poco::JSON::Array addRenderings(Bundle& bundle, ExportJob& job, const Version& version,
                                const Document& document, Poco::JSON::Array& failures) {
    Poco::JSON::Array renderings;
    for (auto format : {render::TemplateFormat::Odt, render::TemplateFormat::Docx}) {
        auto rendered = job.render(document.id, version.number, format);
        if (!rendered) {
            failures.add(rendered.error().describe());
            continue;
        }
        std::string path = layout::versionFolder(document.id, version.number) + rendered->fileName;
        std::string hash = addRepresentation(bundle, job, document, path, rendered->bytes,
                                             rendered->contentType, false);
        Poco::JSON::Object entry;
        entry.set("bestand", path);
        entry.set("mediaType", rendered->contentType);
        entry.set("sha256", hash);
        entry.set("sjabloon", rendered->templateName);
        entry.set("sjabloonVersie", rendered->templateVersion);
        entry.set("sjabloonBron", rendered->templateSource);
        renderings.add(entry);
    }
    return renderings;
}

void writeDocument(ExportJob& job, Bundle& bundle, const Document& document,
                   ProgressReporter& progress, ExportSummary& summary) {
    auto transitions = job.tx.listTransitions(document.id);
    auto signatures = job.tx.listSignatures(document.id);
    workflow::markStatuses(signatures, document.latestContentHash);
    auto recordedDecisions = job.tx.listDecisions(document.id);
    workflow::markStatuses(recordedDecisions, document.latestContentHash);
    Poco::JSON::Object record;
    record.set("document", toJson(document));
    Poco::JSON::Array decisions;
    for (const auto& decision : recordedDecisions)
        decisions.add(toJson(decision));
    record.set("besluiten", decisions);
    Poco::JSON::Array signed_;
    for (const auto& signature : signatures)
        signed_.add(toJson(signature));
    record.set("ondertekeningen", signed_);
    Poco::JSON::Array fired;
    for (const auto& transition : transitions)
        fired.add(toJson(transition));
    record.set("overgangen", fired);
    bundle.add(layout::documentFile(document.id), toText(record) + "\n");

    std::string versionIndex;
    job.tx.forEachVersion(document.id, [&](const Version& version) {
        std::string path = layout::contentFile(document.id, version.number);
        addRepresentation(bundle, job, document, path, version.content, "application/xml");
        Poco::JSON::Object line = toJson(version, false);
        line.set("inhoud", path);
        if (job.request.withRenderings) {
            Poco::JSON::Array failures;
            line.set("weergaven", addRenderings(bundle, job, version, document, failures));
            if (failures.size() > 0) line.set("weergaveFouten", failures);
        }
        versionIndex += toText(line) + "\n";
        ++summary.versions;
        progress.versionDone(document.id);
    });
    bundle.add(layout::versionsFile(document.id), versionIndex);
    bundle.add(layout::informatieobjectFile(document.id),
               mdtoInformatieobject(
                   {document, job.scope.region, job.scope.partners, transitions, signatures}));
}

}  // namespace

std::int64_t bundleFileCount(const ExportScope& scope, bool withRenderings, bool signedBundle) {
    // bundel.json, the event log, the manifest; per document its record,
    // version index and informatieobject; per version its content, and its
    // two renderings, each with an MDTO bestand record; signed, the keys,
    // the manifest's signature and one checkpoint per stream.
    auto documents = static_cast<std::int64_t>(scope.documents.size());
    std::int64_t signing = signedBundle ? 2 + documents + (scope.regionStream ? 1 : 0) : 0;
    return 3 + 3 * documents + (withRenderings ? 6 : 2) * scope.totalVersions + signing;
}

namespace {

// The installation's keys and each stream's newest signed checkpoint, as
// the manifest lists them.
void addSigning(ExportJob& job, Bundle& bundle) {
    std::string keys;
    for (const auto& key : job.signing->publicKeys)
        keys += trust::formatVerifierKey(key) + "\n";
    bundle.add(layout::kKeys, keys);
    for (const auto& stream : streamsOf(job.scope)) {
        std::string note = job.signing->checkpoint(stream);
        if (!note.empty()) bundle.add(layout::checkpointFile(stream), note);
    }
}

}  // namespace

ExportSummary writeBundle(ExportJob& job, std::ostream& out) {
    ExportSummary summary;
    ProgressReporter progress(job);
    Bundle bundle(out);
    bundle.add(layout::kIndex, toText(index(job)) + "\n");
    summary.events = writeEventLog(job, bundle);
    if (job.signing) addSigning(job, bundle);
    for (const auto& document : job.scope.documents) {
        writeDocument(job, bundle, document, progress, summary);
        ++summary.documents;
    }
    summary.files = bundle.finish(job.signing);
    return summary;
}

}  // namespace beraad::audit
