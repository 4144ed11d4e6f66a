#include "beraad/base/Random.h"

#include <sys/random.h>

#include <cstdio>
#include <stdexcept>

namespace beraad {

std::string randomHex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    std::size_t filled = 0;
    while (filled < bytes) {
        ssize_t got = getrandom(raw.data() + filled, bytes - filled, 0);
        if (got < 0) throw std::runtime_error("the system has no randomness for a token");
        filled += static_cast<std::size_t>(got);
    }
    std::string hex;
    char pair[3];
    for (unsigned char c : raw) {
        std::snprintf(pair, sizeof pair, "%02x", c);
        hex += pair;
    }
    return hex;
}

}  // namespace beraad
