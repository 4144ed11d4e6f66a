#pragma once
// Formatting of engine records for the terminal and for --json.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iosfwd>
#include <string>
#include <vector>

#include "beraad/Engine.h"

namespace beraad::cli {

Poco::JSON::Object toJson(const Region& region);
Poco::JSON::Object toJson(const BudgetYear& year);
Poco::JSON::Object toJson(const Partner& partner);
Poco::JSON::Object toJson(const Document& document);
Poco::JSON::Object toJson(const Version& version, bool withContent);
Poco::JSON::Object toJson(const Event& event);
Poco::JSON::Object toJson(const VerificationReport& report);
Poco::JSON::Object toJson(const Error& error);

void printJson(std::ostream& out, const Poco::Dynamic::Var& value);

// Columns padded to their widest cell; the first row is the header.
void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

}  // namespace beraad::cli
