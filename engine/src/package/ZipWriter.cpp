#include "package/ZipWriter.h"

#include <zlib.h>

#include <ostream>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

namespace beraad::package {
namespace {

constexpr uint16_t kDosTime = 0;       // 00:00:00
constexpr uint16_t kDosDate = 0x5c21;  // 2026-01-01

void put16(std::string& out, uint16_t value) {
    out.push_back(static_cast<char>(value & 0xff));
    out.push_back(static_cast<char>(value >> 8));
}

void put32(std::string& out, uint32_t value) {
    put16(out, static_cast<uint16_t>(value & 0xffff));
    put16(out, static_cast<uint16_t>(value >> 16));
}

uint32_t checksum(std::string_view data) {
    return static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

std::string deflateRaw(std::string_view data, int level) {
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib deflateInit2 failed");
    }
    std::string out;
    out.resize(deflateBound(&stream, static_cast<uLong>(data.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
    return out;
}

void checkLimits(std::string_view name, uint64_t size) {
    if (size >= 0xffffffffull || name.size() > 0xffff) {
        throw std::length_error("zip entry too large for a package without zip64");
    }
}

}  // namespace

// A streamed entry: zlib's state and the entry's running CRC and size.
// Setting zlib up (256 KiB of state at level 6, zeroed) costs more than
// deflating a small document, so idle streams go back to a pool and the
// next package resets one instead (see StreamPool).
//
// Chunks are deflated on the caller's thread as they come. Handing them to
// a worker thread was measured too: on 2-core virtual machines waking the
// other core for every 64 KiB cost more than the overlap gained, and made
// timings erratic (docs/templates.md, Speed).
struct ZipWriter::Stream {
    z_stream zlib{};
    int level = -1;     // the level zlib was set up with; reset, not rebuilt, for the next entry
    size_t header = 0;  // offset of the local header in out_ (memory mode)
    uint64_t dataStart = 0;  // offset of the first data byte in the package
    uint32_t crc = 0;
    uint64_t size = 0;
    std::string name;

    ~Stream() {
        if (level >= 0) deflateEnd(&zlib);
    }
};

namespace {

// Idle streams for the next packages. At most kKept are kept (a server's
// rendering threads share them); the rest are freed. Never destroyed
// itself: a stream may come back from a thread that outlives static
// destruction.
class StreamPool {
  public:
    static StreamPool& instance() {
        static StreamPool* pool = new StreamPool;
        return *pool;
    }

    std::unique_ptr<ZipWriter::Stream> take() {
        std::lock_guard lock(mutex_);
        if (idle_.empty()) return nullptr;
        auto stream = std::move(idle_.back());
        idle_.pop_back();
        return stream;
    }

    void give(std::unique_ptr<ZipWriter::Stream> stream) {
        {
            std::lock_guard lock(mutex_);
            if (idle_.size() < kKept) {
                idle_.push_back(std::move(stream));
                return;
            }
        }
        stream.reset();  // outside the lock
    }

  private:
    static constexpr size_t kKept = 4;
    std::mutex mutex_;
    std::vector<std::unique_ptr<ZipWriter::Stream>> idle_;
};

}  // namespace

void ZipWriter::begin(const std::string& name, int level) {
    if (!stream_) stream_ = StreamPool::instance().take();
    if (!stream_) stream_ = std::make_unique<Stream>();
    if (stream_->level == level) {
        deflateReset(&stream_->zlib);
    } else {
        if (stream_->level >= 0) deflateEnd(&stream_->zlib);
        stream_->level = -1;
        if (deflateInit2(&stream_->zlib, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
            Z_OK) {
            throw std::runtime_error("zlib deflateInit2 failed");
        }
        stream_->level = level;
    }
    stream_->crc = 0;
    stream_->size = 0;
    stream_->name = name;
    stream_->header = out_.size();
    // In memory, sizes and CRC are patched by end(); a sink gets a data descriptor.
    writeLocal(name, 8, 0, {}, 0, sink_ ? kUtf8Names | kDataDescriptor : kUtf8Names);
    stream_->dataStart = offset();
}

void ZipWriter::drain() {
    if (!sink_ || out_.empty()) return;
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    if (!*sink_) throw std::runtime_error("writing the zip package failed");
    flushed_ += out_.size();
    out_.clear();
}

void ZipWriter::write(std::string_view chunk) {
    Stream& s = *stream_;
    s.crc = static_cast<uint32_t>(crc32(s.crc, reinterpret_cast<const Bytef*>(chunk.data()),
                                        static_cast<uInt>(chunk.size())));
    s.size += chunk.size();
    s.zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    s.zlib.avail_in = static_cast<uInt>(chunk.size());
    while (s.zlib.avail_in > 0) {
        size_t room = deflateBound(&s.zlib, s.zlib.avail_in);
        size_t at = out_.size();
        out_.resize(at + room);
        s.zlib.next_out = reinterpret_cast<Bytef*>(out_.data() + at);
        s.zlib.avail_out = static_cast<uInt>(room);
        if (deflate(&s.zlib, Z_NO_FLUSH) == Z_STREAM_ERROR) {
            throw std::runtime_error("zlib deflate failed");
        }
        out_.resize(at + room - s.zlib.avail_out);
    }
    if (out_.size() >= 65536) drain();  // to the sink, if there is one
}

void ZipWriter::end() {
    Stream& s = *stream_;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        size_t at = out_.size();
        out_.resize(at + 65536);
        s.zlib.next_in = nullptr;
        s.zlib.avail_in = 0;
        s.zlib.next_out = reinterpret_cast<Bytef*>(out_.data() + at);
        s.zlib.avail_out = 65536;
        status = deflate(&s.zlib, Z_FINISH);
        out_.resize(at + 65536 - s.zlib.avail_out);
        if (status != Z_OK && status != Z_STREAM_END)
            throw std::runtime_error("zlib deflate failed");
    }
    uint64_t compressed = offset() - s.dataStart;
    checkLimits(s.name, s.size);
    checkLimits(s.name, compressed);
    Central& entry = central_.back();
    entry.crc = s.crc;
    entry.compressedSize = static_cast<uint32_t>(compressed);
    entry.size = static_cast<uint32_t>(s.size);
    if (sink_) {
        put32(out_, 0x08074b50);
        put32(out_, s.crc);
        put32(out_, entry.compressedSize);
        put32(out_, entry.size);
        drain();
        return;
    }
    auto patch32 = [&](size_t at, uint32_t value) {
        for (int i = 0; i < 4; ++i)
            out_[at + static_cast<size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xff);
    };
    patch32(s.header + 14, s.crc);
    patch32(s.header + 18, static_cast<uint32_t>(compressed));
    patch32(s.header + 22, static_cast<uint32_t>(s.size));
}

ZipWriter::ZipWriter() = default;

ZipWriter::ZipWriter(std::ostream& sink) : sink_(&sink) {}

// The stream serves the next package; an entry left open (the package
// abandoned) is dropped when begin() resets it.
ZipWriter::~ZipWriter() {
    if (stream_) StreamPool::instance().give(std::move(stream_));
}

PackedEntry ZipWriter::pack(std::string name, std::string_view data, int level) {
    checkLimits(name, data.size());
    return PackedEntry{std::move(name), 8, checksum(data), data.size(), deflateRaw(data, level)};
}

PackedEntry ZipWriter::store(std::string name, std::string_view data) {
    checkLimits(name, data.size());
    return PackedEntry{std::move(name), 0, checksum(data), data.size(), std::string(data)};
}

void ZipWriter::add(const PackedEntry& entry) {
    writeLocal(entry.name, entry.method, entry.crc, entry.raw, entry.size);
}

void ZipWriter::addRaw(const std::string& name, uint16_t method, uint32_t crc, uint64_t size,
                       std::string_view raw) {
    checkLimits(name, size);
    writeLocal(name, method, crc, raw, size);
}

void ZipWriter::addDeflated(const std::string& name, std::string_view data, int level) {
    checkLimits(name, data.size());
    writeLocal(name, 8, checksum(data), deflateRaw(data, level), data.size());
}

void ZipWriter::writeLocal(const std::string& name, uint16_t method, uint32_t crc,
                           std::string_view raw, uint64_t size, uint16_t flags) {
    checkLimits(name, raw.size());
    if (offset() >= 0xffffffffull) throw std::length_error("package too large without zip64");
    if (central_.size() >= 0xfffe) throw std::length_error("too many zip entries without zip64");
    Central entry{name,
                  method,
                  flags,
                  crc,
                  static_cast<uint32_t>(raw.size()),
                  static_cast<uint32_t>(size),
                  static_cast<uint32_t>(offset())};
    put32(out_, 0x04034b50);
    put16(out_, 20);  // version needed: 2.0
    put16(out_, flags);
    put16(out_, method);
    put16(out_, kDosTime);
    put16(out_, kDosDate);
    put32(out_, crc);
    put32(out_, entry.compressedSize);
    put32(out_, entry.size);
    put16(out_, static_cast<uint16_t>(name.size()));
    put16(out_, 0);
    out_ += name;
    if (sink_) {
        drain();
        sink_->write(raw.data(), static_cast<std::streamsize>(raw.size()));
        flushed_ += raw.size();
    } else {
        out_ += raw;
    }
    central_.push_back(std::move(entry));
}

std::string ZipWriter::finish() {
    if (central_.size() >= 0xffff) throw std::length_error("too many zip entries without zip64");
    if (offset() >= 0xffffffffull) throw std::length_error("package too large without zip64");
    uint32_t directoryOffset = static_cast<uint32_t>(offset());
    for (const Central& entry : central_) {
        put32(out_, 0x02014b50);
        put16(out_, 20);  // made by: MS-DOS compatible, 2.0
        put16(out_, 20);
        put16(out_, entry.flags);
        put16(out_, entry.method);
        put16(out_, kDosTime);
        put16(out_, kDosDate);
        put32(out_, entry.crc);
        put32(out_, entry.compressedSize);
        put32(out_, entry.size);
        put16(out_, static_cast<uint16_t>(entry.name.size()));
        put16(out_, 0);  // extra
        put16(out_, 0);  // comment
        put16(out_, 0);  // disk
        put16(out_, 0);  // internal attributes
        put32(out_, 0);  // external attributes
        put32(out_, entry.offset);
        out_ += entry.name;
    }
    uint32_t directorySize = static_cast<uint32_t>(offset()) - directoryOffset;
    put32(out_, 0x06054b50);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, static_cast<uint16_t>(central_.size()));
    put16(out_, static_cast<uint16_t>(central_.size()));
    put32(out_, directorySize);
    put32(out_, directoryOffset);
    put16(out_, 0);
    central_.clear();
    drain();
    return std::move(out_);
}

}  // namespace beraad::package
