// beraad diff and beraad redline: what changed between two versions.
#include <Poco/JSON/Object.h>

#include "Cli.h"
#include "Output.h"
#include "beraad/diff/Diff.h"

namespace beraad::cli {
namespace {

// A usage error (exit 2) below 1, the same with and without --server (the
// REST API refuses such a number before the engine sees it).
std::optional<std::int64_t> versionOption(const po::variables_map& options, const char* name) {
    if (!options.count(name)) return std::nullopt;
    auto number = options[name].as<std::int64_t>();
    if (number < 1) {
        throw po::error(std::string("--") + name +
                        " must be a version number (1, 2, 3, ...), not " + std::to_string(number));
    }
    return number;
}

void declareVersions(po::options_description& options,
                     po::positional_options_description& positional) {
    documentIdArgument(options, positional);
    options.add_options()("van", po::value<std::int64_t>(),
                          "older version (default: the one before --naar)")(
        "naar", po::value<std::int64_t>(), "newer version (default: latest)");
}

int diffDocument(Context& context, const po::variables_map& options) {
    auto compared = context.backend().diffVersions(options["id"].as<std::string>(),
                                                   versionOption(options, "van"),
                                                   versionOption(options, "naar"));
    if (!compared) return context.fail(compared.error());
    if (context.json()) {
        printJson(context.out(), toJson(*compared));
        return kSuccess;
    }
    context.out() << compared->documentId << ": version " << compared->from.number << " -> "
                  << compared->to.number << " (" << compared->to.author << ", "
                  << amsterdamTime(compared->to.time) << ")\n"
                  << diff::formatText(compared->diff);
    return kSuccess;
}

int redlineDocument(Context& context, const po::variables_map& options) {
    auto format = chosenFormat(context, options);
    if (!format) return kUsage;
    auto marked = context.backend().redlineVersions(options["id"].as<std::string>(),
                                                    versionOption(options, "van"),
                                                    versionOption(options, "naar"), *format);
    if (!marked) return context.fail(marked.error());
    const auto& rendered = marked->rendered;
    std::string output =
        options.count("output") ? options["output"].as<std::string>() : rendered.fileName;
    writeOutput(output, rendered.bytes);
    if (context.json()) {
        Poco::JSON::Object json;
        json.set("document", rendered.documentId);
        json.set("van", marked->fromVersion);
        json.set("naar", rendered.version);
        json.set("bestand", output);
        json.set("bytes", static_cast<std::int64_t>(rendered.bytes.size()));
        json.set("mediaType", rendered.contentType);
        json.set("invoegingen", marked->insertions);
        json.set("verwijderingen", marked->deletions);
        json.set("auteur", marked->author);
        json.set("tijdstip", marked->date);
        json.set("sjabloon", rendered.templateName);
        json.set("sjabloonVersie", rendered.templateVersion);
        printJson(context.out(), json);
    } else if (output != "-") {
        context.out() << "redline of " << rendered.documentId << " version " << rendered.version
                      << " against version " << marked->fromVersion << " written to " << output
                      << " (" << marked->insertions << " insertion(s), " << marked->deletions
                      << " deletion(s), by " << marked->author << ")\n";
    }
    return kSuccess;
}

}  // namespace

std::vector<Command> diffCommands() {
    return {
        {"diff", "what changed between two versions: articles, parties, actions, amounts and words",
         "  beraad diff AM05-convenant-1                  # latest version against the one before\n"
         "  beraad diff AM05-convenant-1 --van 1 --naar 3 --json\n"
         "\n"
         "  AM05-convenant-1: version 1 -> 2 (Sanne Secretariaat, 2026-11-28T10:15:00Z)\n"
         "  structure: 2 change(s)\n"
         "    gewijzigd  artikel 2 / lid 2: \"... vier keer ...\" -> \"... zes keer ...\"  "
         "(shortened here)\n"
         "    gewijzigd  aandeel uwv / percentage: \"20\" -> \"25\" (+5)\n"
         "  text: 1 paragraph(s)\n"
         "  @@ artikel 2 / lid 2 (gewijzigd)\n"
         "    Het Regionaal Beraad vergadert ten minste [-vier-]{+zes+} keer per jaar.",
         declareVersions, diffDocument},
        {"redline",
         "a version as .docx or .odt showing the changes from an earlier one as tracked changes",
         "  beraad redline AM05-convenant-1 --van 1 --naar 2 --formaat docx\n"
         "  # writes AM05-convenant-1-v2-t.o.v.-v1.docx; open it in Word or LibreOffice and\n"
         "  # accept or reject the changes",
         [](po::options_description& options, po::positional_options_description& positional) {
             declareVersions(options, positional);
             options.add_options()("formaat", po::value<std::string>()->default_value("odt"),
                                   "odt or docx")(
                 "output,o", po::value<std::string>(),
                 "file to write (- for stdout; default e.g. AM05-convenant-1-v2-t.o.v.-v1.odt)");
         },
         redlineDocument},
    };
}

}  // namespace beraad::cli
