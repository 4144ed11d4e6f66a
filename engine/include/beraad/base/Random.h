#pragma once
// Secrets and unguessable ids from the system's randomness (getrandom).

#include <cstddef>
#include <string>

namespace beraad {

// `bytes` random bytes as lowercase hex (twice as many digits). Throws when
// the system has no randomness.
std::string randomHex(std::size_t bytes);

}  // namespace beraad
