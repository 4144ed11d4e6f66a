// Offline verification of an export bundle: the bundle alone, no store.
#include "beraad/audit/BundleVerifier.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <set>
#include <sstream>

#include "audit/BundleLayout.h"
#include "beraad/base/Sha256.h"
#include "beraad/content/Content.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/history/Event.h"
#include "beraad/trust/Note.h"
#include "package/ZipReader.h"
#include "xml/Xml.h"

namespace beraad {
namespace {

using Poco::JSON::Object;
namespace layout = audit::layout;

// Each entry is extracted and hashed at most once: its SHA-256 is kept, and
// its bytes too when the verifier reads them again (JSON, XML, text), so a
// manifest or index that names one large entry many times costs one
// extraction, not one per mention.
struct File {
    package::ZipEntry entry;
    std::optional<std::string> sha256;  // empty when the file cannot be read
    bool extracted = false;
    bool failed = false;
    std::shared_ptr<const std::string> bytes;  // kept for the files read again
};

bool keptAfterHashing(const std::string& path) {
    for (std::string_view suffix : {".json", ".jsonl", ".xml", ".txt", ".sha256", ".sig"}) {
        if (path.ends_with(suffix)) return true;
    }
    return false;
}

// The most the verifier reads of a file it parses: a version's content as
// the engine accepts it, anything else (the event log, the version index,
// MDTO records, the manifest) 128 MiB. Files it only hashes (renderings)
// are hashed as they inflate, never held.
constexpr std::uint64_t kMaxParsedFileBytes = 128ull * 1024 * 1024;

std::uint64_t readBudget(const std::string& path) {
    return path.ends_with("/inhoud.xml") ? kMaxContentBytes : kMaxParsedFileBytes;
}

struct Stream {
    explicit Stream(const std::string& name) : verifier(name) {}
    ChainVerifier verifier;
    std::map<std::int64_t, std::string> vouched;  // version -> content hash its event records
    std::vector<trust::Hash> leaves;              // the Merkle leaves of its events, in order
    bool reported = false;
};

class Verifier {
  public:
    Verifier(BundleReport& report, const BundleTrust& trust) : report_(report), trust_(trust) {}

    void run(std::string_view zipBytes) {
        auto entries = package::ZipReader::entries(zipBytes);
        if (!entries) {
            problem("bundle",
                    "the bundle is not a readable zip package: " + entries.error().describe());
            return;
        }
        for (auto& entry : *entries)
            files_.emplace(entry.name, File{entry, std::nullopt, false, false, nullptr});
        checkManifest();
        auto index = readJson(layout::kIndex);
        checkEvents();
        if (!index) return;
        checkHeads(*index);
        checkDocuments(*index);
        checkMdtoFiles();
        checkAuthenticity(*index);
        checkKept();
    }

  private:
    void problem(const std::string& where, std::string message,
                 std::optional<int> line = std::nullopt) {
        report_.problems.push_back({std::move(message), line, where});
    }

    // The bytes of a file, CRC checked, extracted once; reports a missing
    // or unreadable one (once).
    std::shared_ptr<const std::string> read(const std::string& path) {
        auto found = files_.find(path);
        if (found == files_.end()) {
            problem(path, "the file is missing from the bundle");
            return nullptr;
        }
        File& file = found->second;
        if (file.bytes) return file.bytes;
        if (file.failed) return nullptr;
        if (file.entry.size > readBudget(path)) {
            file.failed = true;
            problem(path, "the file is " + std::to_string(file.entry.size) +
                              " bytes, more than the " + std::to_string(readBudget(path)) +
                              " the verifier reads of it");
            return nullptr;
        }
        auto bytes = package::ZipReader::extract(file.entry);
        if (!bytes) {
            file.failed = true;
            problem(path, "the file cannot be read: " + bytes.error().message);
            return nullptr;
        }
        file.extracted = true;
        file.sha256 = sha256Hex(*bytes);
        auto shared = std::make_shared<const std::string>(std::move(bytes.value()));
        if (keptAfterHashing(path)) file.bytes = shared;
        return shared;
    }

    // The SHA-256 of a file, extracting it only when not yet hashed; a
    // file that is not read again is hashed as it inflates.
    std::optional<std::string> hashOf(const std::string& path) {
        auto& file = files_.at(path);
        if (file.sha256 || file.failed) return file.sha256;
        if (keptAfterHashing(path)) {
            read(path);
            return file.sha256;
        }
        Sha256Stream hash;
        auto done = package::ZipReader::extractTo(
            file.entry, [&](std::string_view block) { hash.update(block); });
        if (!done) {
            file.failed = true;
            problem(path, "the file cannot be read: " + done.error().message);
            return std::nullopt;
        }
        file.extracted = true;
        file.sha256 = hash.hex();
        return file.sha256;
    }

    Object::Ptr readJson(const std::string& path) {
        auto text = read(path);
        if (!text) return nullptr;
        try {
            return parseJsonObject(*text);
        } catch (const std::exception& failure) {
            problem(path, std::string("the file is not a JSON object: ") + failure.what());
            return nullptr;
        }
    }

    void checkManifest() {
        auto manifest = read(layout::kManifest);
        if (!manifest) return;
        manifest_ = *manifest;
        std::set<std::string> listed;
        std::istringstream lines(*manifest);
        std::string line;
        int number = 0;
        while (std::getline(lines, line)) {
            ++number;
            if (line.size() < 67 || line.compare(64, 2, "  ") != 0) {
                problem(layout::kManifest, "the line is not '<sha256>  <file>'", number);
                continue;
            }
            std::string expected = line.substr(0, 64);
            std::string path = line.substr(66);
            if (!listed.insert(path).second) {
                problem(layout::kManifest, "the file " + path + " is listed more than once",
                        number);
                continue;
            }
            if (!files_.count(path)) {
                problem(path, "listed in the manifest but missing from the bundle");
                continue;
            }
            auto sha = hashOf(path);
            if (!sha) continue;
            ++report_.filesChecked;
            if (*sha != expected) {
                problem(path, "SHA-256 " + *sha + " does not match the manifest (" + expected +
                                  "): the file was changed");
            }
        }
        for (const auto& [path, file] : files_) {
            if (path != layout::kManifest && path != layout::kManifestSignature &&
                !listed.count(path)) {
                problem(path, "the file is not listed in the manifest");
            }
        }
    }

    static Event eventFrom(const Object& json) {
        Event event;
        event.stream = json.getValue<std::string>("stroom");
        event.sequence = json.getValue<Poco::Int64>("volgnummer");
        event.kind = json.getValue<std::string>("soort");
        event.actor = json.getValue<std::string>("actor");
        event.role = json.getValue<std::string>("rol");
        event.time = json.getValue<std::string>("tijdstip");
        event.payload = canonicalJson(*json.getObject("gegevens"));
        event.previousHash = json.getValue<std::string>("vorigeHash");
        event.hash = json.getValue<std::string>("hash");
        return event;
    }

    void checkEvents() {
        auto log = read(layout::kEvents);
        if (!log) return;
        std::istringstream lines(*log);
        std::string line;
        int number = 0;
        while (std::getline(lines, line)) {
            ++number;
            Event event;
            try {
                Poco::JSON::Parser parser;
                event = eventFrom(*parser.parse(line).extract<Object::Ptr>());
            } catch (const std::exception& failure) {
                problem(layout::kEvents,
                        std::string("the line is not an event record: ") + failure.what(), number);
                continue;
            }
            addEvent(event, number);
        }
        for (auto& [name, stream] : streams_) {
            report_.eventsChecked += stream.verifier.verdict().eventsChecked;
        }
    }

    void addEvent(const Event& event, int line) {
        auto& stream = streams_.try_emplace(event.stream, event.stream).first->second;
        stream.verifier.add(event);
        stream.leaves.push_back(trust::eventLeaf(event.hash));
        const auto& verdict = stream.verifier.verdict();
        if (verdict.firstBreak && !stream.reported) {
            stream.reported = true;
            problem(layout::kEvents,
                    event.stream + ", event " + std::to_string(verdict.firstBreak->sequence) +
                        ": first broken link: " + verdict.firstBreak->reason,
                    line);
        }
        if (event.kind != "document-aangemaakt" && event.kind != "versie-toegevoegd") return;
        try {
            auto payload = parseJsonObject(event.payload);
            stream.vouched[payload->getValue<Poco::Int64>("versie")] =
                payload->getValue<std::string>("inhoudHash");
        } catch (const std::exception&) {
            problem(layout::kEvents,
                    event.stream + ", event " + std::to_string(event.sequence) +
                        ": the payload cannot be read as a version record",
                    line);
        }
    }

    // The end of each stream against the head the bundle recorded at export.
    void checkHeads(const Object& index) {
        std::set<std::string> recorded;
        auto heads = index.getArray("stromen");
        for (size_t i = 0; heads && i < heads->size(); ++i) {
            auto head = heads->getObject(static_cast<unsigned>(i));
            std::string name = head->getValue<std::string>("stroom");
            recorded.insert(name);
            ++report_.streamsChecked;
            auto sequence = head->getValue<Poco::Int64>("laatsteVolgnummer");
            auto hash = head->getValue<std::string>("kopHash");
            auto found = streams_.find(name);
            std::int64_t checked =
                found == streams_.end() ? 0 : found->second.verifier.verdict().eventsChecked;
            if (found != streams_.end() && found->second.reported) continue;
            std::string end = found == streams_.end() ? std::string(kGenesisHash)
                                                      : found->second.verifier.verdict().headHash;
            if (checked != sequence || (sequence > 0 && end != hash)) {
                problem(layout::kEvents,
                        name + ": the bundle records event " + std::to_string(sequence) + " (" +
                            hash + ") as the last, but the log ends at event " +
                            std::to_string(checked) + ": events were removed or added");
            }
        }
        for (const auto& [name, stream] : streams_) {
            if (!recorded.count(name)) {
                problem(layout::kEvents, name + ": a stream the bundle index does not list");
            }
        }
    }

    void checkDocuments(const Object& index) {
        auto documents = index.getArray("documenten");
        for (size_t i = 0; documents && i < documents->size(); ++i) {
            auto document = documents->getObject(static_cast<unsigned>(i));
            std::string id = document->getValue<std::string>("id");
            auto stream = streams_.find("document:" + id);
            static const std::map<std::int64_t, std::string> none;
            checkVersions(id, document->getValue<Poco::Int64>("laatsteVersie"),
                          stream == streams_.end() ? none : stream->second.vouched);
        }
    }

    void checkVersions(const std::string& id, std::int64_t latest,
                       const std::map<std::int64_t, std::string>& vouched) {
        std::string path = layout::versionsFile(id);
        auto index = read(path);
        if (!index) return;
        std::istringstream lines(*index);
        std::string line;
        int number = 0;
        std::int64_t expected = 1;
        while (std::getline(lines, line)) {
            ++number;
            try {
                auto record = parseJsonObject(line);
                checkVersion(id, *record, expected, vouched, number);
            } catch (const std::exception& failure) {
                problem(path, std::string("the line is not a version record: ") + failure.what(),
                        number);
            }
            ++expected;
        }
        for (const auto& [version, hash] : vouched) {
            if (version >= expected) {
                problem(path, "version " + std::to_string(version) +
                                  ": the event log records it but the bundle has no record of it");
            }
        }
        if (expected - 1 != latest) {
            problem(path, "the bundle index says the latest version is " + std::to_string(latest) +
                              " but the records end at " + std::to_string(expected - 1));
        }
    }

    void checkVersion(const std::string& id, const Object& record, std::int64_t expected,
                      const std::map<std::int64_t, std::string>& vouched, int line) {
        std::string index = layout::versionsFile(id);
        auto version = record.getValue<Poco::Int64>("nummer");
        std::string label = "version " + std::to_string(version) + ": ";
        if (version != expected) {
            // Out of order or repeated: named, and its content not checked
            // again (a version index that repeats one record costs nothing).
            problem(index, label + "expected version " + std::to_string(expected), line);
            return;
        }
        ++report_.versionsChecked;
        std::string hash = record.getValue<std::string>("inhoudHash");
        auto event = vouched.find(version);
        if (event == vouched.end()) {
            problem(index, label + "no event in the log records this version", line);
        } else if (event->second != hash) {
            problem(index,
                    label + "the record says content hash " + hash + " but the event log records " +
                        event->second,
                    line);
        }
        std::string contentPath = layout::contentFile(id, version);
        auto content = read(contentPath);
        if (!content) return;
        std::string actual = sha256Hex(*content);
        if (actual != hash) {
            problem(contentPath, label + "the content hashes to " + actual +
                                     " but its version record says " + hash);
        }
        auto parsed = xml::parseUntrusted(*content);
        if (!parsed.doc) {
            problem(contentPath, label + "the content is not well-formed XML");
            return;
        }
        xml::stripFormatting(xmlDocGetRootElement(parsed.doc.get()));
        if (xml::canonicalize(parsed.doc.get()) != *content) {
            problem(contentPath, label +
                                     "the content is not in canonical form, so its hash "
                                     "cannot be the content hash Beraad computes");
        }
    }

    // Every MDTO bestand record names a file and its checksum: both must hold.
    void checkMdtoFiles() {
        for (const auto& [path, file] : files_) {
            if (!path.ends_with(layout::kMdtoSuffix)) continue;
            std::string described =
                path.substr(0, path.size() - std::string_view(layout::kMdtoSuffix).size());
            if (!files_.count(described)) continue;  // an informatieobject, not a bestand
            auto text = read(path);
            if (!text) continue;
            auto parsed = xml::parseUntrusted(*text);
            const xmlNode* root = parsed.doc ? xmlDocGetRootElement(parsed.doc.get()) : nullptr;
            const xmlNode* bestand = xml::firstChild(root, "bestand");
            const xmlNode* checksum = xml::firstChild(bestand, "checksum");
            std::string recorded = xml::text(xml::firstChild(checksum, "checksumWaarde"));
            const auto& sha = files_.at(described).sha256;
            if (recorded.empty()) {
                problem(path, "the MDTO record holds no checksum of " + described);
            } else if (sha && recorded != *sha) {
                problem(path, "the MDTO checksum " + recorded + " does not match " + described +
                                  " (" + *sha + ")");
            }
        }
    }

    void unauthentic(const std::string& where, std::string message) {
        report_.authenticityProblems.push_back({std::move(message), std::nullopt, where});
    }
    void rewritten(const std::string& where, std::string message) {
        report_.rewriteProblems.push_back({std::move(message), std::nullopt, where});
    }

    // The keys the bundle names (ondertekening/sleutels.txt).
    std::vector<trust::VerifierKey> bundleKeys() {
        std::vector<trust::VerifierKey> keys;
        if (!files_.count(layout::kKeys)) return keys;
        auto text = read(layout::kKeys);
        if (!text) return keys;
        std::istringstream lines(*text);
        std::string line;
        int number = 0;
        while (std::getline(lines, line)) {
            ++number;
            if (line.empty()) continue;
            try {
                keys.push_back(trust::parseVerifierKey(line));
            } catch (const trust::NoteError& error) {
                unauthentic(layout::kKeys, "line " + std::to_string(number) +
                                               " is not a verifier key: " + error.what());
            }
        }
        return keys;
    }

    const std::vector<trust::VerifierKey>& trusted() {
        if (!trustedLoaded_) {
            trusted_ = trust_.pinned.empty() ? bundleKeys() : trust_.pinned;
            trustedLoaded_ = true;
        }
        return trusted_;
    }

    std::string keyWord() const {
        return trust_.pinned.empty() ? "a key the bundle names" : "a pinned key";
    }

    void checkAuthenticity(const Object& index) {
        if (!files_.count(layout::kManifestSignature)) {
            unauthentic(layout::kManifestSignature,
                        "the bundle is not signed: it was exported without the installation's "
                        "key, or the signature was removed");
            return;
        }
        report_.signaturePresent = true;
        if (trusted().empty()) {
            unauthentic(layout::kKeys, "the bundle names no key to check its signature with");
            return;
        }
        auto text = read(layout::kManifestSignature);
        if (!text) return;
        trust::Note note;
        try {
            note = trust::parseNote(*text);
        } catch (const trust::NoteError& error) {
            unauthentic(layout::kManifestSignature,
                        std::string("the signature is not a signed note: ") + error.what());
            return;
        }
        std::optional<trust::VerifierKey> signer;
        for (const auto& signature : note.signatures) {
            for (const auto& key : trusted()) {
                if (!signer && trust::verifyNoteSignature(note.text, signature, key)) signer = key;
            }
        }
        if (!signer) {
            unauthentic(layout::kManifestSignature,
                        "the signature over manifest.sha256 is not by " + keyWord());
            return;
        }
        report_.signedBundle = true;
        report_.signerKeyId = trust::keyIdHex(signer->keyId);
        report_.signerName = signer->name;
        if (note.text != layout::manifestSignatureText(sha256Hex(manifest_))) {
            unauthentic(layout::kManifestSignature,
                        "the signature is over another manifest: manifest.sha256 was changed "
                        "after the bundle was signed");
        }
        auto heads = index.getArray("stromen");
        for (size_t i = 0; heads && i < heads->size(); ++i) {
            auto head = heads->getObject(static_cast<unsigned>(i));
            std::string stream = head->getValue<std::string>("stroom");
            std::string path = layout::checkpointFile(stream);
            if (!files_.count(path)) {
                unauthentic(path, stream + " has no signed checkpoint in the bundle");
                continue;
            }
            auto checkpoint = read(path);
            if (!checkpoint) continue;
            auto verdict = trust::checkCheckpoint(*checkpoint, stream, trusted());
            for (const auto& message : verdict.problems)
                unauthentic(path, message);
            if (!verdict.valid()) continue;
            const auto& leaves = streams_.try_emplace(stream, stream).first->second.leaves;
            if (verdict.checkpoint->size != leaves.size()) {
                unauthentic(path, "signed for " + std::to_string(verdict.checkpoint->size) +
                                      " events, but the bundle holds " +
                                      std::to_string(leaves.size()) + " of " + stream);
            } else if (verdict.checkpoint->root != trust::rootOf(leaves)) {
                unauthentic(path, "the bundle's events of " + stream +
                                      " are not the ones the checkpoint signs");
            }
        }
    }

    // One kept checkpoint against the bundle's events of its stream.
    // A checkpoint of a stream the bundle does not hold is a problem when it
    // was kept for this check, and does not apply when it came with an
    // earlier bundle of a wider scope.
    void checkKeptCheckpoint(const std::string& note, const std::string& where,
                             bool required = true) {
        std::string stream;
        try {
            auto checkpoint = trust::parseCheckpoint(trust::parseNote(note).text);
            auto slash = checkpoint.origin.find('/');
            if (slash != std::string::npos) stream = checkpoint.origin.substr(slash + 1);
        } catch (const trust::NoteError& error) {
            rewritten(where, std::string("not a signed checkpoint: ") + error.what());
            return;
        }
        auto found = streams_.find(stream);
        if (found == streams_.end() && !required) return;
        ++report_.keptChecked;
        if (found == streams_.end()) {
            rewritten(where, "a checkpoint of " + stream + ", which the bundle does not hold");
            return;
        }
        auto verdict = trust::checkCheckpoint(note, stream, trusted());
        for (const auto& message : verdict.problems)
            rewritten(where, message);
        if (!verdict.valid()) return;
        const auto& leaves = found->second.leaves;
        std::uint64_t size = verdict.checkpoint->size;
        if (size > leaves.size()) {
            rewritten(where, "kept for " + std::to_string(size) + " events of " + stream +
                                 ", but the bundle holds " + std::to_string(leaves.size()) +
                                 ": events were removed since");
            return;
        }
        std::vector<trust::Hash> prefix(leaves.begin(),
                                        leaves.begin() + static_cast<std::ptrdiff_t>(size));
        if (trust::rootOf(prefix) != verdict.checkpoint->root) {
            rewritten(where, "the bundle's history of " + stream +
                                 " does not extend the kept checkpoint of " + std::to_string(size) +
                                 " events: one of those events was changed since it was signed");
        }
    }

    void checkKept() {
        for (std::size_t i = 0; i < trust_.keptCheckpoints.size(); ++i)
            checkKeptCheckpoint(trust_.keptCheckpoints[i],
                                "kept checkpoint " + std::to_string(i + 1));
        for (const auto& receipt : trust_.receipts) {
            std::string where = "receipt of event " + std::to_string(receipt.event.sequence) +
                                " of " + receipt.event.stream;
            for (const auto& message : trust::checkReceipt(receipt, trusted()))
                rewritten(where, message);
            auto found = streams_.find(receipt.event.stream);
            auto index = static_cast<std::size_t>(receipt.event.sequence - 1);
            if (found != streams_.end() && receipt.event.sequence >= 1 &&
                index < found->second.leaves.size() &&
                found->second.leaves[index] != trust::eventLeaf(receipt.event.hash)) {
                rewritten(where, "the bundle's event " + std::to_string(receipt.event.sequence) +
                                     " is not the one the receipt holds");
            }
            checkKeptCheckpoint(receipt.checkpoint, where);
        }
        for (std::size_t i = 0; i < trust_.earlierBundles.size(); ++i) {
            auto entries = package::ZipReader::entries(trust_.earlierBundles[i]);
            std::string where = "earlier bundle " + std::to_string(i + 1);
            if (!entries) {
                rewritten(where, "not a readable zip package");
                continue;
            }
            for (const auto& entry : *entries) {
                if (!entry.name.starts_with(layout::kCheckpointFolder)) continue;
                auto bytes = package::ZipReader::extract(entry);
                if (!bytes) {
                    rewritten(where + ", " + entry.name, "cannot be read");
                    continue;
                }
                checkKeptCheckpoint(*bytes, where + ", " + entry.name, false);
            }
        }
    }

    BundleReport& report_;
    const BundleTrust& trust_;
    std::vector<trust::VerifierKey> trusted_;
    bool trustedLoaded_ = false;
    std::string manifest_;
    std::map<std::string, File> files_;
    std::map<std::string, Stream> streams_;
};

}  // namespace

BundleReport verifyBundle(std::string_view zipBytes, const BundleTrust& trust) {
    xml::initialize();
    BundleReport report;
    try {
        Verifier(report, trust).run(zipBytes);
    } catch (const std::exception& failure) {
        report.problems.push_back({std::string("the bundle cannot be verified: ") + failure.what(),
                                   std::nullopt, "bundle"});
    }
    return report;
}

}  // namespace beraad
