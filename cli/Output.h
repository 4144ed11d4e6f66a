#pragma once
// Formatting of engine records for the terminal and for --json.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iosfwd>
#include <string>
#include <vector>

#include "beraad/Engine.h"
#include "beraad/present/Json.h"

namespace beraad::cli {

using present::toJson;

void printJson(std::ostream& out, const Poco::Dynamic::Var& value);

// Columns padded to their widest cell; the first row is the header.
void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

}  // namespace beraad::cli
