#pragma once
// Writes a zip package into memory, entries in the order they are added.
// Entries carry a fixed timestamp so that the same input gives the same
// bytes. Stored entries have no extra field and no data descriptor, which is
// what ODF asks of `mimetype` (first entry, stored).
//
// Given a sink, the package is written to it as it grows instead (exports of
// long histories): only the central directory stays in memory, and a streamed
// entry (begin/write/end) gets a data descriptor since its header cannot be
// patched afterwards. No zip64: at most 65,534 entries and 4 GiB.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace beraad::package {

// An entry compressed once and copied into many packages.
struct PackedEntry {
    std::string name;
    uint16_t method = 0;
    uint32_t crc = 0;
    uint64_t size = 0;
    std::string raw;
};

class ZipWriter {
  public:
    static PackedEntry pack(std::string name, std::string_view data, int level);
    static PackedEntry store(std::string name, std::string_view data);

    ZipWriter();
    explicit ZipWriter(std::ostream& sink);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;
    ZipWriter(ZipWriter&&) = delete;
    ZipWriter& operator=(ZipWriter&&) = delete;

    void reserve(size_t bytes) { out_.reserve(bytes); }
    void add(const PackedEntry& entry);
    void addDeflated(const std::string& name, std::string_view data, int level);
    // An entry compressed elsewhere: method 0 (stored) or 8 (deflated).
    void addRaw(const std::string& name, uint16_t method, uint32_t crc, uint64_t size,
                std::string_view raw);

    // An entry deflated while it is being produced: begin, write any number
    // of chunks, end. Only one streamed entry is open at a time; the bytes
    // are the same as deflating the whole entry at once.
    void begin(const std::string& name, int level);
    void write(std::string_view chunk);
    void end();

    // The package (empty when written to a sink, which then holds it whole).
    std::string finish();

    struct Stream;  // defined in ZipWriter.cpp

  private:
    std::unique_ptr<Stream> stream_;
    struct Central {
        std::string name;
        uint16_t method;
        uint16_t flags;
        uint32_t crc;
        uint32_t compressedSize;
        uint32_t size;
        uint32_t offset;
    };
    void writeLocal(const std::string& name, uint16_t method, uint32_t crc, std::string_view raw,
                    uint64_t size, uint16_t flags = kUtf8Names);
    uint64_t offset() const { return flushed_ + out_.size(); }
    void drain();

    static constexpr uint16_t kUtf8Names = 0x0800;
    static constexpr uint16_t kDataDescriptor = 0x0008;

    std::ostream* sink_ = nullptr;
    uint64_t flushed_ = 0;  // bytes already written to the sink
    std::string out_;
    std::vector<Central> central_;
};

}  // namespace beraad::package
