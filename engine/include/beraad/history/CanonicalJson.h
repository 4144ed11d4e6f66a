#pragma once
// Canonical JSON for event payloads: object keys sorted by byte value, no
// whitespace, strings escaped only where JSON requires it (", \ and control
// characters as \u00xx), integers only (no floating point). The output is
// stable across library versions, which the hash chain depends on.

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>

namespace beraad {

std::string canonicalJson(const Poco::Dynamic::Var& value);
std::string canonicalJson(const Poco::JSON::Object& object);

// Parses a JSON object (as stored in an event payload).
Poco::JSON::Object::Ptr parseJsonObject(const std::string& text);

}  // namespace beraad
