#include "Receipts.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "Cli.h"
#include "Output.h"
#include "beraad/present/TrustJson.h"

namespace beraad::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxReceiptBytes = 1024 * 1024;

std::string fileName(const trust::Receipt& receipt) {
    std::string name = receipt.event.stream;
    for (char& c : name) {
        if (c == ':' || c == '/') c = '-';
    }
    return name + "-" + std::to_string(receipt.event.sequence) + ".json";
}

}  // namespace

std::string dataFolder(const std::string& leaf) {
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
        return (fs::path(data) / "beraad" / leaf).string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : ".") / ".local" / "share" / "beraad" / leaf).string();
}

void writeFileWhole(const std::string& path, const std::string& text) {
    std::error_code error;
    fs::path target(path);
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), error);
    if (error)
        throw std::runtime_error("cannot create " + target.parent_path().string() + ": " +
                                 error.message());
    fs::path partial = target;
    partial += ".deel";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
    }
    fs::rename(partial, target, error);
    if (error) throw std::runtime_error("cannot write " + path + ": " + error.message());
}

std::string defaultReceiptFolder() {
    if (const char* configured = std::getenv("BERAAD_ONTVANGSTBEWIJZEN");
        configured && *configured) {
        return configured;
    }
    return dataFolder("ontvangstbewijzen");
}

std::string writeReceipt(const std::string& folder, const trust::Receipt& receipt) {
    std::ostringstream json;
    printJson(json, present::toJson(receipt));
    std::string path = (fs::path(folder) / fileName(receipt)).string();
    writeFileWhole(path, json.str());
    return path;
}

std::string readSmallFile(const std::string& path, const std::string& what, std::size_t limit) {
    return readInput(path, limit, what);
}

trust::Receipt readReceipt(const std::string& path) {
    std::string text = readSmallFile(path, "receipt", kMaxReceiptBytes);
    try {
        return present::receiptFromJson(text);
    } catch (const std::exception& failure) {
        throw std::runtime_error(path + " is not a receipt: " + failure.what());
    }
}

}  // namespace beraad::cli
