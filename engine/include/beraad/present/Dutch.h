#pragma once
// The Dutch text of the engine's messages, for the REST API (the CLI speaks
// English). The engine writes its messages once, in English; the catalogue
// engine/data/meldingen.txt pairs each message pattern with its Dutch text,
// and the REST presentation translates through it at the boundary, so no
// engine module carries a language switch.
//
// A pattern is the English text with {} where a value is spliced in; its
// Dutch text names the values {1}, {2}, ... in any order. A value is itself
// translated when it is a message the catalogue knows (a message that quotes
// another). A message the catalogue does not know is returned as it is.

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Error.h"

namespace beraad::present {

struct Melding {
    std::string english;  // the pattern, {} for each value
    std::string dutch;    // {1}, {2}, ... for the values
    int line = 0;         // where the pair starts in meldingen.txt
};

// The catalogue, most specific pattern first. Throws std::logic_error naming
// the line when the compiled-in file is malformed (a build defect).
const std::vector<Melding>& meldingen();

// Parses a catalogue text; the problems name their line. For the shipped file
// and for tests of the format.
std::vector<Melding> parseMeldingen(std::string_view text, std::vector<std::string>& problems);

std::string inDutch(std::string_view message);

// The error's message and every detail's message in Dutch.
Error inDutch(Error error);

// The members that carry the engine's human text ("melding", "toelichting",
// "waarschuwingen", "gevolgen", "geweigerd", "blokkades", "omschrijving"),
// wherever they are in the value,
// translated in place. Other members (names, keys, a user's own message or
// reason) are left as they are.
void translateHumanText(Poco::JSON::Object& object);

}  // namespace beraad::present
