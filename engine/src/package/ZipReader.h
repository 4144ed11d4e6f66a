#pragma once
// Reads the entries of a zip package held in memory: what Office and
// LibreOffice write (stored or deflated, optional data descriptors). Zip64,
// encryption and other methods are refused; sizes are checked so that a
// crafted package cannot expand without bound.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"

namespace beraad::package {

struct ZipEntry {
    std::string name;
    uint16_t method = 0;  // 0 stored, 8 deflated
    uint32_t crc = 0;
    uint64_t size = 0;     // uncompressed
    std::string_view raw;  // the stored or deflated bytes, inside the package
};

class ZipReader {
  public:
    static constexpr uint64_t kMaxTotalSize = 512ull * 1024 * 1024;

    // `bytes` must outlive the entries (they point into it).
    static Result<std::vector<ZipEntry>> entries(std::string_view bytes);
    // The uncompressed bytes of an entry, CRC checked.
    static Result<std::string> extract(const ZipEntry& entry);
    // The same, handed to `sink` in blocks of at most 64 KiB as they are
    // inflated (a hash of a large entry needs no copy of it); the error
    // comes after the blocks when the entry turns out damaged.
    static Result<void> extractTo(const ZipEntry& entry,
                                  const std::function<void(std::string_view)>& sink);
};

}  // namespace beraad::package
