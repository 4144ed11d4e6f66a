#pragma once
// Runs workflow scenarios: small scripts of steps and expectations in
// tests/scenarios/*.txt (the language is described in tests/scenarios/README.md).
// Every step runs against a real SQLite store in a temporary folder.

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "beraad/Engine.h"

namespace beraad::testing {

// A clock fixed on a date (09:00 UTC) that moves one second per call.
class ScenarioClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override;
    // The date at a UTC time of day ("HH:MM").
    void setDate(const std::string& isoDate, const std::string& utcTime = "09:00");

  private:
    std::atomic<std::int64_t> base_{1767603600};  // 2026-01-05T09:00:00Z
    mutable std::atomic<std::int64_t> offset_{0};
};

class ScenarioRunner {
  public:
    ScenarioRunner();

    // Runs a file; returns the failures ("file:line: message"), empty when it passes.
    std::vector<std::string> runFile(const std::string& path);

    Engine& engine() { return *engine_; }
    ScenarioClock& clock() { return *clock_; }
    const std::string& storePath() const { return storePath_; }
    std::string documentId(const std::string& alias) const;

  private:
    struct Line {
        std::string file;
        int number = 0;
        std::vector<std::string> words;              // positional words
        std::map<std::string, std::string> options;  // key=value words
        std::optional<Actor> actor;
        std::optional<std::string> expectedError;  // error code after "=>"
        std::optional<std::string> expectedText;   // text the error must contain
    };

    void runLines(const std::string& path, std::vector<std::string>& failures, int depth);
    std::optional<std::string> step(const Line& line);  // a failure, if any
    std::optional<std::string> action(const Line& line, std::optional<Error>& error);
    std::optional<std::string> expectation(const Line& line);

    std::string content(const std::string& file, const std::vector<std::string>& replacements);
    Document doc(const std::string& alias);
    Version latest(const std::string& alias);

    std::optional<std::string> decideAllConcurrently(const Line& line);

    TempDir dir_;
    std::string storePath_;
    std::shared_ptr<ScenarioClock> clock_;
    std::shared_ptr<Store> store_;
    std::unique_ptr<Engine> engine_;
    std::map<std::string, std::string> aliases_;
    std::vector<std::string> warnings_;           // of the last create or edit that succeeded
    std::map<std::string, std::int64_t> labels_;  // label=<name> of a decision or signature

    template <typename T>
    void remember(const Line& line, const Result<T>& recorded);
    std::int64_t labelled(const std::string& label) const;
};

std::vector<std::string> scenarioFiles();

}  // namespace beraad::testing
