// beraad history / verify: the hash-chained event log.
#include <Poco/JSON/Array.h>

#include "Cli.h"
#include "Output.h"
#include "Progress.h"

namespace beraad::cli {
namespace {

void printEvents(Context& context, const std::vector<Event>& events) {
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& event : events)
            array.add(toJson(event));
        printJson(context.out(), array);
        return;
    }
    std::vector<std::vector<std::string>> rows{{"#", "TIJDSTIP", "SOORT", "ACTOR", "ROL", "HASH"}};
    for (const auto& event : events) {
        rows.push_back({std::to_string(event.sequence), event.time, event.kind, event.actor,
                        event.role, event.hash.substr(0, 16)});
    }
    printTable(context.out(), rows);
}

int showHistory(Context& context, const po::variables_map& options) {
    std::string subject = options["id"].as<std::string>();
    bool isRegion = subject.size() == 4 && subject.starts_with("AM");
    auto events =
        isRegion ? context.backend().regionHistory(subject) : context.backend().history(subject);
    if (!events) return context.fail(events.error());
    printEvents(context, *events);
    return kSuccess;
}

int verify(Context& context, const po::variables_map& options) {
    if (options.count("checkpoint") || options.count("getuigen")) {
        if (!options.count("id")) throw po::error("--checkpoint and --getuigen need a document id");
        return verifyTrust(context, options);
    }
    std::vector<VerificationReport> reports;
    if (options.count("id")) {
        auto report = context.backend().verifyDocument(options["id"].as<std::string>());
        if (!report) return context.fail(report.error());
        reports.push_back(*report);
    } else {
        auto all = [&] {
            Progress progress(context, "verifying every stream in the store");
            return context.engine().verifyAll(context.actor());
        }();
        if (!all) return context.fail(all.error());
        reports = *all;
    }
    bool intact = true;
    for (const auto& report : reports)
        intact = intact && report.intact();
    if (context.json()) {
        Poco::JSON::Object object;
        object.set("intact", intact);
        Poco::JSON::Array array;
        for (const auto& report : reports)
            array.add(toJson(report));
        object.set("stromen", array);
        printJson(context.out(), object);
        return intact ? kSuccess : kIntegrity;
    }
    std::int64_t events = 0;
    for (const auto& report : reports) {
        events += report.eventsChecked;
        if (report.intact()) {
            if (options.count("id")) {
                context.out() << report.stream << ": intact, " << report.eventsChecked
                              << " events, head " << report.headHash << "\n";
            }
            continue;
        }
        context.out() << report.stream << ": DOES NOT VERIFY\n";
        for (const auto& problem : report.problems) {
            context.out() << "  " << problem.where << ": " << problem.message << "\n";
        }
    }
    if (!options.count("id")) {
        context.out() << reports.size() << " streams, " << events << " events checked: "
                      << (intact ? "history intact" : "HISTORY DOES NOT VERIFY") << "\n";
    }
    return intact ? kSuccess : kIntegrity;
}

}  // namespace

std::vector<Command> historyCommands() {
    return {
        {"history", "show the event log of a document (or of a region: AM05)",
         "  beraad history AM05-convenant-1\n  beraad history AM05 --json",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("id", po::value<std::string>()->required(),
                                   "document id, or a region code for the region's own log");
             positional.add("id", 1);
         },
         showHistory},
        {"verify",
         "recompute the hash chains, rebuild every projection from the events and check the "
         "signed checkpoints",
         "  beraad verify AM05-convenant-1\n  beraad verify            # every stream in the "
         "store\n  beraad verify AM05-convenant-1 --checkpoint kept.txt\n  beraad verify "
         "AM05-convenant-1 --getuigen getuigen.vkeys --quorum 2",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("id", po::value<std::string>(),
                                   "document id (default: the whole store)");
             positional.add("id", 1);
             declareTrustVerify(options);
         },
         verify},
    };
}

}  // namespace beraad::cli
