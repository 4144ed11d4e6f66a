#pragma once
// The JSON representation of engine records: Dutch lowerCamelCase field
// names, ISO 8601 times. Shared by the CLI's --json output and the REST API,
// so both speak the same language.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "beraad/base/Result.h"
#include "beraad/diff/Diff.h"
#include "beraad/history/Event.h"
#include "beraad/records/AuditRecords.h"
#include "beraad/records/Records.h"
#include "beraad/records/Results.h"
#include "beraad/reference/Partners.h"
#include "beraad/render/Template.h"
#include "beraad/workflow/Definition.h"
#include "beraad/workflow/Workflow.h"

namespace beraad::present {

Poco::JSON::Object toJson(const Region& region);
Poco::JSON::Object toJson(const BudgetYear& year);
Poco::JSON::Object toJson(const Partner& partner);
Poco::JSON::Object toJson(const Document& document);
Poco::JSON::Object toJson(const Version& version, bool withContent);
Poco::JSON::Object toJson(const Event& event);
Poco::JSON::Object toJson(const VerificationReport& report);
// A bundle's verification report (problems name "bestand" and "regel")
// and the summary of an export.
Poco::JSON::Object toJson(const BundleReport& report);
Poco::JSON::Object toJson(const ExportSummary& summary);
Poco::JSON::Object toJson(const Error& error);
Poco::JSON::Object toJson(const KernpartnerCheck& check);

// Workflow. States, transitions and verdicts keep the names of the
// workflow definitions; "voorwaarden" are the guards, "gevolgen" the effects.
Poco::JSON::Object toJson(const workflow::GuardOutcome& outcome);
Poco::JSON::Object toJson(const workflow::RuleVerdict& verdict);
Poco::JSON::Object toJson(const workflow::Definition& definition);
Poco::JSON::Object toJson(const WorkflowStatus& status);
Poco::JSON::Object toJson(const TransitionResult& result);
Poco::JSON::Object toJson(const TransitionRecord& record);
Poco::JSON::Object toJson(const DecisionRecord& record);
Poco::JSON::Object toJson(const DecisionStatus& status);
Poco::JSON::Object toJson(const SignatureRecord& record);
Poco::JSON::Object toJson(const SignatureStatus& status);
Poco::JSON::Object toJson(const AdmissionResult& result);
Poco::JSON::Object toJson(const MigrationReport& report);
Poco::JSON::Object toJson(const Overview& overview);
Poco::JSON::Object toJson(const Reminders& reminders);
Poco::JSON::Object toJson(const TimerRun& run);

// Diff of two versions: docs/diff.md describes the fields.
Poco::JSON::Object toJson(const VersionDiff& diff);
// Templates: a lint problem and a tag as `beraad template` lists them.
Poco::JSON::Object toJson(const render::TemplateProblem& problem);
Poco::JSON::Object toJson(const render::TagUse& tag);

// A page of GET /documenten: its documents, its number and size, and the
// links to it and to its neighbours (none past either end).
struct DocumentPage {
    std::vector<Document> documents;
    std::int64_t page = 1;
    std::int64_t pageSize = 0;
    std::string self;
    std::optional<std::string> next;
    std::optional<std::string> previous;
};
Poco::JSON::Object toJson(const DocumentPage& page);

// GET /health: whether the store answers, and the API's version.
struct ServiceHealth {
    std::optional<std::string> storageProblem;  // why the store does not answer
    std::string apiVersion;
};
Poco::JSON::Object toJson(const ServiceHealth& health);

// A list answer, {"<name>": [...]}: T is Region ("regios"), BudgetYear
// ("budgetten"), Partner ("partners"), Version ("versies", without their
// content), Event ("gebeurtenissen"), TransitionRecord ("transities") or
// DecisionRecord ("goedkeuringen"). The request bodies: present/RequestJson.h.
template <typename T>
Poco::JSON::Object listToJson(const std::vector<T>& items);

}  // namespace beraad::present
