#pragma once
// Shared helpers for the unit tests: temporary folders, fixed clocks,
// example content, a store seeded with a region and its partners.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "beraad/base/Actor.h"
#include "beraad/base/Clock.h"
#include "beraad/Engine.h"

namespace beraad::testing {

// A folder under the system temp dir, removed with everything in it.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

// A clock that starts at 2026-01-05T09:00:00Z and moves one second per call.
class SteppingClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override;

  private:
    mutable std::chrono::seconds offset_{0};
};

// A clock that stands still at 1 March 2026, 09:00 UTC, until moved.
class MovableClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override { return now_; }
    void advance(std::chrono::seconds by) { now_ += by; }

  private:
    std::chrono::system_clock::time_point now_ =
        std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + std::chrono::hours(9);
};

std::string readFile(const std::filesystem::path& path);
std::string sourcePath(const std::string& relative);  // a file in the source tree
std::string sharedPath(const std::string& relative);  // a file in ../shared

// Example content shipped in templates/voorbeelden.
std::string twenteConvenant();

Actor kwartiermaker(const std::string& region = "AM05");
Actor secretariaat(const std::string& region = "AM05");
Actor beheerder();
Actor auditor();

// Registers the partners that twenteConvenant() names, in `region`.
void registerTwentePartners(Engine& engine, const std::string& region = "AM05");

// Replaces the first occurrence of `from` in `text` (which must occur).
std::string replaceOnce(std::string text, const std::string& from, const std::string& to);

// The English function words in a text meant to be Dutch ("the", "must",
// "not", ...), as whole words in any case. Identifiers are not words: text in
// single quotes or backticks, words joined to others by - . / _ : (state
// names, headers, paths), XML tags and runs with a digit (hashes, ids). As
// tests/tools/check-openapi-dutch does for the OpenAPI document.
std::vector<std::string> englishWords(const std::string& text);

}  // namespace beraad::testing
