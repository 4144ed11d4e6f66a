// beraad partner ...: the partners of a region's Regionaal Beraad.
#include <Poco/JSON/Array.h>

#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

// "Naam|functie|e-mail" (function and e-mail may be left out).
Representative parseRepresentative(const std::string& text) {
    Representative person;
    std::vector<std::string> parts{""};
    for (char c : text) {
        if (c == '|') {
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    if (parts.size() > 3) {
        throw std::runtime_error("--vertegenwoordiger '" + text +
                                 "' has more than three parts; "
                                 "write \"name|function|e-mail\"");
    }
    person.name = parts[0];
    if (parts.size() > 1) person.function = parts[1];
    if (parts.size() > 2) person.email = parts[2];
    return person;
}

int addPartner(Context& context, const po::variables_map& options) {
    Partner partner;
    partner.region = options["regio"].as<std::string>();
    partner.key = options["sleutel"].as<std::string>();
    partner.name = options["naam"].as<std::string>();
    partner.kind = options["soort"].as<std::string>();
    partner.role = options["rol"].as<std::string>();
    if (options.count("vertegenwoordiger")) {
        for (const auto& text : options["vertegenwoordiger"].as<std::vector<std::string>>()) {
            partner.representatives.push_back(parseRepresentative(text));
        }
    }
    auto registered = context.backend().registerPartner(partner);
    if (!registered) return context.fail(registered.error());
    if (context.json()) {
        printJson(context.out(), toJson(*registered));
    } else {
        context.out() << "registered " << registered->key << " (" << registered->name << ") as "
                      << registered->role << " in " << registered->region << "\n";
    }
    return kSuccess;
}

int listPartners(Context& context, const po::variables_map& options) {
    auto partners = context.backend().listPartners(options["regio"].as<std::string>());
    if (!partners) return context.fail(partners.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& partner : *partners)
            array.add(toJson(partner));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{
        {"SLEUTEL", "NAAM", "SOORT", "ROL", "VERTEGENWOORDIGER"}};
    for (const auto& partner : *partners) {
        std::string people;
        for (const auto& person : partner.representatives) {
            people += (people.empty() ? "" : "; ") + person.name;
            if (!person.function.empty()) people += " (" + person.function + ")";
        }
        rows.push_back({partner.key, partner.name, partner.kind, partner.role, people});
    }
    printTable(context.out(), rows);
    return kSuccess;
}

int admitPartner(Context& context, const po::variables_map& options) {
    AdmissionRequest request{
        options["regio"].as<std::string>(),
        options["partner"].as<std::string>(),
        options["vergadering"].as<std::string>(),
        options["agendapunt"].as<std::string>(),
        options["datum"].as<std::string>(),
        parseKeyValues(options["stem"].as<std::vector<std::string>>(), "stem")};
    auto result = context.backend().admitStrategischPartner(request);
    if (!result) return context.fail(result.error());
    if (context.json()) {
        printJson(context.out(), toJson(*result));
        return kSuccess;
    }
    context.out() << result->record.partner
                  << (result->record.admitted ? " admitted" : " NOT admitted")
                  << " as strategisch partner of " << result->record.region << " (rule "
                  << result->record.rule << ")\n  " << result->record.explanation << "\n";
    return kSuccess;
}

}  // namespace

std::vector<Command> partnerCommands() {
    return {
        {"partner add", "register (or update) a partner of a region's Beraad",
         "  beraad partner add --regio AM05 --sleutel uwv --naam \"UWV\" --soort uwv \\\n"
         "      --rol kernpartner --vertegenwoordiger \"M. Jansen|regiomanager|m.jansen@uwv.nl\"",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("regio", po::value<std::string>()->required(),
                                   "region code, e.g. AM05")(
                 "sleutel", po::value<std::string>()->required(),
                 "key used in content and decisions: lower case, digits, hyphens "
                 "(gemeente-enschede)")("naam", po::value<std::string>()->required(),
                                        "name of the organisation")(
                 "soort", po::value<std::string>()->required(),
                 "kind: centrumgemeente, gemeente, uwv, sbb, werkgeversorganisatie, "
                 "werknemersorganisatie, contactschool, sociaal-ontwikkelbedrijf, provincie, "
                 "uitzendbranche, re-integratiebedrijf, verzuimbedrijf, opleider, "
                 "brancheorganisatie, overig")(
                 "rol", po::value<std::string>()->default_value("kernpartner"),
                 "role in the Beraad: kernpartner, strategisch-partner, samenwerkingspartner")(
                 "vertegenwoordiger", po::value<std::vector<std::string>>(),
                 "representative as \"name|function|e-mail\"; repeat for more");
         },
         addPartner},
        {"partner list", "list the partners of a region", "  beraad partner list --regio AM05",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("regio", po::value<std::string>()->required(),
                                   "region code, e.g. AM05");
             positional.add("regio", 1);
         },
         listPartners},
        {"partner admit",
         "record the kernpartners' decision on admitting a strategisch partner (secretariaat)",
         "  beraad partner admit --role secretariaat --regio AM05 --partner provincie-overijssel "
         "\\\n"
         "      --vergadering \"RB Twente 12 maart 2026\" --agendapunt 6 --datum 2026-03-12 \\\n"
         "      --stem gemeente-enschede=akkoord --stem uwv=akkoord ...",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("regio", po::value<std::string>()->required(),
                                   "region code, e.g. AM05")(
                 "partner", po::value<std::string>()->required(),
                 "key of the registered partner to admit")(
                 "vergadering", po::value<std::string>()->required(), "the meeting")(
                 "agendapunt", po::value<std::string>()->required(), "the agenda item")(
                 "datum", po::value<std::string>()->required(), "date of the meeting, YYYY-MM-DD")(
                 "stem", po::value<std::vector<std::string>>()->required()->multitoken(),
                 "a kernpartner's vote as KEY=akkoord|niet-akkoord|onthouding; repeat per "
                 "kernpartner");
         },
         admitPartner},
    };
}

}  // namespace beraad::cli
