// Signed checkpoints against an attacker who can write the store file but not
// the key folder: a full rewrite of a stream with every hash and the head
// recomputed, removed checkpoints, removed events; receipts whose event was
// edited; a kept checkpoint that today's history no longer extends.
#include <sqlite3.h>

#include <filesystem>

#include "EngineFixture.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/trust/Receipt.h"

namespace beraad {
namespace {

using testing::auditor;
using testing::describe;
using testing::mentions;
using testing::SignedEngineTest;

class CheckpointTest : public SignedEngineTest {
  protected:
    void SetUp() override {
        SignedEngineTest::SetUp();
        id_ = createConvenant().id;
        edit(id_, 1, "J. de Vries", "J. de Vries-Bakker");
        edit(id_, 2, "vier keer per jaar", "zes keer per jaar");
        keptNote_ = engine().checkpoint(auditor(), stream()).value();
        edit(id_, 3, "binnen vijf werkdagen", "binnen drie werkdagen");
    }

    std::string stream() const { return documentStream(id_); }

    // The forger has the file and drops the triggers first.
    void sql(const std::string& script) { ASSERT_EQ(testing::tamperWithFile(path(), script), ""); }

    // Rewrites the payload of event `sequence` and recomputes that event's
    // hash, every later link and hash and the stream head, as a careful
    // forger with the documented hash recipe would.
    void rewriteChain(std::int64_t sequence, const std::string& from, const std::string& to) {
        auto events = engine().history(auditor(), id_).value();
        std::string script =
            "DROP TRIGGER IF EXISTS events_are_immutable; DROP TRIGGER IF EXISTS "
            "versions_are_immutable;";
        std::string previous = kGenesisHash;
        for (auto& event : events) {
            event.previousHash = previous;
            if (event.sequence == sequence) {
                auto at = event.payload.find(from);
                ASSERT_NE(at, std::string::npos);
                event.payload.replace(at, from.size(), to);
            }
            event.hash = computeEventHash(event);
            previous = event.hash;
            script += "UPDATE events SET payload = '" + event.payload + "', previous_hash = '" +
                      event.previousHash + "', hash = '" + event.hash + "' WHERE stream = '" +
                      stream() + "' AND sequence = " + std::to_string(event.sequence) + ";";
        }
        script +=
            "UPDATE stream_heads SET hash = '" + previous + "' WHERE stream = '" + stream() + "';";
        sql(script);
    }

    VerificationReport verify() { return engine().verifyDocument(auditor(), id_).value(); }

    std::string id_;
    std::string keptNote_;
};

TEST_F(CheckpointTest, EveryWriteIsSignedAndVerifies) {
    auto report = verify();
    EXPECT_TRUE(report.intact()) << describe(report);
    EXPECT_TRUE(report.checkpointsVerified);
    EXPECT_EQ(report.checkpointSize, report.eventsChecked);
    EXPECT_EQ(report.checkpointsChecked,
              report.eventsChecked);  // one write, one event, one checkpoint
    EXPECT_EQ(report.checkpointKey, trust::keyIdHex(keys_->activeKey().keyId));
    auto note = engine().checkpoint(auditor(), stream()).value();
    EXPECT_TRUE(trust::checkCheckpoint(note, stream(), keys_->trustedKeys()).valid());
}

TEST_F(CheckpointTest, AFullRewriteWithRecomputedHashesAndHeadIsFound) {
    // Without checkpoints this rewrite passes every chain check (the hashes
    // all hold); the signed roots no longer match.
    rewriteChain(2, "\"versie\":2", "\"versie\":2,\"x\":1");
    auto report = verify();
    EXPECT_FALSE(report.intact());
    EXPECT_TRUE(mentions(report, "event 2", "differs from the checkpoint signed by key"))
        << describe(report);
    EXPECT_EQ(report.checkpointSize, 1);
}

TEST_F(CheckpointTest, RemovedCheckpointsAndEventsAreFound) {
    sql("DELETE FROM checkpoints WHERE stream = '" + stream() + "' AND size > 2;");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "events 3-4", "no signed checkpoint covers these events"))
        << describe(report);
    sql("DROP TRIGGER IF EXISTS events_are_kept; DROP TRIGGER IF EXISTS checkpoints_are_kept;"
        "DROP TRIGGER IF EXISTS versions_are_kept;"
        "DELETE FROM checkpoints WHERE stream = '" +
        stream() + "';");
    report = verify();
    EXPECT_TRUE(mentions(report, "events 1-4", "no signed checkpoint covers")) << describe(report);
}

TEST_F(CheckpointTest, ACheckpointSignedByAnotherKeyIsNotTrusted) {
    auto other = trust::KeyFolder::open(dir().file("andere-sleutels"), "beraad.test");
    std::string forged =
        "beraad.test/" + stream() + "\n1\n" + trust::toBase64(trust::leafHash("x")) + "\n";
    std::string note =
        trust::formatNote({forged, {trust::signNote(forged, "beraad.test", other->signingKey())}});
    sql("UPDATE checkpoints SET note = '" + note + "' WHERE stream = '" + stream() +
        "' AND size = 1;");
    auto report = verify();
    EXPECT_TRUE(mentions(report, "checkpoint 1", "no trusted key signed the checkpoint"))
        << describe(report);
}

TEST_F(CheckpointTest, AReceiptProvesItsEventAndAnEditedOneFails) {
    auto receipt = engine().receipt(auditor(), stream(), 3).value();
    EXPECT_TRUE(trust::checkReceipt(receipt, keys_->trustedKeys()).empty());
    auto edited = receipt;
    edited.event.actor = "iemand anders";
    EXPECT_FALSE(trust::checkReceipt(edited, keys_->trustedKeys()).empty());
    auto recomputed = edited;  // edited and re-hashed: the proof no longer leads to the root
    recomputed.event.hash = computeEventHash(recomputed.event);
    EXPECT_FALSE(trust::checkReceipt(recomputed, keys_->trustedKeys()).empty());
    auto otherKey = trust::KeyFolder::open(dir().file("andere-sleutels"), "beraad.test");
    EXPECT_FALSE(trust::checkReceipt(receipt, otherKey->trustedKeys()).empty());
}

TEST_F(CheckpointTest, AKeptCheckpointProvesALaterRewrite) {
    auto before = engine().verifyAgainstCheckpoint(auditor(), stream(), keptNote_, {}).value();
    EXPECT_TRUE(before.intact()) << describe(before);
    rewriteChain(2, "\"versie\":2", "\"versie\":2,\"x\":1");
    auto after = engine().verifyAgainstCheckpoint(auditor(), stream(), keptNote_, {}).value();
    EXPECT_TRUE(mentions(after, "event 2", "does not extend the kept checkpoint"))
        << describe(after);
}

TEST_F(CheckpointTest, RotatedKeysStillVerifyOldCheckpoints) {
    auto old = keys_->activeKey();
    auto fresh = keys_->rotate();
    EXPECT_NE(old.keyId, fresh.keyId);
    edit(id_, 4, "binnen vijf werkdagen", "binnen twee werkdagen");
    auto report = verify();
    EXPECT_TRUE(report.intact()) << describe(report);
    EXPECT_EQ(report.checkpointKey, trust::keyIdHex(fresh.keyId));
    auto reopened = trust::KeyFolder::open(dir().file("sleutels"), "ignored");
    EXPECT_EQ(reopened->trustedKeys().size(), 2u);
    EXPECT_FALSE(std::filesystem::exists(dir().file("sleutels") + "/oud/" +
                                         trust::keyIdHex(old.keyId) + ".pem"));
}

TEST_F(CheckpointTest, ProofsVerifyAgainstTheSignedRoots) {
    auto proof = engine().inclusionProof(auditor(), stream(), 2, 4).value();
    auto root = trust::hashFromHex(proof.root).value();
    std::vector<trust::Hash> path;
    for (const auto& hash : proof.path)
        path.push_back(trust::hashFromHex(hash).value());
    EXPECT_TRUE(
        trust::verifyInclusion(1, 4, trust::hashFromHex(proof.leafHash).value(), path, root));
    auto consistency = engine().consistencyProof(auditor(), stream(), 3, 4).value();
    auto kept = trust::checkCheckpoint(keptNote_, stream(), keys_->trustedKeys());
    ASSERT_TRUE(kept.valid());
    std::vector<trust::Hash> cpath;
    for (const auto& hash : consistency.path)
        cpath.push_back(trust::hashFromHex(hash).value());
    EXPECT_TRUE(trust::verifyConsistency(kept.checkpoint->size, 4, kept.checkpoint->root,
                                         trust::hashFromHex(consistency.root).value(), cpath));
    EXPECT_FALSE(engine().inclusionProof(auditor(), stream(), 5, 4).ok());
    EXPECT_FALSE(engine().consistencyProof(auditor(), stream(), 4, 3).ok());
}

}  // namespace
}  // namespace beraad
