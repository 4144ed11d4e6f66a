#pragma once
// Requests and results of the workflow use cases of the Engine facade
// (transitions, decisions, signatures, amendments, admissions, definition
// migration, the overview of all regions). docs/workflow.md explains them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "beraad/records/DocumentKind.h"
#include "beraad/records/Records.h"
#include "beraad/records/WorkflowRecords.h"
#include "beraad/workflow/DecisionRule.h"
#include "beraad/workflow/Guards.h"

namespace beraad {

struct TransitionRequest {
    std::string documentId;
    std::string transition;                   // name in the definition, e.g. "vaststellen"
    std::optional<std::int64_t> baseVersion;  // refused with Conflict when not the latest
    std::string reason;                       // required where the definition says so
};

struct TransitionResult {
    Document document;  // after the step
    std::string from;
    std::string to;
    std::vector<workflow::GuardOutcome> guards;  // all passed
    std::vector<std::string> effects;            // "AM05-convenant-1: in-werking -> vervangen"
    std::int64_t eventSequence = 0;              // the "overgang" event in the document's stream
};

// One transition out of the current state, as the actor would see it.
struct TransitionOption {
    std::string name;
    std::string to;
    bool roleAllowed = false;
    bool reasonRequired = false;
    std::vector<workflow::GuardOutcome> guards;
    std::string due;  // a timed transition: when the system fires it (UTC ISO), else empty
    bool possible() const {
        for (const auto& guard : guards) {
            if (!guard.passed) return false;
        }
        return roleAllowed;
    }
};

// A timed transition of one document (Engine::runTimers).
struct TimedStep {
    std::string document;
    std::string region;
    std::string transition;
    std::string from;
    std::string to;
    std::string due;                   // when it was or is due (UTC ISO)
    std::string refused;               // why it could not be taken when due; empty otherwise
    std::vector<std::string> effects;  // as TransitionResult::effects
    std::int64_t eventSequence = 0;    // the "overgang" event, when fired
};

// What a run of the timers did: fired what was due, could not fire what was
// due but refused by its guards (tried again on the next run), and what is
// not due yet, soonest first.
struct TimerRun {
    std::string time;  // the run's "now" (UTC ISO)
    std::vector<TimedStep> fired;
    std::vector<TimedStep> refused;
    std::vector<TimedStep> upcoming;
};

struct WorkflowStatus {
    Document document;
    std::string definition;
    int definitionVersion = 0;
    bool final = false;
    bool editable = false;
    std::vector<TransitionOption> transitions;
    std::string role;  // the role the transitions were judged for (TransitionOption::roleAllowed)
};

struct DecisionRequest {
    std::string documentId;
    std::int64_t version = 0;  // the version decided on ...
    std::string contentHash;   // ... and its content hash; both must be the latest
    std::string partner;
    std::string verdict;  // "akkoord", "niet-akkoord", "onthouding"
    std::string representative;
    std::string date;  // ISO date of the meeting
    std::string vergadering;
    std::string agendapunt;
    std::string remark;
};

// A rectificatie (secretariaat): a new record that corrects `decision` and
// takes its place; the original stays in the history as "gerectificeerd".
// Fields left empty keep the original's value.
struct DecisionRectification {
    std::string documentId;
    std::int64_t decision = 0;  // the id of the decision corrected
    std::string reason;         // required
    std::optional<std::string> verdict{};
    std::optional<std::string> representative{};
    std::optional<std::string> date{};
    std::optional<std::string> vergadering{};
    std::optional<std::string> agendapunt{};
    std::optional<std::string> remark{};
};

struct DecisionStatus {
    std::string documentId;
    std::int64_t version = 0;
    std::string contentHash;
    std::string ruleSource;  // the convenant whose rule applies
    workflow::RuleVerdict verdict;
    std::vector<DecisionRecord> current;  // on the latest content hash, each with its status
    std::vector<DecisionRecord> stale;    // on older content: kept, never counted
};

struct SignatureRequest {
    std::string documentId;
    std::int64_t version = 0;
    std::string contentHash;
    std::string partner;
    std::string signatory;
    std::string function;
    std::string place;
    std::string date;  // ISO date
};

// A rectificatie of a signature, as for decisions.
struct SignatureRectification {
    std::string documentId;
    std::int64_t signature = 0;  // the id of the signature corrected
    std::string reason;          // required
    std::optional<std::string> signatory{};
    std::optional<std::string> function{};
    std::optional<std::string> place{};
    std::optional<std::string> date{};
};

struct SignatureStatus {
    std::string documentId;
    std::int64_t version = 0;
    std::string contentHash;
    std::vector<SignatureRecord> current;
    std::vector<SignatureRecord> stale;
    std::vector<std::string> missing;  // parties without a signature on the latest hash
};

// A wijziging of the convenant in force: a new convenant document whose
// version 1 is the content in force.
struct AmendmentRequest {
    std::string convenantId;
    std::string message;
};

struct AdmissionRequest {
    std::string region;
    std::string partner;  // a registered partner to admit as strategisch partner
    std::string vergadering;
    std::string agendapunt;
    std::string date;
    std::map<std::string, std::string> votes;  // kernpartner key -> verdict
};

struct AdmissionResult {
    AdmissionRecord record;
    workflow::RuleVerdict verdict;
};

struct MigrationRequest {
    std::string documentId;
    int targetVersion = 0;
    std::map<std::string, std::string> stateMapping;  // old state -> new state
    bool dryRun = true;
};

struct MigrationReport {
    std::string documentId;
    std::string definition;
    int fromVersion = 0;
    int toVersion = 0;
    std::string fromState;
    std::string toState;
    bool applied = false;  // false for a dry run
    std::vector<std::string> notes;
};

struct OverviewOptions {
    int withinDays = 30;                    // "due soon" horizon
    std::string targetDate = "2026-01-01";  // national target date (configurable)
    std::optional<std::string> today;       // defaults to the engine clock
};

struct KindStatus {
    DocumentKind kind = DocumentKind::Samenwerkingsconvenant;
    std::optional<std::string> documentId;  // the document the row is about
    std::string state;                      // "" when the region has none
    bool adopted = false;
    std::optional<std::string> inForce;   // the adopted document, if another one
    std::optional<std::string> nextStep;  // the next transition on the main path
    std::vector<std::string> blockers;    // why the next step cannot be taken now
};

struct DueItem {
    std::string what;  // "vernieuwing", "einde-periode", "landelijke-streefdatum", ...
    std::optional<std::string> documentId;
    std::string due;  // ISO date
    long daysLeft = 0;
    bool overdue = false;
    std::string description;
};

struct RegionOverview {
    Region region;
    std::vector<KindStatus> kinds;  // convenant, beleidsagenda, uitvoeringsagenda
    std::vector<DueItem> due;       // overdue or due within the horizon
    bool targetMet = false;         // convenant in force and meerjarenagenda vastgesteld
};

struct Overview {
    std::string today;
    std::string targetDate;
    int withinDays = 0;
    std::vector<RegionOverview> regions;
};

// Reminders (herinneringen): per region, who still has to decide on the
// version under decision, who still has to sign, and what is due or
// overdue (the overview's items, with the days left). Regions with nothing
// outstanding are left out.
struct ReminderOptions {
    std::optional<std::string> region;      // one region, or every one in scope
    int withinDays = 30;                    // as OverviewOptions
    std::string targetDate = "2026-01-01";  // as OverviewOptions
    std::optional<std::string> today;       // defaults to the engine clock
};

struct OutstandingPartner {
    std::string partner;  // the partner key
    std::string name;     // from the partner register ("" when not registered)
};

struct Outstanding {
    std::string documentId;
    std::string title;
    std::string kind;
    std::string state;
    std::int64_t version = 0;  // the version to decide on or to sign
    std::vector<OutstandingPartner> partners;
    std::string explanation;  // decisions: the rule's verdict, one sentence
};

struct RegionReminders {
    std::string region;
    std::string name;
    std::vector<Outstanding> decisions;   // per document in a decision state
    std::vector<Outstanding> signatures;  // per document in a signing state
    std::vector<DueItem> due;             // overdue or due within the horizon
};

struct Reminders {
    std::string today;
    int withinDays = 0;
    std::vector<RegionReminders> regions;
};

}  // namespace beraad
