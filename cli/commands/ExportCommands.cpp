// beraad export / bundle verify: history for auditors and archivists.
#include <Poco/JSON/Array.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "Cli.h"
#include "Output.h"
#include "Receipts.h"

namespace beraad::cli {
namespace {

bool looksLikeRegion(const std::string& subject) {
    return subject.size() == 4 && subject.starts_with("AM");
}

// Progress goes to stderr, and only to a terminal unless asked for, so it
// never mixes with --json or with an export written to stdout.
std::function<void(const ExportProgress&)> progressFor(Context& context,
                                                       const po::variables_map& options) {
    bool wanted = options.count("voortgang") || isatty(STDERR_FILENO) == 1;
    if (!wanted) return {};
    return [&context](const ExportProgress& progress) {
        context.err() << "\rexport: " << progress.done << "/" << progress.total << " versions ("
                      << progress.documentId << ")" << (progress.done == progress.total ? "\n" : "")
                      << std::flush;
    };
}

Result<ExportRequest> requestFrom(const po::variables_map& options) {
    ExportRequest request;
    std::string subject = options.count("id") ? options["id"].as<std::string>() : "";
    if (options.count("regio")) {
        if (!subject.empty()) {
            return makeError(ErrorCode::InvalidInput, "give a document or --regio, not both");
        }
        request.region = options["regio"].as<std::string>();
    } else if (looksLikeRegion(subject)) {
        request.region = subject;
    } else if (!subject.empty()) {
        request.documentId = subject;
    } else {
        return makeError(ErrorCode::InvalidInput, "name a document, or a region with --regio");
    }
    auto format = parseExportFormat(options["formaat"].as<std::string>());
    if (!format) {
        return makeError(ErrorCode::InvalidInput, "unknown format '" +
                                                      options["formaat"].as<std::string>() +
                                                      "'; use json, csv, csv-excel or zip");
    }
    request.format = *format;
    request.withContent = options.count("met-inhoud") > 0;
    request.withRenderings = options.count("zonder-weergaven") == 0;
    return request;
}

// Writes to "<file>.part" and renames it when complete, so a failed or
// interrupted export never leaves a file that looks whole.
Result<ExportSummary> exportToFile(Context& context, const ExportRequest& request,
                                   const std::string& path) {
    std::string temporary = path + ".part";
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write file '" + path + "'");
    auto summary = context.backend().exportHistory(request, out);
    out.close();
    if (!summary || !out) {
        std::remove(temporary.c_str());
        if (summary) throw std::runtime_error("writing '" + path + "' failed");
        return summary;
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        throw std::runtime_error("cannot move '" + temporary + "' to '" + path + "'");
    }
    return summary;
}

int exportHistory(Context& context, const po::variables_map& options) {
    auto request = requestFrom(options);
    if (!request) {
        context.err() << "beraad export: " << request.error().message << "\n";
        return kUsage;
    }
    request.value().progress = progressFor(context, options);
    std::string output =
        options.count("uitvoer") ? options["uitvoer"].as<std::string>() : exportFileName(*request);
    if (output == "-") {
        auto summary = context.backend().exportHistory(*request, std::cout);
        return summary ? kSuccess : context.fail(summary.error());
    }
    auto summary = exportToFile(context, *request, output);
    if (!summary) return context.fail(summary.error());
    if (context.json()) {
        Poco::JSON::Object json = toJson(*summary);
        json.set("bestand", output);
        printJson(context.out(), json);
        return kSuccess;
    }
    context.out() << "exported " << summary->documents << " document(s), " << summary->versions
                  << " version(s), " << summary->events << " event(s)";
    if (summary->files > 0) context.out() << ", " << summary->files << " files";
    context.out() << " to " << output << "\n";
    return kSuccess;
}

std::vector<std::string> manyOption(const po::variables_map& options, const char* name) {
    return options.count(name) ? options[name].as<std::vector<std::string>>()
                               : std::vector<std::string>{};
}

void printProblems(Context& context, const std::vector<ErrorDetail>& problems) {
    for (const auto& problem : problems) {
        context.out() << problem.where;
        if (problem.line) context.out() << ":" << *problem.line;
        context.out() << ": " << problem.message << "\n";
    }
}

int verifyBundleFile(Context& context, const po::variables_map& options) {
    std::string file = options["bestand"].as<std::string>();
    std::string bytes = readInput(file, kMaxBundleFileBytes, "bundle");
    BundleTrust trust;
    trust.pinned = pinnedKeys(options);
    for (const auto& kept : manyOption(options, "checkpoint"))
        trust.keptCheckpoints.push_back(readSmallFile(kept, "checkpoint file"));
    for (const auto& kept : manyOption(options, "ontvangstbewijs")) {
        try {
            trust.receipts.push_back(readReceipt(kept));
        } catch (const std::exception& failure) {
            return context.fail(makeError(ErrorCode::InvalidInput, failure.what()));
        }
    }
    for (const auto& earlier : manyOption(options, "vorige-bundel"))
        trust.earlierBundles.push_back(readInput(earlier, kMaxBundleFileBytes, "earlier bundle"));
    BundleReport report = verifyBundle(bytes, trust);
    // A signature that is there must hold; one is required when a key is pinned.
    bool authenticEnough = report.authentic() || (trust.pinned.empty() && !report.signaturePresent);
    bool good = report.consistent() && authenticEnough && report.noRewrite();
    if (context.json()) {
        Poco::JSON::Object json = toJson(report);
        json.set("bundel", file);
        printJson(context.out(), json);
        return good ? kSuccess : kIntegrity;
    }
    printProblems(context, report.problems);
    if (report.authentic()) {
        context.out() << "authentic: signed by key " << report.signerKeyId << " ("
                      << report.signerName << ")"
                      << (trust.pinned.empty() ? ", a key the bundle names; pin it with --sleutel"
                                               : ", pinned")
                      << "\n";
    } else {
        printProblems(context, report.authenticityProblems);
        context.out() << (authenticEnough ? "not signed (exported without the installation's key)"
                                          : "NOT AUTHENTIC")
                      << "\n";
    }
    if (report.keptChecked > 0) {
        printProblems(context, report.rewriteProblems);
        context.out() << (report.noRewrite() ? "no rewrite since: " : "REWRITTEN SINCE: ")
                      << report.keptChecked << " kept checkpoint(s) checked\n";
    } else if (!report.rewriteProblems.empty()) {
        printProblems(context, report.rewriteProblems);
    }
    context.out() << file << ": " << report.filesChecked << " files, " << report.streamsChecked
                  << " streams, " << report.eventsChecked << " events, " << report.versionsChecked
                  << " versions checked: "
                  << (report.intact() ? "bundle intact"
                                      : "BUNDLE DOES NOT VERIFY (" +
                                            std::to_string(report.problems.size()) + " problems)")
                  << "\n";
    return good ? kSuccess : kIntegrity;
}

}  // namespace

std::vector<Command> exportCommands() {
    return {
        {"export", "export the full history of a document or a region as json, csv or a zip bundle",
         "  export BERAAD_ROLE=auditor   # export is for auditor, beheerder and secretariaat\n"
         "  beraad export AM05-convenant-1 --formaat zip      # writes "
         "AM05-convenant-1-export.zip\n"
         "  beraad export --regio AM05 --formaat csv --uitvoer am05.csv\n"
         "  beraad export --regio AM05 --formaat csv-excel   # opens in Dutch Excel\n"
         "  beraad export AM05-convenant-1 --formaat json --met-inhoud --uitvoer - | jq .\n"
         "  beraad bundle verify AM05-convenant-1-export.zip   # offline, no store needed",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("id", po::value<std::string>(),
                                   "document id (or a region code, like --regio)")(
                 "regio", po::value<std::string>(),
                 "export every document of this region and the region's own log")(
                 "formaat", po::value<std::string>()->default_value("json"),
                 "json (one document), csv (one row per event), csv-excel (the same for Excel "
                 "with Dutch settings: ';' between fields, UTF-8 with BOM) or zip (bundle)")(
                 "uitvoer,o", po::value<std::string>(),
                 "file to write (- for stdout; default: <document or region>-export.<formaat>)")(
                 "met-inhoud", "json: include the XML content of every version")(
                 "zonder-weergaven",
                 "zip: leave out the ODT and DOCX renderings (much faster for long histories)")(
                 "voortgang", "report progress on stderr even when it is not a terminal");
             positional.add("id", 1);
         },
         exportHistory},
        {"bundle verify",
         "verify an export bundle offline: manifest hashes, hash chains, content hashes",
         "  beraad bundle verify AM05-convenant-1-export.zip\n"
         "  beraad bundle verify AM05-export.zip --json   # exit 8 and every problem when it "
         "does not verify\n"
         "  beraad bundle verify nieuw.zip --sleutel installatie.vkey --vorige-bundel oud.zip",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("bestand", po::value<std::string>()->required(),
                                   "the bundle (.zip) made by beraad export --formaat zip")(
                 "checkpoint", po::value<std::vector<std::string>>(),
                 "a checkpoint kept earlier: the bundle's history must extend it (repeatable)")(
                 "ontvangstbewijs", po::value<std::vector<std::string>>(),
                 "a receipt kept earlier: its event must be in the bundle, unchanged "
                 "(repeatable)")("vorige-bundel", po::value<std::vector<std::string>>(),
                                 "a bundle exported earlier: its checkpoints count as kept "
                                 "(repeatable)");
             declarePinnedKeys(options);
             positional.add("bestand", 1);
         },
         verifyBundleFile},
    };
}

}  // namespace beraad::cli
