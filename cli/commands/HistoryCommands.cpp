// beraad history / verify: the hash-chained event log.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "Cli.h"
#include "Output.h"
#include "Progress.h"

namespace beraad::cli {
namespace {

// What an event records, in a few words for a person: who decided what,
// who signed, which step, which version (the JSON output has it all).
std::string summary(const Event& event) {
    Poco::JSON::Object::Ptr payload;
    try {
        payload = Poco::JSON::Parser().parse(event.payload).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        return "";
    }
    auto text = [&](const char* name) {
        return payload->has(name) && !payload->isNull(name) ? payload->get(name).toString() : "";
    };
    std::string what;
    if (event.kind == "besluit-vastgelegd") {
        what = text("partner") + ": " + text("uitkomst") + " (versie " + text("versie") + ")";
    } else if (event.kind == "ondertekening-vastgelegd") {
        what = text("partner") + ": getekend door " + text("ondertekenaar") + " (versie " +
               text("versie") + ")";
    } else if (payload->has("van") && payload->has("naar")) {
        what = text("overgang") + ": " + text("van") + " -> " + text("naar");
        if (!text("gepland").empty()) what += ", gepland " + amsterdamTime(text("gepland"));
    } else if (event.kind == "versie-toegevoegd" || event.kind == "document-aangemaakt") {
        what = "versie " + text("versie");
        if (!text("bericht").empty()) what += ": " + text("bericht");
    } else if (payload->has("partner") && payload->get("partner").isString()) {
        what = text("partner");
    }
    if (!text("rectificeert").empty()) what += ", rectificeert " + text("rectificeert");
    if (!text("reden").empty()) what += " (reden: " + text("reden") + ")";
    return what.size() > 80 ? what.substr(0, 77) + "..." : what;
}

void printEvents(Context& context, const std::vector<Event>& events) {
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& event : events)
            array.add(toJson(event));
        printJson(context.out(), array);
        return;
    }
    // Times as people read them, in Europe/Amsterdam; --json keeps UTC.
    std::vector<std::vector<std::string>> rows{
        {"#", "TIJDSTIP (AMSTERDAM)", "SOORT", "WAT", "ACTOR", "ROL", "HASH"}};
    for (const auto& event : events) {
        rows.push_back({std::to_string(event.sequence), amsterdamTime(event.time), event.kind,
                        summary(event), event.actor, event.role, event.hash.substr(0, 16)});
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
