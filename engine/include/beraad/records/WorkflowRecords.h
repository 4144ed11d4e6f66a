#pragma once
// Rows the workflow engine keeps (migration 2). All of them are insert-only:
// decisions, signatures, transitions and admissions are history, so a later
// decision of the same partner is a new row, never an update.

#include <cstdint>
#include <optional>
#include <string>

namespace beraad {

// A partner's decision on one version, bound to that version's content hash.
struct DecisionRecord {
    std::int64_t id = 0;  // assigned by the store, in recording order
    std::string documentId;
    std::int64_t version = 0;
    std::string contentHash;
    std::string partner;  // partner key
    std::string verdict;  // "akkoord", "niet-akkoord", "onthouding"
    std::string representative;
    std::string date;  // ISO date of the meeting
    std::string vergadering;
    std::string agendapunt;
    std::string remark;
    std::string recordedBy;
    std::string recordedRole;
    std::string recordedAt;
    std::int64_t eventSequence = 0;  // its event in the stream; 0 when not known
    // A rectificatie: the record this one corrects (0: none) and why.
    std::int64_t rectifies = 0;
    std::string reason{};
    // How it counts, derived from the chain (never stored): "geldend",
    // "vervangen" (a later one of the same partner counts), "gerectificeerd"
    // (corrected by another record), "verouderd" (older content).
    std::string status{};
    std::int64_t rectifiedBy = 0;  // the record that corrects this one
};

// A party's signature of one version of a convenant.
struct SignatureRecord {
    std::int64_t id = 0;
    std::string documentId;
    std::int64_t version = 0;
    std::string contentHash;
    std::string partner;
    std::string signatory;
    std::string function;
    std::string place;
    std::string date;  // ISO date
    std::string recordedBy;
    std::string recordedAt;
    std::int64_t eventSequence = 0;  // its event in the stream; 0 when not known
    std::int64_t rectifies = 0;      // as for DecisionRecord
    std::string reason{};
    std::string status{};
    std::int64_t rectifiedBy = 0;
};

// One fired transition (a projection of the "overgang" events).
struct TransitionRecord {
    std::int64_t id = 0;
    std::string documentId;
    std::string transition;
    std::string fromState;
    std::string toState;
    std::int64_t version = 0;
    std::string contentHash;
    int workflowVersion = 0;
    std::string reason;
    std::string actor;
    std::string role;
    std::string time;                // ISO 8601 UTC
    std::int64_t eventSequence = 0;  // its event in the stream; 0 when not known
};

// A wijziging: a convenant document that amends the one in force.
struct AmendmentRecord {
    std::string documentId;  // the wijziging
    std::string amends;      // the convenant it replaces when it comes into force
    std::int64_t baseVersion = 0;
    std::string baseContentHash;
};

// The kernpartners' decision on admitting a strategisch partner.
struct AdmissionRecord {
    std::int64_t id = 0;
    std::string region;
    std::string partner;
    bool admitted = false;
    std::string rule;
    std::string explanation;
    std::string votes;  // canonical JSON object partner -> verdict
    std::string vergadering;
    std::string agendapunt;
    std::string date;
    std::string recordedBy;
    std::string recordedAt;
    std::int64_t eventSequence = 0;  // its event in the stream; 0 when not known
};

// A workflow definition installed at run time (shipped ones are compiled in).
struct WorkflowDefinitionRecord {
    std::string name;
    int version = 0;
    std::string xml;
    std::string registeredBy;
    std::string registeredAt;
};

}  // namespace beraad
