// beraad signature ...: the parties' signatures of a vastgesteld convenant.
#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

int recordSignature(Context& context, const po::variables_map& options) {
    auto version = chosenVersion(context, options);
    if (!version) return context.fail(version.error());
    SignatureRequest request{version->documentId,
                             version->number,
                             version->contentHash,
                             options["partner"].as<std::string>(),
                             options["ondertekenaar"].as<std::string>(),
                             options["functie"].as<std::string>(),
                             options["plaats"].as<std::string>(),
                             options["datum"].as<std::string>()};
    auto recorded = context.backend().recordSignature(request);
    if (!recorded) return context.fail(recorded.error());
    if (context.json()) {
        printJson(context.out(), toJson(*recorded));
        return kSuccess;
    }
    context.out() << "recorded the signature of " << recorded->partner << " ("
                  << recorded->signatory << ") on version " << recorded->version << " of "
                  << recorded->documentId << "\n";
    return kSuccess;
}

void printSignatures(std::ostream& out, const std::vector<SignatureRecord>& signatures) {
    std::vector<std::vector<std::string>> rows{
        {"ID", "PARTNER", "STATUS", "ONDERTEKENAAR", "FUNCTIE", "PLAATS", "DATUM", "VERSIE"}};
    for (const auto& signature : signatures) {
        rows.push_back({std::to_string(signature.id), signature.partner, statusText(signature),
                        signature.signatory, signature.function, signature.place, signature.date,
                        std::to_string(signature.version)});
    }
    printTable(out, rows);
}

int rectifySignature(Context& context, const po::variables_map& options) {
    SignatureRectification request{options["id"].as<std::string>(),
                                   options["rectificeert"].as<std::int64_t>(),
                                   options["reden"].as<std::string>()};
    request.signatory = optionalText(options, "ondertekenaar");
    request.function = optionalText(options, "functie");
    request.place = optionalText(options, "plaats");
    request.date = optionalText(options, "datum");
    auto recorded = context.backend().rectifySignature(request);
    if (!recorded) return context.fail(recorded.error());
    if (context.json()) {
        printJson(context.out(), toJson(*recorded));
        return kSuccess;
    }
    context.out() << "recorded signature " << recorded->id << " of " << recorded->partner << " ("
                  << recorded->signatory << ", " << recorded->date << "), rectifying signature "
                  << recorded->rectifies << " of " << recorded->documentId << "\n";
    return kSuccess;
}

int listSignatures(Context& context, const po::variables_map& options) {
    auto status = context.backend().signatureStatus(options["id"].as<std::string>());
    if (!status) return context.fail(status.error());
    if (context.json()) {
        printJson(context.out(), toJson(*status));
        return kSuccess;
    }
    auto& out = context.out();
    out << "Signatures of version " << status->version << " (" << status->contentHash.substr(0, 12)
        << "):\n";
    printSignatures(out, status->current);
    if (!status->stale.empty()) {
        out << "\nStale signatures (on older content):\n";
        printSignatures(out, status->stale);
    }
    out << "\n";
    if (status->missing.empty()) {
        out << "every party signed\n";
    } else {
        out << "missing (" << status->missing.size() << "):";
        for (const auto& partner : status->missing)
            out << " " << partner;
        out << "\n";
    }
    return kSuccess;
}

}  // namespace

std::vector<Command> signatureCommands() {
    return {
        {"signature rectify",
         "secretariaat: correct a recorded signature; the original stays in the history as "
         "gerectificeerd",
         "  beraad signature rectify AM05-convenant-1 --role secretariaat --rectificeert 2 \\\n"
         "      --reden \"datum verkeerd getypt\" --datum 2026-04-02",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("rectificeert", po::value<std::int64_t>()->required(),
                                   "the id of the signature corrected (beraad signature list)")(
                 "reden", po::value<std::string>()->required(), "why it is corrected")(
                 "ondertekenaar", po::value<std::string>(), "corrected signatory")(
                 "functie", po::value<std::string>(), "corrected function")(
                 "plaats", po::value<std::string>(), "corrected place")(
                 "datum", po::value<std::string>(), "corrected date, YYYY-MM-DD");
         },
         rectifySignature},
        {"signature record", "record a party's signature of the vastgesteld convenant",
         "  beraad signature record AM05-convenant-1 --role secretariaat --partner uwv \\\n"
         "      --ondertekenaar \"M. Jansen\" --functie \"regiomanager Twente\" --plaats Enschede "
         "--datum 2026-04-02",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("partner", po::value<std::string>()->required(),
                                   "key of the signing party, e.g. uwv")(
                 "ondertekenaar", po::value<std::string>()->required(), "who signed")(
                 "functie", po::value<std::string>()->required(), "the signatory's function")(
                 "plaats", po::value<std::string>()->required(), "where it was signed")(
                 "datum", po::value<std::string>()->required(), "when, YYYY-MM-DD")(
                 "versie", po::value<std::int64_t>(), "the version signed (default: the latest)");
         },
         recordSignature},
        {"signature list", "the signatures of the current content, and which parties are missing",
         "  beraad signature list AM05-convenant-1", documentIdArgument, listSignatures},
    };
}

}  // namespace beraad::cli
