#include "beraad/present/JsonParse.h"

#include <Poco/JSON/Array.h>

#include <stdexcept>

#include "beraad/history/CanonicalJson.h"

namespace beraad::present {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// A field that is missing or has the wrong type; caught at the public boundary.
struct FieldError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

Poco::Dynamic::Var field(const Object& object, const std::string& name) {
    if (!object.has(name)) throw FieldError("field '" + name + "' is missing");
    return object.get(name);
}

std::string text(const Object& object, const std::string& name) {
    auto value = field(object, name);
    if (!value.isString()) throw FieldError("field '" + name + "' is not a string");
    return value.convert<std::string>();
}

std::optional<std::string> optionalText(const Object& object, const std::string& name) {
    if (!object.has(name)) return std::nullopt;
    return text(object, name);
}

std::int64_t integer(const Object& object, const std::string& name) {
    auto value = field(object, name);
    if (!value.isInteger()) throw FieldError("field '" + name + "' is not a whole number");
    return value.convert<std::int64_t>();
}

bool boolean(const Object& object, const std::string& name) {
    auto value = field(object, name);
    if (!value.isBoolean()) throw FieldError("field '" + name + "' is not true or false");
    return value.convert<bool>();
}

const Object& child(const Object& object, const std::string& name) {
    auto pointer = object.getObject(name);
    if (!pointer) throw FieldError("field '" + name + "' is not an object");
    return *pointer;
}

const Array& list(const Object& object, const std::string& name) {
    auto pointer = object.getArray(name);
    if (!pointer) throw FieldError("field '" + name + "' is not an array");
    return *pointer;
}

std::vector<std::string> texts(const Object& object, const std::string& name) {
    std::vector<std::string> result;
    const auto& array = list(object, name);
    for (unsigned i = 0; i < array.size(); ++i) {
        if (!array.get(i).isString()) throw FieldError("'" + name + "' holds a non-string");
        result.push_back(array.get(i).convert<std::string>());
    }
    return result;
}

template <typename T, typename Read>
std::vector<T> records(const Object& object, const std::string& name, Read read) {
    std::vector<T> result;
    const auto& array = list(object, name);
    for (unsigned i = 0; i < array.size(); ++i) {
        auto entry = array.getObject(i);
        if (!entry) throw FieldError("'" + name + "' holds a non-object at " + std::to_string(i));
        result.push_back(read(*entry));
    }
    return result;
}

ErrorDetail readDetail(const Object& object) {
    ErrorDetail detail{text(object, "melding"), std::nullopt,
                       optionalText(object, "waar").value_or("")};
    if (object.has("regel")) detail.line = static_cast<int>(integer(object, "regel"));
    return detail;
}

Region readRegion(const Object& object) {
    return {text(object, "code"),
            text(object, "naam"),
            text(object, "centrumgemeente"),
            boolean(object, "bevestigd"),
            text(object, "bron"),
            optionalText(object, "opmerking").value_or("")};
}

Partner readPartner(const Object& object) {
    Partner partner{text(object, "regio"), text(object, "sleutel"), text(object, "naam"),
                    text(object, "soort"), text(object, "rol"),     {}};
    partner.representatives = records<
        Representative>(object, "vertegenwoordigers", [](const Object& person) {
        return Representative{text(person, "naam"), text(person, "functie"), text(person, "email")};
    });
    partner.leftOn = optionalText(object, "uitgetredenOp").value_or("");
    partner.leaveReason = optionalText(object, "redenUittreding").value_or("");
    return partner;
}

Document readDocument(const Object& object) {
    Document document;
    document.id = text(object, "id");
    document.region = text(object, "regio");
    document.kind = text(object, "soort");
    document.title = text(object, "titel");
    document.beleidsagendaId = optionalText(object, "beleidsagenda");
    document.state = text(object, "status");
    document.workflow = text(object, "workflow");
    document.workflowVersion = static_cast<int>(integer(object, "workflowVersie"));
    document.latestVersion = integer(object, "laatsteVersie");
    document.latestContentHash = text(object, "inhoudHash");
    if (object.has("periode")) {
        const auto& period = child(object, "periode");
        document.periodStart = text(period, "begin");
        document.periodEnd = optionalText(period, "eind");
    }
    document.createdAt = text(object, "aangemaaktOp");
    document.createdBy = text(object, "aangemaaktDoor");
    document.updatedAt = text(object, "gewijzigdOp");
    if (object.has("waarschuwingen")) document.warnings = texts(object, "waarschuwingen");
    return document;
}

Version readVersion(const Object& object) {
    Version version;
    version.documentId = text(object, "document");
    version.number = integer(object, "nummer");
    if (object.has("ouder")) version.parent = integer(object, "ouder");
    version.contentHash = text(object, "inhoudHash");
    version.author = text(object, "auteur");
    version.role = text(object, "rol");
    version.time = text(object, "tijdstip");
    version.message = text(object, "bericht");
    version.content = optionalText(object, "inhoud").value_or("");
    if (object.has("waarschuwingen")) version.warnings = texts(object, "waarschuwingen");
    return version;
}

Event readEvent(const Object& object) {
    Event event;
    event.stream = text(object, "stroom");
    event.sequence = integer(object, "volgnummer");
    event.kind = text(object, "soort");
    event.actor = text(object, "actor");
    event.role = text(object, "rol");
    event.time = text(object, "tijdstip");
    event.payload = canonicalJson(child(object, "gegevens"));
    event.previousHash = text(object, "vorigeHash");
    event.hash = text(object, "hash");
    return event;
}

VerificationReport readReport(const Object& object) {
    VerificationReport report;
    report.stream = text(object, "stroom");
    report.eventsChecked = integer(object, "gebeurtenissenGecontroleerd");
    report.headHash = text(object, "kopHash");
    if (object.has("ondertekendeCheckpoints")) {
        auto checkpoints = object.getObject("ondertekendeCheckpoints");
        if (!checkpoints) throw FieldError("field 'ondertekendeCheckpoints' is not an object");
        report.checkpointsVerified = true;
        report.checkpointsChecked = integer(*checkpoints, "aantal");
        report.checkpointSize = integer(*checkpoints, "grootte");
        report.checkpointKey = text(*checkpoints, "sleutelId");
    }
    report.problems = records<ErrorDetail>(object, "problemen", [](const Object& entry) {
        return ErrorDetail{text(entry, "melding"), std::nullopt, text(entry, "waar")};
    });
    return report;
}

workflow::GuardOutcome readGuard(const Object& object) {
    return {text(object, "voorwaarde"), boolean(object, "voldaan"), text(object, "melding"),
            records<ErrorDetail>(object, "details", readDetail)};
}

workflow::RuleVerdict readVerdict(const Object& object) {
    workflow::RuleVerdict verdict;
    verdict.met = boolean(object, "voldaan");
    verdict.rule = text(object, "regel");
    verdict.explanation = text(object, "toelichting");
    verdict.missing = texts(object, "ontbrekend");
    verdict.against = texts(object, "tegen");
    verdict.abstained = texts(object, "onthouden");
    verdict.inFavour = texts(object, "voor");
    verdict.totalWeight = integer(object, "totaalGewicht");
    verdict.akkoordWeight = integer(object, "gewichtAkkoord");
    verdict.nietAkkoordWeight = integer(object, "gewichtNietAkkoord");
    verdict.onthoudingWeight = integer(object, "gewichtOnthouding");
    return verdict;
}

TransitionOption readOption(const Object& object) {
    return {text(object, "naam"),
            text(object, "naar"),
            boolean(object, "rolToegestaan"),
            boolean(object, "redenVerplicht"),
            records<workflow::GuardOutcome>(object, "voorwaarden", readGuard),
            optionalText(object, "automatischOp").value_or("")};
}

TransitionRecord readTransitionRecord(const Object& object) {
    TransitionRecord record;
    record.id = integer(object, "id");
    record.documentId = text(object, "document");
    record.transition = text(object, "overgang");
    record.fromState = text(object, "van");
    record.toState = text(object, "naar");
    record.version = integer(object, "versie");
    record.contentHash = text(object, "inhoudHash");
    record.workflowVersion = static_cast<int>(integer(object, "workflowVersie"));
    record.reason = text(object, "reden");
    record.actor = text(object, "actor");
    record.role = text(object, "rol");
    record.time = text(object, "tijdstip");
    return record;
}

template <class Record>
void readStatus(const Object& object, Record& record) {
    record.status = text(object, "status");
    record.reason = text(object, "reden");
    auto reference = [&](const char* name) {
        return object.has(name) && !object.isNull(name) ? integer(object, name) : 0;
    };
    record.rectifies = reference("rectificeert");
    record.rectifiedBy = reference("gerectificeerdDoor");
}

DecisionRecord readDecision(const Object& object) {
    DecisionRecord record;
    record.id = integer(object, "id");
    record.documentId = text(object, "document");
    record.version = integer(object, "versie");
    record.contentHash = text(object, "inhoudHash");
    record.partner = text(object, "partner");
    record.verdict = text(object, "besluit");
    record.representative = text(object, "vertegenwoordiger");
    record.date = text(object, "datum");
    record.vergadering = text(object, "vergadering");
    record.agendapunt = text(object, "agendapunt");
    record.remark = text(object, "opmerking");
    record.recordedBy = text(object, "vastgelegdDoor");
    record.recordedRole = text(object, "vastgelegdRol");
    record.recordedAt = text(object, "vastgelegdOp");
    readStatus(object, record);
    return record;
}

SignatureRecord readSignature(const Object& object) {
    SignatureRecord record;
    record.id = integer(object, "id");
    record.documentId = text(object, "document");
    record.version = integer(object, "versie");
    record.contentHash = text(object, "inhoudHash");
    record.partner = text(object, "partner");
    record.signatory = text(object, "ondertekenaar");
    record.function = text(object, "functie");
    record.place = text(object, "plaats");
    record.date = text(object, "datum");
    record.recordedBy = text(object, "vastgelegdDoor");
    record.recordedAt = text(object, "vastgelegdOp");
    readStatus(object, record);
    return record;
}

KindStatus readKindStatus(const Object& object) {
    KindStatus status;
    auto kind = parseDocumentKind(text(object, "soort"));
    if (!kind) throw FieldError("'" + text(object, "soort") + "' is not a document kind");
    status.kind = *kind;
    status.documentId = optionalText(object, "document");
    status.state = text(object, "status");
    status.adopted = boolean(object, "geldend");
    status.inForce = optionalText(object, "geldendDocument");
    status.nextStep = optionalText(object, "volgendeStap");
    status.blockers = texts(object, "blokkades");
    return status;
}

DueItem readDueItem(const Object& object) {
    DueItem item;
    item.what = text(object, "wat");
    item.documentId = optionalText(object, "document");
    item.due = text(object, "datum");
    item.daysLeft = static_cast<long>(integer(object, "dagenResterend"));
    item.overdue = boolean(object, "teLaat");
    item.description = text(object, "omschrijving");
    return item;
}

RegionOverview readRegionOverview(const Object& object) {
    return {
        readRegion(child(object, "regio")), records<KindStatus>(object, "soorten", readKindStatus),
        records<DueItem>(object, "termijnen", readDueItem), boolean(object, "streefdoelBereikt")};
}

OutstandingPartner readOutstandingPartner(const Object& object) {
    return {text(object, "partner"), text(object, "naam")};
}

Outstanding readOutstanding(const Object& object) {
    return {text(object, "document"),
            text(object, "titel"),
            text(object, "soort"),
            text(object, "toestand"),
            integer(object, "versie"),
            records<OutstandingPartner>(object, "partners", readOutstandingPartner),
            optionalText(object, "toelichting").value_or("")};
}

RegionReminders readRegionReminders(const Object& object) {
    return {text(object, "regio"), text(object, "naam"),
            records<Outstanding>(object, "besluiten", readOutstanding),
            records<Outstanding>(object, "ondertekeningen", readOutstanding),
            records<DueItem>(object, "termijnen", readDueItem)};
}

Reminders readReminders(const Object& object) {
    return {text(object, "vandaag"), static_cast<int>(integer(object, "binnenDagen")),
            records<RegionReminders>(object, "regios", readRegionReminders)};
}

BudgetYear readBudgetYear(const Object& object) {
    return BudgetYear{static_cast<int>(integer(object, "jaar")), integer(object, "impulsbudget"),
                      integer(object, "structureelBudget"), text(object, "bron"),
                      text(object, "peildatum")};
}

KernpartnerCheck readKernpartnerCheck(const Object& object) {
    return KernpartnerCheck{text(object, "regio"), texts(object, "aanwezig"),
                            texts(object, "ontbrekend")};
}

WorkflowStatus readWorkflowStatus(const Object& object) {
    return WorkflowStatus{readDocument(child(object, "document")),
                          text(object, "workflow"),
                          static_cast<int>(integer(object, "workflowVersie")),
                          boolean(object, "eindtoestand"),
                          boolean(object, "bewerkbaar"),
                          records<TransitionOption>(object, "overgangen", readOption),
                          text(object, "rol")};
}

TransitionResult readTransitionResult(const Object& object) {
    return TransitionResult{readDocument(child(object, "document")), text(object, "van"),
                            text(object, "naar"),
                            records<workflow::GuardOutcome>(object, "voorwaarden", readGuard),
                            texts(object, "gevolgen")};
}

DecisionStatus readDecisionStatus(const Object& object) {
    return DecisionStatus{text(object, "document"),
                          integer(object, "versie"),
                          text(object, "inhoudHash"),
                          text(object, "regelVan"),
                          readVerdict(child(object, "uitkomst")),
                          records<DecisionRecord>(object, "actueel", readDecision),
                          records<DecisionRecord>(object, "verouderd", readDecision)};
}

SignatureStatus readSignatureStatus(const Object& object) {
    return SignatureStatus{text(object, "document"),
                           integer(object, "versie"),
                           text(object, "inhoudHash"),
                           records<SignatureRecord>(object, "actueel", readSignature),
                           records<SignatureRecord>(object, "verouderd", readSignature),
                           texts(object, "ontbrekend")};
}

AdmissionResult readAdmissionResult(const Object& object) {
    AdmissionRecord record;
    record.id = integer(object, "id");
    record.region = text(object, "regio");
    record.partner = text(object, "partner");
    record.admitted = boolean(object, "toegelaten");
    record.rule = text(object, "regel");
    record.explanation = text(object, "toelichting");
    record.votes = canonicalJson(child(object, "stemmen"));
    record.vergadering = text(object, "vergadering");
    record.agendapunt = text(object, "agendapunt");
    record.date = text(object, "datum");
    record.recordedBy = text(object, "vastgelegdDoor");
    record.recordedAt = text(object, "vastgelegdOp");
    return AdmissionResult{record, readVerdict(child(object, "uitkomst"))};
}

Overview readOverview(const Object& object) {
    return Overview{text(object, "vandaag"), text(object, "streefdatum"),
                    static_cast<int>(integer(object, "binnenDagen")),
                    records<RegionOverview>(object, "regios", readRegionOverview)};
}

diff::ChangeKind readChangeKind(const Object& object) {
    std::string name = text(object, "wijziging");
    for (auto kind :
         {diff::ChangeKind::Added, diff::ChangeKind::Removed, diff::ChangeKind::Changed})
        if (diff::toString(kind) == name) return kind;
    throw FieldError("field 'wijziging' is not toegevoegd, verwijderd or gewijzigd");
}

std::optional<double> optionalNumber(const Object& object, const std::string& name) {
    if (!object.has(name)) return std::nullopt;
    auto value = object.get(name);
    if (!value.isNumeric()) throw FieldError("field '" + name + "' is not a number");
    return value.convert<double>();
}

diff::Change readChange(const Object& object) {
    return diff::Change{readChangeKind(object),
                        text(object, "pad"),
                        text(object, "label"),
                        optionalText(object, "oud"),
                        optionalText(object, "nieuw"),
                        optionalNumber(object, "oudGetal"),
                        optionalNumber(object, "nieuwGetal")};
}

diff::WordSegment readSegment(const Object& object) {
    std::string name = text(object, "soort");
    diff::WordSegment segment{diff::WordSegment::Op::Equal, text(object, "tekst")};
    if (name == "verwijderd") {
        segment.op = diff::WordSegment::Op::Deleted;
    } else if (name == "toegevoegd") {
        segment.op = diff::WordSegment::Op::Inserted;
    } else if (name != "gelijk") {
        throw FieldError("field 'soort' is not gelijk, verwijderd or toegevoegd");
    }
    return segment;
}

diff::ParagraphChange readParagraph(const Object& object) {
    diff::ParagraphChange paragraph{readChangeKind(object),        text(object, "pad"),
                                    text(object, "label"),         optionalText(object, "oud"),
                                    optionalText(object, "nieuw"), {}};
    if (object.has("woorden"))
        paragraph.words = records<diff::WordSegment>(object, "woorden", readSegment);
    return paragraph;
}

// The JSON does not carry ContentDiff::root (the kind's root element name).
VersionDiff readVersionDiff(const Object& object) {
    VersionDiff result{text(object, "document"),
                       text(object, "soort"),
                       readVersion(child(object, "van")),
                       readVersion(child(object, "naar")),
                       {}};
    result.diff.changes = records<diff::Change>(object, "structuur", readChange);
    result.diff.paragraphs = records<diff::ParagraphChange>(object, "tekst", readParagraph);
    return result;
}

DocumentPage readDocumentPage(const Object& object) {
    const auto& links = child(object, "_links");
    auto href = [&](const std::string& name) -> std::optional<std::string> {
        if (!links.has(name)) return std::nullopt;
        return text(child(links, name), "href");
    };
    return DocumentPage{records<Document>(object, "documenten", readDocument),
                        integer(object, "pagina"),
                        integer(object, "paginaGrootte"),
                        href("self").value_or(""),
                        href("next"),
                        href("prev")};
}

TimedStep readTimedStep(const Object& object) {
    TimedStep step;
    step.document = text(object, "document");
    step.region = text(object, "regio");
    step.transition = text(object, "overgang");
    step.from = text(object, "van");
    step.to = text(object, "naar");
    step.due = text(object, "gepland");
    step.refused = optionalText(object, "geweigerd").value_or("");
    step.effects = texts(object, "gevolgen");
    if (object.has("gebeurtenis")) step.eventSequence = integer(object, "gebeurtenis");
    return step;
}

TimerRun readTimerRun(const Object& object) {
    return {text(object, "tijdstip"), records<TimedStep>(object, "uitgevoerd", readTimedStep),
            records<TimedStep>(object, "geweigerd", readTimedStep),
            records<TimedStep>(object, "gepland", readTimedStep)};
}

// The reader of every record fromJson<T> is instantiated for.
// clang-format off
Region read(const Object& object, Region*) { return readRegion(object); }
BudgetYear read(const Object& object, BudgetYear*) { return readBudgetYear(object); }
Partner read(const Object& object, Partner*) { return readPartner(object); }
Document read(const Object& object, Document*) { return readDocument(object); }
Version read(const Object& object, Version*) { return readVersion(object); }
Event read(const Object& object, Event*) { return readEvent(object); }
VerificationReport read(const Object& object, VerificationReport*) { return readReport(object); }
KernpartnerCheck read(const Object& object, KernpartnerCheck*) { return readKernpartnerCheck(object); }
WorkflowStatus read(const Object& object, WorkflowStatus*) { return readWorkflowStatus(object); }
TransitionResult read(const Object& object, TransitionResult*) { return readTransitionResult(object); }
TransitionRecord read(const Object& object, TransitionRecord*) { return readTransitionRecord(object); }
DecisionRecord read(const Object& object, DecisionRecord*) { return readDecision(object); }
DecisionStatus read(const Object& object, DecisionStatus*) { return readDecisionStatus(object); }
SignatureRecord read(const Object& object, SignatureRecord*) { return readSignature(object); }
SignatureStatus read(const Object& object, SignatureStatus*) { return readSignatureStatus(object); }
AdmissionResult read(const Object& object, AdmissionResult*) { return readAdmissionResult(object); }
Overview read(const Object& object, Overview*) { return readOverview(object); }
Reminders read(const Object& object, Reminders*) { return readReminders(object); }
TimerRun read(const Object& object, TimerRun*) { return readTimerRun(object); }
VersionDiff read(const Object& object, VersionDiff*) { return readVersionDiff(object); }
DocumentPage read(const Object& object, DocumentPage*) { return readDocumentPage(object); }
// clang-format on

}  // namespace

template <typename T>
Result<T> fromJson(const Object& object) {
    try {
        return read(object, static_cast<T*>(nullptr));
    } catch (const std::exception& failure) {
        return makeError(ErrorCode::InvalidInput,
                         std::string("not the JSON of the expected record: ") + failure.what());
    }
}

template Result<Region> fromJson(const Object&);
template Result<BudgetYear> fromJson(const Object&);
template Result<Partner> fromJson(const Object&);
template Result<Document> fromJson(const Object&);
template Result<Version> fromJson(const Object&);
template Result<Event> fromJson(const Object&);
template Result<VerificationReport> fromJson(const Object&);
template Result<KernpartnerCheck> fromJson(const Object&);
template Result<WorkflowStatus> fromJson(const Object&);
template Result<TransitionResult> fromJson(const Object&);
template Result<TransitionRecord> fromJson(const Object&);
template Result<DecisionRecord> fromJson(const Object&);
template Result<DecisionStatus> fromJson(const Object&);
template Result<SignatureRecord> fromJson(const Object&);
template Result<SignatureStatus> fromJson(const Object&);
template Result<AdmissionResult> fromJson(const Object&);
template Result<Overview> fromJson(const Object&);
template Result<Reminders> fromJson(const Object&);
template Result<TimerRun> fromJson(const Object&);
template Result<VersionDiff> fromJson(const Object&);
template Result<DocumentPage> fromJson(const Object&);

template <typename T>
Result<std::vector<T>> fromJsonArray(const Array& array) {
    std::vector<T> items;
    for (unsigned i = 0; i < array.size(); ++i) {
        auto entry = array.getObject(i);
        if (!entry) {
            return makeError(ErrorCode::InvalidInput,
                             "element " + std::to_string(i) + " of the list is not an object");
        }
        auto item = fromJson<T>(*entry);
        if (!item) return item.error();
        items.push_back(std::move(item).value());
    }
    return items;
}

template Result<std::vector<Region>> fromJsonArray(const Array&);
template Result<std::vector<BudgetYear>> fromJsonArray(const Array&);
template Result<std::vector<Partner>> fromJsonArray(const Array&);
template Result<std::vector<Document>> fromJsonArray(const Array&);
template Result<std::vector<Version>> fromJsonArray(const Array&);
template Result<std::vector<Event>> fromJsonArray(const Array&);
template Result<std::vector<TransitionRecord>> fromJsonArray(const Array&);
template Result<std::vector<DecisionRecord>> fromJsonArray(const Array&);

}  // namespace beraad::present
