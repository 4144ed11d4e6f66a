// beraad-export-bench: exports one document with 1,000 and 10,000 versions
// as JSON, CSV and a ZIP bundle without renderings (and with renderings at a
// smaller count), verifies the bundles, and prints ms, peak memory, output
// size and the 10k/1k ratio (linear export gives about 10). Every store build
// and every measurement runs in its own child process, so each peak RSS is
// that measurement's own. Not a test: no timings are asserted.
//
//   beraad-export-bench [--versies 1000,10000] [--weergaven 100] [--map DIR]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <vector>

#include "beraad/Engine.h"
#include "beraad/store/SqliteStore.h"

namespace {

using namespace beraad;

struct Measurement {
    double ms = 0;
    double peakMiB = 0;
    double outputMiB = 0;
    bool ok = false;
};

// Discards what is written and counts it, so the bench measures the export
// and not a disk.
class CountingBuffer : public std::streambuf {
  public:
    std::uint64_t bytes = 0;

  protected:
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) ++bytes;
        return c;
    }
    std::streamsize xsputn(const char*, std::streamsize n) override {
        bytes += static_cast<std::uint64_t>(n);
        return n;
    }
};

double peakMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// Runs work (returning the bytes it produced, or -1 on failure) in a child.
Measurement inChild(const std::function<std::int64_t()>& work) {
    int channel[2];
    if (pipe(channel) != 0) return {};
    pid_t child = fork();
    if (child == 0) {
        close(channel[0]);
        auto start = std::chrono::steady_clock::now();
        std::int64_t bytes = work();
        auto elapsed = std::chrono::steady_clock::now() - start;
        Measurement result{std::chrono::duration<double, std::milli>(elapsed).count(), peakMiB(),
                           static_cast<double>(bytes) / (1024.0 * 1024.0), bytes >= 0};
        ssize_t written = write(channel[1], &result, sizeof result);
        _exit(written == sizeof result ? 0 : 1);
    }
    close(channel[1]);
    Measurement result;
    if (read(channel[0], &result, sizeof result) != sizeof result) result.ok = false;
    close(channel[0]);
    int status = 0;
    waitpid(child, &status, 0);
    return result;
}

Actor benchActor(Role role) {
    return Actor{"bench", role, "AM05", std::nullopt};
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A store with one convenant of `versions` versions, made through the facade.
std::int64_t buildStore(const std::string& path, int versions) {
    Engine engine(openSqliteStore({path}));
    if (!engine.initialize()) return -1;
    const char* partners[][3] = {{"gemeente-enschede", "Gemeente Enschede", "centrumgemeente"},
                                 {"gemeente-hengelo", "Gemeente Hengelo", "gemeente"},
                                 {"uwv", "UWV", "uwv"},
                                 {"sbb", "SBB", "sbb"},
                                 {"vno-ncw-midden", "VNO-NCW Midden", "werkgeversorganisatie"},
                                 {"fnv", "FNV Twente", "werknemersorganisatie"},
                                 {"roc-van-twente", "ROC van Twente", "contactschool"}};
    for (const auto& row : partners) {
        if (!engine.registerPartner(benchActor(Role::Secretariaat),
                                    {"AM05", row[0], row[1], row[2], "kernpartner", {}})) {
            return -1;
        }
    }
    std::string content = readText(std::string(BERAAD_SOURCE_DIR) +
                                   "/templates/voorbeelden/twente/samenwerkingsconvenant.xml");
    const std::string marker = "binnen vijf werkdagen";
    auto created = engine.createDocument(
        benchActor(Role::Kwartiermaker),
        {DocumentKind::Samenwerkingsconvenant, "AM05", content, "versie 1", std::nullopt});
    if (!created) {
        std::cerr << created.error().describe() << "\n";
        return -1;
    }
    for (int number = 2; number <= versions; ++number) {
        std::string edited = content;
        edited.replace(edited.find(marker), marker.size(),
                       "binnen " + std::to_string(number) + " werkdagen");
        auto added = engine.addVersion(benchActor(Role::Kwartiermaker),
                                       {created->id, number - 1, edited, "bewerking"});
        if (!added) {
            std::cerr << added.error().describe() << "\n";
            return -1;
        }
        if (number % 500 == 0)
            std::cerr << "\r  store: " << number << "/" << versions << std::flush;
    }
    std::cerr << "\r  store: " << versions << "/" << versions << " versions\n";
    return 0;
}

ExportRequest request(ExportFormat format, bool renderings) {
    ExportRequest request;
    request.documentId = "AM05-convenant-1";
    request.format = format;
    request.withRenderings = renderings;
    return request;
}

Measurement measureExport(const std::string& store, ExportFormat format, bool renderings) {
    return inChild([&]() -> std::int64_t {
        Engine engine(openSqliteStore({store}));
        CountingBuffer counter;
        std::ostream out(&counter);
        auto summary =
            engine.exportHistory(benchActor(Role::Auditor), request(format, renderings), out);
        if (!summary) return -1;
        return static_cast<std::int64_t>(counter.bytes);
    });
}

void writeBundle(const std::string& store, const std::string& file, bool renderings) {
    inChild([&]() -> std::int64_t {
        Engine engine(openSqliteStore({store}));
        std::ofstream out(file, std::ios::binary);
        auto summary = engine.exportHistory(benchActor(Role::Auditor),
                                            request(ExportFormat::Bundel, renderings), out);
        return summary ? 0 : -1;
    });
}

Measurement measureVerify(const std::string& file) {
    return inChild([&]() -> std::int64_t {
        std::string bytes = readText(file);
        BundleReport report = verifyBundle(bytes);
        return report.intact() ? static_cast<std::int64_t>(bytes.size()) : -1;
    });
}

std::vector<int> parseSizes(const std::string& text) {
    std::vector<int> sizes;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        sizes.push_back(std::stoi(item));
    return sizes;
}

void printRow(const std::string& label, const std::vector<Measurement>& row) {
    std::printf("%-28s", label.c_str());
    for (const auto& m : row) {
        if (!m.ok) {
            std::printf(" %30s", "FAILED");
            continue;
        }
        std::printf(" %9.0f ms %6.1f MiB %6.1f MiB", m.ms, m.peakMiB, m.outputMiB);
    }
    if (row.size() >= 2 && row.front().ok && row.back().ok && row.front().ms > 0) {
        std::printf("   ratio %.1f", row.back().ms / row.front().ms);
    }
    std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes{1000, 10000};
    int renderedVersions = 100;
    std::filesystem::path folder = std::filesystem::temp_directory_path() / "beraad-export-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string option = argv[i];
        if (option == "--versies") sizes = parseSizes(argv[i + 1]);
        if (option == "--weergaven") renderedVersions = std::stoi(argv[i + 1]);
        if (option == "--map") folder = argv[i + 1];
    }
    std::filesystem::create_directories(folder);

    auto storeFor = [&](int versions) {
        std::string path = (folder / ("store-" + std::to_string(versions) + ".sqlite")).string();
        if (!std::filesystem::exists(path)) {
            std::cerr << "building a store with " << versions << " versions (kept in " << folder
                      << " for the next run)\n";
            std::string building = path + ".building";
            std::filesystem::remove(building);
            if (!inChild([&] { return buildStore(building, versions); }).ok) return std::string();
            std::filesystem::rename(building, path);
        }
        return path;
    };

    std::printf("one document; per size: time, peak RSS of the process, output size\n");
    std::printf("%-28s", "");
    for (int size : sizes)
        std::printf(" %30s", (std::to_string(size) + " versions").c_str());
    std::printf("\n");
    std::vector<std::string> stores;
    for (int size : sizes) {
        stores.push_back(storeFor(size));
        if (stores.back().empty()) return 1;
    }
    struct Row {
        const char* label;
        ExportFormat format;
    };
    for (Row row : {Row{"json", ExportFormat::Json}, Row{"csv", ExportFormat::Csv},
                    Row{"zip, no renderings", ExportFormat::Bundel}}) {
        std::vector<Measurement> measured;
        for (const auto& store : stores)
            measured.push_back(measureExport(store, row.format, false));
        printRow(row.label, measured);
    }
    std::vector<Measurement> verified;
    for (size_t i = 0; i < stores.size(); ++i) {
        std::string bundle = (folder / ("bundle-" + std::to_string(sizes[i]) + ".zip")).string();
        writeBundle(stores[i], bundle, false);
        verified.push_back(measureVerify(bundle));
    }
    printRow("bundle verify (offline)", verified);

    if (renderedVersions > 0) {
        std::string store = storeFor(renderedVersions);
        if (store.empty()) return 1;
        Measurement rendered = measureExport(store, ExportFormat::Bundel, true);
        printRow("zip with ODT+DOCX @" + std::to_string(renderedVersions), {rendered});
        if (rendered.ok) {
            std::printf("  = %.1f ms per version (two renderings each)\n",
                        rendered.ms / renderedVersions);
        }
    }
    return 0;
}
