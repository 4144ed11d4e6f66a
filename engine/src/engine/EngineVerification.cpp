// Engine facade: verification of the hash-chained history against the
// versions and projections it vouches for.
#include <algorithm>
#include <map>

#include "beraad/Engine.h"
#include "beraad/base/Sha256.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "beraad/reference/ReferenceData.h"
#include "workflow/ChainRecords.h"

namespace beraad {

using detail::guarded;

namespace {

constexpr std::string_view kDocumentPrefix = "document:";
constexpr std::string_view kRegionPrefix = "regio:";

void problem(VerificationReport& report, std::string where, std::string message) {
    report.problems.push_back({std::move(message), std::nullopt, std::move(where)});
}

// Chain links, hashes and the recorded head. Returns the version hashes the
// events vouch for (version number -> content hash).
std::map<std::int64_t, std::string> verifyChain(ReadTransaction& tx, VerificationReport& report) {
    ChainVerifier verifier(report.stream);
    std::map<std::int64_t, std::string> vouched;
    tx.forEachEvent(report.stream, [&](const Event& event) {
        verifier.add(event);
        if (event.kind != "document-aangemaakt" && event.kind != "versie-toegevoegd") return;
        try {
            auto payload = parseJsonObject(event.payload);
            vouched[payload->getValue<Poco::Int64>("versie")] =
                payload->getValue<std::string>("inhoudHash");
        } catch (const std::exception&) {
            problem(report, "event " + std::to_string(event.sequence),
                    "the payload cannot be read as a version record");
        }
    });
    const ChainVerdict& verdict = verifier.verdict();
    report.eventsChecked = verdict.eventsChecked;
    report.headHash = verdict.headHash;
    if (verdict.firstBreak) {
        problem(report, "event " + std::to_string(verdict.firstBreak->sequence),
                "first broken link: " + verdict.firstBreak->reason);
        return vouched;
    }
    auto head = tx.findStreamHead(report.stream);
    if (!head) {
        if (verdict.eventsChecked > 0)
            problem(report, report.stream, "the stream has no recorded head");
    } else if (head->sequence != verdict.eventsChecked || head->hash != verdict.headHash) {
        problem(report, "event " + std::to_string(head->sequence),
                "the recorded head is event " + std::to_string(head->sequence) + " (" + head->hash +
                    ") but the log ends at event " + std::to_string(verdict.eventsChecked) +
                    ": events were removed from the end or the head was altered");
    }
    return vouched;
}

void verifyVersions(ReadTransaction& tx, const std::string& documentId,
                    const std::map<std::int64_t, std::string>& vouched,
                    VerificationReport& report) {
    auto document = tx.findDocument(documentId);
    if (!document) {
        problem(report, documentId, "the log exists but the document row is missing");
        return;
    }
    std::int64_t expectedNumber = 1;
    std::string lastHash;
    for (const auto& version : tx.listVersions(documentId, true)) {
        std::string where = "version " + std::to_string(version.number);
        if (version.number != expectedNumber) {
            problem(report, where, "expected version " + std::to_string(expectedNumber));
        }
        expectedNumber = version.number + 1;
        if (sha256Hex(version.content) != version.contentHash) {
            problem(report, where,
                    "the stored content does not match its content hash " + version.contentHash +
                        " (the content was changed)");
        }
        auto event = vouched.find(version.number);
        if (event == vouched.end()) {
            problem(report, where, "no event in the log records this version");
        } else if (event->second != version.contentHash) {
            problem(report, where,
                    "the log records content hash " + event->second + " but the version holds " +
                        version.contentHash);
        }
        lastHash = version.contentHash;
    }
    for (const auto& [number, hash] : vouched) {
        if (number >= expectedNumber) {
            problem(report, "version " + std::to_string(number),
                    "the log records this version but it is missing from the store");
        }
    }
    if (document->latestVersion != expectedNumber - 1 || document->latestContentHash != lastHash) {
        problem(report, documentId,
                "the document says its latest version is " +
                    std::to_string(document->latestVersion) + " but the versions end at " +
                    std::to_string(expectedNumber - 1));
    }
}

// --- The projections rebuilt from the events -------------------------------
//
// Every row of a projection is compared with what the events record: a row
// that differs names its fields, a row no event records was put into the
// store by other means, an event whose row is missing names the event.

std::vector<Event> eventsOf(ReadTransaction& tx, const std::string& stream) {
    std::vector<Event> events;
    tx.forEachEvent(stream, [&](const Event& event) { events.push_back(event); });
    return events;
}

// "field (row 'a', event 'b')" for each field that differs.
class Differences {
  public:
    template <typename T>
    Differences& field(const char* name, const T& row, const T& event) {
        if (row != event) {
            text_ += (text_.empty() ? "" : ", ") + std::string(name) + " (row '" + show(row) +
                     "', event '" + show(event) + "')";
        }
        return *this;
    }
    bool any() const { return !text_.empty(); }
    const std::string& text() const { return text_; }

  private:
    static std::string show(const std::string& value) { return value; }
    static std::string show(std::int64_t value) { return std::to_string(value); }
    static std::string show(int value) { return std::to_string(value); }
    static std::string show(bool value) { return value ? "true" : "false"; }
    static std::string show(const std::optional<std::string>& value) { return value.value_or(""); }
    std::string text_;
};

std::string eventName(std::int64_t sequence) {
    return "event " + std::to_string(sequence);
}

// Rows and events paired: by the event the row names, or, for rows written
// before rows named their event, in recording order.
template <typename Row, typename Compare, typename Describe>
void compareRecords(VerificationReport& report, const std::string& what,
                    const std::vector<Row>& rows, const std::vector<Row>& recorded, Compare compare,
                    Describe describe) {
    std::vector<bool> used(recorded.size(), false);
    std::size_t nextUnnamed = 0;
    for (const auto& row : rows) {
        std::optional<std::size_t> match;
        for (std::size_t i = 0; i < recorded.size(); ++i) {
            if (!used[i] && row.eventSequence != 0 &&
                recorded[i].eventSequence == row.eventSequence) {
                match = i;
                break;
            }
        }
        if (!match && row.eventSequence == 0) {
            while (nextUnnamed < recorded.size() && used[nextUnnamed])
                ++nextUnnamed;
            if (nextUnnamed < recorded.size()) match = nextUnnamed;
        }
        if (!match) {
            problem(report, what + " " + describe(row),
                    "no event records this " + what +
                        ": the row was put into the store by other means and is not counted");
            continue;
        }
        used[*match] = true;
        Differences differences;
        compare(differences, row, recorded[*match]);
        if (differences.any()) {
            problem(report, what + " " + describe(row),
                    "differs from " + eventName(recorded[*match].eventSequence) + ": " +
                        differences.text());
        }
    }
    for (std::size_t i = 0; i < recorded.size(); ++i) {
        if (!used[i]) {
            problem(report, eventName(recorded[i].eventSequence),
                    "the event records " + what + " " + describe(recorded[i]) +
                        " but the store has no row for it");
        }
    }
}

void compareDecisions(VerificationReport& report, const std::vector<DecisionRecord>& rows,
                      std::vector<DecisionRecord> recorded) {
    // Decisions carry their id in the event: pair by it where the row names no event.
    std::vector<DecisionRecord> named = rows;
    for (auto& row : named) {
        if (row.eventSequence != 0) continue;
        for (const auto& event : recorded) {
            if (event.id == row.id) row.eventSequence = event.eventSequence;
        }
        if (row.eventSequence == 0) row.eventSequence = -1;  // pairs with nothing
    }
    compareRecords(
        report, "decision", named, recorded,
        [](Differences& d, const DecisionRecord& row, const DecisionRecord& event) {
            d.field("id", row.id, event.id)
                .field("partner", row.partner, event.partner)
                .field("besluit", row.verdict, event.verdict)
                .field("versie", row.version, event.version)
                .field("inhoudHash", row.contentHash, event.contentHash)
                .field("vertegenwoordiger", row.representative, event.representative)
                .field("datum", row.date, event.date)
                .field("vergadering", row.vergadering, event.vergadering)
                .field("agendapunt", row.agendapunt, event.agendapunt)
                .field("opmerking", row.remark, event.remark)
                .field("rectificeert", row.rectifies, event.rectifies)
                .field("reden", row.reason, event.reason)
                .field("vastgelegdDoor", row.recordedBy, event.recordedBy);
        },
        [](const DecisionRecord& d) {
            return std::to_string(d.id) + " (" + d.partner + ", " + d.verdict + ")";
        });
}

void compareDocument(VerificationReport& report, ReadTransaction& tx, const Document& row,
                     const workflow::DocumentChain& chain) {
    Differences d;
    d.field("regio", row.region, chain.region)
        .field("soort", row.kind, chain.kind)
        .field("status", row.state, chain.state)
        .field("workflow", row.workflow, chain.workflow)
        .field("workflowVersie", row.workflowVersion, chain.workflowVersion)
        .field("laatsteVersie", row.latestVersion, chain.latestVersion)
        .field("laatsteInhoudHash", row.latestContentHash, chain.latestContentHash)
        .field("beleidsagenda", row.beleidsagendaId, chain.beleidsagendaId);
    if (d.any()) {
        problem(report, row.id,
                "the document row differs from what its events record: " + d.text() +
                    " (the row was changed without an event)");
    }
    compareDecisions(report, tx.listDecisions(row.id), chain.decisions);
    compareRecords(
        report, "signature", tx.listSignatures(row.id), chain.signatures,
        [](Differences& d, const SignatureRecord& r, const SignatureRecord& e) {
            d.field("partner", r.partner, e.partner)
                .field("versie", r.version, e.version)
                .field("inhoudHash", r.contentHash, e.contentHash)
                .field("ondertekenaar", r.signatory, e.signatory)
                .field("functie", r.function, e.function)
                .field("plaats", r.place, e.place)
                .field("datum", r.date, e.date)
                .field("rectificeert", r.rectifies, e.rectifies)
                .field("reden", r.reason, e.reason)
                .field("vastgelegdDoor", r.recordedBy, e.recordedBy);
        },
        [](const SignatureRecord& s) {
            return "of " + s.partner + " on version " + std::to_string(s.version);
        });
    compareRecords(
        report, "transition", tx.listTransitions(row.id), chain.transitions,
        [](Differences& d, const TransitionRecord& r, const TransitionRecord& e) {
            d.field("overgang", r.transition, e.transition)
                .field("van", r.fromState, e.fromState)
                .field("naar", r.toState, e.toState)
                .field("versie", r.version, e.version)
                .field("inhoudHash", r.contentHash, e.contentHash)
                .field("workflowVersie", r.workflowVersion, e.workflowVersion)
                .field("reden", r.reason, e.reason)
                .field("actor", r.actor, e.actor);
        },
        [](const TransitionRecord& t) {
            return t.transition + " (" + t.fromState + " -> " + t.toState + ")";
        });
    auto amendment = tx.findAmendment(row.id);
    if (amendment && !chain.amendment) {
        problem(report, row.id,
                "the store records it as a wijziging of " + amendment->amends +
                    " but no event does (the row was put into the store by other means)");
    } else if (!amendment && chain.amendment) {
        problem(report, row.id,
                "its events record it as a wijziging of " + chain.amendment->amends +
                    " but the store has no row for it");
    } else if (amendment) {
        Differences a;
        a.field("wijzigt", amendment->amends, chain.amendment->amends)
            .field("basisVersie", amendment->baseVersion, chain.amendment->baseVersion)
            .field("basisInhoudHash", amendment->baseContentHash, chain.amendment->baseContentHash);
        if (a.any())
            problem(report, row.id, "the wijziging row differs from its event: " + a.text());
    }
}

void verifyDocumentProjections(ReadTransaction& tx, const std::string& documentId,
                               const std::vector<Event>& events, VerificationReport& report) {
    auto document = tx.findDocument(documentId);
    if (!document) return;  // named by verifyVersions
    auto chain = workflow::documentFromEvents(events, documentId);
    if (!chain) {
        problem(report, documentId, chain.error().message);
        return;
    }
    compareDocument(report, tx, *document, *chain);
}

std::string representativesText(const std::vector<Representative>& people) {
    std::string text;
    for (const auto& person : people)
        text += person.name + "|" + person.function + "|" + person.email + ";";
    return text;
}

void verifyRegionProjections(ReadTransaction& tx, const std::string& code,
                             const std::vector<Event>& events, VerificationReport& report) {
    auto chain = workflow::regionFromEvents(events, code);
    if (!chain) {
        problem(report, "regio " + code, chain.error().message);
        return;
    }
    auto rows = tx.listPartners(code);
    for (const auto& row : rows) {
        auto found = std::find_if(chain->partners.begin(), chain->partners.end(),
                                  [&](const Partner& p) { return p.key == row.key; });
        if (found == chain->partners.end()) {
            problem(report, "partner " + row.key,
                    "no event registers this partner: the row was put into the store by other "
                    "means");
            continue;
        }
        Differences d;
        d.field("naam", row.name, found->name)
            .field("soort", row.kind, found->kind)
            .field("rol", row.role, found->role)
            .field("vertegenwoordigers", representativesText(row.representatives),
                   representativesText(found->representatives))
            .field("uitgetredenOp", row.leftOn, found->leftOn)
            .field("redenUittreding", row.leaveReason, found->leaveReason);
        if (d.any()) {
            problem(report, "partner " + row.key,
                    "the partner row differs from what its events record: " + d.text() +
                        " (the row was changed without an event)");
        }
    }
    for (const auto& partner : chain->partners) {
        bool stored = std::any_of(rows.begin(), rows.end(),
                                  [&](const Partner& p) { return p.key == partner.key; });
        if (!stored) {
            problem(
                report, eventName(partner.eventSequence),
                "the events register partner " + partner.key + " but the store has no row for it");
        }
    }
    compareRecords(
        report, "admission", tx.listAdmissions(code), chain->admissions,
        [](Differences& d, const AdmissionRecord& r, const AdmissionRecord& e) {
            d.field("partner", r.partner, e.partner)
                .field("toegelaten", r.admitted, e.admitted)
                .field("regel", r.rule, e.rule)
                .field("stemmen", r.votes, e.votes)
                .field("vergadering", r.vergadering, e.vergadering)
                .field("agendapunt", r.agendapunt, e.agendapunt)
                .field("datum", r.date, e.date);
        },
        [](const AdmissionRecord& a) { return "of " + a.partner + " on " + a.date; });
    if (chain->centrumgemeente) {
        auto region = tx.findRegion(code);
        if (region && (region->centrumgemeente != *chain->centrumgemeente ||
                       region->source != chain->centrumgemeenteSource.value_or(""))) {
            problem(report, "regio " + code,
                    "the region row names centrumgemeente '" + region->centrumgemeente +
                        "' (source '" + region->source + "') but the last correction, " +
                        eventName(chain->lastCorrection) + ", names '" + *chain->centrumgemeente +
                        "' (the row was changed without an event)");
        }
    }
}

// Tokens, workflow definitions and the regions' reference data against the
// system stream (and the shipped reference data it says was loaded).
void verifySystemProjections(ReadTransaction& tx, const std::vector<Event>& events,
                             VerificationReport& report) {
    struct Issued {
        std::int64_t sequence = 0;
        ApiToken token;
        bool secretRecorded = false;
        std::optional<std::int64_t> revokedBy;
    };
    std::map<std::string, Issued> issued;
    std::map<std::pair<std::string, int>, std::string> definitions;  // -> hash of the XML
    bool referenceLoaded = false;
    for (const auto& event : events) {
        try {
            auto payload = parseJsonObject(event.payload);
            auto field = [&](const char* name) {
                return payload->has(name) ? payload->getValue<std::string>(name) : std::string();
            };
            if (event.kind == "token-uitgegeven") {
                Issued entry;
                entry.sequence = event.sequence;
                entry.token.id = field("token");
                entry.token.person = field("persoon");
                entry.token.role = field("rol");
                entry.token.regionScope = field("scope");
                if (payload->has("partner")) entry.token.partner = field("partner");
                entry.secretRecorded = payload->has("geheimHash");
                entry.token.secretHash = field("geheimHash");
                if (payload->has("verloopt")) entry.token.expiresAt = field("verloopt");
                issued[entry.token.id] = entry;
            } else if (event.kind == "token-ingetrokken") {
                auto found = issued.find(field("token"));
                if (found != issued.end()) found->second.revokedBy = event.sequence;
            } else if (event.kind == "workflow-definitie-geregistreerd") {
                definitions[{field("naam"), payload->getValue<int>("versie")}] = field("hash");
            } else if (event.kind == "referentiedata-geladen") {
                referenceLoaded = true;
            }
        } catch (const std::exception& failure) {
            problem(report, eventName(event.sequence),
                    std::string("the payload cannot be read: ") + failure.what());
        }
    }
    auto tokens = tx.listTokens();
    for (const auto& token : tokens) {
        std::string where = "token " + token.id;
        auto found = issued.find(token.id);
        if (found == issued.end()) {
            problem(report, where,
                    "no token-uitgegeven event issues this token (role " + token.role + ", scope " +
                        token.regionScope +
                        "): the row was put into the store by other means; it is refused");
            continue;
        }
        const Issued& entry = found->second;
        Differences d;
        d.field("persoon", token.person, entry.token.person)
            .field("rol", token.role, entry.token.role)
            .field("scope", token.regionScope, entry.token.regionScope)
            .field("partner", token.partner, entry.token.partner)
            .field("verloopt", token.expiresAt, entry.token.expiresAt);
        if (entry.secretRecorded) d.field("geheimHash", token.secretHash, entry.token.secretHash);
        if (token.eventSequence != 0) d.field("gebeurtenis", token.eventSequence, entry.sequence);
        if (d.any()) {
            problem(report, where,
                    "the token row differs from " + eventName(entry.sequence) + ": " + d.text());
        }
        if (entry.revokedBy && !token.revokedAt) {
            problem(report, where,
                    "revoked by " + eventName(*entry.revokedBy) +
                        " but the row says it is active (the row was changed without an event)");
        } else if (!entry.revokedBy && token.revokedAt) {
            problem(report, where, "the row says revoked but no event revokes it");
        }
    }
    for (const auto& [id, entry] : issued) {
        bool stored = std::any_of(tokens.begin(), tokens.end(),
                                  [&id = id](const ApiToken& t) { return t.id == id; });
        if (!stored) {
            problem(report, eventName(entry.sequence),
                    "the event issues token " + id + " but the store has no row for it");
        }
    }
    for (const auto& row : tx.listWorkflowDefinitions()) {
        std::string where = "workflow " + row.name + " version " + std::to_string(row.version);
        auto found = definitions.find({row.name, row.version});
        if (found == definitions.end()) {
            problem(report, where,
                    "no event registers this definition: the row was put into the store by "
                    "other means");
        } else if (found->second != sha256Hex(row.xml)) {
            problem(report, where,
                    "the stored definition is not the one its event registered (hash " +
                        found->second + ")");
        }
    }
    if (!referenceLoaded) return;
    auto shipped = shippedReferenceData();
    if (!shipped) return;
    for (const auto& region : tx.listRegions()) {
        auto reference = std::find_if(shipped->regions.begin(), shipped->regions.end(),
                                      [&](const Region& r) { return r.code == region.code; });
        if (reference == shipped->regions.end()) {
            problem(report, "regio " + region.code,
                    "the region is not in the reference data the system loaded");
            continue;
        }
        bool corrected = false;
        tx.forEachEvent(regionStream(region.code), [&](const Event& event) {
            corrected = corrected || event.kind == "centrumgemeente-gecorrigeerd";
        });
        if (region.name != reference->name ||
            (!corrected && region.centrumgemeente != reference->centrumgemeente)) {
            problem(report, "regio " + region.code,
                    "the region row (" + region.name + ", centrumgemeente " +
                        region.centrumgemeente + ") differs from the reference data (" +
                        reference->name + ", " + reference->centrumgemeente +
                        ") and no correction event records the change");
        }
    }
}

VerificationReport verifyStream(ReadTransaction& tx, const std::string& stream) {
    VerificationReport report;
    report.stream = stream;
    auto vouched = verifyChain(tx, report);
    auto events = eventsOf(tx, stream);
    if (stream.starts_with(kDocumentPrefix)) {
        std::string documentId = stream.substr(kDocumentPrefix.size());
        verifyVersions(tx, documentId, vouched, report);
        verifyDocumentProjections(tx, documentId, events, report);
    } else if (stream.starts_with(kRegionPrefix)) {
        verifyRegionProjections(tx, stream.substr(kRegionPrefix.size()), events, report);
    } else if (stream == kSystemStream) {
        verifySystemProjections(tx, events, report);
    }
    return report;
}

}  // namespace

VerificationReport Engine::verifyStreamHistory(ReadTransaction& tx,
                                               const std::string& stream) const {
    VerificationReport report = verifyStream(tx, stream);
    if (keys_) {
        report.checkpointsVerified = true;
        detail::verifyCheckpoints(tx, keys_->trustedKeys(), report);
    }
    return report;
}

Result<VerificationReport> Engine::verifyDocument(const Actor& actor,
                                                  const std::string& documentId) {
    return guarded([&]() -> Result<VerificationReport> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(documentId);
        if (!document) return detail::notFound("document " + documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        return verifyStreamHistory(*tx, documentStream(documentId));
    });
}

Result<std::vector<VerificationReport>> Engine::verifyAll(const Actor& actor) {
    if (actor.regionScope != "*") {
        return detail::forbidden(actor, "verify the whole store (it needs access to every region)");
    }
    return guarded([&]() -> Result<std::vector<VerificationReport>> {
        auto tx = store_->beginRead();
        std::vector<VerificationReport> reports;
        for (const auto& stream : tx->listStreams())
            reports.push_back(verifyStreamHistory(*tx, stream));
        for (const auto& document :
             tx->listDocuments({std::nullopt, std::nullopt, std::nullopt, 1000000, 0})) {
            std::string stream = documentStream(document.id);
            bool seen = false;
            for (const auto& report : reports)
                seen = seen || report.stream == stream;
            if (!seen) reports.push_back(verifyStreamHistory(*tx, stream));
        }
        // A region whose partners or admissions exist without any event of
        // its own: rows put into the store by other means.
        for (const auto& region : tx->listRegions()) {
            std::string stream = regionStream(region.code);
            bool seen =
                std::any_of(reports.begin(), reports.end(),
                            [&](const VerificationReport& r) { return r.stream == stream; });
            if (!seen && (!tx->listPartners(region.code).empty() ||
                          !tx->listAdmissions(region.code).empty())) {
                reports.push_back(verifyStreamHistory(*tx, stream));
            }
        }
        return reports;
    });
}

}  // namespace beraad
