// beraad workflow ... and amendment ...: workflow definitions, their
// migration, and wijzigingen of the convenant in force.
#include <Poco/JSON/Array.h>

#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

int listDefinitions(Context& context, const po::variables_map&) {
    auto definitions = context.engine().workflowDefinitions(context.actor());
    if (!definitions) return context.fail(definitions.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& definition : *definitions)
            array.add(toJson(definition));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{
        {"WORKFLOW", "VERSIE", "SOORT", "BEGIN", "TOESTANDEN", "OVERGANGEN"}};
    for (const auto& definition : *definitions) {
        rows.push_back({definition.name, std::to_string(definition.version),
                        std::string(toString(definition.kind)), definition.initial,
                        std::to_string(definition.states.size()),
                        std::to_string(definition.transitions.size())});
    }
    printTable(context.out(), rows);
    return kSuccess;
}

int registerDefinition(Context& context, const po::variables_map& options) {
    auto definition = context.engine().registerWorkflowDefinition(
        context.actor(), readInput(options["file"].as<std::string>(), kMaxDefinitionFileBytes,
                                   "workflow definition"));
    if (!definition) return context.fail(definition.error());
    if (context.json()) {
        printJson(context.out(), toJson(*definition));
        return kSuccess;
    }
    context.out()
        << "registered workflow " << definition->name << " version " << definition->version
        << "; new documents of this kind start on it, existing ones keep theirs until migrated\n";
    return kSuccess;
}

int migrateDocument(Context& context, const po::variables_map& options) {
    MigrationRequest request{options["id"].as<std::string>(),
                             options["naar-versie"].as<int>(),
                             {},
                             options.count("apply") == 0};
    if (options.count("mapping")) {
        request.stateMapping =
            parseKeyValues(options["mapping"].as<std::vector<std::string>>(), "mapping");
    }
    auto report = context.engine().migrateWorkflow(context.actor(), request);
    if (!report) return context.fail(report.error());
    if (context.json()) {
        printJson(context.out(), toJson(*report));
        return kSuccess;
    }
    auto& out = context.out();
    out << (report->applied ? "migrated " : "dry run: would migrate ") << report->documentId
        << " from " << report->definition << " v" << report->fromVersion << " ("
        << report->fromState << ") to v" << report->toVersion << " (" << report->toState << ")\n";
    for (const auto& note : report->notes)
        out << "  note: " << note << "\n";
    if (!report->applied) out << "nothing changed; add --apply to migrate\n";
    return kSuccess;
}

int startAmendment(Context& context, const po::variables_map& options) {
    auto amendment = context.backend().startAmendment(
        {options["id"].as<std::string>(), options["bericht"].as<std::string>()});
    if (!amendment) return context.fail(amendment.error());
    if (context.json()) {
        printJson(context.out(), toJson(*amendment));
        return kSuccess;
    }
    context.out() << "started wijziging " << amendment->id << " of "
                  << options["id"].as<std::string>() << " (state " << amendment->state
                  << "); the convenant stays in force until the wijziging "
                  << "comes into force\n";
    return kSuccess;
}

}  // namespace

std::vector<Command> workflowCommands() {
    return {
        {"workflow definitions",
         "the workflow definitions (shipped and registered), per kind and version",
         "  beraad workflow definitions --json", nullptr, listDefinitions},
        {"workflow register", "install a new version of a workflow definition (beheerder)",
         "  beraad workflow register samenwerkingsconvenant-v2.xml --role beheerder",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("file", po::value<std::string>()->required(),
                                   "definition XML (schemas/workflow.xsd), - for stdin");
             positional.add("file", 1);
         },
         registerDefinition},
        {"workflow migrate",
         "move a document to another definition version (beheerder); a dry run unless --apply",
         "  beraad workflow migrate AM05-convenant-2 --naar-versie 2 --mapping "
         "consultatie=inspraak --role beheerder\n"
         "  beraad workflow migrate AM05-convenant-2 --naar-versie 2 --mapping "
         "consultatie=inspraak --apply \\\n"
         "      --role beheerder",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("naar-versie", po::value<int>()->required(),
                                   "the definition version to move to")(
                 "mapping", po::value<std::vector<std::string>>()->multitoken(),
                 "old=new state; needed for a state the new version does not have")(
                 "apply", "really migrate (default: a dry run that changes nothing)");
         },
         migrateDocument},
        {"amendment start",
         "start a wijziging of the convenant in force (a new convenant document)",
         "  beraad amendment start AM05-convenant-1 --bericht \"Wijziging: nieuwe "
         "kostenverdeling\"",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("bericht", po::value<std::string>()->required(),
                                   "what the wijziging is about (message of its version 1)");
         },
         startAmendment},
    };
}

}  // namespace beraad::cli
