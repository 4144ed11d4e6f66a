#include "audit/Mdto.h"

#include <map>

#include "base/Escape.h"

namespace beraad::audit {
namespace {

constexpr const char* kHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<MDTO xmlns=\"https://www.nationaalarchief.nl/mdto\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"https://www.nationaalarchief.nl/mdto "
    "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd\">\n";

// A small writer for the nested, namespace-free elements MDTO consists of.
class Xml {
  public:
    explicit Xml(std::string& out) : out_(out) {}
    Xml& open(const char* name) {
        indent();
        out_ += '<';
        out_ += name;
        out_ += ">\n";
        ++depth_;
        return *this;
    }
    Xml& close(const char* name) {
        --depth_;
        indent();
        out_ += "</";
        out_ += name;
        out_ += ">\n";
        return *this;
    }
    Xml& leaf(const char* name, const std::string& text) {
        indent();
        out_ += '<';
        out_ += name;
        out_ += '>';
        appendEscapedText(out_, text);
        out_ += "</";
        out_ += name;
        out_ += ">\n";
        return *this;
    }
    // identificatieGegevens
    Xml& identificatie(const char* name, const std::string& kenmerk, const std::string& bron) {
        return open(name)
            .leaf("identificatieKenmerk", kenmerk)
            .leaf("identificatieBron", bron)
            .close(name);
    }
    // verwijzingGegevens, with an identification when one is known
    Xml& verwijzing(const char* name, const std::string& naam, const std::string& kenmerk = {},
                    const std::string& bron = {}) {
        open(name).leaf("verwijzingNaam", naam);
        if (!kenmerk.empty()) identificatie("verwijzingIdentificatie", kenmerk, bron);
        return close(name);
    }
    // begripGegevens
    Xml& begrip(const char* name, const std::string& label, const std::string& lijst,
                const std::string& code = {}) {
        open(name).leaf("begripLabel", label);
        if (!code.empty()) leaf("begripCode", code);
        return verwijzing("begripBegrippenlijst", lijst).close(name);
    }

  private:
    void indent() { out_.append(static_cast<size_t>(depth_) * 2, ' '); }
    std::string& out_;
    int depth_ = 1;
};

constexpr const char* kEventTypes = "Begrippenlijst EventTypeLijst MDTO";

void event(Xml& xml, const std::string& type, const std::string& time, const std::string& actor,
           const std::string& result) {
    xml.open("event").begrip("eventType", type, kEventTypes).leaf("eventTijd", time);
    xml.verwijzing("eventVerantwoordelijkeActor", actor).leaf("eventResultaat", result);
    xml.close("event");
}

std::string partnerRelation(const Partner& partner) {
    if (partner.role == "kernpartner") return "Kernpartner";
    if (partner.role == "strategisch-partner") return "Strategisch partner";
    return partner.role.empty() ? "Partner" : partner.role;
}

}  // namespace

std::string mdtoInformatieobject(const DocumentFacts& facts) {
    const Document& document = facts.document;
    std::map<std::string, std::string> partnerNames;
    for (const auto& partner : facts.partners)
        partnerNames[partner.key] = partner.name;

    std::string out = kHeader;
    Xml xml(out);
    xml.open("informatieobject");
    xml.identificatie("identificatie", document.id, kMdtoSource);
    xml.leaf("naam", document.title.empty() ? document.id : document.title);
    xml.begrip("aggregatieniveau", "Archiefstuk", "Begrippenlijst Aggregatieniveaus MDTO");
    xml.leaf("omschrijving", document.kind + " van arbeidsmarktregio " + facts.region.code + " " +
                                 facts.region.name + ", status " + document.state + ", " +
                                 std::to_string(document.latestVersion) + " versie(s)");
    xml.verwijzing("dekkingInRuimte", "Arbeidsmarktregio " + facts.region.name, facts.region.code,
                   "CBS-indeling arbeidsmarktregio's");
    xml.leaf("taal", "nl");
    event(xml, "Creatie", document.createdAt, document.createdBy, "document aangemaakt (versie 1)");
    for (const auto& transition : facts.transitions) {
        if (transition.toState != "vastgesteld") continue;
        event(xml, "Vaststelling", transition.time, transition.actor + " (" + transition.role + ")",
              "versie " + std::to_string(transition.version) + " vastgesteld, inhoudHash " +
                  transition.contentHash);
    }
    for (const auto& signature : facts.signatures) {
        auto partner = partnerNames.find(signature.partner);
        std::string party = partner == partnerNames.end() ? signature.partner : partner->second;
        event(xml, "Ondertekening", signature.date, signature.signatory + " namens " + party,
              "versie " + std::to_string(signature.version) + " ondertekend te " + signature.place +
                  ", inhoudHash " + signature.contentHash +
                  (signature.rectifiedBy != 0 ? " (gerectificeerd door ondertekening " +
                                                    std::to_string(signature.rectifiedBy) + ")"
                                              : "") +
                  (signature.rectifies != 0
                       ? " (rectificatie van ondertekening " + std::to_string(signature.rectifies) +
                             ": " + signature.reason + ")"
                       : ""));
    }
    xml.begrip("waardering", "Blijvend te bewaren", "Begrippenlijst Waarderingen MDTO", "B");
    xml.verwijzing("archiefvormer", "Gemeente " + facts.region.centrumgemeente +
                                        " (centrumgemeente arbeidsmarktregio " + facts.region.name +
                                        ")");
    for (const auto& partner : facts.partners) {
        xml.open("betrokkene");
        xml.begrip("betrokkeneTypeRelatie", partnerRelation(partner), "Beraad partnerrollen");
        xml.verwijzing("betrokkeneActor", partner.name, partner.key,
                       "Beraad partnerregister " + partner.region);
        xml.close("betrokkene");
    }
    xml.open("beperkingGebruik");
    xml.begrip("beperkingGebruikType", "Openbaar", "Wet open overheid");
    xml.leaf("beperkingGebruikNadereBeschrijving",
             "Stukken van het Regionaal Beraad zijn openbaar tenzij de Woo anders bepaalt; "
             "de archivaris toetst dit voor overdracht.");
    xml.close("beperkingGebruik");
    xml.close("informatieobject");
    out += "</MDTO>\n";
    return out;
}

std::string mdtoBestand(const FileFacts& file, const Document& document,
                        const std::string& checksumTime) {
    std::string out = kHeader;
    Xml xml(out);
    xml.open("bestand");
    xml.identificatie("identificatie", file.path, std::string(kMdtoSource) + " exportbundel");
    xml.leaf("naam", file.name);
    xml.leaf("omvang", std::to_string(file.size));
    xml.begrip("bestandsformaat", file.mediaType, "IANA Media Types");
    xml.open("checksum");
    xml.begrip("checksumAlgoritme", "SHA-256", "Begrippenlijst ChecksumAlgoritme MDTO");
    xml.leaf("checksumWaarde", file.sha256);
    xml.leaf("checksumDatum", checksumTime);
    xml.close("checksum");
    xml.verwijzing("isRepresentatieVan", document.title.empty() ? document.id : document.title,
                   document.id, kMdtoSource);
    xml.close("bestand");
    out += "</MDTO>\n";
    return out;
}

}  // namespace beraad::audit
