#pragma once
// What the fuzz targets share: the input as text, test data read from the
// source tree once, and packages built in memory from a list of files, so a
// target can fuzz what lies inside a zip without the fuzzer having to keep
// CRCs right. Nothing here writes a file.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "package/ZipWriter.h"

namespace beraad::fuzz {

inline std::string_view asText(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

inline std::filesystem::path sourcePath(const std::string& relative) {
    return std::filesystem::path(BERAAD_SOURCE_DIR) / relative;
}

// A file of the source tree; a target without its fixed data cannot run.
inline std::string readSourceFile(const std::string& relative) {
    std::ifstream in(sourcePath(relative), std::ios::binary);
    if (!in) throw std::runtime_error("fuzz: cannot read " + relative);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Package entries: name -> bytes, written in this order.
using Files = std::vector<std::pair<std::string, std::string>>;

// Every file below a folder of the source tree, by its path inside it, with
// "mimetype" first as ODF wants it.
inline Files readSourceTree(const std::string& relative) {
    std::map<std::string, std::string> sorted;
    auto root = sourcePath(relative);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        auto name = entry.path().lexically_relative(root).generic_string();
        sorted[name] = readSourceFile(relative + "/" + name);
    }
    Files files;
    if (auto mimetype = sorted.find("mimetype"); mimetype != sorted.end()) {
        files.push_back(*mimetype);
        sorted.erase(mimetype);
    }
    files.insert(files.end(), sorted.begin(), sorted.end());
    return files;
}

// `files` with the entry `name` replaced by (or, when missing, added as) `data`.
inline Files withFile(Files files, const std::string& name, std::string data) {
    for (auto& [entryName, bytes] : files) {
        if (entryName == name) {
            bytes = std::move(data);
            return files;
        }
    }
    files.emplace_back(name, std::move(data));
    return files;
}

inline std::string zipOf(const Files& files) {
    package::ZipWriter writer;
    for (const auto& [name, data] : files)
        writer.add(package::ZipWriter::store(name, data));
    return writer.finish();
}

// Files written as text: each starts with a line "=== <name>" and runs to
// the next such line, so a fuzzer mutates names and contents freely and the
// seeds stay readable. Text before the first marker is ignored.
inline Files splitFiles(std::string_view text) {
    constexpr std::string_view kMarker = "=== ";
    Files files;
    size_t at = text.rfind(kMarker, 0) == 0 ? 0 : text.find(std::string("\n") += kMarker);
    while (at != std::string_view::npos) {
        size_t nameStart = at + (text[at] == '\n' ? 1 : 0) + kMarker.size();
        size_t nameEnd = text.find('\n', nameStart);
        if (nameEnd == std::string_view::npos) nameEnd = text.size();
        size_t next = text.find(std::string("\n") += kMarker, nameEnd);
        size_t dataStart = std::min(nameEnd + 1, text.size());
        size_t dataEnd = next == std::string_view::npos ? text.size() : next;
        files.emplace_back(std::string(text.substr(nameStart, nameEnd - nameStart)),
                           std::string(text.substr(dataStart, dataEnd - dataStart)));
        at = next;
    }
    return files;
}

}  // namespace beraad::fuzz
