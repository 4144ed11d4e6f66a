#pragma once
// The way back from present/Json.h: engine records read from the JSON that
// toJson writes (and the REST API sends), so a client of beraad-server works
// with the same records as the engine's callers. For every record
// toJson(fromJson<T>(toJson(x))) equals toJson(x). A field that is missing or
// of the wrong type is an Error (ErrorCode::InvalidInput) that names it.

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
#include "beraad/present/Json.h"

namespace beraad::present {

// T is one of: Region, BudgetYear, Partner, Document, Version (with "inhoud"
// when present), Event, VerificationReport, KernpartnerCheck, WorkflowStatus,
// TransitionResult, TransitionRecord, DecisionRecord, DecisionStatus,
// SignatureRecord, SignatureStatus, AdmissionResult, Overview, Reminders, TimerRun, VersionDiff
// (without ContentDiff::root, which the JSON does not carry), DocumentPage.
template <typename T>
Result<T> fromJson(const Poco::JSON::Object& object);

// Every element of an array of objects; the first failure names its index.
template <typename T>
Result<std::vector<T>> fromJsonArray(const Poco::JSON::Array& array);

// The items of a list answer as listToJson<T> writes it.
template <typename T>
Result<std::vector<T>> listFromJson(const Poco::JSON::Object& object);

}  // namespace beraad::present
