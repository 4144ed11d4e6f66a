// The model beleidsagenda and uitvoeringsagenda (ModelDraft.h): analysis
// sections without figures, ambities along the themes of the reform, and
// actions without amounts or indicators.
#include <libxml/tree.h>

#include <algorithm>
#include <tuple>

#include "model/ModelWriter.h"
#include "xml/Xml.h"

namespace beraad::model {
namespace {

struct ModelThema {
    const char* id;
    const char* naam;
    const char* ambitieId;
    std::string titel;
    std::string omschrijving;
};

// The themes of the reform (DOMAIN: one front door, shortages, untapped
// potential, development); the model uitvoeringsagenda has one action per
// ambitie.
std::vector<ModelThema> modelThemas(const Region& region) {
    const std::string werkcentrum = werkcentrumName(region);
    return {
        {"werkcentrum", "Eén toegang tot werk en scholing", "amb-1",
         werkcentrum + " is bekend en bereikbaar voor iedereen",
         "Inwoners en werkgevers in " + region.name +
             " vinden met iedere vraag over werk en scholing de weg via " + werkcentrum +
             ", online, telefonisch of bij een servicepunt."},
        {"krapte", "Vraag en aanbod bij elkaar brengen", "amb-2",
         "Meer mensen aan het werk in beroepen met tekorten",
         "De partners leiden werkzoekenden en zij-instromers gericht op naar beroepen en "
         "sectoren in " +
             region.name + " waar werkgevers moeilijk personeel vinden."},
        {"onbenut-potentieel", "Onbenut arbeidspotentieel", "amb-3",
         "Iedereen die kan en wil werken, vindt passend werk",
         "De partners helpen inwoners die (meer) willen werken maar geen of te weinig betaald "
         "werk hebben, met één gezamenlijke aanpak."},
        {"ontwikkeling", "Leven lang ontwikkelen", "amb-4",
         "Werkenden en jongeren ontwikkelen zich naar werk met toekomst",
         "Het Werkcentrum begeleidt werkenden en jongeren naar scholing die past bij de vraag "
         "van werkgevers in de regio."},
    };
}

struct Onderdeel {
    const char* onderwerp;
    const char* titel;
    std::string alinea;
};

std::vector<Onderdeel> analyseOnderdelen(const Region& region) {
    const std::string in = " in de arbeidsmarktregio " + region.name;
    return {
        {"vraag", "Vraag naar arbeid",
         "Dit onderdeel beschrijft de vraag naar arbeid" + in +
             ": de openstaande vacatures en de verwachte vraag per beroepsgroep en sector."},
        {"aanbod", "Aanbod van arbeid",
         "Dit onderdeel beschrijft het aanbod van arbeid" + in +
             ": de beroepsbevolking, de werkzoekenden en hun opleidingsniveau."},
        {"krapte", "Krapte",
         "Dit onderdeel beschrijft de beroepen en sectoren" + in +
             " waar de vraag het aanbod overtreft, en hoe die krapte zich ontwikkelt."},
        {"onbenut-potentieel", "Onbenut arbeidspotentieel",
         "Dit onderdeel beschrijft de inwoners" + in +
             " die (meer) willen werken maar geen of te weinig betaald werk hebben."},
        {"sectoren", "Sectoren",
         "Dit onderdeel beschrijft de sectoren die de arbeidsmarkt" + in +
             " bepalen en hun verwachte ontwikkeling."},
    };
}

// The root element of an agenda, its titel ("Beleidsagenda Regionaal Beraad
// Twente 2027-2031") and periode.
void openAgenda(XmlWriter& xml, const ModelDraftInput& input, const std::string& kind,
                const std::string& end) {
    xml.open(toString(input.kind), {{"regio", input.region.code}});
    xml.element("titel", kind + " Regionaal Beraad " + input.region.name + " " +
                             input.begin.substr(0, 4) + "-" + end.substr(0, 4));
    xml.open("periode");
    xml.element("begin", input.begin);
    xml.element("eind", end);
    xml.close();
}

// The ambities and period of the beleidsagenda an uitvoeringsagenda carries out.
struct Basis {
    std::string id;
    std::string begin;
    std::string end;
    std::vector<std::pair<std::string, std::string>> ambities;  // id, titel
};

Result<Basis> readBasis(const ModelBeleidsagenda& agenda) {
    xml::Parsed parsed = xml::parseUntrusted(agenda.content);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidContent,
                         "beleidsagenda " + agenda.id + " cannot be read",
                         std::move(parsed.problems));
    }
    const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    Basis basis{agenda.id, "", "", {}};
    const xmlNode* periode = xml::firstChild(root, "periode");
    basis.begin = xml::text(xml::firstChild(periode, "begin"));
    basis.end = xml::text(xml::firstChild(periode, "eind"));
    for (const xmlNode* thema : xml::children(xml::firstChild(root, "ambities"), "thema")) {
        for (const xmlNode* ambitie : xml::children(thema, "ambitie")) {
            basis.ambities.emplace_back(xml::attribute(ambitie, "id"),
                                        xml::text(xml::firstChild(ambitie, "titel")));
        }
    }
    return basis;
}

struct Actie {
    std::string ambitie;
    std::string titel;
    std::string omschrijving;
    const Partner* trekker;
    std::vector<const Partner*> partners;
    std::string doelgroep;
};

const Partner* orFirst(const Partner* wanted, const Beraad& beraad) {
    return wanted != nullptr ? wanted : beraad.first("centrumgemeente");
}

// The model actions, one per ambitie of the model beleidsagenda.
std::vector<Actie> modelActies(const Beraad& beraad, const Region& region) {
    const auto* centrum = beraad.first("centrumgemeente");
    const auto* uwv = beraad.first("uwv");
    const auto* sbb = beraad.first("sbb");
    const auto* werkgevers = beraad.first("werkgeversorganisatie");
    const auto* werknemers = beraad.first("werknemersorganisatie");
    const auto* school = beraad.first("contactschool");
    const std::string werkcentrum = werkcentrumName(region);
    return {
        {"amb-1",
         "Inrichting van " + werkcentrum,
         "De partners richten de kanalen en de gidsfunctie van " + werkcentrum +
             " in en maken het Werkcentrum bekend bij inwoners en werkgevers.",
         centrum,
         {uwv, werkgevers, werknemers},
         "Inwoners en werkgevers in " + region.name},
        {"amb-2",
         "Werkzoekenden naar beroepen met tekorten",
         "Werkzoekenden en zij-instromers maken kennis met beroepen met tekorten en krijgen "
         "een passend leerwerktraject.",
         orFirst(uwv, beraad),
         {centrum, school, werkgevers},
         "Werkzoekenden en zij-instromers"},
        {"amb-3",
         "Eén aanpak voor onbenut arbeidspotentieel",
         "Gemeenten en UWV helpen inwoners die (meer) willen werken samen, met één "
         "aanspreekpunt per inwoner.",
         centrum,
         {uwv, werknemers},
         "Inwoners die (meer) willen werken"},
        {"amb-4",
         "Loopbaanadvies en scholing",
         "Werkenden en jongeren krijgen via het Werkcentrum loopbaanadvies en worden "
         "begeleid naar scholing die aansluit op de vraag van werkgevers.",
         orFirst(school, beraad),
         {sbb, werkgevers, werknemers},
         "Werkenden en jongeren in " + region.name},
    };
}

// For a beleidsagenda of the partners' own making: one action per ambitie.
std::vector<Actie> actiesPerAmbitie(const Beraad& beraad, const Basis& basis) {
    const auto* centrum = beraad.first("centrumgemeente");
    const auto* uwv = beraad.first("uwv");
    std::vector<Actie> acties;
    for (size_t i = 0; i < basis.ambities.size(); ++i) {
        const auto& [id, titel] = basis.ambities[i];
        bool even = i % 2 == 0;
        acties.push_back({id,
                          "Uitvoering: " + titel,
                          "De partners werken de ambitie '" + titel + "' van " + basis.id +
                              " uit in gezamenlijke activiteiten.",
                          even ? centrum : uwv,
                          {even ? uwv : centrum},
                          "De doelgroep van de ambitie '" + titel + "'"});
    }
    return acties;
}

void writeActie(XmlWriter& xml, const Actie& actie, size_t number, const std::string& begin,
                const std::string& end) {
    xml.open(
        "actie",
        {{"id", "A" + std::to_string(number)}, {"ambitie", actie.ambitie}, {"status", "gepland"}});
    xml.element("titel", actie.titel);
    xml.element("omschrijving", actie.omschrijving);
    xml.empty("trekker", {{"partner", actie.trekker->key}});
    xml.open("partners");
    std::vector<std::string> named{actie.trekker->key};
    for (const auto* partner : actie.partners) {
        if (partner == nullptr ||
            std::find(named.begin(), named.end(), partner->key) != named.end())
            continue;
        named.push_back(partner->key);
        xml.empty("partner", {{"partner", partner->key}});
    }
    xml.close();
    xml.element("doelgroep", actie.doelgroep);
    xml.open("planning");
    xml.element("start", begin);
    xml.element("eind", end);
    xml.close();
    xml.empty("begroting");
    xml.empty("indicatoren");
    xml.close();
}

}  // namespace

Result<ModelDraft> generateBeleidsagenda(const ModelDraftInput& input) {
    const Region& region = input.region;
    auto end = lastDayAfterYears(input.begin, 5);
    if (!end) return end.error();
    XmlWriter xml;
    xml.comment(openingComment(
        input,
        {"the analyse: figures (cijfer) with their source and peildatum, from UWV "
         "arbeidsmarktinformatie and CBS; the model states none",
         "the ambities: the model follows the themes of the reform; add a beoogd resultaat "
         "where the partners agree on one"},
        {}));
    openAgenda(xml, input, "Beleidsagenda", *end);
    xml.open("inleiding");
    xml.element("alinea",
                "Deze beleidsagenda is het eerste deel van de regionale "
                "meerjarenagenda van de arbeidsmarktregio " +
                    region.name + " voor de periode van " + dutchDate(input.begin) +
                    " tot en met " + dutchDate(*end) + ".");
    xml.element("alinea",
                "Zij beschrijft de arbeidsmarkt van de regio en de ambities die de "
                "partners van het Regionaal Beraad " +
                    region.name + " de komende vijf jaar samen willen waarmaken.");
    xml.close();
    xml.open("analyse");
    xml.open("samenvatting");
    xml.element("alinea", "De analyse beschrijft de arbeidsmarkt van " + region.name +
                              " aan de hand van de regionale arbeidsmarktinformatie van UWV en "
                              "de cijfers van CBS; ieder cijfer vermeldt zijn bron en peildatum.");
    xml.close();
    for (const auto& onderdeel : analyseOnderdelen(region)) {
        xml.open("onderdeel", {{"onderwerp", onderdeel.onderwerp}});
        xml.element("titel", onderdeel.titel);
        xml.element("alinea", onderdeel.alinea);
        xml.close();
    }
    xml.close();
    xml.open("ambities");
    for (const auto& thema : modelThemas(region)) {
        xml.open("thema", {{"id", thema.id}});
        xml.element("naam", thema.naam);
        xml.open("ambitie", {{"id", thema.ambitieId}});
        xml.element("titel", thema.titel);
        xml.element("omschrijving", thema.omschrijving);
        xml.close();
        xml.close();
    }
    xml.close();
    xml.open("verbindingen");
    for (const auto& [soort, naam, omschrijving] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"school-naar-werk", "School-naar-werk in " + region.name,
              "De acties voor jongeren sluiten aan op de regionale aanpak school-naar-werk van "
              "scholen en gemeenten."},
             {"human-capital-agenda", "Human Capital Agenda's",
              "De ambities voor krapteberoepen sluiten aan op de Human Capital Agenda's van de "
              "sectoren in de regio."},
             {"landelijke-meerjarenagenda", "Landelijke meerjarenagenda",
              "De ambities volgen de landelijke prioriteiten voor de Werkcentra."}}) {
        xml.open("verbinding", {{"soort", soort}});
        xml.element("naam", naam);
        xml.element("omschrijving", omschrijving);
        xml.close();
    }
    xml.close();
    xml.open("governance");
    xml.element("alinea", "Het Regionaal Beraad " + region.name +
                              " stelt deze beleidsagenda vast volgens de besluitvorming van het "
                              "samenwerkingsconvenant en bespreekt ieder jaar de voortgang aan "
                              "de hand van de uitvoeringsagenda.");
    xml.close();
    return ModelDraft{input.kind, region.code, xml.finish(), std::nullopt, {}};
}

Result<ModelDraft> generateUitvoeringsagenda(const ModelDraftInput& input, const Beraad& beraad) {
    const Region& region = input.region;
    std::optional<Basis> basis;
    if (input.beleidsagenda) {
        auto read = readBasis(*input.beleidsagenda);
        if (!read) return read.error();
        basis = std::move(read.value());
    }
    auto end = lastDayAfterYears(input.begin, 2);
    if (!end) return end.error();
    std::vector<std::string> notes;
    if (basis) {
        if (input.begin < basis->begin || input.begin > basis->end) {
            return makeError(
                ErrorCode::InvalidInput,
                "begin " + input.begin + " lies outside the period of " + basis->id + " (" +
                    basis->begin + " to " + basis->end + ")",
                {{"choose a begin inside the beleidsagenda's period", std::nullopt, "begin"}});
        }
        // At most 2 years, inside the beleidsagenda's period.
        if (*end > basis->end) end = basis->end;
    } else {
        notes.push_back("region " + region.code +
                        " has no beleidsagenda: the actions refer to the ambities amb-1 to "
                        "amb-4 of the model beleidsagenda; create that first (beraad document "
                        "new --soort beleidsagenda)");
    }
    const auto themas = modelThemas(region);
    auto hasAmbitie = [&](const ModelThema& thema) {
        return std::any_of(basis->ambities.begin(), basis->ambities.end(),
                           [&](const auto& ambitie) { return ambitie.first == thema.ambitieId; });
    };
    bool modelIds = !basis || std::all_of(themas.begin(), themas.end(), hasAmbitie);
    auto acties = modelIds ? modelActies(beraad, region) : actiesPerAmbitie(beraad, *basis);

    XmlWriter xml;
    xml.comment(openingComment(input,
                               {"per action: the begroting (year, source, amount), the "
                                "indicatoren and the mijlpalen; the model sets none",
                                "the partners and planning of each action"},
                               notes));
    openAgenda(xml, input, "Uitvoeringsagenda", *end);
    xml.open("inleiding");
    xml.element("alinea",
                "Deze uitvoeringsagenda is het tweede deel van de regionale meerjarenagenda van " +
                    region.name + ". Zij zet de ambities van " +
                    (basis ? "beleidsagenda " + basis->id : std::string("de beleidsagenda")) +
                    " om in gezamenlijke acties, per actie met een trekker.");
    xml.close();
    xml.open("acties");
    for (size_t i = 0; i < acties.size(); ++i)
        writeActie(xml, acties[i], i + 1, input.begin, *end);
    xml.close();
    xml.open("monitoring");
    xml.element("alinea",
                "Het secretariaat rapporteert ten minste twee keer per jaar aan het "
                "Regionaal Beraad " +
                    region.name + " over de voortgang van de acties.");
    xml.close();
    ModelDraft draft{input.kind, region.code, xml.finish(), std::nullopt, notes};
    if (basis) draft.beleidsagendaId = basis->id;
    return draft;
}

}  // namespace beraad::model
