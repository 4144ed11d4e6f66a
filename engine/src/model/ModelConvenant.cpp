// The model samenwerkingsconvenant (ModelDraft.h): generic text for any
// region, its partijen from the register, an equal kostenverdeling.
#include "model/ModelWriter.h"

namespace beraad::model {
namespace {

// 3334 -> "33.34", 5000 -> "50", 1250 -> "12.5".
std::string percentage(int hundredths) {
    std::string text = std::to_string(hundredths / 100);
    int fraction = hundredths % 100;
    if (fraction == 0) return text;
    text += '.';
    text += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
    return text;
}

struct Share {
    const Partner* partner;
    int hundredths;
};

// The joint costs are shared equally by the public kernpartners that pay
// for the Beraad and the Werkcentrum: the centrumgemeente, the other
// gemeenten and UWV. 100% in hundredths is divided equally; the hundredths
// that remain go one each to the first partners in order (centrumgemeente
// first), so the shares always add up to exactly 100.
std::vector<Share> kostenverdeling(const Beraad& beraad) {
    auto payers = beraad.ofKinds({"centrumgemeente", "gemeente", "uwv"});
    std::vector<Share> shares;
    int count = static_cast<int>(payers.size());
    for (int i = 0; i < count; ++i) {
        shares.push_back(
            {payers[static_cast<size_t>(i)], 10000 / count + (i < 10000 % count ? 1 : 0)});
    }
    return shares;
}

void partijen(XmlWriter& xml, const Beraad& beraad) {
    xml.open("partijen");
    for (const auto* partner : beraad.partijen) {
        xml.open("partij",
                 {{"partner", partner->key}, {"soort", partner->kind}, {"rol", partner->role}});
        xml.element("naam", partner->name);
        for (const auto& person : partner->representatives) {
            if (person.name.find_first_not_of(" \t\r\n") == std::string::npos) continue;
            xml.open("vertegenwoordiger");
            xml.element("naam", person.name);
            bool noFunction = person.function.find_first_not_of(" \t\r\n") == std::string::npos;
            xml.element("functie", noFunction ? "vertegenwoordiger" : person.function);
            if (!person.email.empty()) xml.element("email", person.email);
            xml.close();
        }
        xml.close();
    }
    xml.close();
}

void overwegingen(XmlWriter& xml, const Region& region, const std::string& centrum) {
    xml.open("overwegingen");
    const std::vector<std::string> teksten{
        "dat ieder van de 35 arbeidsmarktregio's één herkenbaar Werkcentrum krijgt, waar "
        "werkzoekenden, werkenden en werkgevers terechtkunnen met hun vragen over werk en "
        "scholing;",
        "dat in de arbeidsmarktregio " + region.name + " het Regionaal Beraad " + region.name +
            " de samenwerking van de publieke en private partners richting geeft en het "
            "Regionaal Werkbedrijf vervangt;",
        "dat de partijen hun gezamenlijke koers vastleggen in een regionale meerjarenagenda, "
        "bestaande uit een beleidsagenda en een uitvoeringsagenda;",
        "dat " + centrum +
            " als centrumgemeente de regierol vervult en de middelen beheert die het Rijk voor "
            "de regio beschikbaar stelt;",
        "dat de partijen hun eigen verantwoordelijkheden, bevoegdheden en "
        "rechtspersoonlijkheid behouden en dat het Werkcentrum geen rechtspersoon is."};
    for (const auto& text : teksten)
        xml.element("overweging", text);
    xml.close();
}

void begrippen(XmlWriter& xml, const Region& region, const std::string& centrum) {
    const std::vector<std::pair<std::string, std::string>> terms{
        {"Arbeidsmarktregio",
         "de arbeidsmarktregio " + region.name + " (CBS-code " + region.code + ")."},
        {"Regionaal Beraad",
         "het bestuurlijk overleg van de kernpartners en strategische "
         "partners in de arbeidsmarktregio " +
             region.name + ", ingesteld bij dit convenant."},
        {"Kernpartners",
         "de partijen die de wet in ieder Regionaal Beraad voorschrijft: de "
         "(centrum)gemeenten, UWV, SBB, de werkgeversorganisaties, de "
         "werknemersorganisaties en de contactschool."},
        {"Strategische partners",
         "de partijen die op besluit van de kernpartners aan het "
         "Regionaal Beraad deelnemen."},
        {"Centrumgemeente",
         centrum + ", de gemeente met de regierol in de arbeidsmarktregio " + region.name + "."},
        {"Werkcentrum",
         "de gezamenlijke dienstverlening van de partijen op het gebied van werk "
         "en scholing, onder de naam " +
             werkcentrumName(region) + "."},
        {"Gidsfunctie",
         "de functie van het Werkcentrum die de vraag van een inwoner of "
         "werkgever verheldert en de weg wijst naar de partij die kan helpen."},
        {"Meerjarenagenda",
         "de regionale meerjarenagenda van het Regionaal Beraad: de "
         "beleidsagenda en de uitvoeringsagenda."},
    };
    xml.open("begrippen");
    for (const auto& [term, omschrijving] : terms) {
        xml.open("begrip");
        xml.element("term", term);
        xml.element("omschrijving", omschrijving);
        xml.close();
    }
    xml.close();
}

struct Artikel {
    const char* onderwerp;
    std::string titel;
    std::vector<std::string> leden;
};

// The articles of the content. Besluitvorming, the Werkcentrum and its
// gidsfunctie, the financiën and the looptijd are structured parts of the
// content that the shipped template renders as the articles after these
// (docs/templates.md), so they have no article here.
std::vector<Artikel> artikelTeksten(const Region& region, const std::string& centrum) {
    const std::string beraad = "het Regionaal Beraad " + region.name;
    const std::string werkcentrum = werkcentrumName(region);
    return {
        {"doel",
         "Doel van de samenwerking",
         {"Partijen werken samen om werkzoekenden, werkenden en werkgevers in de "
          "arbeidsmarktregio " +
              region.name + " goed te helpen bij hun vragen over werk en scholing.",
          "Partijen bundelen daartoe hun dienstverlening in " + werkcentrum +
              " en stemmen hun beleid af in " + beraad + "."}},
        {"samenstelling",
         "Samenstelling van het Regionaal Beraad",
         {"Het Regionaal Beraad " + region.name +
              " bestaat uit de kernpartners en de strategische partners die dit convenant "
              "ondertekenen.",
          "Iedere partij wijst een bestuurlijk vertegenwoordiger en een vervanger aan en meldt "
          "dit aan het secretariaat.",
          "Een strategisch partner neemt alleen deel na een besluit van de kernpartners."}},
        {"werkwijze",
         "Werkwijze",
         {"Het Regionaal Beraad " + region.name +
              " vergadert ten minste vier keer per jaar en wijst uit zijn midden een voorzitter "
              "aan.",
          centrum + " voert als centrumgemeente het secretariaat; het secretariaat legt de "
                    "agenda, de besluiten, de goedkeuringen en de ondertekeningen vast."}},
        {"meerjarenagenda",
         "Regionale meerjarenagenda",
         {"Het Regionaal Beraad stelt eens in de vijf jaar een beleidsagenda vast met een "
          "analyse van de arbeidsmarkt in " +
              region.name + " en de ambities die daaruit volgen.",
          "Ten minste eens in de twee jaar stelt het Regionaal Beraad een uitvoeringsagenda "
          "vast met de gezamenlijke acties, per actie met een trekker, planning, begroting en "
          "indicatoren."}},
        {"gegevens",
         "Gegevensuitwisseling",
         {"Partijen wisselen alleen gegevens uit die nodig zijn voor de dienstverlening van " +
              werkcentrum + ", met inachtneming van de Algemene verordening gegevensbescherming.",
          "Waar persoonsgegevens worden uitgewisseld, leggen partijen dit vast in een "
          "afzonderlijke afspraak over gegevensdeling."}},
        {"toetreding",
         "Toetreding en uittreding",
         {"Een organisatie treedt als strategisch partner toe tot " + beraad +
              " na een besluit van de kernpartners en door ondertekening van een "
              "toetredingsverklaring.",
          "Een strategisch partner kan uittreden door schriftelijke opzegging aan het "
          "Regionaal Beraad; het Regionaal Beraad legt de gevolgen voor de kostenverdeling "
          "vast."}},
        {"wijziging",
         "Wijziging",
         {"Dit convenant wordt alleen gewijzigd bij besluit van " + beraad +
          " volgens de besluitvorming van dit convenant; iedere wijziging wordt door alle "
          "partijen ondertekend."}},
        {"geschillen",
         "Geschillen",
         {"Partijen lossen geschillen over dit convenant eerst in onderling overleg in " + beraad +
              " op.",
          "Komen partijen daar niet uit, dan kunnen zij gezamenlijk een onafhankelijke "
          "bemiddelaar inschakelen."}},
    };
}

void artikelen(XmlWriter& xml, const std::vector<Artikel>& teksten) {
    xml.open("artikelen");
    int nummer = 0;
    for (const auto& artikel : teksten) {
        xml.open("artikel",
                 {{"nummer", std::to_string(++nummer)}, {"onderwerp", artikel.onderwerp}});
        xml.element("titel", artikel.titel);
        int lid = 0;
        for (const auto& text : artikel.leden)
            xml.element("lid", text, {{"nummer", std::to_string(++lid)}});
        xml.close();
    }
    xml.close();
}

void werkcentrum(XmlWriter& xml, const Region& region) {
    xml.open("werkcentrum");
    xml.element("naam", werkcentrumName(region));
    xml.open("kanalen");
    xml.element("kanaal", "de website van " + werkcentrumName(region), {{"soort", "online"}});
    xml.element("kanaal", "één regionaal telefoonnummer", {{"soort", "telefonisch"}});
    xml.element("kanaal", "een servicepunt in " + region.centrumgemeente, {{"soort", "fysiek"}});
    xml.close();
    xml.empty("locaties");
    xml.open("gidsfunctie");
    xml.element("alinea", "De gidsfunctie is bereikbaar via ieder kanaal van " +
                              werkcentrumName(region) +
                              " en verwijst iedere vrager naar de partij die kan helpen.");
    xml.element("alinea",
                "Partijen spreken in het Regionaal Beraad af binnen welke termijn een vrager "
                "antwoord krijgt en rapporteren daarover in de uitvoeringsagenda.");
    xml.close();
    xml.close();
}

void financien(XmlWriter& xml, const Beraad& beraad) {
    auto shares = kostenverdeling(beraad);
    xml.open("financien");
    xml.open("toelichting");
    xml.element("alinea",
                "De gezamenlijke kosten van het Regionaal Beraad en het Werkcentrum die niet "
                "uit rijksmiddelen worden gedekt, worden in gelijke delen gedragen door de "
                "gemeenten en UWV.");
    xml.element("alinea",
                "UWV en de werkgevers- en werknemersorganisaties leveren daarnaast inzet in "
                "natura voor de gidsfunctie.");
    xml.close();
    xml.open("kostenverdeling");
    for (const auto& share : shares) {
        xml.empty("aandeel",
                  {{"partner", share.partner->key}, {"percentage", percentage(share.hundredths)}});
    }
    if (const auto* uwv = beraad.first("uwv")) {
        xml.element("inNatura", "formatie voor de gidsfunctie",
                    {{"partner", uwv->key}, {"fte", "1.35"}});
    }
    if (const auto* werkgevers = beraad.first("werkgeversorganisatie")) {
        xml.element("inNatura", "inzet voor de gidsfunctie namens de werkgeversorganisaties",
                    {{"partner", werkgevers->key}, {"fte", "0.5"}});
    }
    if (const auto* werknemers = beraad.first("werknemersorganisatie")) {
        xml.element("inNatura", "inzet voor de gidsfunctie namens de werknemersorganisaties",
                    {{"partner", werknemers->key}, {"fte", "0.5"}});
    }
    xml.close();
    xml.element("overschot",
                "Een overschot aan het einde van een jaar blijft beschikbaar voor de "
                "uitvoeringsagenda van het volgende jaar, tenzij het Regionaal Beraad anders "
                "besluit.");
    xml.close();
}

}  // namespace

std::string generateConvenant(const ModelDraftInput& input, const Beraad& beraad,
                              const std::string& einddatum) {
    const Region& region = input.region;
    const std::string centrum = beraad.centrumgemeenteName();
    XmlWriter xml;
    xml.comment(openingComment(
        input,
        {"the kostenverdeling: the model shares the costs equally between the gemeenten and "
         "UWV",
         "the locaties of the Werkcentrum (none are listed) and its website",
         "the ondertekening (place and date) once the partners have decided"},
        beraad.notes));
    xml.open("samenwerkingsconvenant", {{"regio", region.code}});
    xml.element("titel", "Samenwerkingsconvenant Regionaal Beraad " + region.name);
    partijen(xml, beraad);
    overwegingen(xml, region, centrum);
    begrippen(xml, region, centrum);
    artikelen(xml, artikelTeksten(region, centrum));
    xml.open("besluitvorming");
    xml.element("regel", "unanimiteit-kernpartners");
    xml.element("toelichting",
                "Het Regionaal Beraad " + region.name +
                    " besluit bij voorkeur in consensus; besluiten over dit convenant en de "
                    "meerjarenagenda vergen de instemming van alle kernpartners.");
    xml.close();
    werkcentrum(xml, region);
    financien(xml, beraad);
    xml.open("looptijd");
    xml.element("ingangsdatum", input.begin);
    xml.element("einddatum", einddatum);
    xml.element("verlenging",
                "Partijen besluiten uiterlijk zes maanden voor de einddatum of zij dit "
                "convenant verlengen.");
    xml.element("evaluatie", "Partijen evalueren de samenwerking in " +
                                 std::to_string(std::stoi(input.begin.substr(0, 4)) + 2) + ".");
    xml.close();
    return xml.finish();
}

}  // namespace beraad::model
