// Offline verification of an export bundle: the bundle alone, no store.
#include "beraad/audit/BundleVerifier.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <set>
#include <sstream>

#include "audit/BundleLayout.h"
#include "beraad/base/Sha256.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/history/Event.h"
#include "package/ZipReader.h"
#include "xml/Xml.h"

namespace beraad {
namespace {

using Poco::JSON::Object;
namespace layout = audit::layout;

struct File {
    package::ZipEntry entry;
    std::optional<std::string> sha256;  // empty when the file cannot be read
};

struct Stream {
    explicit Stream(const std::string& name) : verifier(name) {}
    ChainVerifier verifier;
    std::map<std::int64_t, std::string> vouched;  // version -> content hash its event records
    bool reported = false;
};

class Verifier {
  public:
    explicit Verifier(BundleReport& report) : report_(report) {}

    void run(std::string_view zipBytes) {
        auto entries = package::ZipReader::entries(zipBytes);
        if (!entries) {
            problem("bundle",
                    "the bundle is not a readable zip package: " + entries.error().describe());
            return;
        }
        for (auto& entry : *entries)
            files_.emplace(entry.name, File{entry, std::nullopt});
        checkManifest();
        auto index = readJson(layout::kIndex);
        checkEvents();
        if (!index) return;
        checkHeads(*index);
        checkDocuments(*index);
        checkMdtoFiles();
    }

  private:
    void problem(const std::string& where, std::string message,
                 std::optional<int> line = std::nullopt) {
        report_.problems.push_back({std::move(message), line, where});
    }

    // The bytes of a file, CRC checked; reports a missing or unreadable one.
    std::optional<std::string> read(const std::string& path) {
        auto found = files_.find(path);
        if (found == files_.end()) {
            problem(path, "the file is missing from the bundle");
            return std::nullopt;
        }
        auto bytes = package::ZipReader::extract(found->second.entry);
        if (!bytes) {
            problem(path, "the file cannot be read: " + bytes.error().message);
            return std::nullopt;
        }
        return std::move(bytes.value());
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
            listed.insert(path);
            if (!files_.count(path)) {
                problem(path, "listed in the manifest but missing from the bundle");
                continue;
            }
            auto bytes = read(path);
            if (!bytes) continue;
            ++report_.filesChecked;
            files_.at(path).sha256 = sha256Hex(*bytes);
            if (*files_.at(path).sha256 != expected) {
                problem(path, "SHA-256 " + *files_.at(path).sha256 +
                                  " does not match the manifest (" + expected +
                                  "): the file was changed");
            }
        }
        for (const auto& [path, file] : files_) {
            if (path != layout::kManifest && !listed.count(path)) {
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
            problem(index, label + "expected version " + std::to_string(expected), line);
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

    BundleReport& report_;
    std::map<std::string, File> files_;
    std::map<std::string, Stream> streams_;
};

}  // namespace

BundleReport verifyBundle(std::string_view zipBytes) {
    xml::initialize();
    BundleReport report;
    try {
        Verifier(report).run(zipBytes);
    } catch (const std::exception& failure) {
        report.problems.push_back({std::string("the bundle cannot be verified: ") + failure.what(),
                                   std::nullopt, "bundle"});
    }
    return report;
}

}  // namespace beraad
