// Fuzz target: canonical JSON of event payloads (beraad/history/
// CanonicalJson.h). What parseJsonObject accepts and canonicalJson writes
// must parse again to the same canonical text: the hash chain depends on it.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "FuzzSupport.h"
#include "beraad/history/CanonicalJson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(beraad::fuzz::asText(data, size));
    std::string canonical;
    try {
        canonical = beraad::canonicalJson(*beraad::parseJsonObject(text));
    } catch (const std::exception&) {
        return 0;  // not a JSON object, or a value canonical JSON does not hold
    }
    std::string again;
    try {
        again = beraad::canonicalJson(*beraad::parseJsonObject(canonical));
    } catch (const std::exception& failure) {
        std::fprintf(stderr, "canonical_json: the canonical text %s does not parse again: %s\n",
                     canonical.c_str(), failure.what());
        std::abort();
    }
    if (again != canonical) {
        std::fprintf(stderr, "canonical_json: %s became %s\n", canonical.c_str(), again.c_str());
        std::abort();
    }
    return 0;
}
