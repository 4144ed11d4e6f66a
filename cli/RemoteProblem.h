#pragma once
// An RFC 9457 problem from beraad-server read back as the engine's Error:
// the extension member "code" names the ErrorCode (older servers without it:
// the status decides), "detail" is the message, and every "invalidParams"
// entry a detail (its "regel" the line, its "pointer" the place).

#include <string>

#include "beraad/base/Error.h"

namespace beraad::cli {

Error problemError(int status, const std::string& body);

}  // namespace beraad::cli
