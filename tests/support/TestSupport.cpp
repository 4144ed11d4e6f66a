#include "TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace beraad::testing {

TempDir::TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("beraad-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::chrono::system_clock::time_point SteppingClock::now() const {
    // 2026-01-05T09:00:00Z
    auto start = std::chrono::system_clock::time_point(std::chrono::seconds(1767603600));
    return start + offset_++;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string sourcePath(const std::string& relative) {
    return std::string(BERAAD_SOURCE_DIR) + "/" + relative;
}

std::string sharedPath(const std::string& relative) {
    return std::string(BERAAD_SHARED_DIR) + "/" + relative;
}

std::string twenteConvenant() {
    return readFile(sourcePath("templates/voorbeelden/twente/samenwerkingsconvenant.xml"));
}

Actor kwartiermaker(const std::string& region) {
    return Actor{"Kim Kwartier", Role::Kwartiermaker, region, std::nullopt};
}

Actor secretariaat(const std::string& region) {
    return Actor{"Sam Secretaris", Role::Secretariaat, region, std::nullopt};
}

Actor beheerder() {
    return Actor{"Bea Beheer", Role::Beheerder, "*", std::nullopt};
}

Actor auditor() {
    return Actor{"Ad Auditor", Role::Auditor, "*", std::nullopt};
}

void registerTwentePartners(Engine& engine, const std::string& region) {
    struct Row {
        const char* key;
        const char* name;
        const char* kind;
    };
    const Row rows[] = {
        {"gemeente-enschede", "Gemeente Enschede", "centrumgemeente"},
        {"gemeente-hengelo", "Gemeente Hengelo", "gemeente"},
        {"uwv", "UWV", "uwv"},
        {"sbb", "SBB", "sbb"},
        {"vno-ncw-midden", "VNO-NCW Midden", "werkgeversorganisatie"},
        {"fnv", "FNV Twente", "werknemersorganisatie"},
        {"roc-van-twente", "ROC van Twente", "contactschool"},
    };
    for (const auto& row : rows) {
        Partner partner{
            region,        row.key,
            row.name,      row.kind,
            "kernpartner", {{"Vertegenwoordiger " + std::string(row.name), "bestuurder", ""}}};
        auto result = engine.registerPartner(secretariaat(region), partner);
        if (!result) throw std::runtime_error(result.error().describe());
    }
}

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    if (at == std::string::npos) throw std::invalid_argument("'" + from + "' not found");
    return text.replace(at, from.size(), to);
}

std::vector<std::string> englishWords(const std::string& text) {
    static const std::set<std::string> kEnglish{
        "the",   "and",    "are",     "when",    "which",   "with",   "from",    "to",     "for",
        "this",  "that",   "must",    "may",     "not",     "an",     "a",       "or",     "by",
        "be",    "it",     "its",     "on",      "if",      "only",   "every",   "each",   "there",
        "their", "than",   "then",    "into",    "can",     "cannot", "does",    "should", "would",
        "has",   "have",   "was",     "were",    "no",      "yet",    "already", "needs",  "at",
        "after", "before", "without", "between", "outside", "been",   "but",     "so",     "as",
        "what",  "who",    "how",     "none",    "missing", "found",  "allowed", "exist",  "while"};
    static const std::regex kIdentifiers(R"('[^']*'|`[^`]*`|<[^>]*>|\w+(?:[-./_:]\w+)+)");
    std::string plain = std::regex_replace(text, kIdentifiers, " ");
    // A word is a run of letters and digits, a UTF-8 letter ("ë") included;
    // a run with a digit in it (a hash, an id such as AM05) is no word.
    std::vector<std::string> found;
    std::string word;
    auto flush = [&] {
        bool digit = word.find_first_of("0123456789") != std::string::npos;
        std::transform(word.begin(), word.end(), word.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!digit && kEnglish.count(word) != 0) found.push_back(word);
        word.clear();
    };
    for (char c : plain) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || byte >= 0x80) {
            word += c;
        } else {
            flush();
        }
    }
    flush();
    return found;
}

}  // namespace beraad::testing
