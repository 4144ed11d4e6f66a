#include "Output.h"

#include <algorithm>
#include <ostream>

#include "beraad/history/CanonicalJson.h"

namespace beraad::cli {

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

void printJson(std::ostream& out, const Poco::Dynamic::Var& value) {
    if (value.type() == typeid(Poco::JSON::Object)) {
        value.extract<Poco::JSON::Object>().stringify(out, 2);
    } else if (value.type() == typeid(Poco::JSON::Array)) {
        const auto& array = value.extract<Poco::JSON::Array>();
        if (array.size() == 0) {
            out << "[]";
        } else {
            array.stringify(out, 2);
        }
    } else {
        out << canonicalJson(value);
    }
    out << '\n';
}

void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<size_t> widths;
    auto displayWidth = [](const std::string& text) {
        // Count UTF-8 code points, not bytes, so Dutch names line up.
        return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
    };
    for (const auto& row : rows) {
        if (widths.size() < row.size()) widths.resize(row.size(), 0);
        for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], displayWidth(row[i]));
    }
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            out << row[i];
            if (i + 1 < row.size()) out << std::string(widths[i] - displayWidth(row[i]) + 2, ' ');
        }
        out << '\n';
    }
}

}  // namespace beraad::cli
