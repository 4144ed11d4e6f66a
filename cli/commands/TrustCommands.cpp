// beraad sleutel / checkpoint / ontvangstbewijs / getuige: the installation's
// keys, signed checkpoints, receipts and witnesses (docs/audit.md). Every
// check is made here with the trust module, on what the store or the server
// hands over, so a server's answer is never taken on its word.
#include <Poco/JSON/Array.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "Cli.h"
#include "Output.h"
#include "Receipts.h"
#include "beraad/present/TrustJson.h"
#include "beraad/trust/KeyFolder.h"

namespace beraad::cli {
namespace {

namespace fs = std::filesystem;

// The stream a command is about: a document id, --regio CODE or --systeem.
void declareStream(po::options_description& options,
                   po::positional_options_description& positional) {
    options.add_options()("id", po::value<std::string>(), "document id")(
        "regio", po::value<std::string>(), "a region's own stream instead, e.g. AM05")(
        "systeem", "the system stream instead (tokens, definitions, reference data)");
    positional.add("id", 1);
}

std::string streamOf(const po::variables_map& options) {
    int given =
        static_cast<int>(options.count("id") + options.count("regio") + options.count("systeem"));
    if (given != 1) {
        throw po::error("name one stream: a document id, --regio CODE or --systeem");
    }
    if (options.count("regio")) return regionStream(options["regio"].as<std::string>());
    if (options.count("systeem")) return kSystemStream;
    return documentStream(options["id"].as<std::string>());
}

// Verifier keys, one per line ('#' starts a comment); each line named on error.
std::vector<trust::VerifierKey> readKeys(const std::string& text, const std::string& source) {
    std::vector<trust::VerifierKey> keys;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') continue;
        auto end = line.find_last_not_of(" \t\r");
        try {
            keys.push_back(trust::parseVerifierKey(line.substr(start, end - start + 1)));
        } catch (const trust::NoteError& error) {
            throw po::error(source + " line " + std::to_string(number) + ": not a verifier key (" +
                            error.what() + ")");
        }
    }
    return keys;
}

// --sleutel KEY (repeatable): a verifier key itself or a file of them.
std::vector<trust::VerifierKey> pinnedKeysOf(const po::variables_map& options) {
    std::vector<trust::VerifierKey> keys;
    if (!options.count("sleutel")) return keys;
    for (const auto& given : options["sleutel"].as<std::vector<std::string>>()) {
        bool isFile = fs::is_regular_file(given);
        auto found = readKeys(isFile ? readSmallFile(given, "key file") : given,
                              isFile ? given : "--sleutel");
        keys.insert(keys.end(), found.begin(), found.end());
    }
    return keys;
}

void declareKeyOption(po::options_description& options) {
    options.add_options()("sleutel", po::value<std::vector<std::string>>(),
                          "verify with this installation key only (a verifier key or a file of "
                          "them, as 'beraad sleutel toon' prints; repeatable) instead of the keys "
                          "the store or server publishes");
}

// The keys to check with: the pinned ones, else the ones published.
Result<std::vector<trust::VerifierKey>> trustedKeys(Context& context,
                                                    const po::variables_map& options) {
    auto pinned = pinnedKeysOf(options);
    if (!pinned.empty()) return pinned;
    return context.backend().publicKeys();
}

std::string problemList(const std::vector<std::string>& problems) {
    std::string text;
    for (const auto& problem : problems)
        text += (text.empty() ? "" : "; ") + problem;
    return text;
}

// Whether today's history, as the store or server shows it, extends a
// checkpoint of `size` events and `root`: the newest checkpoint verifies
// with `trusted` and a consistency proof leads from one to the other.
// Problems go to `problems`; returns the newest checkpoint's size.
std::uint64_t checkExtends(Context& context, const std::string& stream, std::uint64_t size,
                           const trust::Hash& root, const std::vector<trust::VerifierKey>& trusted,
                           std::vector<std::string>& problems) {
    auto note = context.backend().checkpoint(stream);
    if (!note) {
        problems.push_back("the newest checkpoint of " + stream +
                           " cannot be had: " + note.error().message);
        return 0;
    }
    auto newest = trust::checkCheckpoint(*note, stream, trusted);
    if (!newest.valid()) {
        problems.push_back("the newest checkpoint of " + stream +
                           " does not verify: " + problemList(newest.problems));
        return 0;
    }
    std::uint64_t current = newest.checkpoint->size;
    if (current < size) {
        problems.push_back("today's history of " + stream + " has " + std::to_string(current) +
                           " events, fewer than the " + std::to_string(size) +
                           " kept: events were removed");
        return current;
    }
    if (current == size) {
        if (newest.checkpoint->root != root) {
            problems.push_back("today's history of " + stream + " at " + std::to_string(size) +
                               " events has another root than the kept one: it was rewritten");
        }
        return current;
    }
    auto proof = context.backend().consistencyProof(stream, static_cast<std::int64_t>(size),
                                                    static_cast<std::int64_t>(current));
    if (!proof) {
        problems.push_back("no consistency proof from " + std::to_string(size) + " to " +
                           std::to_string(current) + " events: " + proof.error().message);
        return current;
    }
    std::vector<trust::Hash> path;
    for (const auto& hex : proof->path) {
        auto hash = trust::hashFromHex(hex);
        if (!hash) {
            problems.push_back("the consistency proof holds a hash that is not one");
            return current;
        }
        path.push_back(*hash);
    }
    if (!trust::verifyConsistency(size, current, root, newest.checkpoint->root, path)) {
        problems.push_back("today's history of " + stream + " (" + std::to_string(current) +
                           " events) does not extend the kept checkpoint of " +
                           std::to_string(size) + " events: an event up to " +
                           std::to_string(size) + " was changed or removed after it was signed");
    }
    return current;
}

int printVerdict(Context& context, const std::string& stream, const std::vector<std::string>& lines,
                 const std::vector<std::string>& problems, Poco::JSON::Object json) {
    if (context.json()) {
        json.set("stroom", stream);
        json.set("geldig", problems.empty());
        Poco::JSON::Array list;
        for (const auto& problem : problems)
            list.add(problem);
        json.set("problemen", list);
        printJson(context.out(), json);
    } else {
        for (const auto& line : lines)
            context.out() << line << '\n';
        for (const auto& problem : problems)
            context.out() << "  problem: " << problem << '\n';
        context.out() << stream << ": " << (problems.empty() ? "verifies" : "DOES NOT VERIFY")
                      << '\n';
    }
    return problems.empty() ? kSuccess : kIntegrity;
}

// --- sleutel -----------------------------------------------------------------

int showKeys(Context& context, const po::variables_map&) {
    auto keys = context.backend().publicKeys();
    if (!keys) return context.fail(keys.error());
    if (keys->empty()) {
        return context.fail(makeError(ErrorCode::NotFound, "the installation has no signing key"));
    }
    if (context.json()) {
        Poco::JSON::Array list;
        for (std::size_t i = 0; i < keys->size(); ++i)
            list.add(present::toJson((*keys)[i], i == 0));
        Poco::JSON::Object object;
        object.set("sleutels", list);
        printJson(context.out(), object);
        return kSuccess;
    }
    for (std::size_t i = 0; i < keys->size(); ++i) {
        context.out() << trust::formatVerifierKey((*keys)[i])
                      << (i == 0 ? "  (actief)" : "  (vorige sleutel)") << '\n';
    }
    return kSuccess;
}

int rotateKey(Context& context, const po::variables_map&) {
    if (context.remote()) throw NotAvailableRemotely();
    if (context.actor().role != Role::Beheerder) {
        return context.fail(
            makeError(ErrorCode::Forbidden, "rotating the signing key is for a beheerder"));
    }
    context.engine();  // opens the store and the key folder, creating them when new
    auto keys = trust::KeyFolder::open(context.keyFolder(), context.installation());
    auto old = keys->activeKey();
    auto fresh = keys->rotate();
    if (context.json()) {
        Poco::JSON::Object object;
        object.set("nieuw", present::toJson(fresh, true));
        object.set("vorige", present::toJson(old, false));
        printJson(context.out(), object);
    } else {
        context.out() << "new signing key " << trust::formatVerifierKey(fresh) << '\n'
                      << "the previous key " << trust::keyIdHex(old.keyId) << " is kept in "
                      << (fs::path(context.keyFolder()) / "oud").string()
                      << ": what it signed still verifies\n";
    }
    return kSuccess;
}

// --- checkpoint ----------------------------------------------------------------

int showCheckpoint(Context& context, const po::variables_map& options) {
    std::string stream = streamOf(options);
    auto note = context.backend().checkpoint(stream);
    if (!note) return context.fail(note.error());
    if (context.json()) {
        Poco::JSON::Object object;
        object.set("stroom", stream);
        object.set("checkpoint", *note);
        printJson(context.out(), object);
    } else {
        context.out() << *note;
    }
    return kSuccess;
}

// --- ontvangstbewijs ---------------------------------------------------------------

int fetchReceipt(Context& context, const po::variables_map& options) {
    std::string stream = streamOf(options);
    auto receipt = context.backend().receipt(stream, options["gebeurtenis"].as<std::int64_t>());
    if (!receipt) return context.fail(receipt.error());
    std::string file = writeReceipt(context.receiptFolder(), *receipt);
    if (context.json()) {
        Poco::JSON::Object object;
        object.set("bestand", file);
        object.set("ontvangstbewijs", present::toJson(*receipt));
        printJson(context.out(), object);
    } else {
        context.out() << file << '\n';
    }
    return kSuccess;
}

int verifyReceipt(Context& context, const po::variables_map& options) {
    trust::Receipt receipt;
    try {
        receipt = readReceipt(options["bestand"].as<std::string>());
    } catch (const std::exception& failure) {
        return context.fail(makeError(ErrorCode::InvalidInput, failure.what()));
    }
    const std::string& stream = receipt.event.stream;
    auto trusted = trustedKeys(context, options);
    if (!trusted) return context.fail(trusted.error());
    std::vector<std::string> lines;
    std::vector<std::string> problems = trust::checkReceipt(receipt, *trusted);
    Poco::JSON::Object json;
    json.set("volgnummer", receipt.event.sequence);
    auto kept = trust::checkCheckpoint(receipt.checkpoint, stream, *trusted);
    if (problems.empty() && kept.valid()) {
        lines.push_back("signed by key " + trust::keyIdHex(kept.signer->keyId) + " (" +
                        kept.signer->name + ")");
        lines.push_back("event " + std::to_string(receipt.event.sequence) + " (" +
                        receipt.event.kind + ", " + amsterdamTime(receipt.event.time) +
                        ") is included in the checkpoint of " +
                        std::to_string(kept.checkpoint->size) + " events");
        json.set("checkpointGrootte", static_cast<Poco::Int64>(kept.checkpoint->size));
        if (!options.count("offline")) {
            auto current = checkExtends(context, stream, kept.checkpoint->size,
                                        kept.checkpoint->root, *trusted, problems);
            json.set("huidigeGrootte", static_cast<Poco::Int64>(current));
            if (problems.empty()) {
                lines.push_back("today's history (" + std::to_string(current) +
                                " events) extends it: the event is there, unchanged");
            }
        }
    }
    return printVerdict(context, stream, lines, problems, json);
}

// --- verify against a kept checkpoint or witnesses ---------------------------------

int verifyKept(Context& context, const po::variables_map& options, const std::string& stream) {
    std::string note = readSmallFile(options["checkpoint"].as<std::string>(), "checkpoint file");
    auto pinned = pinnedKeysOf(options);
    if (!context.remote()) {
        auto report =
            context.engine().verifyAgainstCheckpoint(context.actor(), stream, note, pinned);
        if (!report) return context.fail(report.error());
        std::vector<std::string> problems;
        for (const auto& problem : report->problems)
            problems.push_back(problem.where + ": " + problem.message);
        return printVerdict(context, stream,
                            {"checked " + std::to_string(report->eventsChecked) +
                             " events against the kept checkpoint"},
                            problems, Poco::JSON::Object());
    }
    auto trusted = trustedKeys(context, options);
    if (!trusted) return context.fail(trusted.error());
    auto kept = trust::checkCheckpoint(note, stream, *trusted);
    if (!kept.valid()) {
        return context.fail(
            makeError(ErrorCode::InvalidInput,
                      "the kept checkpoint cannot be used: " + problemList(kept.problems)));
    }
    std::vector<std::string> problems;
    auto report = context.backend().verifyDocument(stream.substr(std::string("document:").size()));
    if (!report) return context.fail(report.error());
    for (const auto& problem : report->problems)
        problems.push_back("the server's verify: " + problem.where + ": " + problem.message);
    auto current = checkExtends(context, stream, kept.checkpoint->size, kept.checkpoint->root,
                                *trusted, problems);
    return printVerdict(context, stream,
                        {"kept checkpoint of " + std::to_string(kept.checkpoint->size) +
                         " events, today " + std::to_string(current)},
                        problems, Poco::JSON::Object());
}

int verifyWitnessed(Context& context, const po::variables_map& options, const std::string& stream) {
    std::string file = options["getuigen"].as<std::string>();
    auto witnesses = readKeys(readSmallFile(file, "witness key file"), file);
    int quorum = options.count("quorum") ? options["quorum"].as<int>() : 1;
    if (quorum < 1) throw po::error("--quorum is at least 1");
    auto note = context.backend().checkpoint(stream);
    if (!note) return context.fail(note.error());
    auto trusted = trustedKeys(context, options);
    if (!trusted) return context.fail(trusted.error());
    std::vector<std::string> problems;
    auto newest = trust::checkCheckpoint(*note, stream, *trusted);
    if (!newest.valid()) problems.push_back(problemList(newest.problems));
    int count = trust::countCosignatures(*note, witnesses);
    if (count < quorum) {
        problems.push_back("the newest checkpoint carries " + std::to_string(count) +
                           " valid cosignature(s) of the witnesses in " + file + "; " +
                           std::to_string(quorum) + " required");
    }
    Poco::JSON::Object json;
    json.set("medeondertekeningen", count);
    json.set("quorum", quorum);
    return printVerdict(
        context, stream,
        {std::to_string(count) + " of the " + std::to_string(witnesses.size()) +
         " witnesses cosigned the newest checkpoint (" +
         (newest.checkpoint ? std::to_string(newest.checkpoint->size) : "?") + " events)"},
        problems, json);
}

// --- getuige ------------------------------------------------------------------------

std::string safeName(std::string name) {
    for (char& c : name) {
        if (c == ':' || c == '/') c = '-';
    }
    return name;
}

std::string hostName() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "getuige";
    return std::string("getuige-") + host;
}

int witness(Context& context, const po::variables_map& options) {
    std::string stream = streamOf(options);
    std::string folder = options.count("getuigemap") ? options["getuigemap"].as<std::string>()
                         : std::getenv("BERAAD_GETUIGEMAP") && *std::getenv("BERAAD_GETUIGEMAP")
                             ? std::string(std::getenv("BERAAD_GETUIGEMAP"))
                             : dataFolder("getuige");
    std::string name = options.count("naam") ? options["naam"].as<std::string>() : hostName();
    auto keys = trust::KeyFolder::open((fs::path(folder) / "sleutel").string(), name);
    trust::VerifierKey own =
        trust::verifierKeyFor(keys->name(), trust::kCosignatureType, keys->signingKey());

    // The installation's keys, pinned on first use; a key it starts to sign
    // with later is trusted only once it is added to the file.
    fs::path pinnedFile = fs::path(folder) / "installatie.vkeys";
    std::vector<trust::VerifierKey> trusted;
    std::vector<std::string> notes;
    if (fs::exists(pinnedFile)) {
        trusted =
            readKeys(readSmallFile(pinnedFile.string(), "pinned key file"), pinnedFile.string());
    } else {
        auto published = context.backend().publicKeys();
        if (!published) return context.fail(published.error());
        std::string text;
        for (const auto& key : *published)
            text += trust::formatVerifierKey(key) + "\n";
        writeFileWhole(pinnedFile.string(), text);
        trusted = *published;
        notes.push_back("pinned the installation's keys in " + pinnedFile.string());
    }

    auto note = context.backend().checkpoint(stream);
    if (!note) return context.fail(note.error());
    auto newest = trust::checkCheckpoint(*note, stream, trusted);
    if (!newest.valid()) {
        return context.fail(makeError(
            ErrorCode::Integrity, "the newest checkpoint of " + stream +
                                      " does not verify with the pinned keys (" +
                                      pinnedFile.string() + "): " + problemList(newest.problems) +
                                      "; not cosigned. If the installation rotated its key, add "
                                      "the new key to the file"));
    }
    fs::path lastFile = fs::path(folder) / "laatste" / (safeName(stream) + ".txt");
    if (fs::exists(lastFile)) {
        auto last = trust::checkCheckpoint(readSmallFile(lastFile.string(), "last cosigned"),
                                           stream, trusted);
        if (last.valid()) {
            std::vector<std::string> problems;
            checkExtends(context, stream, last.checkpoint->size, last.checkpoint->root, trusted,
                         problems);
            if (!problems.empty()) {
                return context.fail(makeError(
                    ErrorCode::Integrity,
                    "not cosigned: the history is not consistent with the checkpoint of " +
                        std::to_string(last.checkpoint->size) +
                        " events this witness cosigned before: " + problemList(problems)));
            }
        }
    }
    auto parsed = trust::parseNote(*note);
    auto now = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count());
    auto signature = trust::cosignCheckpoint(parsed.text, keys->name(), keys->signingKey(), now);
    std::string formatted = trust::formatNote({"x\n", {signature}});
    std::string line = formatted.substr(formatted.rfind('\n', formatted.size() - 2) + 1);
    line.pop_back();  // the newline
    auto size = static_cast<std::int64_t>(newest.checkpoint->size);
    auto cosigned =
        context.backend().addCosignature(stream, size, trust::formatVerifierKey(own), line);
    if (!cosigned) return context.fail(cosigned.error());
    writeFileWhole(lastFile.string(), *note);
    for (const auto& text : notes)
        context.err() << "beraad: " << text << '\n';
    if (context.json()) {
        Poco::JSON::Object object;
        object.set("stroom", stream);
        object.set("grootte", size);
        object.set("getuigeSleutel", trust::formatVerifierKey(own));
        object.set("checkpoint", *cosigned);
        printJson(context.out(), object);
    } else {
        context.out() << "cosigned the checkpoint of " << stream << " at " << size << " events as "
                      << trust::formatVerifierKey(own) << '\n';
    }
    return kSuccess;
}

}  // namespace

void declarePinnedKeys(po::options_description& options) {
    declareKeyOption(options);
}

std::vector<trust::VerifierKey> pinnedKeys(const po::variables_map& options) {
    return pinnedKeysOf(options);
}

// verify ID --checkpoint FILE / --getuigen FILE: HistoryCommands' verify
// hands these over.
int verifyTrust(Context& context, const po::variables_map& options) {
    std::string stream = documentStream(options["id"].as<std::string>());
    if (options.count("checkpoint")) {
        int code = verifyKept(context, options, stream);
        if (code != kSuccess || !options.count("getuigen")) return code;
    }
    return verifyWitnessed(context, options, stream);
}

void declareTrustVerify(po::options_description& options) {
    options.add_options()("checkpoint", po::value<std::string>(),
                          "a checkpoint kept earlier ('beraad checkpoint ID > FILE'): prove that "
                          "today's history extends it")(
        "getuigen", po::value<std::string>(),
        "a file of witness keys (one per line): require their cosignatures on the newest "
        "checkpoint")("quorum", po::value<int>(),
                      "how many of the --getuigen must have cosigned (default 1)");
    declareKeyOption(options);
}

std::vector<Command> trustCommands() {
    return {
        {"sleutel toon", "print the installation's public keys (the active one first)",
         "  beraad sleutel toon\n  beraad --server http://127.0.0.1:8080 sleutel toon --json",
         nullptr, showKeys},
        {"sleutel roteer",
         "make a new signing key for the local store; the old public key stays for verification",
         "  beraad sleutel roteer --role beheerder", nullptr, rotateKey},
        {"checkpoint", "print a stream's newest signed checkpoint (keep it to check later)",
         "  beraad checkpoint AM05-convenant-1 > checkpoint.txt\n  beraad checkpoint --regio AM05",
         declareStream, showCheckpoint},
        {"ontvangstbewijs haal", "fetch the receipt of one event and keep it",
         "  beraad ontvangstbewijs haal AM05-convenant-1 --gebeurtenis 7",
         [](po::options_description& options, po::positional_options_description& positional) {
             declareStream(options, positional);
             options.add_options()("gebeurtenis", po::value<std::int64_t>()->required(),
                                   "the event's sequence number in its stream");
         },
         fetchReceipt},
        {"ontvangstbewijs verify",
         "check a receipt: its signature, the event's inclusion, and that today's history "
         "still holds it",
         "  beraad ontvangstbewijs verify ~/.local/share/beraad/ontvangstbewijzen/"
         "document-AM05-convenant-1-7.json --server http://127.0.0.1:8080 --sleutel "
         "installatie.vkey",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("bestand", po::value<std::string>()->required(),
                                   "the receipt file")(
                 "offline", "check the receipt on its own, without today's history");
             positional.add("bestand", 1);
             declareKeyOption(options);
         },
         verifyReceipt},
        {"getuige",
         "witness a stream: check the newest checkpoint against the last one this witness "
         "cosigned, then cosign it",
         "  beraad --server http://127.0.0.1:8080 getuige AM05-convenant-1 --naam fnv-getuige",
         [](po::options_description& options, po::positional_options_description& positional) {
             declareStream(options, positional);
             options.add_options()(
                 "getuigemap", po::value<std::string>(),
                 "the witness's own folder: its key, the pinned installation keys and the last "
                 "checkpoints it cosigned (env BERAAD_GETUIGEMAP; default "
                 "~/.local/share/beraad/getuige)")(
                 "naam", po::value<std::string>(),
                 "the witness's name for a new key (default getuige-<host name>)");
         },
         witness},
    };
}

}  // namespace beraad::cli
