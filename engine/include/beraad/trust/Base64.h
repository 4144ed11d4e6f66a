#pragma once
// Standard base64 with padding (RFC 4648 section 4), as signed notes and
// checkpoints use it. Decoding is strict: no whitespace, no missing or extra
// padding, no non-zero bits after the last byte, so one text means one value.

#include <optional>
#include <string>
#include <string_view>

namespace beraad::trust {

std::string base64Encode(std::string_view bytes);
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace beraad::trust
