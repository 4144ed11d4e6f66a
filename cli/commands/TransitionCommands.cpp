// beraad transition ...: the lifecycle steps of a document.
#include <Poco/JSON/Array.h>

#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

std::string guardLine(const workflow::GuardOutcome& guard) {
    return std::string(guard.passed ? "ok    " : "BLOCKS") + "  " + guard.guard + ": " +
           guard.message;
}

void printGuards(std::ostream& out, const std::vector<workflow::GuardOutcome>& guards) {
    for (const auto& guard : guards) {
        out << "      " << guardLine(guard) << "\n";
        if (guard.passed) continue;
        for (const auto& detail : guard.details) {
            out << "              - " << detail.message;
            if (!detail.where.empty()) out << " (" << detail.where << ")";
            out << "\n";
        }
    }
}

int listTransitions(Context& context, const po::variables_map& options) {
    auto status = context.backend().workflowStatus(options["id"].as<std::string>());
    if (!status) return context.fail(status.error());
    if (context.json()) {
        printJson(context.out(), toJson(*status));
        return kSuccess;
    }
    auto& out = context.out();
    out << status->document.id << " is in state '" << status->document.state << "' (workflow "
        << status->definition << " v" << status->definitionVersion
        << (status->editable ? ", content editable" : "") << (status->final ? ", final" : "")
        << ")\n";
    if (status->transitions.empty()) {
        out << "  no transitions leave this state\n";
        return kSuccess;
    }
    for (const auto& option : status->transitions) {
        out << "  " << option.name << " -> " << option.to << "  "
            << (option.possible() ? "possible now" : "blocked") << "\n";
        if (!option.roleAllowed) {
            out << "      BLOCKS  role: " << status->role << " may not fire it\n";
        }
        if (option.reasonRequired) out << "      needs   --reden\n";
        if (!option.due.empty()) {
            out << "      timer   the system takes this step on " << amsterdamTime(option.due)
                << " (Europe/Amsterdam)\n";
        }
        printGuards(out, option.guards);
    }
    return kSuccess;
}

int fireTransition(Context& context, const po::variables_map& options) {
    TransitionRequest request{options["id"].as<std::string>(), options["naam"].as<std::string>(),
                              std::nullopt, options["reden"].as<std::string>()};
    if (options.count("basis")) request.baseVersion = options["basis"].as<std::int64_t>();
    auto result = context.backend().transition(request);
    if (!result) return context.fail(result.error());
    if (context.json()) {
        printJson(context.out(), toJson(*result));
        return kSuccess;
    }
    auto& out = context.out();
    out << result->document.id << ": " << result->from << " -> " << result->to << " ("
        << request.transition << ")\n";
    for (const auto& guard : result->guards)
        out << "  " << guardLine(guard) << "\n";
    for (const auto& effect : result->effects)
        out << "  effect: " << effect << "\n";
    return kSuccess;
}

int transitionHistory(Context& context, const po::variables_map& options) {
    auto records = context.backend().transitions(options["id"].as<std::string>());
    if (!records) return context.fail(records.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& record : *records)
            array.add(toJson(record));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{
        {"TIJDSTIP", "OVERGANG", "VAN", "NAAR", "VERSIE", "ACTOR", "ROL", "REDEN"}};
    for (const auto& record : *records) {
        rows.push_back({amsterdamTime(record.time), record.transition, record.fromState,
                        record.toState, std::to_string(record.version), record.actor, record.role,
                        record.reason});
    }
    printTable(context.out(), rows);
    return kSuccess;
}

}  // namespace

std::vector<Command> transitionCommands() {
    return {
        {"transition list",
         "the transitions out of the current state, with their guards and what blocks each",
         "  beraad transition list AM05-convenant-1 --role secretariaat", documentIdArgument,
         listTransitions},
        {"transition fire",
         "take a lifecycle step; refused (exit 5) with the reasons when a guard fails",
         "  beraad transition fire AM05-convenant-1 vaststellen --role secretariaat\n"
         "  beraad transition fire AM05-convenant-1 terug-naar-concept --reden \"Opmerkingen UWV "
         "verwerken\"",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("naam", po::value<std::string>()->required(),
                                   "transition name, e.g. ter-consultatie")(
                 "reden", po::value<std::string>()->default_value(""),
                 "why; required where the workflow says so (terug-naar-concept, beeindigen, ...)")(
                 "basis", po::value<std::int64_t>(),
                 "the version you looked at; refused as a conflict when it is no longer the "
                 "latest");
             positional.add("naam", 1);
         },
         fireTransition},
        {"transition history",
         "the transitions a document went through, with actor, role and reason",
         "  beraad transition history AM05-convenant-1", documentIdArgument, transitionHistory},
    };
}

}  // namespace beraad::cli
