#include "beraad/present/Json.h"

#include <Poco/JSON/Parser.h>

#include "beraad/history/CanonicalJson.h"
#include "beraad/render/Render.h"

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
    if (!partner.leftOn.empty()) {
        object.set("uitgetredenOp", partner.leftOn);
        object.set("redenUittreding", partner.leaveReason);
    }
    return object;
}

namespace {

// "waarschuwingen": what a write stored but a later step will refuse; only
// present when there is something to say.
void setWarnings(Poco::JSON::Object& object, const std::vector<std::string>& warnings) {
    if (warnings.empty()) return;
    Poco::JSON::Array list;
    for (const auto& warning : warnings)
        list.add(warning);
    object.set("waarschuwingen", list);
}

}  // namespace

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
    setWarnings(object, document.warnings);
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
    setWarnings(object, version.warnings);
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
    if (report.checkpointsVerified) {
        Poco::JSON::Object checkpoints;
        checkpoints.set("aantal", report.checkpointsChecked);
        checkpoints.set("grootte", report.checkpointSize);
        checkpoints.set("sleutelId", report.checkpointKey);
        object.set("ondertekendeCheckpoints", checkpoints);
    }
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

namespace {

// Problems of a bundle report: the file, the line where known, the message.
Poco::JSON::Array bundleProblems(const std::vector<ErrorDetail>& problems) {
    Poco::JSON::Array array;
    for (const auto& problem : problems) {
        Poco::JSON::Object entry;
        entry.set("bestand", problem.where);
        if (problem.line) entry.set("regel", *problem.line);
        entry.set("melding", problem.message);
        array.add(entry);
    }
    return array;
}

}  // namespace

Poco::JSON::Object toJson(const BundleReport& report) {
    Poco::JSON::Object object;
    object.set("intact", report.intact());
    object.set("bestanden", report.filesChecked);
    object.set("stromen", report.streamsChecked);
    object.set("gebeurtenissen", report.eventsChecked);
    object.set("versies", report.versionsChecked);
    object.set("problemen", bundleProblems(report.problems));
    object.set("consistent", report.consistent());
    object.set("authentiek", report.authentic());
    object.set("ondertekend", report.signedBundle);
    if (report.signedBundle) {
        Poco::JSON::Object signer;
        signer.set("sleutelId", report.signerKeyId);
        signer.set("naam", report.signerName);
        object.set("ondertekenaar", signer);
    }
    object.set("authenticiteitsproblemen", bundleProblems(report.authenticityProblems));
    object.set("bewaardGecontroleerd", report.keptChecked);
    object.set("herschrijvingsproblemen", bundleProblems(report.rewriteProblems));
    return object;
}

Poco::JSON::Object toJson(const ExportSummary& summary) {
    Poco::JSON::Object object;
    object.set("bestand", summary.fileName);
    object.set("mediaType", summary.mediaType);
    object.set("documenten", summary.documents);
    object.set("versies", summary.versions);
    object.set("gebeurtenissen", summary.events);
    if (summary.files > 0) object.set("bestanden", summary.files);
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
    for (const auto& kind : check.present)
        present.add(kind);
    Poco::JSON::Array missing;
    for (const auto& kind : check.missing)
        missing.add(kind);
    object.set("aanwezig", present);
    object.set("ontbrekend", missing);
    return object;
}

Poco::JSON::Object toJson(const DocumentPage& page) {
    Poco::JSON::Array documents;
    for (const auto& document : page.documents)
        documents.add(toJson(document));
    auto link = [](const std::string& href) {
        Poco::JSON::Object object;
        object.set("href", href);
        return object;
    };
    Poco::JSON::Object links;
    links.set("self", link(page.self));
    if (page.next) links.set("next", link(*page.next));
    if (page.previous) links.set("prev", link(*page.previous));
    Poco::JSON::Object object;
    object.set("documenten", documents);
    object.set("pagina", page.page);
    object.set("paginaGrootte", page.pageSize);
    object.set("_links", links);
    return object;
}

Poco::JSON::Object toJson(const ServiceHealth& health) {
    Poco::JSON::Object object;
    object.set("status", health.storageProblem ? "fout" : "ok");
    object.set("opslag", health.storageProblem.value_or("ok"));
    object.set("versie", health.apiVersion);
    return object;
}

// Workflow.

namespace {

Poco::JSON::Array textArray(const std::vector<std::string>& texts) {
    Poco::JSON::Array array;
    for (const auto& text : texts)
        array.add(text);
    return array;
}

Poco::JSON::Array detailArray(const std::vector<ErrorDetail>& details) {
    Poco::JSON::Array array;
    for (const auto& detail : details) {
        Poco::JSON::Object entry;
        entry.set("melding", detail.message);
        if (detail.line) entry.set("regel", *detail.line);
        if (!detail.where.empty()) entry.set("waar", detail.where);
        array.add(entry);
    }
    return array;
}

}  // namespace

// Parts of the workflow records that are never sent on their own.
static Poco::JSON::Object toJson(const TransitionOption& option);
static Poco::JSON::Object toJson(const KindStatus& status);
static Poco::JSON::Object toJson(const DueItem& item);
static Poco::JSON::Object toJson(const RegionOverview& region);
static Poco::JSON::Object toJson(const TimedStep& step);
static Poco::JSON::Object toJson(const OutstandingPartner& partner);
static Poco::JSON::Object toJson(const Outstanding& item);
static Poco::JSON::Object toJson(const RegionReminders& region);

template <typename Record>
static Poco::JSON::Array recordArray(const std::vector<Record>& records) {
    Poco::JSON::Array array;
    for (const auto& record : records)
        array.add(toJson(record));
    return array;
}

static Poco::JSON::Object toJson(const TransitionOption& option) {
    Poco::JSON::Object object;
    object.set("naam", option.name);
    object.set("naar", option.to);
    object.set("mogelijk", option.possible());
    object.set("rolToegestaan", option.roleAllowed);
    object.set("redenVerplicht", option.reasonRequired);
    object.set("voorwaarden", recordArray(option.guards));
    if (!option.due.empty()) object.set("automatischOp", option.due);
    return object;
}

static Poco::JSON::Object toJson(const KindStatus& status) {
    Poco::JSON::Object object;
    object.set("soort", std::string(toString(status.kind)));
    if (status.documentId) object.set("document", *status.documentId);
    object.set("status", status.state);
    object.set("geldend", status.adopted);
    if (status.inForce) object.set("geldendDocument", *status.inForce);
    if (status.nextStep) object.set("volgendeStap", *status.nextStep);
    object.set("blokkades", textArray(status.blockers));
    return object;
}

static Poco::JSON::Object toJson(const DueItem& item) {
    Poco::JSON::Object object;
    object.set("wat", item.what);
    if (item.documentId) object.set("document", *item.documentId);
    object.set("datum", item.due);
    object.set("dagenResterend", static_cast<Poco::Int64>(item.daysLeft));
    object.set("teLaat", item.overdue);
    object.set("omschrijving", item.description);
    return object;
}

static Poco::JSON::Object toJson(const RegionOverview& region) {
    Poco::JSON::Object object;
    object.set("regio", toJson(region.region));
    object.set("soorten", recordArray(region.kinds));
    object.set("termijnen", recordArray(region.due));
    object.set("streefdoelBereikt", region.targetMet);
    return object;
}

Poco::JSON::Object toJson(const workflow::GuardOutcome& outcome) {
    Poco::JSON::Object object;
    object.set("voorwaarde", outcome.guard);
    object.set("voldaan", outcome.passed);
    object.set("melding", outcome.message);
    object.set("details", detailArray(outcome.details));
    return object;
}

Poco::JSON::Object toJson(const workflow::RuleVerdict& verdict) {
    Poco::JSON::Object object;
    object.set("voldaan", verdict.met);
    object.set("regel", verdict.rule);
    object.set("toelichting", verdict.explanation);
    object.set("ontbrekend", textArray(verdict.missing));
    object.set("tegen", textArray(verdict.against));
    object.set("onthouden", textArray(verdict.abstained));
    object.set("voor", textArray(verdict.inFavour));
    object.set("totaalGewicht", verdict.totalWeight);
    object.set("gewichtAkkoord", verdict.akkoordWeight);
    object.set("gewichtNietAkkoord", verdict.nietAkkoordWeight);
    object.set("gewichtOnthouding", verdict.onthoudingWeight);
    return object;
}

Poco::JSON::Object toJson(const workflow::Definition& definition) {
    Poco::JSON::Object object;
    object.set("naam", definition.name);
    object.set("versie", definition.version);
    object.set("soort", std::string(toString(definition.kind)));
    object.set("omschrijving", definition.description);
    object.set("begintoestand", definition.initial);
    Poco::JSON::Array states;
    for (const auto& state : definition.states) {
        Poco::JSON::Object entry;
        entry.set("naam", state.name);
        entry.set("omschrijving", state.description);
        entry.set("eindtoestand", state.final);
        entry.set("bewerkbaar", state.editable);
        entry.set("besluiten", state.decisions);
        entry.set("ondertekening", state.signatures);
        entry.set("geldend", state.adopted);
        states.add(entry);
    }
    object.set("toestanden", states);
    Poco::JSON::Array transitions;
    for (const auto& transition : definition.transitions) {
        Poco::JSON::Object entry;
        entry.set("naam", transition.name);
        entry.set("van", transition.from);
        entry.set("naar", transition.to);
        Poco::JSON::Array roles;
        for (auto role : transition.roles)
            roles.add(std::string(toString(role)));
        entry.set("rollen", roles);
        entry.set("redenVerplicht", transition.reasonRequired);
        if (transition.timer) {
            entry.set("timer", transition.timer->at == workflow::TimerDefinition::At::PeriodStart
                                   ? "period-start"
                                   : "period-end");
        }
        Poco::JSON::Array guards;
        for (const auto& guard : transition.guards)
            guards.add(guard.name);
        entry.set("voorwaarden", guards);
        Poco::JSON::Array effects;
        for (const auto& effect : transition.effects)
            effects.add(effect.name);
        entry.set("gevolgen", effects);
        transitions.add(entry);
    }
    object.set("overgangen", transitions);
    Poco::JSON::Array deadlines;
    for (const auto& deadline : definition.deadlines) {
        Poco::JSON::Object entry;
        entry.set("naam", deadline.name);
        entry.set("toestand", deadline.state);
        entry.set("basis",
                  std::string(deadline.basis == workflow::DeadlineDefinition::Basis::Entered
                                  ? "entered"
                                  : "period-end"));
        entry.set("jaren", deadline.years);
        entry.set("omschrijving", deadline.description);
        deadlines.add(entry);
    }
    object.set("termijnen", deadlines);
    return object;
}

Poco::JSON::Object toJson(const WorkflowStatus& status) {
    Poco::JSON::Object object;
    object.set("document", toJson(status.document));
    object.set("workflow", status.definition);
    object.set("workflowVersie", status.definitionVersion);
    object.set("eindtoestand", status.final);
    object.set("bewerkbaar", status.editable);
    object.set("overgangen", recordArray(status.transitions));
    object.set("rol", status.role);
    return object;
}

Poco::JSON::Object toJson(const TransitionResult& result) {
    Poco::JSON::Object object;
    object.set("document", toJson(result.document));
    object.set("van", result.from);
    object.set("naar", result.to);
    object.set("voorwaarden", recordArray(result.guards));
    object.set("gevolgen", textArray(result.effects));
    return object;
}

Poco::JSON::Object toJson(const TransitionRecord& record) {
    Poco::JSON::Object object;
    object.set("id", record.id);
    object.set("document", record.documentId);
    object.set("overgang", record.transition);
    object.set("van", record.fromState);
    object.set("naar", record.toState);
    object.set("versie", record.version);
    object.set("inhoudHash", record.contentHash);
    object.set("workflowVersie", record.workflowVersion);
    object.set("reden", record.reason);
    object.set("actor", record.actor);
    object.set("rol", record.role);
    object.set("tijdstip", record.time);
    return object;
}

namespace {

// How a decision or signature counts, and the rectificatie it is part of.
template <class Record>
void setStatus(Poco::JSON::Object& object, const Record& record) {
    auto reference = [](std::int64_t id) {
        return id != 0 ? Poco::Dynamic::Var(id) : Poco::Dynamic::Var();
    };
    object.set("status", record.status);
    object.set("rectificeert", reference(record.rectifies));
    object.set("reden", record.reason);
    object.set("gerectificeerdDoor", reference(record.rectifiedBy));
}

}  // namespace

Poco::JSON::Object toJson(const DecisionRecord& record) {
    Poco::JSON::Object object;
    object.set("id", record.id);
    object.set("document", record.documentId);
    object.set("versie", record.version);
    object.set("inhoudHash", record.contentHash);
    object.set("partner", record.partner);
    object.set("besluit", record.verdict);
    object.set("vertegenwoordiger", record.representative);
    object.set("datum", record.date);
    object.set("vergadering", record.vergadering);
    object.set("agendapunt", record.agendapunt);
    object.set("opmerking", record.remark);
    object.set("vastgelegdDoor", record.recordedBy);
    object.set("vastgelegdRol", record.recordedRole);
    object.set("vastgelegdOp", record.recordedAt);
    setStatus(object, record);
    return object;
}

Poco::JSON::Object toJson(const DecisionStatus& status) {
    Poco::JSON::Object object;
    object.set("document", status.documentId);
    object.set("versie", status.version);
    object.set("inhoudHash", status.contentHash);
    object.set("regelVan", status.ruleSource);
    object.set("uitkomst", toJson(status.verdict));
    object.set("actueel", recordArray(status.current));
    object.set("verouderd", recordArray(status.stale));
    return object;
}

Poco::JSON::Object toJson(const SignatureRecord& record) {
    Poco::JSON::Object object;
    object.set("id", record.id);
    object.set("document", record.documentId);
    object.set("versie", record.version);
    object.set("inhoudHash", record.contentHash);
    object.set("partner", record.partner);
    object.set("ondertekenaar", record.signatory);
    object.set("functie", record.function);
    object.set("plaats", record.place);
    object.set("datum", record.date);
    object.set("vastgelegdDoor", record.recordedBy);
    object.set("vastgelegdOp", record.recordedAt);
    setStatus(object, record);
    return object;
}

Poco::JSON::Object toJson(const SignatureStatus& status) {
    Poco::JSON::Object object;
    object.set("document", status.documentId);
    object.set("versie", status.version);
    object.set("inhoudHash", status.contentHash);
    object.set("actueel", recordArray(status.current));
    object.set("verouderd", recordArray(status.stale));
    object.set("ontbrekend", textArray(status.missing));
    return object;
}

Poco::JSON::Object toJson(const AdmissionResult& result) {
    const auto& record = result.record;
    Poco::JSON::Object object;
    object.set("id", record.id);
    object.set("regio", record.region);
    object.set("partner", record.partner);
    object.set("toegelaten", record.admitted);
    object.set("regel", record.rule);
    object.set("toelichting", record.explanation);
    object.set("stemmen", parseJsonObject(record.votes.empty() ? "{}" : record.votes));
    object.set("vergadering", record.vergadering);
    object.set("agendapunt", record.agendapunt);
    object.set("datum", record.date);
    object.set("vastgelegdDoor", record.recordedBy);
    object.set("vastgelegdOp", record.recordedAt);
    object.set("uitkomst", toJson(result.verdict));
    return object;
}

Poco::JSON::Object toJson(const MigrationReport& report) {
    Poco::JSON::Object object;
    object.set("document", report.documentId);
    object.set("workflow", report.definition);
    object.set("vanVersie", report.fromVersion);
    object.set("naarVersie", report.toVersion);
    object.set("vanToestand", report.fromState);
    object.set("naarToestand", report.toState);
    object.set("uitgevoerd", report.applied);
    object.set("opmerkingen", textArray(report.notes));
    return object;
}

Poco::JSON::Object toJson(const Overview& overview) {
    Poco::JSON::Object object;
    object.set("vandaag", overview.today);
    object.set("streefdatum", overview.targetDate);
    object.set("binnenDagen", overview.withinDays);
    object.set("regios", recordArray(overview.regions));
    return object;
}

static Poco::JSON::Object toJson(const OutstandingPartner& partner) {
    Poco::JSON::Object object;
    object.set("partner", partner.partner);
    object.set("naam", partner.name);
    return object;
}

static Poco::JSON::Object toJson(const Outstanding& item) {
    Poco::JSON::Object object;
    object.set("document", item.documentId);
    object.set("titel", item.title);
    object.set("soort", item.kind);
    object.set("toestand", item.state);
    object.set("versie", item.version);
    object.set("partners", recordArray(item.partners));
    if (!item.explanation.empty()) object.set("toelichting", item.explanation);
    return object;
}

static Poco::JSON::Object toJson(const RegionReminders& region) {
    Poco::JSON::Object object;
    object.set("regio", region.region);
    object.set("naam", region.name);
    object.set("besluiten", recordArray(region.decisions));
    object.set("ondertekeningen", recordArray(region.signatures));
    object.set("termijnen", recordArray(region.due));
    return object;
}

Poco::JSON::Object toJson(const Reminders& reminders) {
    Poco::JSON::Object object;
    object.set("vandaag", reminders.today);
    object.set("binnenDagen", reminders.withinDays);
    object.set("regios", recordArray(reminders.regions));
    return object;
}

static Poco::JSON::Object toJson(const TimedStep& step) {
    Poco::JSON::Object object;
    object.set("document", step.document);
    object.set("regio", step.region);
    object.set("overgang", step.transition);
    object.set("van", step.from);
    object.set("naar", step.to);
    object.set("gepland", step.due);
    if (!step.refused.empty()) object.set("geweigerd", step.refused);
    Poco::JSON::Array effects;
    for (const auto& effect : step.effects)
        effects.add(effect);
    object.set("gevolgen", effects);
    if (step.eventSequence > 0) object.set("gebeurtenis", step.eventSequence);
    return object;
}

Poco::JSON::Object toJson(const TimerRun& run) {
    Poco::JSON::Object object;
    object.set("tijdstip", run.time);
    object.set("uitgevoerd", recordArray(run.fired));
    object.set("geweigerd", recordArray(run.refused));
    object.set("gepland", recordArray(run.upcoming));
    return object;
}

Poco::JSON::Object toJson(const render::TemplateProblem& problem) {
    Poco::JSON::Object object;
    object.set("code", problem.code);
    object.set("deel", problem.part);
    object.set("alinea", problem.paragraph);
    object.set("tag", problem.tag);
    object.set("melding", problem.message);
    return object;
}

Poco::JSON::Object toJson(const render::TagUse& tag) {
    Poco::JSON::Object object;
    object.set("deel", tag.part);
    object.set("alinea", tag.paragraph);
    object.set("soort", std::string(render::toString(tag.kind)));
    object.set("tag", tag.tag);
    object.set("expressie", tag.expression);
    object.set("formatters", textArray(tag.formatters));
    return object;
}

}  // namespace beraad::present
