// Model drafts: the shared parts and the dispatch per kind (ModelDraft.h).
#include "beraad/model/ModelDraft.h"

#include <algorithm>

#include "beraad/reference/Partners.h"
#include "model/ModelWriter.h"
#include "base/Escape.h"
#include "base/Dates.h"

namespace beraad {
namespace model {

XmlWriter::XmlWriter() : out_("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {}

void XmlWriter::comment(const std::vector<std::string>& lines) {
    out_ += "<!--\n";
    for (std::string line : lines) {
        // "--" may not occur inside a comment.
        for (auto at = line.find("--"); at != std::string::npos; at = line.find("--", at))
            line.replace(at, 2, "- -");
        out_ += "  " + line + "\n";
    }
    out_ += "-->\n";
}

void XmlWriter::indent() {
    out_.append(2 * open_.size(), ' ');
}

void XmlWriter::startTag(std::string_view name, const Attributes& attributes) {
    indent();
    out_ += '<';
    out_ += name;
    for (const auto& [key, value] : attributes) {
        out_ += ' ' + key + "=\"";
        appendEscapedAttribute(out_, value);
        out_ += '"';
    }
}

void XmlWriter::open(std::string_view name, const Attributes& attributes) {
    startTag(name, attributes);
    out_ += ">\n";
    open_.emplace_back(name);
}

void XmlWriter::close() {
    std::string name = open_.back();
    open_.pop_back();
    indent();
    out_ += "</" + name + ">\n";
}

void XmlWriter::element(std::string_view name, std::string_view text,
                        const Attributes& attributes) {
    startTag(name, attributes);
    out_ += '>';
    appendEscapedText(out_, text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
}

void XmlWriter::empty(std::string_view name, const Attributes& attributes) {
    startTag(name, attributes);
    out_ += "/>\n";
}

std::string XmlWriter::finish() {
    while (!open_.empty())
        close();
    return std::move(out_);
}

namespace {

size_t kindRank(std::string_view kind) {
    const auto& kinds = partnerKinds();
    return static_cast<size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

const Partner* Beraad::first(std::string_view kind) const {
    for (const auto* partner : partijen) {
        if (partner->kind == kind && partner->role == "kernpartner") return partner;
    }
    return nullptr;
}

std::vector<const Partner*> Beraad::ofKinds(std::initializer_list<std::string_view> kinds) const {
    std::vector<const Partner*> found;
    for (const auto* partner : partijen) {
        if (partner->role == "kernpartner" &&
            std::find(kinds.begin(), kinds.end(), partner->kind) != kinds.end())
            found.push_back(partner);
    }
    return found;
}

std::string Beraad::centrumgemeenteName() const {
    const auto* partner = first("centrumgemeente");
    return partner != nullptr ? partner->name : "de centrumgemeente";
}

Beraad beraadOf(const ModelDraftInput& input) {
    Beraad beraad{input.region, {}, {}};
    for (const auto& partner : input.partners) {
        if (partner.region != input.region.code) continue;
        if (partner.role == "kernpartner") {
            beraad.partijen.push_back(&partner);
        } else if (partner.role == "strategisch-partner" && input.admitted.count(partner.key)) {
            beraad.partijen.push_back(&partner);
        } else if (partner.role == "strategisch-partner") {
            beraad.notes.push_back("strategisch partner '" + partner.key +
                                   "' is not a partij: the kernpartners have not admitted it "
                                   "(beraad partner admit)");
        } else {
            beraad.notes.push_back("'" + partner.key + "' is a " + partner.role +
                                   ": it takes part in the Werkcentrum, not in the Beraad, "
                                   "so it is not a partij");
        }
    }
    std::stable_sort(beraad.partijen.begin(), beraad.partijen.end(),
                     [](const Partner* a, const Partner* b) {
                         if (a->role != b->role) return a->role == "kernpartner";
                         return kindRank(a->kind) < kindRank(b->kind);
                     });
    return beraad;
}

Result<void> requireKernpartners(const ModelDraftInput& input) {
    auto check = checkKernpartners(input.region.code, input.partners);
    if (check.complete()) return {};
    std::vector<ErrorDetail> details;
    std::string kinds;
    for (const auto& kind : check.missing) {
        kinds += (kinds.empty() ? "" : ", ") + kind;
        details.push_back({"no kernpartner of kind " + kind +
                               " is registered; register one with: beraad partner add --regio " +
                               input.region.code + " --sleutel KEY --naam NAME --soort " + kind +
                               " --rol kernpartner --vertegenwoordiger \"naam|functie\"",
                           std::nullopt, kind});
    }
    return makeError(ErrorCode::Refused,
                     "region " + input.region.code + " (" + input.region.name +
                         ") lacks kernpartners of kind " + kinds + "; a model " +
                         std::string(toString(input.kind)) +
                         " needs every kernpartner kind the law requires",
                     std::move(details));
}

// Every partij of a convenant signs through a representative, and all that
// is written of it must be text XML can hold.
Result<void> requireSignableParties(const ModelDraftInput& input, const Beraad& beraad) {
    std::vector<ErrorDetail> problems;
    for (const auto* partner : beraad.partijen) {
        std::string texts = partner->name;
        for (const auto& person : partner->representatives)
            texts += person.name + person.function + person.email;
        if (auto bad = firstForbiddenCharacter(texts); !bad.empty()) {
            problems.push_back({"partner '" + partner->key + "' is registered with " + bad +
                                    ", which XML cannot hold; register it again without it",
                                std::nullopt, partner->key});
        }
        bool named = std::any_of(partner->representatives.begin(), partner->representatives.end(),
                                 [](const Representative& person) { return !blank(person.name); });
        if (!named) {
            problems.push_back({"partner '" + partner->key +
                                    "' has no representative; add one with: beraad partner add "
                                    "--regio " +
                                    input.region.code + " --sleutel " + partner->key +
                                    " ... --vertegenwoordiger \"naam|functie\"",
                                std::nullopt, partner->key});
        }
    }
    if (problems.empty()) return {};
    return makeError(ErrorCode::Refused,
                     "every partij of a convenant needs a representative who signs, and text "
                     "that XML can hold",
                     std::move(problems));
}

std::vector<std::string> openingComment(const ModelDraftInput& input,
                                        const std::vector<std::string>& toComplete,
                                        const std::vector<std::string>& notes) {
    std::vector<std::string> lines{
        "Model " + std::string(toString(input.kind)) + " for arbeidsmarktregio " +
            input.region.code + " (" + input.region.name + "), written by Beraad from the",
        "reference data and the partner register. Edit it before the partners decide on it;",
        "docs/templates.md (Model drafts) says what the model text assumes.",
    };
    if (!toComplete.empty()) {
        lines.push_back("To complete by the partners:");
        for (const auto& item : toComplete)
            lines.push_back("- " + item);
    }
    if (!notes.empty()) {
        lines.push_back("Notes:");
        for (const auto& note : notes)
            lines.push_back("- " + note);
    }
    return lines;
}

Result<std::string> lastDayAfterYears(const std::string& begin, int years) {
    auto start = dates::parse(begin);
    if (!start || begin.size() != 10) {
        return makeError(ErrorCode::InvalidInput,
                         "begin must be a date as YYYY-MM-DD, e.g. 2027-01-01",
                         {{"'" + begin + "' is not a date", std::nullopt, "begin"}});
    }
    int year = static_cast<int>(start->year());
    if (year < 2020 || year > 2090) {
        return makeError(ErrorCode::InvalidInput, "begin must lie between 2020 and 2090",
                         {{"'" + begin + "' is out of range", std::nullopt, "begin"}});
    }
    return dates::format(dates::addDays(dates::addYears(*start, years), -1));
}

std::string dutchDate(const std::string& iso) {
    auto date = dates::parse(iso);
    return date ? dates::dutch(*date) : iso;
}

}  // namespace model

std::string werkcentrumName(const Region& region) {
    return "Werkcentrum " + region.name;
}

Result<ModelDraft> generateModelDraft(const ModelDraftInput& input) {
    if (input.kind == DocumentKind::Beleidsagenda) return model::generateBeleidsagenda(input);
    if (auto complete = model::requireKernpartners(input); !complete) return complete.error();
    auto beraad = model::beraadOf(input);
    if (input.kind == DocumentKind::Uitvoeringsagenda)
        return model::generateUitvoeringsagenda(input, beraad);
    if (auto signable = model::requireSignableParties(input, beraad); !signable)
        return signable.error();
    auto einddatum = model::lastDayAfterYears(input.begin, 5);
    if (!einddatum) return einddatum.error();
    return ModelDraft{input.kind, input.region.code,
                      model::generateConvenant(input, beraad, *einddatum), std::nullopt,
                      beraad.notes};
}

}  // namespace beraad
