// beraad regio ...: the arbeidsmarktregio's, their budget and partners.
#include <Poco/JSON/Array.h>

#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

std::string euros(std::int64_t amount) {
    std::string digits = std::to_string(amount);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
        grouped += digits[i];
    }
    return "€ " + grouped;
}

int listRegions(Context& context, const po::variables_map&) {
    auto regions = context.backend().listRegions();
    if (!regions) return context.fail(regions.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& region : *regions)
            array.add(toJson(region));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{{"CODE", "REGIO", "CENTRUMGEMEENTE", "BEVESTIGD"}};
    for (const auto& region : *regions) {
        rows.push_back(
            {region.code, region.name, region.centrumgemeente, region.confirmed ? "ja" : "nee"});
    }
    printTable(context.out(), rows);
    return kSuccess;
}

int showRegion(Context& context, const po::variables_map& options) {
    std::string code = options["code"].as<std::string>();
    auto region = context.backend().region(code);
    if (!region) return context.fail(region.error());
    auto partners = context.backend().listPartners(code);
    if (!partners) return context.fail(partners.error());
    auto check = checkKernpartners(code, *partners);
    if (context.json()) {
        Poco::JSON::Object object = toJson(*region);
        Poco::JSON::Array list;
        for (const auto& partner : *partners)
            list.add(toJson(partner));
        object.set("partners", list);
        Poco::JSON::Array missing;
        for (const auto& kind : check.missing)
            missing.add(kind);
        object.set("ontbrekendeKernpartners", missing);
        printJson(context.out(), object);
        return kSuccess;
    }
    auto& out = context.out();
    out << region->code << " " << region->name << "\n"
        << "centrumgemeente: " << region->centrumgemeente
        << (region->confirmed ? "" : " (not confirmed from a public source)") << "\n"
        << "bron: " << region->source << "\n";
    if (!region->remark.empty()) out << "opmerking: " << region->remark << "\n";
    out << "\npartners (" << partners->size() << "):\n";
    std::vector<std::vector<std::string>> rows{{"SLEUTEL", "NAAM", "SOORT", "ROL"}};
    for (const auto& partner : *partners)
        rows.push_back({partner.key, partner.name, partner.kind, partner.role});
    printTable(out, rows);
    if (check.complete()) {
        out << "\nthe Beraad has every kernpartner kind\n";
    } else {
        out << "\nkernpartner kinds still missing:";
        for (const auto& kind : check.missing)
            out << " " << kind;
        out << "\n";
    }
    return kSuccess;
}

int correctRegion(Context& context, const po::variables_map& options) {
    auto corrected = context.backend().correctCentrumgemeente(
        options["code"].as<std::string>(), options["centrumgemeente"].as<std::string>(),
        options["bron"].as<std::string>());
    if (!corrected) return context.fail(corrected.error());
    if (context.json()) {
        printJson(context.out(), toJson(*corrected));
    } else {
        context.out() << "centrumgemeente of " << corrected->code << " is now "
                      << corrected->centrumgemeente
                      << " (confirmed; recorded in the history of regio " << corrected->code
                      << ")\n";
    }
    return kSuccess;
}

int showBudget(Context& context, const po::variables_map&) {
    auto budget = context.backend().budget();
    if (!budget) return context.fail(budget.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& year : *budget)
            array.add(toJson(year));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{{"JAAR", "IMPULSBUDGET", "STRUCTUREEL"}};
    for (const auto& year : *budget) {
        rows.push_back(
            {std::to_string(year.year), euros(year.impulsbudget), euros(year.structural)});
    }
    printTable(context.out(), rows);
    if (!budget->empty()) {
        context.out() << "\nper region; bron: " << budget->front().source << " (vastgelegd "
                      << budget->front().referenceDate << ")\n";
    }
    return kSuccess;
}

void codeArgument(po::options_description& options,
                  po::positional_options_description& positional) {
    options.add_options()("code", po::value<std::string>()->required(), "region code, e.g. AM05");
    positional.add("code", 1);
}

}  // namespace

std::vector<Command> regionCommands() {
    return {
        {"regio list", "list the 35 arbeidsmarktregio's and their centrumgemeente",
         "  beraad regio list\n  beraad regio list --json", nullptr, listRegions},
        {"regio show", "show a region, its partners and which kernpartner kinds are missing",
         "  beraad regio show AM05", codeArgument, showRegion},
        {"regio correct", "correct a region's centrumgemeente, naming the source (beheerder)",
         "  beraad regio correct AM30 --centrumgemeente Heerlen \\\n"
         "      --bron \"Convenant Zuid-Limburg 2025\" --role beheerder",
         [](po::options_description& options, po::positional_options_description& positional) {
             codeArgument(options, positional);
             options.add_options()("centrumgemeente", po::value<std::string>()->required(),
                                   "the correct centrumgemeente")(
                 "bron", po::value<std::string>()->required(),
                 "the public source that confirms it");
         },
         correctRegion},
        {"budget", "show the impulsbudget and structural budget per region per year",
         "  beraad budget", nullptr, showBudget},
    };
}

}  // namespace beraad::cli
