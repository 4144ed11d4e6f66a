// Offline verification of a bundle: a clean bundle passes, and each kind of
// tampering is reported with the file and the event or version it hits.
#include <algorithm>

#include "AuditFixture.h"
#include "BundleSupport.h"
#include "beraad/base/Sha256.h"
#include "beraad/content/Content.h"

namespace beraad::testing {
namespace {

std::string describe(const BundleReport& report) {
    std::string text;
    for (const auto& problem : report.problems) {
        text += problem.where + (problem.line ? ":" + std::to_string(*problem.line) : "") + ": " +
                problem.message + "\n";
    }
    return text;
}

// Whether a problem names `where` and says something containing `says`.
bool reports(const BundleReport& report, const std::string& where, const std::string& says) {
    return std::any_of(report.problems.begin(), report.problems.end(), [&](const auto& problem) {
        return problem.where == where && problem.message.find(says) != std::string::npos;
    });
}

class BundleVerifierTest : public AuditTest {
  protected:
    void SetUp() override {
        AuditTest::SetUp();
        document_ = convenantWithVersions(3);
        auto request = documentRequest(document_.id, ExportFormat::Bundel);
        request.withRenderings = false;
        bundle_ = exported(request);
        files_ = unzipBundle(bundle_);
    }

    std::string folder() const { return "documenten/" + document_.id + "/"; }
    std::string content(int version) const {
        return folder() + "versies/" + std::to_string(version) + "/inhoud.xml";
    }
    BundleReport verifyTampered() { return verifyBundle(zipBundle(files_)); }

    Document document_;
    std::string bundle_;
    BundleFiles files_;
};

TEST_F(BundleVerifierTest, CleanBundleVerifies) {
    BundleReport report = verifyBundle(bundle_);
    EXPECT_TRUE(report.intact()) << describe(report);
    EXPECT_EQ(report.eventsChecked, 3);
    EXPECT_EQ(report.versionsChecked, 3);
    EXPECT_EQ(report.streamsChecked, 1);
    EXPECT_EQ(report.filesChecked, static_cast<std::int64_t>(files_.size()) - 1);
    // Rewritten unchanged it still verifies: the tampering below is what is found.
    EXPECT_TRUE(verifyTampered().intact());
}

// Event payloads travel as JSON objects and are canonicalised again to
// recompute the hash: text with accents, quotes, backslashes, tabs and
// characters outside the BMP must come back byte for byte.
TEST_F(BundleVerifierTest, PayloadsWithAnyTextRecomputeToTheSameHash) {
    auto current = engine().version(kwartiermaker(), document_.id, std::nullopt);
    ASSERT_TRUE(current.ok());
    std::string message = "één \"citaat\" \\ pad\tmet tab, € 1.234,56 en 🙂 </script>";
    auto added = engine().addVersion(
        kwartiermaker(),
        {document_.id, current->number,
         replaceOnce(twenteConvenant(), "binnen vijf werkdagen", "binnen één werkdag"), message});
    ASSERT_TRUE(added.ok()) << added.error().describe();
    auto request = documentRequest(document_.id, ExportFormat::Bundel);
    request.withRenderings = false;
    BundleReport report = verifyBundle(exported(request));
    EXPECT_TRUE(report.intact()) << describe(report);
    EXPECT_EQ(report.eventsChecked, 4);
}

TEST_F(BundleVerifierTest, RenderingsAndRegionBundlesVerify) {
    ExportRequest request;
    request.region = "AM05";
    request.format = ExportFormat::Bundel;
    BundleReport report = verifyBundle(exported(request));
    EXPECT_TRUE(report.intact()) << describe(report);
    EXPECT_EQ(report.streamsChecked, 2);
}

TEST_F(BundleVerifierTest, OneChangedByteOfAContentFileIsReported) {
    std::string& xml = fileIn(files_, content(2));
    xml[xml.find("werkdagen")] = 'W';
    BundleReport report = verifyTampered();
    EXPECT_TRUE(reports(report, content(2), "does not match the manifest")) << describe(report);
    EXPECT_TRUE(reports(report, content(2), "version 2: the content hashes to"))
        << describe(report);
    EXPECT_TRUE(reports(report, content(2) + ".mdto.xml", "does not match")) << describe(report);
}

TEST_F(BundleVerifierTest, AChangedByteInTheZipItselfIsReported) {
    std::string tampered = bundle_;
    auto at = tampered.find("inhoud.xml");  // the first local header's name ...
    ASSERT_NE(at, std::string::npos);
    tampered[at + 20] ^= 0x01;  // ... and a byte of its compressed data
    BundleReport report = verifyBundle(tampered);
    EXPECT_FALSE(report.intact());
}

TEST_F(BundleVerifierTest, ADroppedEventIsReported) {
    auto events = lines(fileIn(files_, "gebeurtenissen.jsonl"));
    events.erase(events.begin() + 1);
    fileIn(files_, "gebeurtenissen.jsonl") = joinLines(events);
    BundleReport report = verifyTampered();
    std::string stream = "document:" + document_.id;
    EXPECT_TRUE(reports(report, "gebeurtenissen.jsonl", "does not match the manifest"));
    EXPECT_TRUE(reports(report, "gebeurtenissen.jsonl",
                        stream + ", event 3: first broken link: expected event 2, found event 3"))
        << describe(report);
}

TEST_F(BundleVerifierTest, ADroppedLastEventIsReportedAgainstTheRecordedHead) {
    auto events = lines(fileIn(files_, "gebeurtenissen.jsonl"));
    events.pop_back();
    fileIn(files_, "gebeurtenissen.jsonl") = joinLines(events);
    BundleReport report = verifyTampered();
    EXPECT_TRUE(reports(report, "gebeurtenissen.jsonl", "records event 3")) << describe(report);
    EXPECT_TRUE(reports(report, folder() + "versies.jsonl",
                        "version 3: no event in the log records this version"))
        << describe(report);
}

TEST_F(BundleVerifierTest, TwoSwappedEventsAreReported) {
    auto events = lines(fileIn(files_, "gebeurtenissen.jsonl"));
    std::swap(events[1], events[2]);
    fileIn(files_, "gebeurtenissen.jsonl") = joinLines(events);
    BundleReport report = verifyTampered();
    EXPECT_TRUE(reports(report, "gebeurtenissen.jsonl", "expected event 2, found event 3"))
        << describe(report);
}

TEST_F(BundleVerifierTest, AnEditedContentHashInAVersionRecordIsReported) {
    std::string& index = fileIn(files_, folder() + "versies.jsonl");
    std::string original = sha256Hex(fileIn(files_, content(1)));
    index.replace(index.find(original), 64, std::string(64, 'a'));
    BundleReport report = verifyTampered();
    std::string where = folder() + "versies.jsonl";
    EXPECT_TRUE(reports(report, where, "does not match the manifest")) << describe(report);
    EXPECT_TRUE(reports(report, where, "version 1: the record says content hash aaaa"))
        << describe(report);
    EXPECT_TRUE(reports(report, content(1), "version 1: the content hashes to " + original))
        << describe(report);
}

TEST_F(BundleVerifierTest, AnEditedHashInTheManifestIsReported) {
    std::string& manifest = fileIn(files_, "manifest.sha256");
    std::string hash = sha256Hex(fileIn(files_, content(3)));
    manifest.replace(manifest.find(hash), 64, std::string(64, '0'));
    BundleReport report = verifyTampered();
    ASSERT_EQ(report.problems.size(), 1u) << describe(report);
    EXPECT_TRUE(reports(report, content(3), "does not match the manifest (0000"));
}

TEST_F(BundleVerifierTest, AnEditedEventIsReported) {
    std::string& log = fileIn(files_, "gebeurtenissen.jsonl");
    log.replace(log.find("bewerking"), 9, "BEWERKING");
    BundleReport report = verifyTampered();
    EXPECT_TRUE(reports(report, "gebeurtenissen.jsonl", "event 2: first broken link: stored hash"))
        << describe(report);
}

TEST_F(BundleVerifierTest, MissingAndUnlistedFilesAreReported) {
    auto removed = std::remove_if(files_.begin(), files_.end(),
                                  [&](const auto& file) { return file.first == content(1); });
    files_.erase(removed, files_.end());
    files_.insert(files_.begin(), {"extra.txt", "niet vermeld"});
    BundleReport report = verifyTampered();
    EXPECT_TRUE(reports(report, content(1), "missing from the bundle")) << describe(report);
    EXPECT_TRUE(reports(report, "extra.txt", "not listed in the manifest")) << describe(report);
}

// A manifest that lists one file many times (each mention once inflated and
// hashed it again: 20 lines of a 100 MB entry took 13.7 s) names the
// repetition; a version index that repeats a record does not check its
// content again.
TEST_F(BundleVerifierTest, ARepeatedManifestLineOrVersionRecordIsNamedNotRedone) {
    std::string& manifest = fileIn(files_, "manifest.sha256");
    auto first = lines(manifest).front();
    for (int i = 0; i < 20; ++i)
        manifest += first + "\n";
    std::string& versions = fileIn(files_, folder() + "versies.jsonl");
    auto records = lines(versions);
    for (int i = 0; i < 10; ++i)
        versions += records.front() + "\n";
    // Keep the manifest line of versies.jsonl true, so only the repetitions are wrong.
    std::string& text = fileIn(files_, "manifest.sha256");
    auto all = lines(text);
    for (auto& line : all) {
        if (line.ends_with(folder() + "versies.jsonl"))
            line = sha256Hex(versions) + "  " + folder() + "versies.jsonl";
    }
    text = joinLines(all);
    BundleReport report = verifyTampered();
    auto repeated =
        std::count_if(report.problems.begin(), report.problems.end(), [](const auto& p) {
            return p.message.find("is listed more than once") != std::string::npos;
        });
    EXPECT_EQ(repeated, 20) << describe(report);
    EXPECT_TRUE(reports(report, folder() + "versies.jsonl", "version 1: expected version 4"))
        << describe(report);
}

// Budgets of the verifier: a content file larger than a version may hold is
// refused before it is inflated; a rendering (only hashed) is hashed as it
// inflates, and a change in it is still found.
TEST_F(BundleVerifierTest, AContentFileOverItsBudgetIsRefusedAndARenderingIsHashedInBlocks) {
    std::string& xml = fileIn(files_, content(2));
    xml.append(kMaxContentBytes, ' ');
    std::string rendering = folder() + "versies/1/weergave.odt";
    std::string large(3 * 64 * 1024 + 17, 'r');  // several inflate blocks
    files_.emplace_back(rendering, large);
    std::string& manifest = fileIn(files_, "manifest.sha256");
    manifest += sha256Hex(large) + "  " + rendering + "\n";
    BundleReport report = verifyTampered();
    EXPECT_TRUE(reports(report, content(2), "more than the 4194304 the verifier reads of it"))
        << describe(report);
    EXPECT_FALSE(std::any_of(report.problems.begin(), report.problems.end(),
                             [&](const auto& problem) { return problem.where == rendering; }))
        << describe(report);
    fileIn(files_, rendering)[100'000] = 'x';
    EXPECT_TRUE(reports(verifyTampered(), rendering, "does not match the manifest"));
}

TEST(BundleVerifier, NotAZipIsReported) {
    BundleReport report = verifyBundle("dit is geen zip");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].where, "bundle");
}

}  // namespace
}  // namespace beraad::testing
