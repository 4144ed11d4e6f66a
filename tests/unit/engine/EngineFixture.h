#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "TestSupport.h"
#include "beraad/Engine.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::testing {

// A fresh SQLite store with reference data and the Twente partners.
class EngineTest : public ::testing::Test {
  protected:
    void SetUp() override { reopen(); }

    void reopen() {
        engine_.reset();
        engine_ =
            std::make_unique<Engine>(openSqliteStore({path()}), std::make_shared<SteppingClock>());
        auto loaded = engine_->initialize();
        ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
        if (loaded.value()) registerTwentePartners(*engine_);
    }

    std::string path() const { return dir_.file("beraad.sqlite"); }
    const TempDir& dir() const { return dir_; }
    Engine& engine() { return *engine_; }

    Document createConvenant() {
        auto created = engine_->createDocument(
            kwartiermaker(), {DocumentKind::Samenwerkingsconvenant, "AM05", twenteConvenant(),
                              "Eerste concept uit het modelconvenant", std::nullopt});
        EXPECT_TRUE(created.ok()) << created.error().describe();
        return created.value();
    }

    Version edit(const std::string& id, std::int64_t base, const std::string& from,
                 const std::string& to) {
        auto current = engine_->version(kwartiermaker(), id, base);
        EXPECT_TRUE(current.ok());
        auto added = engine_->addVersion(
            kwartiermaker(), {id, base, replaceOnce(twenteConvenant(), from, to), "bewerking"});
        EXPECT_TRUE(added.ok()) << added.error().describe();
        return added.value();
    }

  private:
    TempDir dir_;
    std::unique_ptr<Engine> engine_;
};

// Whether `report` has a problem at `where` whose message contains `text`.
inline bool mentions(const VerificationReport& report, const std::string& where,
                     const std::string& text) {
    for (const auto& problem : report.problems) {
        if (problem.where == where && problem.message.find(text) != std::string::npos)
            return true;
    }
    return false;
}

// Every problem of `report`, one per line, for a failing assertion's message.
inline std::string describe(const VerificationReport& report) {
    std::string text;
    for (const auto& problem : report.problems)
        text += problem.where + ": " + problem.message + "\n";
    return text;
}

}  // namespace beraad::testing
