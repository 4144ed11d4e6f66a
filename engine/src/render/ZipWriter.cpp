#include "render/ZipWriter.h"

#include <zlib.h>

#include <ostream>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace beraad::render {
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

// A streamed entry. Its chunks are checksummed and deflated on a worker
// thread while the caller produces the next ones (a pipeline of two: the
// producer never waits unless kQueued chunks are pending). Only the worker
// touches zlib, the output and the sink between begin() and end(); end()
// waits for it.
//
// Setting a stream up (a thread, 256 KiB of zlib state, chunk buffers) costs
// more than deflating a small document, so idle streams go back to a pool
// and the next package reuses them warm (see StreamPool).
struct ZipWriter::Stream {
    static constexpr size_t kQueued = 4;
    static constexpr size_t kSpareCapacity = 1 << 20;  // larger buffers are not kept

    z_stream zlib{};
    int level = -1;     // the level zlib was set up with; reset, not rebuilt, for the next entry
    size_t header = 0;  // offset of the local header in out_ (memory mode)
    uint64_t dataStart = 0;  // offset of the first data byte in the package
    uint32_t crc = 0;
    uint64_t size = 0;
    std::string name;

    ZipWriter* owner = nullptr;
    std::string* out = nullptr;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> pending;
    std::vector<std::string> spare;  // emptied chunk buffers, reused
    bool busy = false;               // the worker is deflating a chunk
    bool stopping = false;
    std::exception_ptr failure;
    std::thread worker;

    ~Stream() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        changed.notify_all();
        if (worker.joinable()) worker.join();
        if (level >= 0) deflateEnd(&zlib);
    }

    void deflateChunk(const std::string& chunk) {
        crc = static_cast<uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(chunk.data()),
                                          static_cast<uInt>(chunk.size())));
        size += chunk.size();
        zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
        zlib.avail_in = static_cast<uInt>(chunk.size());
        while (zlib.avail_in > 0) {
            size_t room = deflateBound(&zlib, zlib.avail_in);
            size_t at = out->size();
            out->resize(at + room);
            zlib.next_out = reinterpret_cast<Bytef*>(out->data() + at);
            zlib.avail_out = static_cast<uInt>(room);
            deflate(&zlib, Z_NO_FLUSH);
            out->resize(at + room - zlib.avail_out);
        }
        if (out->size() >= 65536) owner->drain();  // to the sink, if there is one
    }

    // Keeps an emptied buffer for the next chunk (caller holds the lock).
    void recycle(std::string buffer) {
        if (buffer.capacity() > kSpareCapacity || spare.size() > kQueued) return;
        buffer.clear();
        spare.push_back(std::move(buffer));
    }

    void run() {
        std::unique_lock lock(mutex);
        for (;;) {
            changed.wait(lock, [&] { return stopping || !pending.empty(); });
            if (stopping) return;
            std::string chunk = std::move(pending.front());
            pending.pop_front();
            busy = true;
            lock.unlock();
            try {
                if (!failure) deflateChunk(chunk);
            } catch (...) {
                failure = std::current_exception();
            }
            lock.lock();
            recycle(std::move(chunk));
            busy = false;
            changed.notify_all();
        }
    }

    // Queues a chunk: its bytes are swapped into a queued buffer, and
    // `chunk` comes back empty with a recycled buffer of like capacity.
    void push(std::string& chunk) {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return pending.size() < kQueued; });
        std::string buffer;
        if (!spare.empty()) {
            buffer = std::move(spare.back());
            spare.pop_back();
        }
        if (buffer.capacity() < chunk.capacity()) buffer.reserve(chunk.capacity());
        std::swap(buffer, chunk);
        pending.push_back(std::move(buffer));
        if (!worker.joinable()) worker = std::thread([this] { run(); });
        lock.unlock();
        changed.notify_all();
    }

    // Waits until every pushed chunk is deflated; rethrows a worker failure.
    void finishPending() {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return pending.empty() && !busy; });
        if (failure) std::rethrow_exception(std::exchange(failure, nullptr));
    }

    // Makes the stream idle for its next package: an entry left open (its
    // package abandoned) is dropped, chunks still queued included.
    void release() {
        std::unique_lock lock(mutex);
        while (!pending.empty()) {
            recycle(std::move(pending.front()));
            pending.pop_front();
        }
        changed.wait(lock, [&] { return !busy; });
        failure = nullptr;
        owner = nullptr;
        out = nullptr;
        name.clear();
    }
};

namespace {

// Idle streams for the next packages. At most kKept are kept (a server's
// rendering threads share them); the rest are destroyed, which stops their
// worker. Never destroyed itself: a stream may come back from a thread that
// outlives static destruction, and idle workers do not hold exit up.
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
        stream.reset();  // outside the lock: joins its worker
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
    stream_->owner = this;
    stream_->out = &out_;
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
    if (chunk.empty()) return;
    std::string copy(chunk);
    stream_->push(copy);
}

void ZipWriter::give(std::string& chunk) {
    if (!chunk.empty()) stream_->push(chunk);
}

void ZipWriter::end() {
    Stream& s = *stream_;
    s.finishPending();
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

// The worker writes into out_: let it finish the chunk in hand and drop the
// rest before out_ goes; the idle stream serves the next package.
ZipWriter::~ZipWriter() {
    if (!stream_) return;
    stream_->release();
    StreamPool::instance().give(std::move(stream_));
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

}  // namespace beraad::render
