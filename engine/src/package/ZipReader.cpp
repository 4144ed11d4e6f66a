#include "package/ZipReader.h"

#include <zlib.h>

#include <set>

namespace beraad::package {
namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;

uint16_t read16(std::string_view bytes, size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                 static_cast<unsigned char>(bytes[at + 1]) << 8);
}

uint32_t read32(std::string_view bytes, size_t at) {
    return static_cast<uint32_t>(read16(bytes, at)) | static_cast<uint32_t>(read16(bytes, at + 2))
                                                          << 16;
}

Error broken(const std::string& why) {
    return makeError(ErrorCode::InvalidInput, "the file is not a usable zip package: " + why);
}

bool safeName(const std::string& name) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos) return false;
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        std::string_view segment(name.data() + start, end - start);
        if (segment == "..") return false;
        start = end + 1;
    }
    return true;
}

}  // namespace

Result<std::vector<ZipEntry>> ZipReader::entries(std::string_view bytes) {
    if (bytes.size() < 22) return broken("too short");
    size_t scanFloor = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
    size_t end = std::string_view::npos;
    for (size_t at = bytes.size() - 22;; --at) {
        if (read32(bytes, at) == kEndOfCentralDirectory) {
            end = at;
            break;
        }
        if (at == scanFloor) break;
    }
    if (end == std::string_view::npos) return broken("no end of central directory");
    uint16_t count = read16(bytes, end + 10);
    uint32_t directorySize = read32(bytes, end + 12);
    uint32_t directoryOffset = read32(bytes, end + 16);
    if (count == 0xffff || directoryOffset == 0xffffffff) return broken("zip64 is not supported");
    if (static_cast<uint64_t>(directoryOffset) + directorySize > end) {
        return broken("central directory out of bounds");
    }

    std::vector<ZipEntry> result;
    std::set<std::string> seen;
    uint64_t total = 0;
    size_t at = directoryOffset;
    for (uint16_t i = 0; i < count; ++i) {
        if (at + 46 > end || read32(bytes, at) != kCentralHeader) {
            return broken("central directory entry " + std::to_string(i + 1) + " is damaged");
        }
        uint16_t flags = read16(bytes, at + 8);
        ZipEntry entry;
        entry.method = read16(bytes, at + 10);
        entry.crc = read32(bytes, at + 16);
        uint32_t compressedSize = read32(bytes, at + 20);
        entry.size = read32(bytes, at + 24);
        uint16_t nameLength = read16(bytes, at + 28);
        uint16_t extraLength = read16(bytes, at + 30);
        uint16_t commentLength = read16(bytes, at + 32);
        uint32_t localOffset = read32(bytes, at + 42);
        if (at + 46 + nameLength > end) return broken("entry name out of bounds");
        entry.name.assign(bytes.substr(at + 46, nameLength));
        at += 46 + nameLength + extraLength + commentLength;

        if (flags & 0x1) return broken(entry.name + " is encrypted");
        if (entry.method != 0 && entry.method != 8) {
            return broken(entry.name + " uses an unsupported compression method");
        }
        if (compressedSize == 0xffffffff || entry.size == 0xffffffff) {
            return broken("zip64 is not supported");
        }
        if (!safeName(entry.name)) return broken("unsafe entry name '" + entry.name + "'");
        if (!seen.insert(entry.name).second) return broken("duplicate entry " + entry.name);
        total += entry.size;
        if (total > kMaxTotalSize) return broken("the package expands beyond 512 MB");
        if (entry.method == 0 && compressedSize != entry.size) {
            return broken(entry.name + " has inconsistent sizes");
        }

        if (static_cast<uint64_t>(localOffset) + 30 > bytes.size() ||
            read32(bytes, localOffset) != kLocalHeader) {
            return broken("local header of " + entry.name + " is damaged");
        }
        uint64_t dataStart = static_cast<uint64_t>(localOffset) + 30 +
                             read16(bytes, localOffset + 26) + read16(bytes, localOffset + 28);
        if (dataStart + compressedSize > bytes.size()) {
            return broken("data of " + entry.name + " out of bounds");
        }
        entry.raw = bytes.substr(dataStart, compressedSize);
        if (entry.name.back() == '/') continue;  // directory entries carry nothing
        result.push_back(std::move(entry));
    }
    return result;
}

Result<std::string> ZipReader::extract(const ZipEntry& entry) {
    std::string out;
    out.reserve(entry.size);
    auto done = extractTo(entry, [&](std::string_view block) { out.append(block); });
    if (!done) return done.error();
    return out;
}

Result<void> ZipReader::extractTo(const ZipEntry& entry,
                                  const std::function<void(std::string_view)>& sink) {
    uLong crc = crc32(0, nullptr, 0);
    auto deliver = [&](const char* data, std::size_t size) {
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(size));
        sink(std::string_view(data, size));
    };
    if (entry.method == 0) {
        deliver(entry.raw.data(), entry.raw.size());
    } else {
        z_stream stream{};
        if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return broken("zlib failed");
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(entry.raw.data()));
        stream.avail_in = static_cast<uInt>(entry.raw.size());
        // Inflated a block at a time, never past the size the entry states.
        char block[64 * 1024];
        int status = Z_OK;
        while (status == Z_OK) {
            stream.next_out = reinterpret_cast<Bytef*>(block);
            stream.avail_out = sizeof block;
            status = inflate(&stream, Z_NO_FLUSH);
            std::size_t produced = sizeof block - stream.avail_out;
            if (stream.total_out > entry.size) break;
            if (produced > 0) deliver(block, produced);
            if (status == Z_BUF_ERROR && stream.avail_in > 0) status = Z_OK;
        }
        bool complete = status == Z_STREAM_END && stream.total_out == entry.size;
        inflateEnd(&stream);
        if (!complete) return broken(entry.name + " does not inflate to its stated size");
    }
    if (static_cast<uint32_t>(crc) != entry.crc) return broken(entry.name + " fails its CRC check");
    return {};
}

}  // namespace beraad::package
