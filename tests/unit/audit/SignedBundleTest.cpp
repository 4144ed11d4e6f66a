// Signed bundles: the installation's keys, each stream's signed checkpoint
// and a signature over the manifest. verifyBundle reports apart whether the
// bundle is consistent, authentic (signed by which key, pinned or not) and
// not rewritten since a kept checkpoint, a receipt or an earlier bundle.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include "BundleSupport.h"
#include "../engine/EngineFixture.h"
#include "beraad/audit/BundleVerifier.h"
#include "beraad/base/Sha256.h"
#include "beraad/trust/KeyFolder.h"

namespace beraad::testing {
namespace {

std::string describe(const std::vector<ErrorDetail>& problems) {
    std::string text;
    for (const auto& problem : problems)
        text += problem.where + ": " + problem.message + "\n";
    return text;
}

bool says(const std::vector<ErrorDetail>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const ErrorDetail& problem) {
        return problem.message.find(text) != std::string::npos;
    });
}

std::string bundleOf(Engine& engine, const std::string& id) {
    ExportRequest request;
    request.documentId = id;
    request.format = ExportFormat::Bundel;
    request.withRenderings = false;
    std::ostringstream out;
    auto summary = engine.exportHistory(auditor(), request, out);
    EXPECT_TRUE(summary.ok()) << summary.error().describe();
    return out.str();
}

class SignedBundleTest : public SignedEngineTest {
  protected:
    void SetUp() override {
        SignedEngineTest::SetUp();
        id_ = createConvenant().id;
        edit(id_, 1, "vier keer per jaar", "zes keer per jaar");
        bundle_ = bundleOf(engine(), id_);
        files_ = unzipBundle(bundle_);
    }

    std::string stream() const { return documentStream(id_); }
    std::string checkpointPath() const {
        return "ondertekening/checkpoints/document-" + id_ + ".txt";
    }

    // A second installation that holds the same key and has a history of
    // its own for the same document id: what the key holder could make.
    std::string forgedBundle() {
        namespace fs = std::filesystem;
        TempDir other;
        fs::copy(dir().file("sleutels"), other.file("sleutels"), fs::copy_options::recursive);
        fs::permissions(other.file("sleutels"), fs::perms::owner_all, fs::perm_options::replace);
        Engine forger(openSqliteStore({other.file("beraad.sqlite")}),
                      std::make_shared<SteppingClock>());
        EXPECT_TRUE(forger.initialize().ok());
        registerTwentePartners(forger);
        auto keys = trust::KeyFolder::open(other.file("sleutels"), "beraad.test");
        EXPECT_EQ(keys->activeKey().keyId, keys_->activeKey().keyId);
        EXPECT_TRUE(forger.useSigningKeys(keys).ok());
        auto created = forger.createDocument(
            kwartiermaker(),
            {DocumentKind::Samenwerkingsconvenant, "AM05",
             replaceOnce(twenteConvenant(), "vier keer per jaar", "twaalf keer per jaar"),
             "Eerste concept uit het modelconvenant", std::nullopt});
        EXPECT_TRUE(created.ok());
        EXPECT_EQ(created->id, id_);
        auto added = forger.addVersion(
            kwartiermaker(),
            {id_, 1, replaceOnce(twenteConvenant(), "vier keer per jaar", "zes keer per jaar"),
             "bewerking"});
        EXPECT_TRUE(added.ok());
        return bundleOf(forger, id_);
    }

    std::string id_;
    std::string bundle_;
    BundleFiles files_;
};

TEST_F(SignedBundleTest, ASignedBundleIsConsistentAndAuthenticAndNamesItsSigner) {
    BundleReport report = verifyBundle(bundle_);
    EXPECT_TRUE(report.consistent()) << describe(report.problems);
    EXPECT_TRUE(report.authentic()) << describe(report.authenticityProblems);
    EXPECT_EQ(report.signerKeyId, trust::keyIdHex(keys_->activeKey().keyId));
    EXPECT_EQ(report.signerName, "beraad.test");
    // The keys and the checkpoint are listed in the manifest; its signature is not.
    std::string manifest = fileIn(files_, "manifest.sha256");
    EXPECT_NE(manifest.find("ondertekening/sleutels.txt"), std::string::npos);
    EXPECT_NE(manifest.find(checkpointPath()), std::string::npos);
    EXPECT_EQ(manifest.find("manifest.sha256.sig"), std::string::npos);
    // Pinned with its own key it is authentic too.
    BundleTrust pinned;
    pinned.pinned = {keys_->activeKey()};
    EXPECT_TRUE(verifyBundle(bundle_, pinned).authentic());
}

TEST_F(SignedBundleTest, AnotherKeyPinnedIsNotAuthentic) {
    auto other = trust::KeyFolder::open(dir().file("andere"), "beraad.test");
    BundleTrust pinned;
    pinned.pinned = {other->activeKey()};
    BundleReport report = verifyBundle(bundle_, pinned);
    EXPECT_TRUE(report.consistent());
    EXPECT_FALSE(report.authentic());
    EXPECT_TRUE(says(report.authenticityProblems, "not by a pinned key"))
        << describe(report.authenticityProblems);
}

TEST_F(SignedBundleTest, AFileChangedWithItsManifestLineRecomputedIsConsistentButNotAuthentic) {
    std::string path = "documenten/" + id_ + "/document.json";
    std::string before = sha256Hex(fileIn(files_, path));
    fileIn(files_, path) += " ";
    std::string& manifest = fileIn(files_, "manifest.sha256");
    manifest.replace(manifest.find(before), before.size(), sha256Hex(fileIn(files_, path)));
    BundleReport report = verifyBundle(zipBundle(files_));
    EXPECT_TRUE(report.consistent()) << describe(report.problems);
    EXPECT_FALSE(report.authentic());
    EXPECT_TRUE(says(report.authenticityProblems, "over another manifest"));
}

TEST_F(SignedBundleTest, ResignedWithTheForgersOwnKeyIsAuthenticOnlyToWhoDoesNotPin) {
    // The forger replaces the keys and signs the manifest again with a key of its own.
    auto forger = trust::KeyFolder::open(dir().file("vervalser"), "beraad.test");
    fileIn(files_, "ondertekening/sleutels.txt") =
        trust::formatVerifierKey(forger->activeKey()) + "\n";
    std::string text = "beraad-bundel-ondertekening-v1\nmanifest.sha256 " +
                       sha256Hex(fileIn(files_, "manifest.sha256")) + "\n";
    fileIn(files_, "ondertekening/manifest.sha256.sig") =
        trust::formatNote({text, {trust::signNote(text, "beraad.test", forger->signingKey())}});
    BundleReport unpinned = verifyBundle(zipBundle(files_));
    // Its manifest signature verifies with the key it names, but the
    // checkpoint is still the installation's: it is not authentic.
    EXPECT_FALSE(unpinned.authentic());
    EXPECT_EQ(unpinned.signerKeyId, trust::keyIdHex(forger->activeKey().keyId));
    EXPECT_TRUE(says(unpinned.authenticityProblems, "no trusted key signed"))
        << describe(unpinned.authenticityProblems);
    BundleTrust pinned;
    pinned.pinned = {keys_->activeKey()};
    EXPECT_FALSE(verifyBundle(zipBundle(files_), pinned).authentic());
}

TEST_F(SignedBundleTest, AnEditedCheckpointOrARemovedSignatureIsNotAuthentic) {
    auto edited = files_;
    std::string& note = fileIn(edited, checkpointPath());
    note.replace(note.find("\n2\n"), 3, "\n1\n");
    EXPECT_FALSE(verifyBundle(zipBundle(edited)).authentic());

    BundleFiles unsigned_;
    for (const auto& file : files_) {
        if (file.first != "ondertekening/manifest.sha256.sig") unsigned_.push_back(file);
    }
    BundleReport report = verifyBundle(zipBundle(unsigned_));
    EXPECT_TRUE(report.consistent()) << describe(report.problems);
    EXPECT_FALSE(report.signaturePresent);
    EXPECT_FALSE(report.authentic());
    EXPECT_TRUE(says(report.authenticityProblems, "not signed"));
}

TEST_F(SignedBundleTest, AKeyHoldersRewriteIsFoundByAKeptCheckpointAReceiptAndAnEarlierBundle) {
    std::string kept = engine().checkpoint(auditor(), stream()).value();
    auto receipt = engine().receipt(auditor(), stream(), 1).value();
    std::string forged = forgedBundle();

    // On its own the forged bundle is consistent and authentic: the key signed it.
    BundleReport alone = verifyBundle(forged);
    EXPECT_TRUE(alone.consistent()) << describe(alone.problems);
    EXPECT_TRUE(alone.authentic()) << describe(alone.authenticityProblems);

    BundleTrust trust;
    trust.keptCheckpoints = {kept};
    BundleReport report = verifyBundle(forged, trust);
    EXPECT_EQ(report.keptChecked, 1);
    EXPECT_TRUE(says(report.rewriteProblems, "does not extend the kept checkpoint of 2 events"))
        << describe(report.rewriteProblems);

    BundleTrust withReceipt;
    withReceipt.receipts = {receipt};
    report = verifyBundle(forged, withReceipt);
    EXPECT_TRUE(says(report.rewriteProblems, "is not the one the receipt holds"))
        << describe(report.rewriteProblems);

    BundleTrust earlier;
    earlier.earlierBundles = {bundle_};
    report = verifyBundle(forged, earlier);
    EXPECT_FALSE(report.noRewrite());
    EXPECT_TRUE(says(report.rewriteProblems, "does not extend the kept checkpoint"));

    // The honest history extends all three.
    BundleTrust all;
    all.keptCheckpoints = {kept};
    all.receipts = {receipt};
    all.earlierBundles = {bundle_};
    edit(id_, 2, "binnen vijf werkdagen", "binnen drie werkdagen");
    BundleReport honest = verifyBundle(bundleOf(engine(), id_), all);
    EXPECT_TRUE(honest.noRewrite()) << describe(honest.rewriteProblems);
    EXPECT_EQ(honest.keptChecked, 3);
}

}  // namespace
}  // namespace beraad::testing
