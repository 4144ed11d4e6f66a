#pragma once
// The JSON representation of engine records: Dutch lowerCamelCase field
// names, ISO 8601 times. Shared by the CLI's --json output and the REST API,
// so both speak the same language.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "beraad/Engine.h"

namespace beraad::present {

Poco::JSON::Object toJson(const Region& region);
Poco::JSON::Object toJson(const BudgetYear& year);
Poco::JSON::Object toJson(const Partner& partner);
Poco::JSON::Object toJson(const Document& document);
Poco::JSON::Object toJson(const Version& version, bool withContent);
Poco::JSON::Object toJson(const Event& event);
Poco::JSON::Object toJson(const VerificationReport& report);
Poco::JSON::Object toJson(const Error& error);
Poco::JSON::Object toJson(const KernpartnerCheck& check);

// Reads a partner from its JSON form (as toJson writes it); the region comes
// from the caller. Unknown or mistyped fields are reported, every one.
Result<Partner> partnerFromJson(const std::string& region, const std::string& text);

}  // namespace beraad::present
