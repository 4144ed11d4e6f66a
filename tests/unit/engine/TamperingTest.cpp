// Every guarantee of the history is attacked directly in the SQLite file, the
// way someone with access to the file (but not to Beraad) would: triggers are
// dropped first, then rows are changed, deleted or reordered.
#include <sqlite3.h>

#include "EngineFixture.h"

namespace beraad {
namespace {

using testing::auditor;
using testing::describe;
using testing::EngineTest;
using testing::mentions;

class TamperingTest : public EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        id_ = createConvenant().id;
        edit(id_, 1, "J. de Vries", "J. de Vries-Bakker");
        edit(id_, 2, "vier keer per jaar", "zes keer per jaar");
        edit(id_, 3, "binnen vijf werkdagen", "binnen drie werkdagen");
        ASSERT_TRUE(verify().intact());
    }

    void tamper(const std::string& sql) { ASSERT_EQ(testing::tamperWithFile(path(), sql), ""); }

    VerificationReport verify() {
        auto report = engine().verifyDocument(auditor(), id_);
        EXPECT_TRUE(report.ok());
        return report.value();
    }

    std::string stream() const { return "'document:" + id_ + "'"; }
    std::string id_;
};

TEST_F(TamperingTest, ChangedEventPayloadIsFound) {
    tamper(
        "UPDATE events SET payload = replace(payload, 'bewerking', 'andere tekst') "
        "WHERE stream = " +
        stream() + " AND sequence = 3");
    auto report = verify();
    EXPECT_FALSE(report.intact());
    EXPECT_TRUE(mentions(report, "event 3", "changed")) << describe(report);
}

TEST_F(TamperingTest, ChangedActorWithRecomputedHashIsFoundAtTheNextLink) {
    // The forger rewrites event 2 and stores a matching hash for it.
    auto history = engine().history(auditor(), id_).value();
    Event forged = history[1];
    forged.actor = "Iemand Anders";
    forged.hash = computeEventHash(forged);
    tamper("UPDATE events SET actor = 'Iemand Anders', hash = '" + forged.hash +
           "' WHERE stream = " + stream() + " AND sequence = 2");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "event 3", "previous hash")) << describe(report);
}

TEST_F(TamperingTest, DeletedEventInTheMiddleIsFound) {
    tamper("DELETE FROM events WHERE stream = " + stream() + " AND sequence = 2");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "event 3", "missing or out of order")) << describe(report);
}

TEST_F(TamperingTest, DeletedLastEventIsFound) {
    tamper("DELETE FROM events WHERE stream = " + stream() + " AND sequence = 4");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "event 4", "removed from the end")) << describe(report);
    EXPECT_TRUE(mentions(report, "version 4", "no event")) << describe(report);
}

TEST_F(TamperingTest, DeletedLastEventWithRewrittenHeadIsStillFound) {
    auto history = engine().history(auditor(), id_).value();
    tamper("DELETE FROM events WHERE stream = " + stream() +
           " AND sequence = 4;"
           "UPDATE stream_heads SET sequence = 3, hash = '" +
           history[2].hash + "' WHERE stream = " + stream());
    auto report = verify();
    EXPECT_TRUE(mentions(report, "version 4", "no event in the log")) << describe(report);
}

TEST_F(TamperingTest, ReorderedEventsAreFound) {
    tamper("UPDATE events SET sequence = 1000 WHERE stream = " + stream() +
           " AND sequence = 2;"
           "UPDATE events SET sequence = 2 WHERE stream = " +
           stream() +
           " AND sequence = 3;"
           "UPDATE events SET sequence = 3 WHERE stream = " +
           stream() + " AND sequence = 1000;");
    auto report = verify();
    EXPECT_FALSE(report.intact());
    EXPECT_TRUE(mentions(report, "event 2", "")) << describe(report);
}

TEST_F(TamperingTest, ChangedVersionContentIsFound) {
    tamper(
        "UPDATE versions SET content = replace(content, 'zes keer', 'twee keer') "
        "WHERE document_id = '" +
        id_ + "' AND number = 3");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "version 3", "does not match its content hash"))
        << describe(report);
}

TEST_F(TamperingTest, ChangedContentWithMatchingHashIsFoundAgainstTheLog) {
    tamper(
        "UPDATE versions SET content = '<x/>', content_hash = "
        "'0c6b2b5d8e0f9fb6ad0f0aa13a42eb4e4e3c8c2c77a1fdb9b8e1bff1fed1dbd0' "
        "WHERE document_id = '" +
        id_ + "' AND number = 2");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "version 2", "the log records content hash")) << describe(report);
}

TEST_F(TamperingTest, DeletedVersionIsFound) {
    tamper("PRAGMA foreign_keys = OFF; DELETE FROM versions WHERE document_id = '" + id_ +
           "' AND number = 4");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "version 4", "missing from the store")) << describe(report);
}

TEST_F(TamperingTest, ChangedProjectionIsFound) {
    tamper("UPDATE documents SET latest_version = 2 WHERE id = '" + id_ + "'");
    auto report = verify();
    EXPECT_TRUE(mentions(report, id_, "latest version is 2")) << describe(report);
}

TEST_F(TamperingTest, VerifyAllFindsTamperingInARegionStream) {
    tamper("UPDATE events SET actor = 'x' WHERE stream = 'regio:AM05' AND sequence = 1");
    auto reports = engine().verifyAll(auditor());
    ASSERT_TRUE(reports.ok());
    bool found = false;
    for (const auto& report : *reports) {
        if (report.stream == "regio:AM05") found = !report.intact();
        if (report.stream == "document:" + id_) {
            EXPECT_TRUE(report.intact());
        }
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace beraad
