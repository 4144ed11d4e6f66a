#pragma once
// Text the engine stores: what no stored text may hold. Internal.
//
// Refused everywhere: invalid UTF-8, control characters (U+0000-U+001F
// except where line breaks are allowed, U+007F-U+009F), what XML 1.0 cannot
// carry (surrogates, U+FFFE, U+FFFF), and the bidirectional embeddings,
// overrides and isolates (U+202A-U+202E, U+2066-U+2069): they make a text
// display differently from the characters it holds, so a signed or exported
// text could read otherwise than what was recorded.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Error.h"

namespace beraad::text {

enum class Lines { Single, Allowed };

// Why `text` cannot be stored, naming the character ("U+0001") and its
// position (the n-th character, from 1); nullopt when it can. With
// Lines::Allowed, tab, line feed and carriage return pass.
std::optional<std::string> problem(std::string_view text, Lines lines = Lines::Single);

// The first bidirectional control in `text` as a problem naming the line it
// is on (for XML content, whose other characters the parser checks).
std::optional<ErrorDetail> bidiControl(std::string_view text);

// The longest text one field may hold, in characters: a single-line field
// (a name, a title, a place) and one that may hold line breaks (a message,
// a remark, a reason).
inline constexpr std::size_t kMaxLineCharacters = 1'000;
inline constexpr std::size_t kMaxTextCharacters = 20'000;

// Collects the problems of named fields: add("naam", partner.name); a field
// longer than its budget above is a problem too.
class FieldCheck {
  public:
    FieldCheck& add(const std::string& field, std::string_view text, Lines lines = Lines::Single);
    bool ok() const { return problems_.empty(); }
    std::vector<ErrorDetail>& problems() { return problems_; }

  private:
    std::vector<ErrorDetail> problems_;
};

}  // namespace beraad::text
