#pragma once

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <memory>
#include <vector>

#include "TestSupport.h"
#include "beraad/Engine.h"
#include "beraad/store/SqliteStore.h"
#include "beraad/trust/KeyFolder.h"

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

    // A convenant in concept in `region` (its partners registered first
    // unless it is AM05); a region has one, so a second one in a region
    // drops the one before (laten-vervallen).
    Document createConvenant(const std::string& region = "AM05") {
        if (region != "AM05") registerTwentePartners(*engine_, region);
        DocumentFilter open;
        open.region = region;
        open.state = "concept";
        auto earlier = engine_->listDocuments(auditor(), open);
        std::vector<Document> drop = earlier.ok() ? earlier.value() : std::vector<Document>{};
        for (const auto& document : drop) {
            EXPECT_TRUE(engine_
                            ->transition(kwartiermaker(region),
                                         {document.id, "laten-vervallen", std::nullopt, "opnieuw"})
                            .ok());
        }
        std::string content =
            replaceOnce(twenteConvenant(), "regio=\"AM05\"", "regio=\"" + region + "\"");
        auto created = engine_->createDocument(
            kwartiermaker(region), {DocumentKind::Samenwerkingsconvenant, region, content,
                                    "Eerste concept uit het modelconvenant", std::nullopt});
        EXPECT_TRUE(created.ok()) << created.error().describe();
        return created.value();
    }

    // The partijen of the Twente convenant (registerTwentePartners).
    const std::vector<std::string> kPartners{
        "gemeente-enschede", "gemeente-hengelo", "uwv", "sbb", "vno-ncw-midden", "fnv",
        "roc-van-twente"};

    // A Twente convenant taken to ter-besluitvorming by the secretariaat.
    Document underDecision() {
        auto document = createConvenant();
        for (const char* step : {"ter-consultatie", "ter-besluitvorming"}) {
            auto fired = engine_->transition(secretariaat(), {document.id, step, std::nullopt, ""});
            EXPECT_TRUE(fired.ok()) << fired.error().describe();
        }
        return engine_->document(auditor(), document.id).value();
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

// Runs `sql` on the store file outside Beraad; the error message, empty
// when it ran.
inline std::string runOnFile(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "cannot open " + path;
    char* error = nullptr;
    int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = code == SQLITE_OK ? "" : (error ? error : "failed");
    sqlite3_free(error);
    sqlite3_close(db);
    return message;
}

// The same as someone who has the file but not Beraad: every trigger is
// dropped first.
inline std::string tamperWithFile(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "cannot open " + path;
    std::string script;
    sqlite3_stmt* list = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &list,
                       nullptr);
    while (sqlite3_step(list) == SQLITE_ROW) {
        script += "DROP TRIGGER " +
                  std::string(reinterpret_cast<const char*>(sqlite3_column_text(list, 0))) + ";";
    }
    sqlite3_finalize(list);
    sqlite3_close(db);
    return runOnFile(path, script + sql);
}

// The same with the installation's signing keys in use, as the CLI and the
// server run: every write signs its streams' checkpoints.
class SignedEngineTest : public EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        keys_ = trust::KeyFolder::open(dir().file("sleutels"), "beraad.test");
        ASSERT_TRUE(engine().useSigningKeys(keys_).ok());
    }

    std::shared_ptr<trust::KeyFolder> keys_;
};

// Whether `report` has a problem at `where` whose message contains `text`.
inline bool mentions(const VerificationReport& report, const std::string& where,
                     const std::string& text) {
    for (const auto& problem : report.problems) {
        if (problem.where == where && problem.message.find(text) != std::string::npos) return true;
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
