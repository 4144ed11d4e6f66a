#pragma once
// The way back from present/Json.h: engine records read from the JSON that
// toJson writes (and the REST API sends), so a client of beraad-server works
// with the same records as the engine's callers. For every record
// toJson(fromJson<T>(toJson(x))) equals toJson(x). A field that is missing or
// of the wrong type is an Error (ErrorCode::InvalidInput) that names it.

#include <Poco/JSON/Object.h>

#include "beraad/Engine.h"

namespace beraad::present {

template <typename T>
Result<T> fromJson(const Poco::JSON::Object& object);

template <>
Result<Region> fromJson(const Poco::JSON::Object& object);
template <>
Result<BudgetYear> fromJson(const Poco::JSON::Object& object);
template <>
Result<Partner> fromJson(const Poco::JSON::Object& object);
template <>
Result<Document> fromJson(const Poco::JSON::Object& object);
template <>
Result<Version> fromJson(const Poco::JSON::Object& object);  // "inhoud" when present
template <>
Result<Event> fromJson(const Poco::JSON::Object& object);
template <>
Result<VerificationReport> fromJson(const Poco::JSON::Object& object);
template <>
Result<KernpartnerCheck> fromJson(const Poco::JSON::Object& object);
template <>
Result<WorkflowStatus> fromJson(const Poco::JSON::Object& object);
template <>
Result<TransitionResult> fromJson(const Poco::JSON::Object& object);
template <>
Result<TransitionRecord> fromJson(const Poco::JSON::Object& object);
template <>
Result<DecisionRecord> fromJson(const Poco::JSON::Object& object);
template <>
Result<DecisionStatus> fromJson(const Poco::JSON::Object& object);
template <>
Result<SignatureRecord> fromJson(const Poco::JSON::Object& object);
template <>
Result<SignatureStatus> fromJson(const Poco::JSON::Object& object);
template <>
Result<AdmissionResult> fromJson(const Poco::JSON::Object& object);
template <>
Result<Overview> fromJson(const Poco::JSON::Object& object);

// Every element of an array of objects; the first failure names its index.
template <typename T>
Result<std::vector<T>> fromJsonArray(const Poco::JSON::Array& array);

}  // namespace beraad::present
