// beraad tijd: the timed transitions (docs/workflow.md, "Timed
// transitions"). A local store has no server to take them when they fall
// due: this command takes them (as every write does first), and lists what
// is still to come. On a server it lists them; the server takes them itself.
#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

std::vector<std::string> row(const TimedStep& step) {
    return {step.document, step.transition, step.from + " -> " + step.to, amsterdamTime(step.due)};
}

int runTimers(Context& context, const po::variables_map& options) {
    bool fire = !context.remote() && options.count("toon") == 0;
    auto run = context.backend().runTimers(fire);
    if (!run) return context.fail(run.error());
    if (context.json()) {
        printJson(context.out(), toJson(*run));
        return kSuccess;
    }
    auto& out = context.out();
    out << "Timed transitions at " << amsterdamTime(run->time) << " (Europe/Amsterdam)";
    if (context.remote()) out << "; the server takes them itself when they are due";
    out << "\n";
    if (fire) {
        out << "\nTaken now, by the system: " << run->fired.size() << "\n";
        for (const auto& step : run->fired) {
            out << "  " << step.document << ": " << step.from << " -> " << step.to << " ("
                << step.transition << ", due " << amsterdamTime(step.due) << ")\n";
            for (const auto& effect : step.effects)
                out << "      effect  " << effect << "\n";
        }
    }
    if (!run->refused.empty()) {
        out << "\nDue, but refused (tried again on the next run): " << run->refused.size() << "\n";
        for (const auto& step : run->refused) {
            out << "  " << step.document << ": " << step.transition << " (due "
                << amsterdamTime(step.due) << "): " << step.refused << "\n";
        }
    }
    out << "\n" << (fire ? "Still to come: " : "Waiting: ") << run->upcoming.size() << "\n";
    if (!run->upcoming.empty()) {
        std::vector<std::vector<std::string>> rows{
            {"DOCUMENT", "OVERGANG", "VAN -> NAAR", "GEPLAND"}};
        for (const auto& step : run->upcoming)
            rows.push_back(row(step));
        printTable(out, rows);
    }
    // Refused steps are not a failure of this command: they wait for their guards.
    return kSuccess;
}

}  // namespace

std::vector<Command> timerCommands() {
    return {
        {"tijd",
         "take the timed transitions that are due (in-werking-treden on the start date, verlopen "
         "after the end date) and list those still to come",
         "  beraad tijd --as secretariaat-am13\n"
         "  beraad tijd --toon\n"
         "  beraad --server http://127.0.0.1:8080 tijd",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("toon", "only list them, due or not; take nothing");
         },
         runTimers},
    };
}

}  // namespace beraad::cli
