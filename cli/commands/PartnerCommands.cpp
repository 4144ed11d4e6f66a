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

// What the options name of a partner; the rest stays as registered.
PartnerChange changeOf(const po::variables_map& options) {
    PartnerChange change{options["regio"].as<std::string>(), options["sleutel"].as<std::string>()};
    for (auto [option, field] :
         {std::pair{"naam", &PartnerChange::name}, std::pair{"soort", &PartnerChange::kind},
          std::pair{"rol", &PartnerChange::role}}) {
        if (options.count(option)) change.*field = options[option].as<std::string>();
    }
    if (options.count("vertegenwoordiger")) {
        change.representatives.emplace();
        for (const auto& text : options["vertegenwoordiger"].as<std::vector<std::string>>())
            change.representatives->push_back(parseRepresentative(text));
    } else if (options.count("geen-vertegenwoordigers")) {
        change.representatives.emplace();
    }
    return change;
}

int printPartner(Context& context, const Result<Partner>& saved, const std::string& verb) {
    if (!saved) return context.fail(saved.error());
    if (context.json()) {
        printJson(context.out(), toJson(*saved));
    } else {
        context.out() << verb << " " << saved->key << " (" << saved->name << ") as " << saved->role
                      << " in " << saved->region << "\n";
    }
    return kSuccess;
}

// A new partner is registered whole; an existing one changes only in what the
// options name (as partner update), so leaving out --vertegenwoordiger keeps them.
int addPartner(Context& context, const po::variables_map& options) {
    auto change = changeOf(options);
    auto updated = context.backend().updatePartner(change);
    if (updated || updated.error().code != ErrorCode::NotFound)
        return printPartner(context, updated, "updated");
    Partner partner{change.region,
                    change.key,
                    change.name.value_or(""),
                    change.kind.value_or(""),
                    change.role.value_or("kernpartner"),
                    change.representatives.value_or(std::vector<Representative>{})};
    return printPartner(context, context.backend().registerPartner(partner), "registered");
}

int updatePartner(Context& context, const po::variables_map& options) {
    return printPartner(context, context.backend().updatePartner(changeOf(options)), "updated");
}

int recordLeave(Context& context, const po::variables_map& options) {
    PartnerLeave leave{options["regio"].as<std::string>(), options["sleutel"].as<std::string>(),
                       options["datum"].as<std::string>(), options["reden"].as<std::string>()};
    auto left = context.backend().recordLeave(leave);
    if (!left) return context.fail(left.error());
    if (context.json()) {
        printJson(context.out(), toJson(*left));
    } else {
        context.out() << left->key << " (" << left->name << ") leaves the Beraad of "
                      << left->region << " on " << left->leftOn << "\n";
    }
    return kSuccess;
}

// The options of partner add and partner update; add requires naam and soort.
void declarePartner(po::options_description& options, bool adding) {
    auto text = [adding](bool required) {
        auto value = po::value<std::string>();
        if (adding && required) value->required();
        return value;
    };
    options.add_options()("regio", po::value<std::string>()->required(), "region code, e.g. AM05")(
        "sleutel", po::value<std::string>()->required(),
        "key used in content and decisions: lower case, digits, hyphens (gemeente-enschede)")(
        "naam", text(true), "name of the organisation")(
        "soort", text(true),
        "kind: centrumgemeente, gemeente, uwv, sbb, werkgeversorganisatie, "
        "werknemersorganisatie, contactschool, sociaal-ontwikkelbedrijf, provincie, "
        "uitzendbranche, re-integratiebedrijf, verzuimbedrijf, opleider, "
        "brancheorganisatie, overig; one centrumgemeente per region")(
        "rol", text(false),
        adding ? "role in the Beraad: kernpartner (default for a new partner), "
                 "strategisch-partner, samenwerkingspartner"
               : "role in the Beraad: kernpartner, strategisch-partner, samenwerkingspartner")(
        "vertegenwoordiger", po::value<std::vector<std::string>>(),
        "representative as \"name|function|e-mail\"; repeat for more; replaces the list")(
        "geen-vertegenwoordigers", "remove every representative");
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
        std::string role = partner.role;
        if (!partner.leftOn.empty()) role += " (uitgetreden " + partner.leftOn + ")";
        rows.push_back({partner.key, partner.name, partner.kind, role, people});
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
        {"partner add",
         "register a partner of a region's Beraad; on a registered one, change only what is "
         "given",
         "  beraad partner add --regio AM05 --sleutel uwv --naam \"UWV\" --soort uwv \\\n"
         "      --rol kernpartner --vertegenwoordiger \"M. Jansen|regiomanager|m.jansen@uwv.nl\"",
         [](po::options_description& options, po::positional_options_description&) {
             declarePartner(options, true);
         },
         addPartner},
        {"partner update", "change only the given fields of a registered partner",
         "  beraad partner update --regio AM05 --sleutel uwv --vertegenwoordiger \"P. de Vries|"
         "regiomanager\"\n"
         "  # another centrumgemeente: the old one changes soort first\n"
         "  beraad partner update --regio AM05 --sleutel gemeente-enschede --soort gemeente",
         [](po::options_description& options, po::positional_options_description&) {
             declarePartner(options, false);
         },
         updatePartner},
        {"partner uittreden",
         "record that a partner leaves the Beraad (uittreding): kept in the history, no longer "
         "deciding or signing from the date",
         "  beraad partner uittreden --regio AM05 --sleutel opleider-x --datum 2026-09-01 \\\n"
         "      --reden \"opgezegd per brief van 1 juni 2026\"",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("regio", po::value<std::string>()->required(),
                                   "region code, e.g. AM05")(
                 "sleutel", po::value<std::string>()->required(), "key of the partner")(
                 "datum", po::value<std::string>()->required(),
                 "date the partner leaves, YYYY-MM-DD")(
                 "reden", po::value<std::string>()->required(), "why it leaves");
         },
         recordLeave},
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
