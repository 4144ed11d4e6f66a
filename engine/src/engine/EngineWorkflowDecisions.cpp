// Engine facade, workflow: decisions and signatures bound to a
// content hash, wijzigingen of the convenant in force, and the kernpartners'
// decision to admit a strategisch partner.
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <functional>

#include "beraad/Engine.h"
#include "beraad/content/Content.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "workflow/Catalog.h"
#include "workflow/ContentFacts.h"
#include "base/Dates.h"
#include "workflow/GuardEvaluation.h"

namespace beraad {

using detail::guarded;

namespace {

// Every request in one write transaction: all are recorded, or none. The
// first refusal is the error; when several fail, each is a detail named by
// its partner.
template <typename Record, typename Request, typename Step, typename Commit>
Result<std::vector<Record>> allOrNothing(Store& store, const std::vector<Request>& requests,
                                         const std::string& what, Step step, Commit commit) {
    if (requests.empty()) {
        return makeError(ErrorCode::InvalidInput, "there are no " + what + " to record");
    }
    return detail::guarded([&]() -> Result<std::vector<Record>> {
        auto tx = store.beginWrite();
        std::vector<Record> records;
        std::optional<Error> first;
        std::vector<ErrorDetail> failures;
        for (const auto& request : requests) {
            auto record = step(*tx, request);
            if (record) {
                records.push_back(*record);
                continue;
            }
            if (!first) first = record.error();
            failures.push_back(
                {request.partner + ": " + record.error().message, std::nullopt, request.partner});
        }
        if (first) {
            if (requests.size() == 1) return *first;
            std::string message = std::to_string(failures.size()) + " of " +
                                  std::to_string(requests.size()) + " " + what +
                                  " cannot be recorded; none was recorded";
            return makeError(first->code, message, std::move(failures));
        }
        commit(*tx);
        return records;
    });
}

std::vector<ErrorDetail> missingFields(
    std::initializer_list<std::pair<const char*, const std::string*>> fields) {
    std::vector<ErrorDetail> problems;
    for (const auto& [name, value] : fields) {
        if (value->empty())
            problems.push_back({std::string(name) + " is required", std::nullopt, name});
    }
    return problems;
}

void checkDate(const std::string& date, std::vector<ErrorDetail>& problems) {
    if (!date.empty() && !dates::parse(date)) {
        problems.push_back(
            {"'" + date + "' is not an ISO date (YYYY-MM-DD)", std::nullopt, "datum"});
    }
}

// Text fields of a request the engine will store: single-line ones, then
// those that may hold line breaks (remarks, messages).
void checkTexts(std::initializer_list<std::pair<const char*, std::string_view>> single,
                std::initializer_list<std::pair<const char*, std::string_view>> multiline,
                std::vector<ErrorDetail>& problems) {
    text::FieldCheck check;
    for (const auto& [field, value] : single)
        check.add(field, value);
    for (const auto& [field, value] : multiline)
        check.add(field, value, text::Lines::Allowed);
    for (auto& problem : check.problems())
        problems.push_back(std::move(problem));
}

// A partner that left the Beraad by the record's date, or by today, decides and signs no more.
Result<void> stillInBeraad(ReadTransaction& tx, const std::string& region,
                           const std::string& partner, const std::string& date,
                           const std::string& today, const std::string& what) {
    auto found = tx.findPartner(region, partner);
    if (!found || !found->hasLeftBy(std::max(date, today))) return {};
    return makeError(ErrorCode::Refused, partner + " left the Beraad on " + found->leftOn + " (" +
                                             found->leaveReason + ") and may no longer " + what);
}

// Secretariaat records for any partner; a partner representative only for its own organisation.
Result<void> mayActFor(const Actor& actor, const std::string& partner, const std::string& what) {
    if (actor.role == Role::Secretariaat) return {};
    if (actor.role == Role::Partner) {
        if (actor.partner && *actor.partner == partner) return {};
        return makeError(ErrorCode::Forbidden, actor.name + " represents " +
                                                   actor.partner.value_or("no partner") +
                                                   " and may not " + what + " for " + partner);
    }
    return detail::forbidden(actor, what);
}

struct Subject {
    Document document;
    Version latest;
    std::shared_ptr<const workflow::Definition> definition;
};

Result<Subject> loadSubject(ReadTransaction& tx, const Actor& actor,
                            const std::string& documentId) {
    auto document = tx.findDocument(documentId);
    if (!document) return detail::notFound("document " + documentId);
    if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
    auto definition = workflow::catalog::find(tx, document->workflow, document->workflowVersion);
    if (!definition) return definition.error();
    auto latest = tx.findVersion(document->id, document->latestVersion);
    if (!latest) return makeError(ErrorCode::Integrity, documentId + " has no latest version");
    return Subject{*document, *latest, definition.value()};
}

std::string statesWith(const workflow::Definition& definition,
                       bool workflow::StateDefinition::*flag) {
    std::string names;
    for (const auto& state : definition.states) {
        if (state.*flag) names += (names.empty() ? "" : ", ") + state.name;
    }
    return names.empty() ? "none" : names;
}

Result<void> boundToLatest(const Subject& subject, std::int64_t version, const std::string& hash,
                           const std::string& what) {
    if (version == subject.latest.number && hash == subject.latest.contentHash) return {};
    return makeError(ErrorCode::Conflict,
                     "the " + what + " names version " + std::to_string(version) + " (" + hash +
                         ") of " + subject.document.id + ", but the latest version is " +
                         std::to_string(subject.latest.number) + " (" + subject.latest.contentHash +
                         "); a " + what +
                         " binds to content, so it must be about the latest version");
}

// The plausibility of a recorded date (docs/workflow.md): not before
// `earliest` (what it is: `bound`), and not after today.
void checkPlausible(const std::string& date, const std::string& earliest, const std::string& bound,
                    const std::string& today, const std::string& what,
                    std::vector<ErrorDetail>& problems) {
    if (!dates::parse(date)) return;
    if (!earliest.empty() && date < earliest) {
        problems.push_back({"datum " + date + " lies before " + bound + " (" + earliest + "); a " +
                                what + " cannot predate it",
                            std::nullopt, "datum"});
    }
    if (date > today) {
        problems.push_back({"datum " + date + " lies in the future (today is " + today + "); a " +
                                what + " is recorded once it has taken place",
                            std::nullopt, "datum"});
    }
}

// A decision on a version is taken after the version existed.
void checkDecisionDate(ReadTransaction& tx, const DecisionRecord& record, const std::string& today,
                       std::vector<ErrorDetail>& problems) {
    auto version = tx.findVersion(record.documentId, record.version);
    std::string existed = version ? amsterdamDate(version->time) : std::string();
    checkPlausible(
        record.date, existed,
        "version " + std::to_string(record.version) + " of " + record.documentId + " existed",
        today, "decision", problems);
}

// A signature follows the vaststelling: the last transition that brought
// its version into a state where signatures are recorded.
void checkSignatureDate(const workflow::DocumentChain& chain,
                        const workflow::Definition& definition, const SignatureRecord& record,
                        const std::string& today, std::vector<ErrorDetail>& problems) {
    const TransitionRecord* adoption = nullptr;
    for (const auto& transition : chain.transitions) {
        const auto* state = definition.state(transition.toState);
        if (state && state->signatures && transition.version == record.version)
            adoption = &transition;
    }
    checkPlausible(record.date, adoption ? amsterdamDate(adoption->time) : std::string(),
                   "the vaststelling of version " + std::to_string(record.version) +
                       (adoption ? " (transition '" + adoption->transition + "')" : std::string()),
                   today, "signature", problems);
}

void checkDecisionFields(const DecisionRecord& record, std::vector<ErrorDetail>& problems) {
    auto missing = missingFields({{"partner", &record.partner},
                                  {"vertegenwoordiger", &record.representative},
                                  {"datum", &record.date},
                                  {"vergadering", &record.vergadering},
                                  {"agendapunt", &record.agendapunt},
                                  {"inhoudHash", &record.contentHash}});
    problems.insert(problems.end(), missing.begin(), missing.end());
    checkDate(record.date, problems);
    checkTexts({{"vertegenwoordiger", record.representative},
                {"vergadering", record.vergadering},
                {"agendapunt", record.agendapunt}},
               {{"opmerking", record.remark}, {"reden", record.reason}}, problems);
    if (!workflow::parseVerdict(record.verdict)) {
        problems.push_back(
            {"'" + record.verdict + "' is not a decision; use akkoord, niet-akkoord or onthouding",
             std::nullopt, "besluit"});
    }
}

void checkSignatureFields(const SignatureRecord& record, std::vector<ErrorDetail>& problems) {
    auto missing = missingFields({{"partner", &record.partner},
                                  {"ondertekenaar", &record.signatory},
                                  {"functie", &record.function},
                                  {"plaats", &record.place},
                                  {"datum", &record.date},
                                  {"inhoudHash", &record.contentHash}});
    problems.insert(problems.end(), missing.begin(), missing.end());
    checkDate(record.date, problems);
    checkTexts({{"ondertekenaar", record.signatory},
                {"functie", record.function},
                {"plaats", record.place}},
               {{"reden", record.reason}}, problems);
}

// The event (and row) of a decision; a rectificatie names the record it corrects.
void writeDecision(WriteTransaction& tx, const Actor& actor, DecisionRecord& record) {
    Poco::JSON::Object payload;
    payload.set("besluit", record.id);
    payload.set("partner", record.partner);
    payload.set("uitkomst", record.verdict);
    payload.set("versie", record.version);
    payload.set("inhoudHash", record.contentHash);
    payload.set("vertegenwoordiger", record.representative);
    payload.set("datum", record.date);
    payload.set("vergadering", record.vergadering);
    payload.set("agendapunt", record.agendapunt);
    payload.set("opmerking", record.remark);
    if (record.rectifies != 0) {
        payload.set("rectificeert", record.rectifies);
        payload.set("reden", record.reason);
    }
    record.eventSequence = appendEvent(tx, documentStream(record.documentId), "besluit-vastgelegd",
                                       actor, record.recordedAt, payload)
                               .sequence;
    tx.insertDecision(record);
}

void writeSignature(WriteTransaction& tx, const Actor& actor, SignatureRecord& record) {
    Poco::JSON::Object payload;
    payload.set("partner", record.partner);
    payload.set("versie", record.version);
    payload.set("inhoudHash", record.contentHash);
    payload.set("ondertekenaar", record.signatory);
    payload.set("functie", record.function);
    payload.set("plaats", record.place);
    payload.set("datum", record.date);
    if (record.rectifies != 0) {
        payload.set("rectificeert", record.rectifies);
        payload.set("reden", record.reason);
    }
    record.eventSequence =
        appendEvent(tx, documentStream(record.documentId), "ondertekening-vastgelegd", actor,
                    record.recordedAt, payload)
            .sequence;
    record.id = tx.insertSignature(record);
}

Result<void> mayRectify(const Actor& actor, const std::string& reason) {
    if (actor.role != Role::Secretariaat) return detail::forbidden(actor, "rectify a record");
    if (reason.empty()) {
        return makeError(ErrorCode::InvalidInput, "a rectificatie needs a reason",
                         {{"reden is required", std::nullopt, "reden"}});
    }
    return {};
}

template <class Record>
Result<Record> rectifiable(const std::vector<Record>& records, std::int64_t id,
                           const std::string& what, const std::string& documentId) {
    for (const auto& record : records) {
        if (record.id != id) continue;
        if (record.rectifiedBy != 0) {
            return makeError(ErrorCode::Conflict, what + " " + std::to_string(id) + " of " +
                                                      documentId + " was rectified by " +
                                                      std::to_string(record.rectifiedBy) +
                                                      "; rectify that one");
        }
        return record;
    }
    return detail::notFound(what + " " + std::to_string(id) + " of " + documentId);
}

// What a rectificatie of a decision and of a signature share: the
// secretariaat, a reason, an original not rectified yet, the corrected
// record checked by `correct` and recorded by `write`.
// The engine's store, keys, clock and commit come in as `engine`.
struct EngineParts {
    Store& store;
    const trust::KeyFolder* keys;
    const Clock& clock;
    std::function<void(WriteTransaction&)> commit;
};

template <class Record, class Request, class Correct, class Write>
Result<Record> rectifyRecord(const EngineParts& engine, const Actor& actor, const Request& request,
                             std::int64_t id, std::vector<Record> workflow::DocumentChain::*records,
                             const char* what, Correct correct, Write write) {
    if (auto allowed = mayRectify(actor, request.reason); !allowed) return allowed.error();
    return guarded([&]() -> Result<Record> {
        auto tx = engine.store.beginWrite();
        auto subject = loadSubject(*tx, actor, request.documentId);
        if (!subject) return subject.error();
        auto chain = detail::chainReader(*tx, engine.keys).document(request.documentId);
        if (!chain) return chain.error();
        auto original = rectifiable(chain.value().*records, id, what, request.documentId);
        if (!original) return original.error();
        Record record = original.value();
        record.rectifies = original->id;
        record.reason = request.reason;
        record.recordedBy = actor.name;
        record.status.clear();
        std::vector<ErrorDetail> problems;
        correct(record, *tx, chain.value(), subject.value(), problems);
        if (!problems.empty())
            return makeError(ErrorCode::InvalidInput, "the rectificatie cannot be recorded",
                             std::move(problems));
        record.recordedAt = formatTimestamp(engine.clock.now());
        write(*tx, actor, record);
        engine.commit(*tx);
        record.status = record.contentHash == subject->latest.contentHash ? "geldend" : "verouderd";
        return record;
    });
}

}  // namespace

Result<DecisionRecord> Engine::recordDecision(const Actor& actor, const DecisionRequest& request) {
    auto recorded = recordDecisions(actor, {request});
    if (!recorded) return recorded.error();
    return recorded->front();
}

Result<std::vector<DecisionRecord>> Engine::recordDecisions(
    const Actor& actor, const std::vector<DecisionRequest>& requests) {
    return allOrNothing<DecisionRecord>(
        *store_, requests, "decisions",
        [&](WriteTransaction& tx, const DecisionRequest& request) {
            return decideIn(tx, actor, request);
        },
        [this](WriteTransaction& tx) { commit(tx); });
}

Result<DecisionRecord> Engine::decideIn(WriteTransaction& tx, const Actor& actor,
                                        const DecisionRequest& request) {
    DecisionRecord record{0,
                          request.documentId,
                          request.version,
                          request.contentHash,
                          request.partner,
                          request.verdict,
                          request.representative,
                          request.date,
                          request.vergadering,
                          request.agendapunt,
                          request.remark,
                          actor.name,
                          std::string(toString(actor.role)),
                          ""};
    std::vector<ErrorDetail> problems;
    checkDecisionFields(record, problems);
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, "the decision is incomplete",
                         std::move(problems));
    if (auto allowed = mayActFor(actor, request.partner, "record decisions"); !allowed)
        return allowed.error();

    auto subject = loadSubject(tx, actor, request.documentId);
    if (!subject) return subject.error();
    const auto& document = subject->document;
    const auto* state = subject->definition->state(document.state);
    if (state == nullptr || !state->decisions) {
        return makeError(
            ErrorCode::Refused,
            document.id + " is '" + document.state + "'; decisions are recorded in state(s): " +
                statesWith(*subject->definition, &workflow::StateDefinition::decisions));
    }
    if (auto bound = boundToLatest(*subject, request.version, request.contentHash, "decision");
        !bound) {
        return bound.error();
    }
    std::string today = amsterdamDate(clock_->now());
    if (auto staying =
            stillInBeraad(tx, document.region, request.partner, request.date, today, "decide");
        !staying) {
        return staying.error();
    }
    checkDecisionDate(tx, record, amsterdamDate(clock_->now()), problems);
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, "the decision's date is not plausible",
                         std::move(problems));
    auto basis = workflow::decisionBasis(tx, document, subject->latest, today);
    if (!basis) return basis.error();
    bool member =
        std::any_of(basis->members.begin(), basis->members.end(),
                    [&](const workflow::Member& m) { return m.partner == request.partner; });
    if (!member) {
        return makeError(ErrorCode::Refused, "partner '" + request.partner +
                                                 "' is not a partij of " + basis->convenantId +
                                                 " and cannot decide on " + document.id);
    }
    record.id = tx.nextDecisionId();
    record.recordedAt = formatTimestamp(clock_->now());
    writeDecision(tx, actor, record);
    record.status = record.contentHash == subject->latest.contentHash ? "geldend" : "verouderd";
    return record;
}

Result<DecisionRecord> Engine::rectifyDecision(const Actor& actor,
                                               const DecisionRectification& request) {
    auto parts = [&] {
        return EngineParts{*store_, keys_.get(), *clock_,
                           [this](WriteTransaction& tx) { commit(tx); }};
    };
    auto correct = [&](DecisionRecord& record, WriteTransaction& tx, const workflow::DocumentChain&,
                       const Subject&, std::vector<ErrorDetail>& problems) {
        record.verdict = request.verdict.value_or(record.verdict);
        record.representative = request.representative.value_or(record.representative);
        record.date = request.date.value_or(record.date);
        record.vergadering = request.vergadering.value_or(record.vergadering);
        record.agendapunt = request.agendapunt.value_or(record.agendapunt);
        record.remark = request.remark.value_or(record.remark);
        record.recordedRole = std::string(toString(actor.role));
        checkDecisionFields(record, problems);
        if (problems.empty()) checkDecisionDate(tx, record, amsterdamDate(clock_->now()), problems);
        if (problems.empty()) record.id = tx.nextDecisionId();
    };
    return rectifyRecord(parts(), actor, request, request.decision,
                         &workflow::DocumentChain::decisions, "decision", correct, writeDecision);
}

Result<DecisionStatus> Engine::decisionStatus(const Actor& actor, const std::string& documentId) {
    return guarded([&]() -> Result<DecisionStatus> {
        auto tx = store_->beginRead();
        auto subject = loadSubject(*tx, actor, documentId);
        if (!subject) return subject.error();
        DecisionStatus status;
        status.documentId = documentId;
        status.version = subject->latest.number;
        status.contentHash = subject->latest.contentHash;
        // What the document's chain records, never rows alone.
        auto chain = detail::chainReader(*tx, keys_.get()).document(documentId);
        if (!chain) return chain.error();
        const auto& decisions = chain->decisions;
        for (const auto& decision : decisions) {
            (decision.contentHash == status.contentHash ? status.current : status.stale)
                .push_back(decision);
        }
        auto basis = workflow::decisionBasis(*tx, subject->document, subject->latest,
                                             amsterdamDate(clock_->now()));
        if (!basis) return basis.error();
        status.ruleSource = basis->convenantId;
        status.verdict = workflow::evaluate(
            basis->rule, basis->members, workflow::currentDecisions(decisions, status.contentHash));
        return status;
    });
}

Result<SignatureRecord> Engine::recordSignature(const Actor& actor,
                                                const SignatureRequest& request) {
    auto recorded = recordSignatures(actor, {request});
    if (!recorded) return recorded.error();
    return recorded->front();
}

Result<std::vector<SignatureRecord>> Engine::recordSignatures(
    const Actor& actor, const std::vector<SignatureRequest>& requests) {
    return allOrNothing<SignatureRecord>(
        *store_, requests, "signatures",
        [&](WriteTransaction& tx, const SignatureRequest& request) {
            return signIn(tx, actor, request);
        },
        [this](WriteTransaction& tx) { commit(tx); });
}

Result<SignatureRecord> Engine::signIn(WriteTransaction& tx, const Actor& actor,
                                       const SignatureRequest& request) {
    SignatureRecord record{0,
                           request.documentId,
                           request.version,
                           request.contentHash,
                           request.partner,
                           request.signatory,
                           request.function,
                           request.place,
                           request.date,
                           actor.name,
                           ""};
    std::vector<ErrorDetail> problems;
    checkSignatureFields(record, problems);
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, "the signature is incomplete",
                         std::move(problems));
    if (auto allowed = mayActFor(actor, request.partner, "record signatures"); !allowed)
        return allowed.error();

    auto subject = loadSubject(tx, actor, request.documentId);
    if (!subject) return subject.error();
    const auto& document = subject->document;
    const auto* state = subject->definition->state(document.state);
    if (state == nullptr || !state->signatures) {
        return makeError(
            ErrorCode::Refused,
            document.id + " is '" + document.state + "'; signatures are recorded in state(s): " +
                statesWith(*subject->definition, &workflow::StateDefinition::signatures));
    }
    if (auto bound = boundToLatest(*subject, request.version, request.contentHash, "signature");
        !bound) {
        return bound.error();
    }
    if (auto staying = stillInBeraad(tx, document.region, request.partner, request.date,
                                     amsterdamDate(clock_->now()), "sign");
        !staying) {
        return staying.error();
    }
    auto convenant = workflow::facts::convenant(subject->latest.content);
    if (!convenant) return convenant.error();
    bool party =
        std::any_of(convenant->partijen.begin(), convenant->partijen.end(),
                    [&](const workflow::facts::Partij& p) { return p.partner == request.partner; });
    if (!party) {
        return makeError(ErrorCode::Refused,
                         "partner '" + request.partner + "' is not a partij of " + document.id);
    }
    auto chain = detail::chainReader(tx, keys_.get()).document(document.id);
    if (!chain) return chain.error();
    for (const auto& existing : chain->signatures) {
        if (existing.partner == request.partner && existing.contentHash == request.contentHash &&
            existing.rectifiedBy == 0) {
            return makeError(ErrorCode::Conflict,
                             request.partner + " already signed version " +
                                 std::to_string(existing.version) + " of " + document.id + " on " +
                                 existing.date + " (signature " + std::to_string(existing.id) +
                                 "; the secretariaat corrects it with a rectificatie)");
        }
    }
    checkSignatureDate(chain.value(), *subject->definition, record, amsterdamDate(clock_->now()),
                       problems);
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, "the signature's date is not plausible",
                         std::move(problems));
    record.recordedAt = formatTimestamp(clock_->now());
    writeSignature(tx, actor, record);
    record.status = record.contentHash == subject->latest.contentHash ? "geldend" : "verouderd";
    return record;
}

Result<SignatureRecord> Engine::rectifySignature(const Actor& actor,
                                                 const SignatureRectification& request) {
    auto parts = [&] {
        return EngineParts{*store_, keys_.get(), *clock_,
                           [this](WriteTransaction& tx) { commit(tx); }};
    };
    auto correct = [&](SignatureRecord& record, WriteTransaction&,
                       const workflow::DocumentChain& chain, const Subject& subject,
                       std::vector<ErrorDetail>& problems) {
        record.signatory = request.signatory.value_or(record.signatory);
        record.function = request.function.value_or(record.function);
        record.place = request.place.value_or(record.place);
        record.date = request.date.value_or(record.date);
        checkSignatureFields(record, problems);
        if (problems.empty()) {
            checkSignatureDate(chain, *subject.definition, record, amsterdamDate(clock_->now()),
                               problems);
        }
    };
    return rectifyRecord(parts(), actor, request, request.signature,
                         &workflow::DocumentChain::signatures, "signature", correct,
                         writeSignature);
}

Result<SignatureStatus> Engine::signatureStatus(const Actor& actor, const std::string& documentId) {
    return guarded([&]() -> Result<SignatureStatus> {
        auto tx = store_->beginRead();
        auto subject = loadSubject(*tx, actor, documentId);
        if (!subject) return subject.error();
        if (subject->document.kind != toString(DocumentKind::Samenwerkingsconvenant)) {
            return makeError(ErrorCode::InvalidInput, "only a samenwerkingsconvenant is signed");
        }
        SignatureStatus status;
        status.documentId = documentId;
        status.version = subject->latest.number;
        status.contentHash = subject->latest.contentHash;
        auto chain = detail::chainReader(*tx, keys_.get()).document(documentId);
        if (!chain) return chain.error();
        for (const auto& signature : chain->signatures) {
            (signature.contentHash == status.contentHash ? status.current : status.stale)
                .push_back(signature);
        }
        auto convenant = workflow::facts::convenant(subject->latest.content);
        if (!convenant) return convenant.error();
        auto left =
            workflow::partnersLeftBy(*tx, subject->document.region, amsterdamDate(clock_->now()));
        for (const auto& partij : convenant->partijen) {
            if (left.count(partij.partner)) continue;
            bool signed_ = std::any_of(status.current.begin(), status.current.end(),
                                       [&](const SignatureRecord& s) {
                                           return s.partner == partij.partner && s.rectifiedBy == 0;
                                       });
            if (!signed_) status.missing.push_back(partij.partner);
        }
        return status;
    });
}

Result<Document> Engine::startAmendment(const Actor& actor, const AmendmentRequest& request) {
    if (!detail::mayWriteDocuments(actor)) return detail::forbidden(actor, "start a wijziging");
    if (request.message.empty()) {
        return makeError(ErrorCode::InvalidInput,
                         "a wijziging needs a message that says what it changes");
    }
    std::vector<ErrorDetail> problems;
    checkTexts({}, {{"bericht", request.message}}, problems);
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, "the wijziging holds text that cannot be stored",
                         std::move(problems));
    return guarded([&]() -> Result<Document> {
        auto tx = store_->beginWrite();
        auto subject = loadSubject(*tx, actor, request.convenantId);
        if (!subject) return subject.error();
        const Document& original = subject->document;
        if (original.kind != toString(DocumentKind::Samenwerkingsconvenant)) {
            return makeError(ErrorCode::InvalidInput,
                             original.id + " is a " + original.kind +
                                 "; only a samenwerkingsconvenant is amended this way");
        }
        if (!workflow::isAdopted(*tx, original)) {
            return makeError(ErrorCode::Refused,
                             original.id + " is '" + original.state +
                                 "', not in force; change it through its own lifecycle");
        }
        for (const auto& amendment : tx->listAmendmentsOf(original.id)) {
            auto open = tx->findDocument(amendment.documentId);
            if (open && !workflow::isFinal(*tx, *open)) {
                return makeError(ErrorCode::Conflict, "wijziging " + open->id + " of " +
                                                          original.id + " is still open ('" +
                                                          open->state +
                                                          "'); finish or drop it first");
            }
        }
        auto definition = workflow::catalog::latest(*tx, original.workflow);
        if (!definition) return definition.error();
        auto content =
            validateContent(DocumentKind::Samenwerkingsconvenant, subject->latest.content);
        if (!content) return content.error();

        std::string time = formatTimestamp(clock_->now());
        Document amendment;
        amendment.id = original.region + "-" +
                       std::string(idSegment(DocumentKind::Samenwerkingsconvenant)) + "-" +
                       std::to_string(tx->nextDocumentSerial(original.region, original.kind));
        amendment.region = original.region;
        amendment.kind = original.kind;
        amendment.title = content->title;
        amendment.state = definition.value()->initial;
        amendment.workflow = definition.value()->name;
        amendment.workflowVersion = definition.value()->version;
        amendment.latestVersion = 1;
        amendment.latestContentHash = content->hash;
        if (content->period) {
            amendment.periodStart = content->period->start;
            if (!content->period->end.empty()) amendment.periodEnd = content->period->end;
        }
        amendment.createdAt = time;
        amendment.createdBy = actor.name;
        amendment.updatedAt = time;
        Poco::JSON::Object created;
        created.set("versie", 1);
        created.set("ouder", Poco::Dynamic::Var());
        created.set("inhoudHash", content->hash);
        created.set("bericht", request.message);
        created.set("document", amendment.id);
        created.set("soort", amendment.kind);
        created.set("regio", amendment.region);
        created.set("titel", amendment.title);
        created.set("status", amendment.state);
        created.set("workflow", amendment.workflow);
        created.set("workflowVersie", amendment.workflowVersion);
        created.set("wijzigt", original.id);
        created.set("basisVersie", subject->latest.number);
        created.set("basisInhoudHash", subject->latest.contentHash);
        amendment.eventSequence = appendEvent(*tx, documentStream(amendment.id),
                                              "document-aangemaakt", actor, time, created)
                                      .sequence;
        tx->insertDocument(amendment);
        tx->insertVersion({amendment.id, 1, std::nullopt, content->canonicalXml, content->hash,
                           actor.name, std::string(toString(actor.role)), time, request.message});
        tx->insertAmendment(
            {amendment.id, original.id, subject->latest.number, subject->latest.contentHash});
        Poco::JSON::Object started;
        started.set("wijziging", amendment.id);
        started.set("basisVersie", subject->latest.number);
        started.set("basisInhoudHash", subject->latest.contentHash);
        started.set("bericht", request.message);
        appendEvent(*tx, documentStream(original.id), "wijziging-gestart", actor, time, started);
        commit(*tx);
        return amendment;
    });
}

Result<AdmissionResult> Engine::admitStrategischPartner(const Actor& actor,
                                                        const AdmissionRequest& request) {
    if (actor.role != Role::Secretariaat) {
        return detail::forbidden(
            actor, "record the kernpartners' decision on admitting a strategisch partner");
    }
    if (!actor.mayAccess(request.region)) return detail::outOfScope(actor, request.region);
    auto problems = missingFields({{"partner", &request.partner},
                                   {"vergadering", &request.vergadering},
                                   {"agendapunt", &request.agendapunt},
                                   {"datum", &request.date}});
    checkDate(request.date, problems);
    checkTexts({{"vergadering", request.vergadering}, {"agendapunt", request.agendapunt}}, {},
               problems);
    std::map<std::string, workflow::Verdict> votes;
    for (const auto& [partner, verdict] : request.votes) {
        auto parsed = workflow::parseVerdict(verdict);
        if (!parsed) {
            problems.push_back({"'" + verdict + "' is not a decision", std::nullopt, partner});
        } else {
            votes[partner] = *parsed;
        }
    }
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, "the admission decision is incomplete",
                         std::move(problems));

    return guarded([&]() -> Result<AdmissionResult> {
        auto tx = store_->beginWrite();
        if (!tx->findRegion(request.region)) return detail::notFound("region " + request.region);
        auto candidate = tx->findPartner(request.region, request.partner);
        if (!candidate)
            return detail::notFound("partner " + request.partner + " in region " + request.region);
        if (candidate->role == "kernpartner") {
            return makeError(ErrorCode::Refused, request.partner + " is a kernpartner already");
        }
        auto recorded = detail::chainReader(*tx, keys_.get()).region(request.region);
        if (!recorded) return recorded.error();
        for (const auto& earlier : recorded->admissions) {
            if (earlier.partner == request.partner && earlier.admitted) {
                return makeError(ErrorCode::Conflict,
                                 request.partner + " was admitted on " + earlier.date);
            }
        }
        std::vector<workflow::Member> members;
        for (const auto& partner : tx->listPartners(request.region)) {
            if (partner.role == "kernpartner" && !partner.hasLeftBy(amsterdamDate(clock_->now())))
                members.push_back({partner.key, true, 1});
        }
        std::vector<ErrorDetail> strangers;
        for (const auto& [partner, verdict] : votes) {
            bool kern = std::any_of(
                members.begin(), members.end(),
                [&partner = partner](const workflow::Member& m) { return m.partner == partner; });
            if (!kern)
                strangers.push_back({partner + " is not a kernpartner of " + request.region,
                                     std::nullopt, partner});
        }
        if (!strangers.empty()) {
            return makeError(ErrorCode::InvalidInput,
                             "only kernpartners decide on admitting a strategisch partner",
                             std::move(strangers));
        }
        workflow::DecisionRule rule;
        rule.kind = workflow::DecisionRule::Kind::UnanimiteitKernpartners;
        if (auto inForce = workflow::convenantInForce(*tx, request.region)) {
            auto version = tx->findVersion(inForce->id, inForce->latestVersion);
            auto convenant = workflow::facts::convenant(version ? version->content : "");
            if (convenant) {
                rule = convenant->rule;
                for (auto& member : members) {
                    for (const auto& partij : convenant->partijen) {
                        if (partij.partner == member.partner) member.weight = partij.gewicht;
                    }
                }
            }
        }
        AdmissionResult result;
        result.verdict = workflow::evaluate(rule, members, votes);
        std::string time = formatTimestamp(clock_->now());
        Poco::JSON::Object votesJson;
        for (const auto& [partner, verdict] : votes)
            votesJson.set(partner, std::string(workflow::toString(verdict)));
        AdmissionRecord record{0,
                               request.region,
                               request.partner,
                               result.verdict.met,
                               result.verdict.rule,
                               result.verdict.explanation,
                               canonicalJson(votesJson),
                               request.vergadering,
                               request.agendapunt,
                               request.date,
                               actor.name,
                               time};
        Poco::JSON::Object payload;
        payload.set("partner", record.partner);
        payload.set("toegelaten", record.admitted);
        payload.set("vorigeRol", candidate->role);
        payload.set("regel", record.rule);
        payload.set("uitleg", record.explanation);
        payload.set("stemmen", votesJson);
        payload.set("vergadering", record.vergadering);
        payload.set("agendapunt", record.agendapunt);
        payload.set("datum", record.date);
        record.eventSequence =
            appendEvent(*tx, regionStream(request.region),
                        record.admitted ? "strategisch-partner-toegelaten" : "toelating-afgewezen",
                        actor, time, payload)
                .sequence;
        record.id = tx->insertAdmission(record);
        if (record.admitted) {
            Partner admitted = *candidate;
            admitted.role = "strategisch-partner";
            admitted.eventSequence = record.eventSequence;
            tx->upsertPartner(admitted);
        }
        commit(*tx);
        result.record = record;
        return result;
    });
}

}  // namespace beraad
