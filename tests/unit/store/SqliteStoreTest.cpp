#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

#include "TestSupport.h"
#include "beraad/store/SqliteStore.h"

namespace beraad {
namespace {

using testing::TempDir;

// Runs SQL directly on the file, as an attacker or a tool outside Beraad would.
std::string rawQuery(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    std::string result;
    char* error = nullptr;
    auto collect = [](void* out, int columns, char** values, char**) {
        auto* text = static_cast<std::string*>(out);
        for (int i = 0; i < columns; ++i)
            *text += (values[i] ? values[i] : "NULL") + std::string("|");
        return 0;
    };
    int code = sqlite3_exec(db, sql.c_str(), collect, &result, &error);
    if (code != SQLITE_OK) {
        result = std::string("ERROR: ") + (error ? error : "");
        sqlite3_free(error);
    }
    sqlite3_close(db);
    return result;
}

Event event(const std::string& stream, std::int64_t sequence, const std::string& previous,
            const std::string& kind = "test", const std::string& payload = "{}") {
    Event e{stream,  sequence, kind, "tester", "beheerder", "2026-01-05T09:00:00.000Z",
            payload, previous, ""};
    e.hash = computeEventHash(e);
    return e;
}

// Rows of history are written after the event that records them (the
// triggers refuse them otherwise): these are the events for the rows below.
Event referenceLoaded() {
    return event("systeem", 1, kGenesisHash, "referentiedata-geladen", "{}");
}

Event partnerRegistered(const std::string& region, const Partner& partner) {
    return event("regio:" + region, 1, kGenesisHash, "partner-geregistreerd",
                 "{\"partner\":{\"naam\":\"" + partner.name + "\",\"rol\":\"" + partner.role +
                     "\",\"sleutel\":\"" + partner.key + "\",\"soort\":\"" + partner.kind + "\"}}");
}

TEST(SqliteStore, CreatesFolderAppliesMigrationsOnceAndUsesWal) {
    TempDir dir;
    std::string path = dir.file("nested/folder/beraad.sqlite");
    { auto store = openSqliteStore({path}); }
    { auto store = openSqliteStore({path}); }
    // Each migration exactly once, the last one being the newest this build knows.
    EXPECT_EQ(
        rawQuery(path,
                 "SELECT COUNT(*) = COUNT(DISTINCT version), MAX(version) FROM schema_migrations"),
        "1|" + std::to_string(sqliteSchemaVersion()) + "|");
    EXPECT_EQ(rawQuery(path, "PRAGMA journal_mode"), "wal|");
}

// The store holds the history and the token hashes: a new file, and the
// -wal and -shm files SQLite makes beside it, are for their owner only,
// even under a permissive umask; an existing file keeps its mode.
TEST(SqliteStore, CreatesANewStoreFileForItsOwnerOnly) {
    TempDir dir;
    std::string path = dir.file("beraad.sqlite");
    mode_t previous = ::umask(0022);
    {
        auto store = openSqliteStore({path});
        auto tx = store->beginWrite();
        tx->appendEvent(event("systeem", 1, kGenesisHash));
        tx->commit();
        for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
            struct stat info {};
            ASSERT_EQ(::stat(file.c_str(), &info), 0) << file;
            EXPECT_EQ(info.st_mode & 0777, 0600u) << file;
        }
    }
    std::string shared = dir.file("gedeeld.sqlite");
    { std::ofstream(shared).flush(); }
    ::chmod(shared.c_str(), 0640);
    { auto store = openSqliteStore({shared}); }
    struct stat info {};
    ASSERT_EQ(::stat(shared.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0640u);
    ::umask(previous);
}

TEST(SqliteStore, RefusesAStoreFromANewerBuild) {
    TempDir dir;
    std::string path = dir.file("beraad.sqlite");
    { auto store = openSqliteStore({path}); }
    rawQuery(path, "INSERT INTO schema_migrations VALUES (999, 'future', 'x')");
    try {
        openSqliteStore({path});
        FAIL() << "a newer store must be refused";
    } catch (const StoreError& error) {
        EXPECT_NE(std::string(error.what()).find("newer"), std::string::npos);
    }
}

TEST(SqliteStore, RefusesAFileThatIsNotADatabase) {
    TempDir dir;
    std::string path = dir.file("not-a-store.sqlite");
    {
        std::FILE* file = std::fopen(path.c_str(), "w");
        std::fputs(
            "dit is geen database, maar een tekstbestand van ruim honderd tekens lang, "
            "zodat SQLite de kop leest en weigert.................................",
            file);
        std::fclose(file);
    }
    EXPECT_THROW(openSqliteStore({path}), StoreError);
}

TEST(SqliteStore, UncommittedWritesAreRolledBack) {
    TempDir dir;
    auto store = openSqliteStore({dir.file("s.sqlite")});
    {
        auto tx = store->beginWrite();
        tx->appendEvent(referenceLoaded());
        tx->upsertRegion({"AM05", "Twente", "Enschede", false, "test", "", 1});
    }
    EXPECT_FALSE(store->beginRead()->findRegion("AM05"));
}

TEST(SqliteStore, EventsMustExtendTheHeadOfTheirStream) {
    TempDir dir;
    auto store = openSqliteStore({dir.file("s.sqlite")});
    auto tx = store->beginWrite();
    Event first = event("s", 1, kGenesisHash);
    tx->appendEvent(first);
    EXPECT_THROW(tx->appendEvent(event("s", 3, first.hash)), StoreError);    // gap
    EXPECT_THROW(tx->appendEvent(event("s", 2, kGenesisHash)), StoreError);  // wrong link
    EXPECT_THROW(tx->appendEvent(event("s", 1, kGenesisHash)), StoreError);  // duplicate
    tx->appendEvent(event("s", 2, first.hash));
    tx->commit();
    EXPECT_EQ(store->beginRead()->findStreamHead("s")->sequence, 2);
}

TEST(SqliteStore, VersionsAndEventsCannotBeUpdatedOrDeletedThroughSql) {
    TempDir dir;
    std::string path = dir.file("s.sqlite");
    {
        auto store = openSqliteStore({path});
        auto tx = store->beginWrite();
        tx->appendEvent(referenceLoaded());
        tx->upsertRegion({"AM05", "Twente", "Enschede", false, "test", "", 1});
        tx->appendEvent(event("document:AM05-convenant-1", 1, kGenesisHash, "document-aangemaakt",
                              "{\"inhoudHash\":\"h\",\"regio\":\"AM05\",\"soort\":"
                              "\"samenwerkingsconvenant\",\"status\":\"concept\",\"versie\":1,"
                              "\"workflowVersie\":1}"));
        Document document;
        document.id = "AM05-convenant-1";
        document.region = "AM05";
        document.kind = "samenwerkingsconvenant";
        document.state = "concept";
        document.workflow = "samenwerkingsconvenant";
        document.latestVersion = 1;
        document.latestContentHash = "h";
        document.eventSequence = 1;
        tx->insertDocument(document);
        tx->insertVersion({"AM05-convenant-1", 1, std::nullopt, "<x/>", "h", "a", "r", "t", "m"});
        tx->commit();
    }
    EXPECT_NE(rawQuery(path, "UPDATE versions SET content = '<y/>'").find("immutable"),
              std::string::npos);
    EXPECT_NE(rawQuery(path, "DELETE FROM versions").find("never deleted"), std::string::npos);
    EXPECT_NE(rawQuery(path, "UPDATE events SET actor = 'x'").find("immutable"), std::string::npos);
    EXPECT_NE(rawQuery(path, "DELETE FROM events").find("never deleted"), std::string::npos);
    EXPECT_EQ(rawQuery(path, "SELECT content FROM versions"), "<x/>|");
}

TEST(SqliteStore, EverythingSurvivesCloseAndReopen) {
    TempDir dir;
    std::string path = dir.file("s.sqlite");
    Partner partner{"AM05", "uwv",         "UWV",
                    "uwv",  "kernpartner", {{"M. Jansen", "regiomanager", "m@uwv.example"}}};
    {
        auto store = openSqliteStore({path});
        auto tx = store->beginWrite();
        tx->appendEvent(referenceLoaded());
        tx->upsertRegion({"AM05", "Twente", "Enschede", true, "bron", "opmerking", 1});
        tx->upsertBudgetYear({2026, 827390, 648545, "bron", "2026-11-28"});
        tx->appendEvent(partnerRegistered("AM05", partner));
        partner.eventSequence = 1;
        tx->upsertPartner(partner);
        tx->commit();
    }
    auto store = openSqliteStore({path});
    auto tx = store->beginRead();
    auto region = tx->findRegion("AM05");
    ASSERT_TRUE(region);
    EXPECT_EQ(region->remark, "opmerking");
    EXPECT_TRUE(region->confirmed);
    ASSERT_EQ(tx->listBudget().size(), 1u);
    EXPECT_EQ(tx->listBudget()[0].impulsbudget, 827390);
    auto stored = tx->findPartner("AM05", "uwv");
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->representatives.size(), 1u);
    EXPECT_EQ(stored->representatives[0].email, "m@uwv.example");
    EXPECT_EQ(tx->findStreamHead("regio:AM05")->sequence, 1);
}

TEST(SqliteStore, ForeignKeysAreEnforced) {
    TempDir dir;
    auto store = openSqliteStore({dir.file("s.sqlite")});
    auto tx = store->beginWrite();
    Partner orphan{"AM99", "uwv", "UWV", "uwv", "kernpartner", {}, 1};
    tx->appendEvent(partnerRegistered("AM99", orphan));
    try {
        tx->upsertPartner(orphan);
        ADD_FAILURE() << "a partner of an unknown region was stored";
    } catch (const StoreError& failure) {
        EXPECT_NE(std::string(failure.what()).find("FOREIGN KEY"), std::string::npos)
            << failure.what();
    }
}

}  // namespace
}  // namespace beraad
