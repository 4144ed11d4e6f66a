#include "beraad/present/Json.h"

#include <Poco/JSON/Parser.h>

#include <set>

#include "beraad/history/CanonicalJson.h"

namespace beraad::present {

Poco::JSON::Object toJson(const Region& region) {
    Poco::JSON::Object object;
    object.set("code", region.code);
    object.set("naam", region.name);
    object.set("centrumgemeente", region.centrumgemeente);
    object.set("bevestigd", region.confirmed);
    object.set("bron", region.source);
    if (!region.remark.empty()) object.set("opmerking", region.remark);
    return object;
}

Poco::JSON::Object toJson(const BudgetYear& year) {
    Poco::JSON::Object object;
    object.set("jaar", year.year);
    object.set("impulsbudget", year.impulsbudget);
    object.set("structureelBudget", year.structural);
    object.set("bron", year.source);
    object.set("peildatum", year.referenceDate);
    return object;
}

Poco::JSON::Object toJson(const Partner& partner) {
    Poco::JSON::Object object;
    object.set("regio", partner.region);
    object.set("sleutel", partner.key);
    object.set("naam", partner.name);
    object.set("soort", partner.kind);
    object.set("rol", partner.role);
    Poco::JSON::Array people;
    for (const auto& person : partner.representatives) {
        Poco::JSON::Object entry;
        entry.set("naam", person.name);
        entry.set("functie", person.function);
        entry.set("email", person.email);
        people.add(entry);
    }
    object.set("vertegenwoordigers", people);
    return object;
}

Poco::JSON::Object toJson(const Document& document) {
    Poco::JSON::Object object;
    object.set("id", document.id);
    object.set("regio", document.region);
    object.set("soort", document.kind);
    object.set("titel", document.title);
    if (document.beleidsagendaId) object.set("beleidsagenda", *document.beleidsagendaId);
    object.set("status", document.state);
    object.set("workflow", document.workflow);
    object.set("workflowVersie", document.workflowVersion);
    object.set("laatsteVersie", document.latestVersion);
    object.set("inhoudHash", document.latestContentHash);
    if (document.periodStart) {
        Poco::JSON::Object period;
        period.set("begin", *document.periodStart);
        if (document.periodEnd) period.set("eind", *document.periodEnd);
        object.set("periode", period);
    }
    object.set("aangemaaktOp", document.createdAt);
    object.set("aangemaaktDoor", document.createdBy);
    object.set("gewijzigdOp", document.updatedAt);
    return object;
}

Poco::JSON::Object toJson(const Version& version, bool withContent) {
    Poco::JSON::Object object;
    object.set("document", version.documentId);
    object.set("nummer", version.number);
    if (version.parent) object.set("ouder", *version.parent);
    object.set("inhoudHash", version.contentHash);
    object.set("auteur", version.author);
    object.set("rol", version.role);
    object.set("tijdstip", version.time);
    object.set("bericht", version.message);
    if (withContent) object.set("inhoud", version.content);
    return object;
}

Poco::JSON::Object toJson(const Event& event) {
    Poco::JSON::Object object;
    object.set("stroom", event.stream);
    object.set("volgnummer", event.sequence);
    object.set("soort", event.kind);
    object.set("actor", event.actor);
    object.set("rol", event.role);
    object.set("tijdstip", event.time);
    object.set("gegevens", parseJsonObject(event.payload));
    object.set("vorigeHash", event.previousHash);
    object.set("hash", event.hash);
    return object;
}

Poco::JSON::Object toJson(const VerificationReport& report) {
    Poco::JSON::Object object;
    object.set("stroom", report.stream);
    object.set("intact", report.intact());
    object.set("gebeurtenissenGecontroleerd", report.eventsChecked);
    object.set("kopHash", report.headHash);
    Poco::JSON::Array problems;
    for (const auto& problem : report.problems) {
        Poco::JSON::Object entry;
        entry.set("waar", problem.where);
        entry.set("melding", problem.message);
        problems.add(entry);
    }
    object.set("problemen", problems);
    return object;
}

Poco::JSON::Object toJson(const Error& error) {
    Poco::JSON::Object object;
    object.set("code", std::string(toString(error.code)));
    object.set("melding", error.message);
    Poco::JSON::Array details;
    for (const auto& detail : error.details) {
        Poco::JSON::Object entry;
        entry.set("melding", detail.message);
        if (detail.line) entry.set("regel", *detail.line);
        if (!detail.where.empty()) entry.set("waar", detail.where);
        details.add(entry);
    }
    object.set("details", details);
    return object;
}

Poco::JSON::Object toJson(const KernpartnerCheck& check) {
    Poco::JSON::Object object;
    object.set("regio", check.region);
    object.set("compleet", check.complete());
    Poco::JSON::Array present;
    for (const auto& kind : check.present) present.add(kind);
    Poco::JSON::Array missing;
    for (const auto& kind : check.missing) missing.add(kind);
    object.set("aanwezig", present);
    object.set("ontbrekend", missing);
    return object;
}

Result<Partner> partnerFromJson(const std::string& region, const std::string& text) {
    Poco::JSON::Object::Ptr object;
    try {
        object = parseJsonObject(text);
    } catch (const std::exception& failure) {
        return makeError(ErrorCode::InvalidInput, std::string("the body is not a JSON object: ") + failure.what());
    }
    std::vector<ErrorDetail> problems;
    static const std::set<std::string> known{"sleutel", "naam", "soort", "rol", "vertegenwoordigers", "regio"};
    for (const auto& [key, value] : *object) {
        if (known.count(key) == 0) problems.push_back({"unknown field", std::nullopt, "/" + key});
    }
    auto text_field = [&](const char* name, bool required) -> std::string {
        if (!object->has(name)) {
            if (required) problems.push_back({"required field is missing", std::nullopt, std::string("/") + name});
            return {};
        }
        auto value = object->get(name);
        if (!value.isString()) {
            problems.push_back({"must be a string", std::nullopt, std::string("/") + name});
            return {};
        }
        return value.convert<std::string>();
    };
    Partner partner;
    partner.region = region;
    partner.key = text_field("sleutel", false);  // the path names it too
    partner.name = text_field("naam", true);
    partner.kind = text_field("soort", true);
    partner.role = object->has("rol") ? text_field("rol", false) : "kernpartner";
    if (object->has("regio") && text_field("regio", false) != region) {
        problems.push_back({"differs from the region in the path", std::nullopt, "/regio"});
    }
    if (object->has("vertegenwoordigers")) {
        auto people = object->getArray("vertegenwoordigers");
        if (!people) {
            problems.push_back({"must be an array", std::nullopt, "/vertegenwoordigers"});
        } else {
            for (unsigned i = 0; i < people->size(); ++i) {
                auto person = people->getObject(i);
                std::string where = "/vertegenwoordigers/" + std::to_string(i);
                if (!person) {
                    problems.push_back({"must be an object", std::nullopt, where});
                    continue;
                }
                partner.representatives.push_back({person->optValue<std::string>("naam", ""),
                                                   person->optValue<std::string>("functie", ""),
                                                   person->optValue<std::string>("email", "")});
            }
        }
    }
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidInput, "the partner is not valid JSON of the expected form",
                         std::move(problems));
    }
    return partner;
}

}  // namespace beraad::present
