// Fuzz target: ZipReader on any bytes, every entry extracted. The reader
// must refuse what it cannot read (Result), never read outside the input,
// and keep an entry's bytes to the size it declares.

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "FuzzSupport.h"
#include "package/ZipReader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using beraad::package::ZipReader;
    auto entries = ZipReader::entries(beraad::fuzz::asText(data, size));
    if (!entries) return 0;
    for (const auto& entry : *entries) {
        auto bytes = ZipReader::extract(entry);
        if (bytes && bytes->size() != entry.size) {
            std::fprintf(stderr, "zip_reader: %s extracted to %zu bytes, declared %llu\n",
                         entry.name.c_str(), bytes->size(),
                         static_cast<unsigned long long>(entry.size));
            std::abort();
        }
    }
    return 0;
}
