// beraad overview: every region the actor may see, where each kind of
// document stands, what blocks the next step, and what is overdue or due.
#include <algorithm>

#include "Cli.h"
#include "Output.h"
#include "Progress.h"

namespace beraad::cli {
namespace {

std::string kindCell(const KindStatus& status) {
    if (!status.documentId) return "-";
    std::string cell = status.state;
    if (status.inForce) cell += " (in force: " + *status.inForce + ")";
    if (status.nextStep) cell += " -> " + *status.nextStep;
    return cell;
}

void printRegionTable(std::ostream& out, const Overview& overview) {
    std::vector<std::vector<std::string>> rows{{"REGIO", "NAAM", "CONVENANT", "BELEIDSAGENDA",
                                                "UITVOERINGSAGENDA", "DOEL", "TE LAAT",
                                                "BINNENKORT"}};
    for (const auto& region : overview.regions) {
        std::vector<std::string> row{region.region.code, region.region.name};
        for (const auto& kind : region.kinds)
            row.push_back(kindCell(kind));
        long overdue = std::count_if(region.due.begin(), region.due.end(),
                                     [](const DueItem& item) { return item.overdue; });
        row.push_back(region.targetMet ? "bereikt" : "-");
        row.push_back(std::to_string(overdue));
        row.push_back(std::to_string(static_cast<long>(region.due.size()) - overdue));
        rows.push_back(row);
    }
    printTable(out, rows);
}

// The compact form: one line per region, short enough for all 35 regions.
std::string nextDue(const RegionOverview& region) {
    if (region.due.empty()) return "-";
    auto first = std::min_element(
        region.due.begin(), region.due.end(),
        [](const DueItem& a, const DueItem& b) { return a.daysLeft < b.daysLeft; });
    std::string when = first->overdue ? std::to_string(-first->daysLeft) + " d te laat"
                                      : "over " + std::to_string(first->daysLeft) + " d";
    return first->due + " " + first->what + " (" + when + ")";
}

void printCompactTable(std::ostream& out, const Overview& overview) {
    std::vector<std::vector<std::string>> rows{{"REGIO", "NAAM", "CONVENANT", "BELEIDSAGENDA",
                                                "UITVOERINGSAGENDA", "BLOKKADES", "EERSTVOLGENDE"}};
    size_t blocked = 0;
    size_t overdue = 0;
    for (const auto& region : overview.regions) {
        std::vector<std::string> row{region.region.code, region.region.name};
        size_t blockers = 0;
        for (const auto& kind : region.kinds) {
            row.push_back(kind.documentId ? kind.state : "-");
            blockers += kind.blockers.size();
        }
        row.push_back(std::to_string(blockers));
        row.push_back(nextDue(region));
        rows.push_back(row);
        blocked += blockers;
        overdue +=
            static_cast<size_t>(std::count_if(region.due.begin(), region.due.end(),
                                              [](const DueItem& item) { return item.overdue; }));
    }
    printTable(out, rows);
    out << "\n"
        << blocked << " blockers, " << overdue
        << " overdue items; --details shows the next steps, every blocker and every due item\n";
}

void printBlockers(std::ostream& out, const Overview& overview) {
    bool header = false;
    for (const auto& region : overview.regions) {
        for (const auto& kind : region.kinds) {
            if (!kind.documentId || kind.blockers.empty()) continue;
            if (!header) out << "\nBlocked next steps:\n";
            header = true;
            out << "  " << *kind.documentId << " (" << kind.state << ") "
                << kind.nextStep.value_or("-") << ":\n";
            for (const auto& blocker : kind.blockers)
                out << "    - " << blocker << "\n";
        }
    }
}

void printDue(std::ostream& out, const Overview& overview) {
    std::vector<std::vector<std::string>> rows{
        {"REGIO", "WAT", "DOCUMENT", "DATUM", "DAGEN", "OMSCHRIJVING"}};
    for (const auto& region : overview.regions) {
        for (const auto& item : region.due) {
            rows.push_back({region.region.code, item.what, item.documentId.value_or("-"), item.due,
                            item.overdue ? std::to_string(-item.daysLeft) + " te laat"
                                         : std::to_string(item.daysLeft),
                            item.description});
        }
    }
    if (rows.size() == 1) {
        out << "\nNothing overdue or due within " << overview.withinDays << " days.\n";
        return;
    }
    out << "\nOverdue, or due within " << overview.withinDays << " days:\n";
    printTable(out, rows);
}

// --binnen-dagen, --streefdatum and --vandaag, shared by overview and
// herinneringen.
OverviewOptions overviewOptions(const po::variables_map& options) {
    OverviewOptions request;
    request.withinDays = options["binnen-dagen"].as<int>();
    request.targetDate = options["streefdatum"].as<std::string>();
    if (options.count("vandaag")) request.today = options["vandaag"].as<std::string>();
    return request;
}

void addOverviewOptions(po::options_description& options) {
    options.add_options()("binnen-dagen", po::value<int>()->default_value(30),
                          "show items due within this many days")(
        "streefdatum", po::value<std::string>()->default_value("2026-01-01"),
        "national target date for a convenant in force and vastgestelde agendas, YYYY-MM-DD")(
        "vandaag", po::value<std::string>(), "compute as if today were this date, YYYY-MM-DD");
}

int showOverview(Context& context, const po::variables_map& options) {
    OverviewOptions request = overviewOptions(options);
    auto overview = [&] {
        Progress progress(context, "computing the overview of every region in scope");
        return context.backend().overview(request);
    }();
    if (!overview) return context.fail(overview.error());
    if (context.json()) {
        printJson(context.out(), toJson(*overview));
        return kSuccess;
    }
    auto& out = context.out();
    auto met = std::count_if(overview->regions.begin(), overview->regions.end(),
                             [](const RegionOverview& region) { return region.targetMet; });
    out << "Overview on " << overview->today << " (landelijke streefdatum " << overview->targetDate
        << "): " << met << " of " << overview->regions.size()
        << " regions have a convenant in force and a vastgestelde agenda\n\n";
    if (!options.count("details")) {
        printCompactTable(out, *overview);
        return kSuccess;
    }
    printRegionTable(out, *overview);
    printBlockers(out, *overview);
    printDue(out, *overview);
    return kSuccess;
}

std::string partnerList(const Outstanding& item) {
    std::string text;
    for (const auto& partner : item.partners) {
        if (!text.empty()) text += ", ";
        text +=
            partner.name.empty() ? partner.partner : partner.name + " (" + partner.partner + ")";
    }
    return text;
}

int showReminders(Context& context, const po::variables_map& options) {
    auto common = overviewOptions(options);
    ReminderOptions request{std::nullopt, common.withinDays, common.targetDate, common.today};
    if (options.count("regio")) request.region = options["regio"].as<std::string>();
    auto reminders = [&] {
        Progress progress(context, "collecting the herinneringen of every region in scope");
        return context.backend().reminders(request);
    }();
    if (!reminders) return context.fail(reminders.error());
    if (context.json()) {
        printJson(context.out(), toJson(*reminders));
        return kSuccess;
    }
    auto& out = context.out();
    out << "Herinneringen on " << reminders->today << " (due within " << reminders->withinDays
        << " days)\n";
    if (reminders->regions.empty()) {
        out << "\nNothing outstanding: no decisions or signatures wait, nothing is due.\n";
        return kSuccess;
    }
    for (const auto& region : reminders->regions) {
        out << "\n" << region.region << " " << region.name << "\n";
        for (const auto& item : region.decisions) {
            out << "  to decide on " << item.documentId << " version " << item.version << " ("
                << item.state << "), ";
            if (item.partners.empty()) {
                out << item.explanation << "\n";
            } else {
                out << item.partners.size() << " partner(s): " << partnerList(item) << "\n";
            }
        }
        for (const auto& item : region.signatures) {
            out << "  to sign " << item.documentId << " version " << item.version << ", ";
            if (item.partners.empty()) {
                out << item.explanation << "\n";
            } else {
                out << item.partners.size() << " party(ies): " << partnerList(item) << "\n";
            }
        }
        for (const auto& item : region.due) {
            out << "  " << (item.overdue ? "overdue " : "due ") << item.due << " ("
                << (item.overdue ? std::to_string(-item.daysLeft) + " days late"
                                 : std::to_string(item.daysLeft) + " days left")
                << "): " << item.what << (item.documentId ? " " + *item.documentId : "") << ", "
                << item.description << "\n";
        }
    }
    return kSuccess;
}

}  // namespace

std::vector<Command> overviewCommands() {
    return {
        {"overview",
         "all regions (or your scope): state and next step per kind, blockers, overdue and due "
         "items",
         "  beraad overview --binnen-dagen 60 --streefdatum 2026-01-01\n"
         "  beraad overview --scope AM05 --details\n"
         "  beraad overview --scope AM05 --json",
         [](po::options_description& options, po::positional_options_description&) {
             addOverviewOptions(options);
             options.add_options()(
                 "details", "the long form: next step per kind, every blocker and every due item");
         },
         showOverview},
        {"herinneringen",
         "per region: who still has to decide or sign, and what is due or overdue, with the "
         "days left",
         "  beraad herinneringen --regio AM05\n"
         "  beraad herinneringen --binnen-dagen 60 --json",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("regio", po::value<std::string>(),
                                   "only this region, e.g. AM05 (default: every region in scope)");
             addOverviewOptions(options);
         },
         showReminders},
    };
}

}  // namespace beraad::cli
