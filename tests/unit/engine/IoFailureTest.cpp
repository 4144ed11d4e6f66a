// Crash consistency under an injected I/O failure (FailingVfs). For each
// representative write and each kind of failure, the N-th matching I/O call
// fails, N = 1, 2, ... until the write no longer reaches an N-th call. For
// every N the rule is: a write reported as done is present after reopening,
// a write reported as failed is absent, and the store verifies. Reopening
// is tried twice: from a copy of the files taken right after the failure
// (no -shm, so SQLite recovers from the WAL as after a crash) and after a
// clean close; then the same write succeeds.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>

#include "EngineFixture.h"
#include "FailingVfs.h"

namespace beraad::testing {
namespace {

namespace fs = std::filesystem;
using Call = FailingVfs::Call;
using Files = FailingVfs::Files;

constexpr int kMaxPoints = 200;

// A clock as SteppingClock, but every engine on a copy of the template
// starts at the same moment, later than the template's events.
class LaterClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::sys_days{std::chrono::year{2026} / 2 / 1} + ++offset_;
    }

  private:
    mutable std::chrono::seconds offset_{0};
};

// What the write depends on, made once on the template store.
struct Situation {
    std::string documentId;
    std::int64_t version = 0;
    std::string hash;
};

template <typename T>
std::optional<Error> outcome(const Result<T>& result) {
    if (result.ok()) return std::nullopt;
    return result.error();
}

Result<TransitionResult> fire(Engine& engine, const std::string& id, const std::string& name) {
    TransitionRequest request;
    request.documentId = id;
    request.transition = name;
    return engine.transition(secretariaat(), request);
}

struct WriteCase {
    const char* name;
    std::function<void(Engine&, Situation&)> prepare;
    std::function<std::optional<Error>(Engine&, const Situation&)> write;
    // A count the write raises by one.
    std::function<std::int64_t(Engine&, const Situation&)> count;
};

void createDocument(Engine& engine, Situation& situation) {
    auto created = engine.createDocument(
        kwartiermaker(), {DocumentKind::Samenwerkingsconvenant, "AM05", twenteConvenant(),
                          "Eerste concept uit het modelconvenant", std::nullopt});
    ASSERT_TRUE(created.ok()) << created.error().describe();
    situation.documentId = created->id;
    situation.version = created->latestVersion;
    situation.hash = created->latestContentHash;
}

std::int64_t documentEvents(Engine& engine, const Situation& situation) {
    auto events = engine.history(auditor(), situation.documentId);
    return events ? static_cast<std::int64_t>(events->size()) : -1;
}

std::vector<WriteCase> writeCases() {
    return {
        {"versie", createDocument,
         [](Engine& engine, const Situation& s) {
             return outcome(engine.addVersion(
                 kwartiermaker(),
                 {s.documentId, s.version,
                  replaceOnce(twenteConvenant(), "J. de Vries", "J. de Vries-Bakker"),
                  "bewerking"}));
         },
         [](Engine& engine, const Situation& s) -> std::int64_t {
             auto versions = engine.listVersions(auditor(), s.documentId);
             return versions ? static_cast<std::int64_t>(versions->size()) : -1;
         }},
        {"besluit",
         [](Engine& engine, Situation& s) {
             createDocument(engine, s);
             ASSERT_TRUE(fire(engine, s.documentId, "ter-consultatie").ok());
             ASSERT_TRUE(fire(engine, s.documentId, "ter-besluitvorming").ok());
             auto latest = engine.version(auditor(), s.documentId, std::nullopt);
             ASSERT_TRUE(latest.ok());
             s.version = latest->number;
             s.hash = latest->contentHash;
         },
         [](Engine& engine, const Situation& s) {
             return outcome(engine.recordDecision(
                 secretariaat(),
                 {s.documentId, s.version, s.hash, "uwv", "akkoord", "Vertegenwoordiger UWV",
                  "2026-02-01", "RB Twente 1 februari", "4", ""}));
         },
         documentEvents},
        {"overgang", createDocument,
         [](Engine& engine, const Situation& s) {
             return outcome(fire(engine, s.documentId, "ter-consultatie"));
         },
         [](Engine& engine, const Situation& s) -> std::int64_t {
             auto done = engine.transitions(auditor(), s.documentId);
             return done ? static_cast<std::int64_t>(done->size()) : -1;
         }},
        {"partner", [](Engine&, Situation&) {},
         [](Engine& engine, const Situation&) {
             Partner partner{"AM05", "uwv",         "UWV Twente",
                             "uwv",  "kernpartner", {{"Vertegenwoordiger UWV", "bestuurder", ""}}};
             return outcome(engine.registerPartner(secretariaat(), partner));
         },
         [](Engine& engine, const Situation&) -> std::int64_t {
             auto events = engine.regionHistory(auditor(), "AM05");
             return events ? static_cast<std::int64_t>(events->size()) : -1;
         }},
        {"token", [](Engine&, Situation&) {},
         [](Engine& engine, const Situation&) {
             return outcome(
                 engine.createToken(beheerder(), {"Tester", Role::Auditor, "*", std::nullopt}));
         },
         [](Engine& engine, const Situation&) -> std::int64_t {
             auto tokens = engine.listTokens(beheerder());
             return tokens ? static_cast<std::int64_t>(tokens->size()) : -1;
         }},
    };
}

struct FailureMode {
    const char* name;
    FailingVfs::Plan plan;
    bool checkpointEveryCommit;  // failures after the commit became durable
    bool reached = true;         // whether a write makes such a call at all
};

std::vector<FailureMode> failureModes() {
    return {
        {"wal_write_full", {Call::Write, 1, SQLITE_FULL, Files::Journal, false}, false},
        {"wal_write_full_persistent", {Call::Write, 1, SQLITE_FULL, Files::Journal, true}, false},
        {"wal_sync_ioerr", {Call::Sync, 1, SQLITE_IOERR_FSYNC, Files::Journal, false}, false},
        {"checkpoint_write_ioerr", {Call::Write, 1, SQLITE_IOERR_WRITE, Files::Any, false}, true},
        {"checkpoint_sync_ioerr", {Call::Sync, 1, SQLITE_IOERR_FSYNC, Files::Any, false}, true},
        {"checkpoint_truncate_ioerr",
         {Call::Truncate, 1, SQLITE_IOERR_TRUNCATE, Files::Any, false},
         true,
         false},
    };
}

// What a store holds, as far as the rule needs it.
struct Image {
    std::int64_t events = 0;  // over all streams
    std::int64_t count = 0;   // the case's own count
    bool intact = false;
    std::string problems;

    bool sameAs(const Image& other) const { return events == other.events && count == other.count; }
};

std::ostream& operator<<(std::ostream& out, const Image& image) {
    return out << image.events << " events, count " << image.count
               << (image.intact ? "" : ", NOT intact: " + image.problems);
}

void removeStore(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix);
}

// A connection of its own to a store file, with the lock a reader keeps.
class Onlooker {
  public:
    explicit Onlooker(const std::string& path) {
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
        sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    }
    ~Onlooker() { close(); }
    Onlooker(const Onlooker&) = delete;
    Onlooker& operator=(const Onlooker&) = delete;
    void close() {
        sqlite3_close(db_);
        db_ = nullptr;
    }

  private:
    sqlite3* db_ = nullptr;
};

class IoFailureTest : public ::testing::TestWithParam<std::tuple<WriteCase, FailureMode>> {
  protected:
    void SetUp() override {
        vfs_ = &FailingVfs::install();
        vfs_->disarm();
        FailingVfs::checkpointEveryCommit(mode().checkpointEveryCommit);
        auto engine = open(templatePath());
        ASSERT_TRUE(engine);
        registerTwentePartners(*engine);
        writeCase().prepare(*engine, situation_);
    }

    void TearDown() override {
        vfs_->disarm();
        FailingVfs::checkpointEveryCommit(false);
    }

    const WriteCase& writeCase() const { return std::get<0>(GetParam()); }
    const FailureMode& mode() const { return std::get<1>(GetParam()); }
    std::string templatePath() const { return dir_.file("template.sqlite"); }
    std::string workPath() const { return dir_.file("work.sqlite"); }
    std::string crashPath() const { return dir_.file("crash.sqlite"); }

    // The store at `path` in a new engine, as a new process opens it.
    std::unique_ptr<Engine> open(const std::string& path) {
        auto engine =
            std::make_unique<Engine>(openSqliteStore({path}), std::make_shared<LaterClock>());
        auto loaded = engine->initialize();
        EXPECT_TRUE(loaded.ok()) << loaded.error().describe();
        if (!loaded.ok()) return nullptr;
        auto keys = trust::KeyFolder::open(dir_.file("sleutels"), "beraad.test");
        EXPECT_TRUE(engine->useSigningKeys(keys).ok());
        return engine;
    }

    Image inspect(Engine& engine) {
        Image image;
        auto reports = engine.verifyAll(auditor());
        if (!reports) {
            image.problems = reports.error().describe();
            return image;
        }
        image.intact = true;
        for (const auto& report : *reports) {
            image.events += report.eventsChecked;
            if (!report.intact()) {
                image.intact = false;
                image.problems += describe(report);
            }
        }
        image.count = writeCase().count(engine, situation_);
        return image;
    }

    // A fresh copy of the template in a new engine.
    std::unique_ptr<Engine> openWorkCopy() {
        removeStore(workPath());
        fs::copy_file(templatePath(), workPath());
        return open(workPath());
    }

    // The files as a crash right now would leave them, opened by a new
    // process; the same write there, when the first was reported failed.
    void checkCrashImage(bool done, const Image& before, const Image& after) {
        removeStore(crashPath());
        fs::copy_file(workPath(), crashPath());
        if (fs::exists(workPath() + "-wal"))
            fs::copy_file(workPath() + "-wal", crashPath() + "-wal");
        auto engine = open(crashPath());
        ASSERT_TRUE(engine);
        expectRule("after a crash", inspect(*engine), done, before, after);
        if (!done) expectWriteAgain("the same write after a crash", *engine, before, after);
    }

    void expectWriteAgain(const char* where, Engine& engine, const Image& before,
                          const Image& after) {
        auto again = writeCase().write(engine, situation_);
        EXPECT_FALSE(again) << where << ": " << again->describe();
        expectRule(where, inspect(engine), true, before, after);
    }

    void expectRule(const char* where, const Image& image, bool reportedDone, const Image& before,
                    const Image& after) {
        EXPECT_TRUE(image.intact) << where << ": " << image.problems;
        if (reportedDone) {
            EXPECT_TRUE(image.sameAs(after))
                << where << ": reported done, but the store has " << image << ", not " << after;
        } else {
            EXPECT_TRUE(image.sameAs(before))
                << where << ": reported failed, but the store has " << image << ", not " << before
                << (image.sameAs(after) ? " (SQLite committed the write anyway)" : "");
        }
    }

    TempDir dir_;
    FailingVfs* vfs_ = nullptr;
    Situation situation_;
};

TEST_P(IoFailureTest, ReportedOutcomeHoldsAfterReopen) {
    // The template is closed now: every copy starts from one database file.
    Image before, after;
    {
        auto engine = openWorkCopy();
        ASSERT_TRUE(engine);
        before = inspect(*engine);
        ASSERT_TRUE(before.intact) << before.problems;
        auto error = writeCase().write(*engine, situation_);
        ASSERT_FALSE(error) << error->describe();
        after = inspect(*engine);
        ASSERT_EQ(after.count, before.count + 1);
    }

    int points = 0, failed = 0;
    for (int n = 1; n <= kMaxPoints; ++n) {
        SCOPED_TRACE("failure point N = " + std::to_string(n));
        auto engine = openWorkCopy();
        ASSERT_TRUE(engine);
        // Another process with the store open: the failed connection is
        // then not the last, and its close does not clean up the WAL.
        Onlooker onlooker(workPath());
        FailingVfs::Plan plan = mode().plan;
        plan.nth = n;
        vfs_->arm(plan);
        auto error = writeCase().write(*engine, situation_);
        bool fired = vfs_->fired();
        vfs_->disarm();
        if (!fired) {
            EXPECT_FALSE(error) << error->describe();
            break;
        }
        ++points;
        bool done = !error;
        if (error) {
            ++failed;
            EXPECT_EQ(error->code, ErrorCode::Storage) << error->describe();
            EXPECT_NE(error->message.find("store failure"), std::string::npos) << error->message;
        }
        expectRule("the same engine", inspect(*engine), done, before, after);
        checkCrashImage(done, before, after);
        onlooker.close();
        // Odd N: the same write in the same engine (a connection the failure
        // spoilt must not be back in the pool); even N: in a new engine
        // after a clean close.
        if (!done && n % 2 == 1) {
            expectWriteAgain("the same write in the same engine", *engine, before, after);
            done = true;
        }
        engine.reset();
        engine = open(workPath());
        ASSERT_TRUE(engine);
        expectRule("after a clean close", inspect(*engine), done, before, after);
        if (!done) expectWriteAgain("the same write after a clean close", *engine, before, after);
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_LT(points, kMaxPoints) << "the write still reached an N-th call at N = " << kMaxPoints;
    if (mode().reached) {
        EXPECT_GT(points, 0) << "no failure point was reached";
    }
    RecordProperty("failure_points", points);
    RecordProperty("reported_failed", failed);
    std::cout << "[ points   ] " << writeCase().name << " / " << mode().name << ": " << points
              << " failure points, " << failed << " reported as failed\n";
}

std::string caseName(const ::testing::TestParamInfo<IoFailureTest::ParamType>& info) {
    return std::string(std::get<0>(info.param).name) + "_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Writes, IoFailureTest,
                         ::testing::Combine(::testing::ValuesIn(writeCases()),
                                            ::testing::ValuesIn(failureModes())),
                         caseName);

}  // namespace
}  // namespace beraad::testing
