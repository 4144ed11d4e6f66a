// Measures rendering of a table section at several sizes.
//
//   beraad-render-bench [--rows 1000,5000,20000] [--json]
//       Renders bench/template (Beraad tags) for each row count, prints ms per
//       document (wall clock, and CPU time of all threads), the time to unzip
//       and rezip the same output at the same zlib level (the floor any engine
//       pays), the ratios, and peak memory. Render and rezip alternate run by
//       run (at least 15 pairs); times are the fastest run of each, "med rt"
//       the median ratio of adjacent runs, "cpu rt" the ratio of CPU times.
//   beraad-render-bench render TEMPLATE CONTENT OUTPUT [--missing-as-empty]
//       Renders one template (file or unpacked folder) for scripts.
//   beraad-render-bench template DIR
//       Writes the unpacked Beraad bench template to DIR (for render-compare).

#include <sys/resource.h>

#include <time.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "beraad/render/Render.h"
#include "package/ZipReader.h"
#include "package/ZipWriter.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
        text.replace(at, from.size(), to);
    }
    return text;
}

fs::path writeTemplate(const fs::path& dir) {
    fs::path source = BERAAD_SOURCE_DIR;
    fs::remove_all(dir);
    fs::copy(source / "tests/golden/_skeleton/docx", dir, fs::copy_options::recursive);
    std::string row = read(source / "bench/template/row.xml");
    row = replaceAll(row, "@NAAM@", "{{#each rij}}{{ naam }}");
    row = replaceAll(row, "@PLAATS@", "{{ plaats }}");
    row = replaceAll(row, "@DATUM@", "{{ datum }}");
    row = replaceAll(row, "@BEDRAG@", "{{ bedrag }}{{/each}}");
    std::string document = read(source / "bench/template/document.xml");
    document = replaceAll(document, "@TITLE@", "{{ titel }}");
    document = replaceAll(document, "@ROWS@", row);
    std::ofstream(dir / "word/document.xml", std::ios::binary) << document;
    return dir;
}

// The same data compare.js gives docxtemplater and Carbone.
std::string content(int rows) {
    std::string xml = "<tabel><titel>Bench met " + std::to_string(rows) + " rijen</titel>";
    for (int i = 1; i <= rows; ++i) {
        xml += "<rij><naam>Partner " + std::to_string(i) +
               "</naam><plaats>Enschede</plaats>"
               "<datum>2026-01-01</datum><bedrag>" +
               std::to_string(i * 1000 + 0.5) + "</bedrag></rij>";
    }
    return xml + "</tabel>";
}

// Unzips every entry and zips it again at level 6: what any engine pays at
// least to hand out this package. Done the way a good zip tool does it: one
// zlib state per direction, reset between entries, buffers kept from one
// package to the next, the CRC checked on the way in and computed again on
// the way out.
class Rezipper {
  public:
    Rezipper() {
        if (inflateInit2(&inflater_, -MAX_WBITS) != Z_OK ||
            deflateInit2(&deflater_, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            std::abort();
        }
    }
    ~Rezipper() {
        inflateEnd(&inflater_);
        deflateEnd(&deflater_);
    }
    Rezipper(const Rezipper&) = delete;
    Rezipper& operator=(const Rezipper&) = delete;

    std::string run(const std::string& package) {
        auto entries = beraad::package::ZipReader::entries(package);
        if (!entries) std::abort();
        beraad::package::ZipWriter writer;
        writer.reserve(package.size() + 4096);
        for (const auto& entry : entries.value()) {
            std::string_view data = unpack(entry);
            uint32_t crc = static_cast<uint32_t>(crc32(
                0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
            if (crc != entry.crc) std::abort();
            writer.addRaw(entry.name, 8, crc, data.size(), pack(data));
        }
        return writer.finish();
    }

  private:
    std::string_view unpack(const beraad::package::ZipEntry& entry) {
        if (entry.method == 0) return entry.raw;
        if (plain_.size() < entry.size) plain_.resize(entry.size);
        inflateReset(&inflater_);
        inflater_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(entry.raw.data()));
        inflater_.avail_in = static_cast<uInt>(entry.raw.size());
        inflater_.next_out = reinterpret_cast<Bytef*>(plain_.data());
        inflater_.avail_out = static_cast<uInt>(entry.size);
        if (inflate(&inflater_, Z_FINISH) != Z_STREAM_END || inflater_.total_out != entry.size) {
            std::abort();
        }
        return {plain_.data(), entry.size};
    }

    std::string_view pack(std::string_view data) {
        deflateReset(&deflater_);
        size_t bound = deflateBound(&deflater_, static_cast<uLong>(data.size()));
        if (packed_.size() < bound) packed_.resize(bound);
        deflater_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        deflater_.avail_in = static_cast<uInt>(data.size());
        deflater_.next_out = reinterpret_cast<Bytef*>(packed_.data());
        deflater_.avail_out = static_cast<uInt>(bound);
        if (deflate(&deflater_, Z_FINISH) != Z_STREAM_END) std::abort();
        return {packed_.data(), deflater_.total_out};
    }

    z_stream inflater_{};
    z_stream deflater_{};
    std::string plain_;
    std::string packed_;
};

double peakMegabytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

double processCpuMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Timing {
    double wall = 0;  // ms per run
    double cpu = 0;   // ms of CPU per run, every thread of the process
};

template <typename F>
Timing timePer(int iterations, F&& work) {
    auto start = Clock::now();
    double cpuStart = processCpuMilliseconds();
    for (int i = 0; i < iterations; ++i)
        work();
    std::chrono::duration<double, std::milli> elapsed = Clock::now() - start;
    return {elapsed.count() / iterations, (processCpuMilliseconds() - cpuStart) / iterations};
}

// Render and rezip alternate run by run, so that load from other processes
// (a shared machine) disturbs both alike. Reported: the fastest run of each
// (the least disturbed) and the median of the ratios of adjacent runs.
int pairsFor(int rows) {
    return std::max(15, 100000 / rows);
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

int renderOne(int argc, char** argv) {
    if (argc < 5) {
        std::cerr
            << "usage: beraad-render-bench render TEMPLATE CONTENT OUTPUT [--missing-as-empty]\n";
        return 2;
    }
    auto tmpl = beraad::render::Template::load(argv[2]);
    if (!tmpl) {
        std::cerr << tmpl.error().describe() << "\n";
        return 1;
    }
    beraad::render::RenderOptions options;
    options.missingValuesAsEmpty = argc > 5 && std::string(argv[5]) == "--missing-as-empty";
    auto rendered = beraad::render::render(tmpl.value(), read(argv[3]), options);
    if (!rendered) {
        std::cerr << rendered.error().describe() << "\n";
        return 1;
    }
    std::ofstream(argv[4], std::ios::binary) << rendered.value();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "render") return renderOne(argc, argv);
    if (argc > 2 && std::string(argv[1]) == "template") {
        writeTemplate(argv[2]);
        return 0;
    }
    std::vector<int> sizes = {1000, 5000, 20000};
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--json") json = true;
        if (arg == "--rows" && i + 1 < argc) {
            sizes.clear();
            std::stringstream list(argv[++i]);
            for (std::string item; std::getline(list, item, ',');)
                sizes.push_back(std::stoi(item));
        }
    }
    fs::path dir = fs::temp_directory_path() / ("beraad-bench-" + std::to_string(::getpid()));
    auto tmpl = beraad::render::Template::load(writeTemplate(dir));
    fs::remove_all(dir);
    if (!tmpl || !tmpl.value().problems().empty()) {
        std::cerr << "bench template does not load\n";
        return 1;
    }
    if (!json) {
        std::printf("%8s %10s %10s %10s %10s %8s %8s %8s %9s %9s\n", "rows", "ms/doc", "cpu ms",
                    "docs/s", "rezip ms", "ratio", "med rt", "cpu rt", "KiB out", "peak MiB");
    } else {
        std::printf("[");
    }
    for (size_t k = 0; k < sizes.size(); ++k) {
        int rows = sizes[k];
        std::string data = content(rows);
        auto first = beraad::render::render(tmpl.value(), data);  // output size
        if (!first) {
            std::cerr << first.error().describe() << "\n";
            return 1;
        }
        int iterations = std::max(3, 20000 / rows);
        // Warm-up: the first renders mostly measure the heap growing (page
        // faults); a server renders warm. compare.js warms the others alike.
        for (int i = 0; i < std::min(iterations, 10); ++i) {
            if (!beraad::render::render(tmpl.value(), data)) std::abort();
        }
        Rezipper rezipper;
        Timing best{1e300, 1e300};
        Timing bestRezip{1e300, 1e300};
        std::vector<double> ratios;
        for (int pair = 0; pair < pairsFor(rows); ++pair) {
            Timing t = timePer(1, [&] {
                auto out = beraad::render::render(tmpl.value(), data);
                if (!out) std::abort();
            });
            Timing r = timePer(1, [&] {
                if (rezipper.run(first.value()).empty()) std::abort();
            });
            best = {std::min(best.wall, t.wall), std::min(best.cpu, t.cpu)};
            bestRezip = {std::min(bestRezip.wall, r.wall), std::min(bestRezip.cpu, r.cpu)};
            ratios.push_back(t.wall / r.wall);
        }
        double ms = best.wall;
        double rezipMs = bestRezip.wall;
        double medianRatio = median(ratios);
        double kib = static_cast<double>(first.value().size()) / 1024.0;
        if (json) {
            std::printf(
                "%s{\"rows\":%d,\"ms\":%.3f,\"cpuMs\":%.3f,\"rezipMs\":%.3f,"
                "\"rezipCpuMs\":%.3f,\"medianRatio\":%.3f,\"kib\":%.1f,\"peakMiB\":%.1f}",
                k ? "," : "", rows, ms, best.cpu, rezipMs, bestRezip.cpu, medianRatio, kib,
                peakMegabytes());
        } else {
            std::printf("%8d %10.2f %10.2f %10.1f %10.2f %8.2f %8.2f %8.2f %9.1f %9.1f\n", rows, ms,
                        best.cpu, 1000.0 / ms, rezipMs, ms / rezipMs, medianRatio,
                        best.cpu / bestRezip.cpu, kib, peakMegabytes());
        }
    }
    if (json) std::printf("]\n");
    return 0;
}
