// Fuzz target: offline verification of an export bundle (beraad/audit/
// BundleVerifier.h), which a third party runs on a file it was sent. Input
// that starts as a zip does ("PK") is the bundle; any other input is read as
// files ("=== <name>" lines, FuzzSupport.h) packed into a zip here, so the
// fuzzer reaches the manifest, the streams and the MDTO records without
// having to keep CRCs right.

#include <cstdint>
#include <string>

#include "FuzzSupport.h"
#include "beraad/audit/BundleVerifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto text = beraad::fuzz::asText(data, size);
    if (text.substr(0, 2) == "PK") {
        beraad::verifyBundle(text);
    } else {
        beraad::verifyBundle(beraad::fuzz::zipOf(beraad::fuzz::splitFiles(text)));
    }
    return 0;
}
