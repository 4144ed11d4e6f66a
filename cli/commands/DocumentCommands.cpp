// beraad document / content / version ...: documents and their versions.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "Cli.h"
#include "Output.h"
#include "beraad/content/Content.h"

namespace beraad::cli {
namespace {

void printDocument(Context& context, const Document& document) {
    if (context.json()) {
        printJson(context.out(), toJson(document));
        return;
    }
    auto& out = context.out();
    out << document.id << "  " << document.title << "\n"
        << "  soort:          " << document.kind << "\n"
        << "  regio:          " << document.region << "\n"
        << "  status:         " << document.state << " (workflow " << document.workflow << " v"
        << document.workflowVersion << ")\n"
        << "  laatste versie: " << document.latestVersion << "  " << document.latestContentHash
        << "\n";
    if (document.beleidsagendaId) out << "  beleidsagenda:  " << *document.beleidsagendaId << "\n";
    if (document.periodStart) {
        out << "  periode:        " << *document.periodStart << " tot "
            << document.periodEnd.value_or("(open)") << "\n";
    }
    out << "  aangemaakt:     " << amsterdamTime(document.createdAt) << " door "
        << document.createdBy << "\n";
}

// What the engine stored but a later step will refuse, on stderr (also with
// --json, where the record carries them as "waarschuwingen" too).
void printWarnings(Context& context, const std::vector<std::string>& warnings) {
    for (const auto& warning : warnings)
        context.err() << "warning: " << warning << "\n";
}

void addReplacementOptions(po::options_description& options) {
    options.add_options()("vervangt", po::value<std::string>(),
                          "a samenwerkingsconvenant: the id of the convenant in force it "
                          "replaces (which stays in force until this one is)")(
        "reden", po::value<std::string>(), "with --vervangt: why it is replaced");
}

// --vervangt and --reden: the convenant in force a new one replaces.
void readReplacement(const po::variables_map& options, NewDocument& request) {
    if (options.count("reden") && !options.count("vervangt"))
        throw po::error("--reden goes with --vervangt");
    if (!options.count("vervangt")) return;
    if (!options.count("reden")) throw po::error("--vervangt needs --reden: say why");
    request.replaces = options["vervangt"].as<std::string>();
    request.replaceReason = options["reden"].as<std::string>();
}

// --soort; prints the problem and returns nothing when it names no kind.
std::optional<DocumentKind> chosenKind(Context& context, const po::variables_map& options) {
    std::string kindName = options["soort"].as<std::string>();
    auto kind = parseDocumentKind(kindName);
    if (!kind) {
        context.err() << "beraad: unknown document kind '" << kindName
                      << "'; use samenwerkingsconvenant, beleidsagenda or uitvoeringsagenda\n";
    }
    return kind;
}

int createDocument(Context& context, const po::variables_map& options) {
    auto kind = chosenKind(context, options);
    if (!kind) return kUsage;
    NewDocument request{
        *kind, options["regio"].as<std::string>(),
        readInput(options["inhoud"].as<std::string>(), kMaxContentFileBytes, "content"),
        options["bericht"].as<std::string>(), std::nullopt};
    if (options.count("beleidsagenda"))
        request.beleidsagendaId = options["beleidsagenda"].as<std::string>();
    readReplacement(options, request);
    auto created = context.backend().createDocument(request);
    if (!created) return context.fail(created.error());
    printWarnings(context, created->warnings);
    if (!context.json()) context.out() << "created ";
    printDocument(context, *created);
    return kSuccess;
}

// beraad document new: the model draft of the region, created as version 1
// or (--alleen-inhoud) only written out for editing first.
int newDocument(Context& context, const po::variables_map& options) {
    auto kind = chosenKind(context, options);
    if (!kind) return kUsage;
    bool contentOnly = options.count("alleen-inhoud") > 0;
    if (options.count("uitvoer") && !contentOnly) {
        throw po::error(
            "--uitvoer goes with --alleen-inhoud (without it the draft is created as "
            "a document)");
    }
    ModelDraftRequest request{*kind, options["regio"].as<std::string>(), std::nullopt,
                              std::nullopt};
    if (options.count("begin")) request.begin = options["begin"].as<std::string>();
    if (options.count("beleidsagenda"))
        request.beleidsagendaId = options["beleidsagenda"].as<std::string>();
    auto draft = context.backend().modelDraft(request);
    if (!draft) return context.fail(draft.error());
    // On stderr, also with --json (stdout stays the document); the written
    // model's --json carries them as "opmerkingen" instead.
    if (!(contentOnly && context.json())) {
        for (const auto& note : draft->notes)
            context.err() << "beraad: note: " << note << "\n";
    }
    if (contentOnly) {
        if (context.json()) {
            Poco::JSON::Object object;
            object.set("soort", std::string(toString(draft->kind)));
            object.set("regio", draft->region);
            if (draft->beleidsagendaId) object.set("beleidsagenda", *draft->beleidsagendaId);
            Poco::JSON::Array notes;
            for (const auto& note : draft->notes)
                notes.add(note);
            object.set("opmerkingen", notes);
            object.set("inhoud", draft->content);
            printJson(context.out(), object);
            return kSuccess;
        }
        std::string output = options.count("uitvoer") ? options["uitvoer"].as<std::string>() : "-";
        writeOutput(output, draft->content);
        if (output != "-") {
            context.err() << "wrote the model " << toString(*kind) << " of " << draft->region
                          << " to " << output << "\n";
        }
        return kSuccess;
    }
    if (*kind == DocumentKind::Uitvoeringsagenda && !draft->beleidsagendaId) {
        return context.fail(makeError(
            ErrorCode::Refused,
            "region " + draft->region +
                " has no beleidsagenda for an uitvoeringsagenda to carry out; create one first "
                "(beraad document new --soort beleidsagenda --regio " +
                draft->region + "), or write the draft with --alleen-inhoud"));
    }
    std::string message = options.count("bericht") ? options["bericht"].as<std::string>()
                                                   : "Modelconcept uit beraad document new";
    NewDocument document{*kind, draft->region, draft->content, message, draft->beleidsagendaId};
    readReplacement(options, document);
    auto created = context.backend().createDocument(document);
    if (!created) return context.fail(created.error());
    printWarnings(context, created->warnings);
    if (!context.json()) context.out() << "created ";
    printDocument(context, *created);
    return kSuccess;
}

int showDocument(Context& context, const po::variables_map& options) {
    auto document = context.backend().document(options["id"].as<std::string>());
    if (!document) return context.fail(document.error());
    printDocument(context, *document);
    return kSuccess;
}

int listDocuments(Context& context, const po::variables_map& options) {
    DocumentFilter filter;
    if (options.count("regio")) filter.region = options["regio"].as<std::string>();
    if (options.count("soort")) {
        auto kind = parseDocumentKind(options["soort"].as<std::string>());
        if (!kind) {
            context.err() << "beraad: unknown document kind '" << options["soort"].as<std::string>()
                          << "'\n";
            return kUsage;
        }
        filter.kind = std::string(toString(*kind));
    }
    if (options.count("status")) filter.state = options["status"].as<std::string>();
    filter.limit = options["limit"].as<int>();
    filter.offset = options["offset"].as<int>();
    auto documents = context.backend().listDocuments(filter);
    if (!documents) return context.fail(documents.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& document : *documents)
            array.add(toJson(document));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "STATUS", "VERSIE", "TITEL"}};
    for (const auto& document : *documents) {
        rows.push_back(
            {document.id, document.state, std::to_string(document.latestVersion), document.title});
    }
    printTable(context.out(), rows);
    return kSuccess;
}

int getContent(Context& context, const po::variables_map& options) {
    std::optional<std::int64_t> number;
    if (options.count("versie")) number = options["versie"].as<std::int64_t>();
    auto version = context.backend().version(options["id"].as<std::string>(), number);
    if (!version) return context.fail(version.error());
    if (context.json()) {
        printJson(context.out(), toJson(*version, true));
        return kSuccess;
    }
    std::string output = options["output"].as<std::string>();
    std::string text = version->content + "\n";
    if (!options.count("canonical")) {
        auto indented = indentContent(version->content);
        if (!indented) return context.fail(indented.error());
        text = *indented;
    }
    writeOutput(output, text);
    if (output != "-") {
        context.err() << "wrote version " << version->number << " of " << version->documentId
                      << " to " << output << "\n";
    }
    return kSuccess;
}

int setContent(Context& context, const po::variables_map& options) {
    NewVersion request{
        options["id"].as<std::string>(), options["basis"].as<std::int64_t>(),
        readInput(options["inhoud"].as<std::string>(), kMaxContentFileBytes, "content"),
        options["bericht"].as<std::string>()};
    if (options.count("bevestig-vervallen"))
        request.confirmStaleDecisions = options["bevestig-vervallen"].as<std::int64_t>();
    auto version = context.backend().addVersion(request);
    if (!version) return context.fail(version.error());
    printWarnings(context, version->warnings);
    if (context.json()) {
        printJson(context.out(), toJson(*version, false));
    } else {
        context.out() << "saved version " << version->number << " of " << version->documentId
                      << " (" << version->contentHash << ")\n";
    }
    return kSuccess;
}

int listVersions(Context& context, const po::variables_map& options) {
    auto versions = context.backend().listVersions(options["id"].as<std::string>());
    if (!versions) return context.fail(versions.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& version : *versions)
            array.add(toJson(version, false));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{
        {"VERSIE", "TIJDSTIP", "AUTEUR", "ROL", "HASH", "BERICHT"}};
    for (const auto& version : *versions) {
        rows.push_back({std::to_string(version.number), amsterdamTime(version.time), version.author,
                        version.role, version.contentHash.substr(0, 12), version.message});
    }
    printTable(context.out(), rows);
    return kSuccess;
}

}  // namespace

std::vector<Command> documentCommands() {
    return {
        {"document create", "create a document from a content XML file (version 1, state concept)",
         "  beraad document create --soort samenwerkingsconvenant --regio AM05 \\\n"
         "      --inhoud convenant.xml --bericht \"Eerste concept uit het modelconvenant\"",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("soort", po::value<std::string>()->required(),
                                   "samenwerkingsconvenant, beleidsagenda or uitvoeringsagenda")(
                 "regio", po::value<std::string>()->required(), "region code, e.g. AM05")(
                 "inhoud", po::value<std::string>()->required(), "content XML file (- for stdin)")(
                 "bericht", po::value<std::string>()->required(), "what this first version is")(
                 "beleidsagenda", po::value<std::string>(),
                 "for an uitvoeringsagenda: id of the beleidsagenda it carries out");
             addReplacementOptions(options);
         },
         createDocument},
        {"document new",
         "create a document from the model for the region (its partners, name and "
         "centrumgemeente), or with --alleen-inhoud only write that model to edit first",
         "  beraad partner list AM01                     # every kernpartner kind registered?\n"
         "  beraad document new --soort samenwerkingsconvenant --regio AM01 \\\n"
         "      --alleen-inhoud --uitvoer convenant.xml     # edit it, then: document create\n"
         "  beraad document new --soort samenwerkingsconvenant --regio AM01 --begin 2027-01-01\n"
         "  beraad document new --soort beleidsagenda --regio AM01\n"
         "  beraad document new --soort uitvoeringsagenda --regio AM01  # carries out the newest "
         "beleidsagenda",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("soort", po::value<std::string>()->required(),
                                   "samenwerkingsconvenant, beleidsagenda or uitvoeringsagenda")(
                 "regio", po::value<std::string>()->required(), "region code, e.g. AM01")(
                 "begin", po::value<std::string>(),
                 "YYYY-MM-DD: ingangsdatum or start of the period (default 1 January of next "
                 "year; an uitvoeringsagenda: the start of its beleidsagenda, or the day after the "
                 "previous one ends)")(
                 "beleidsagenda", po::value<std::string>(),
                 "for an uitvoeringsagenda: the beleidsagenda it carries out (default: the "
                 "region's newest)")("bericht", po::value<std::string>(),
                                     "message of version 1 (default \"Modelconcept uit beraad "
                                     "document new\")")(
                 "alleen-inhoud", "only write the model content XML; create no document")(
                 "uitvoer,o", po::value<std::string>(),
                 "with --alleen-inhoud: the file to write (default - for stdout)");
             addReplacementOptions(options);
         },
         newDocument},
        {"document show", "show a document's state, latest version and period",
         "  beraad document show AM05-convenant-1", documentIdArgument, showDocument},
        {"document list", "list documents, filtered by region, kind and state",
         "  beraad document list --regio AM05 --soort samenwerkingsconvenant",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("regio", po::value<std::string>(), "only this region")(
                 "soort", po::value<std::string>(), "only this kind")(
                 "status", po::value<std::string>(), "only this state, e.g. concept")(
                 "limit", po::value<int>()->default_value(100), "at most this many (1-1000)")(
                 "offset", po::value<int>()->default_value(0), "skip this many");
         },
         listDocuments},
        {"content get", "write the content XML of a version (default: the latest)",
         "  beraad content get AM05-convenant-1 --versie 2 --output convenant-v2.xml",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("versie", po::value<std::int64_t>(),
                                   "version number (default: latest)")(
                 "output,o", po::value<std::string>()->default_value("-"),
                 "file to write (- for stdout)")(
                 "canonical", "write the exact stored bytes (canonical XML, no indentation)");
         },
         getContent},
        {"content set", "save edited content as a new version, based on the version you edited",
         "  beraad content set AM05-convenant-1 --basis 1 --inhoud convenant.xml \\\n"
         "      --bericht \"Artikel 2: vergaderfrequentie aangepast\"",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("basis", po::value<std::int64_t>()->required(),
                                   "the version your edit started from; refused as a conflict when "
                                   "it is no longer the latest")(
                 "inhoud", po::value<std::string>()->required(), "content XML file (- for stdin)")(
                 "bericht", po::value<std::string>()->required(), "what changed and why")(
                 "bevestig-vervallen", po::value<std::int64_t>(),
                 "N: the partners' decisions on the version you edit go stale; the edit is "
                 "refused unless N is how many there are");
         },
         setContent},
        {"version list", "list every version of a document with author, time and hash",
         "  beraad version list AM05-convenant-1", documentIdArgument, listVersions},
    };
}

}  // namespace beraad::cli
