#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

#include "AuditFixture.h"
#include "BundleSupport.h"
#include "audit/ExportSupport.h"
#include "beraad/base/Sha256.h"

namespace beraad::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr parse(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Object::Ptr>();
}

TEST_F(AuditTest, JsonExportHoldsEveryVersionAndEventWithTheirHashes) {
    Document document = convenantWithVersions(3);
    auto request = documentRequest(document.id, ExportFormat::Json);
    request.withContent = true;
    auto json = parse(exported(request));

    EXPECT_EQ(json->getValue<std::string>("formaat"), "beraad-export-v1");
    auto documents = json->getArray("documenten");
    ASSERT_EQ(documents->size(), 1u);
    auto entry = documents->getObject(0);
    EXPECT_EQ(entry->getObject("document")->getValue<std::string>("id"), document.id);

    auto versions = entry->getArray("versies");
    ASSERT_EQ(versions->size(), 3u);
    for (unsigned i = 0; i < versions->size(); ++i) {
        auto version = versions->getObject(i);
        EXPECT_EQ(version->getValue<int>("nummer"), static_cast<int>(i + 1));
        EXPECT_EQ(sha256Hex(version->getValue<std::string>("inhoud")),
                  version->getValue<std::string>("inhoudHash"));
    }

    auto events = entry->getArray("gebeurtenissen");
    ASSERT_EQ(events->size(), 3u);
    std::string previous = kGenesisHash;
    for (unsigned i = 0; i < events->size(); ++i) {
        auto event = events->getObject(i);
        EXPECT_EQ(event->getValue<std::string>("vorigeHash"), previous);
        previous = event->getValue<std::string>("hash");
    }
    EXPECT_FALSE(json->has("regioGebeurtenissen"));
    EXPECT_TRUE(entry->has("besluiten"));
    EXPECT_TRUE(entry->has("ondertekeningen"));
}

TEST_F(AuditTest, JsonExportLeavesContentOutUnlessAsked) {
    Document document = convenantWithVersions(1);
    auto json = parse(exported(documentRequest(document.id, ExportFormat::Json)));
    auto version = json->getArray("documenten")->getObject(0)->getArray("versies")->getObject(0);
    EXPECT_FALSE(version->has("inhoud"));
}

TEST_F(AuditTest, CsvExportHasAHeaderAndOneQuotedRowPerEvent) {
    Document document = convenantWithVersions(2);
    std::string csv = exported(documentRequest(document.id, ExportFormat::Csv));
    auto rows = lines(csv);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0],
              "stroom,volgnummer,tijdstip,soort,actor,rol,document,versie,inhoudHash,hash,"
              "vorigeHash,gegevens\r");
    EXPECT_TRUE(rows[1].starts_with("document:" + document.id + ",1,")) << rows[1];
    EXPECT_NE(rows[2].find(",versie-toegevoegd,"), std::string::npos);
    // The payload holds commas and quotes: quoted, quotes doubled (RFC 4180).
    EXPECT_NE(rows[2].find(",\"{\"\"bericht\"\":"), std::string::npos) << rows[2];
    EXPECT_TRUE(csv.ends_with("\r\n"));
}

TEST_F(AuditTest, RegionExportHoldsEveryDocumentAndTheRegionStream) {
    convenantWithVersions(2);
    ExportRequest request;
    request.region = "AM05";
    auto json = parse(exported(request));
    EXPECT_EQ(json->getArray("documenten")->size(), 1u);
    auto regionEvents = json->getArray("regioGebeurtenissen");
    ASSERT_GT(regionEvents->size(), 0u);  // the partner registrations
    EXPECT_EQ(regionEvents->getObject(0)->getValue<std::string>("stroom"), "regio:AM05");

    request.format = ExportFormat::Csv;
    std::string csv = exported(request);
    EXPECT_NE(csv.find("\r\nregio:AM05,1,"), std::string::npos);
}

TEST_F(AuditTest, ExportIsRefusedOutsideRoleOrScopeAndWritesNothing) {
    Document document = convenantWithVersions(1);
    std::ostringstream out;
    auto asPartner = engine().exportHistory(Actor{"p", Role::Partner, "AM05", std::string("uwv")},
                                            documentRequest(document.id, ExportFormat::Json), out);
    ASSERT_FALSE(asPartner.ok());
    EXPECT_EQ(asPartner.error().code, ErrorCode::Forbidden);

    auto elsewhere =
        engine().exportHistory(Actor{"a", Role::Auditor, "AM22", std::nullopt},
                               documentRequest(document.id, ExportFormat::Bundel), out);
    ASSERT_FALSE(elsewhere.ok());
    // Another region's document answers as a missing one (no existence oracle).
    EXPECT_EQ(elsewhere.error().code, ErrorCode::NotFound);

    auto missing = engine().exportHistory(
        auditor(), documentRequest("AM05-convenant-9", ExportFormat::Csv), out);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(out.str().empty());
}

TEST(BundleSize, MoreFilesThanAZipWithoutZip64CanHoldIsRefusedBeforeWriting) {
    audit::ExportScope scope;
    scope.documents.resize(1);
    scope.totalVersions = 10000;
    EXPECT_EQ(audit::bundleFileCount(scope, true, false), 3 + 3 + 60000);
    // Signed: the keys, the manifest signature and the one stream's checkpoint.
    EXPECT_EQ(audit::bundleFileCount(scope, true, true), 3 + 3 + 60000 + 3);
    EXPECT_LE(audit::bundleFileCount(scope, true, false), audit::kMaxBundleFiles);
    scope.totalVersions = 11000;
    EXPECT_GT(audit::bundleFileCount(scope, true, false), audit::kMaxBundleFiles);
    EXPECT_LE(audit::bundleFileCount(scope, false, false), audit::kMaxBundleFiles);
}

// The export is written while versions are still being read: when the
// callback reports the first version, bytes have reached the stream already.
TEST_F(AuditTest, BundleIsWrittenToTheStreamWhileVersionsAreRead) {
    Document document = convenantWithVersions(4);
    std::ostringstream out;
    std::vector<std::streamoff> writtenAt;
    auto request = documentRequest(document.id, ExportFormat::Bundel);
    request.withRenderings = false;
    request.progress = [&](const ExportProgress& progress) {
        EXPECT_EQ(progress.total, 4);
        writtenAt.push_back(out.tellp());
    };
    auto summary = engine().exportHistory(auditor(), request, out);
    ASSERT_TRUE(summary.ok()) << summary.error().describe();
    ASSERT_EQ(writtenAt.size(), 4u);
    EXPECT_GT(writtenAt.front(), 0);
    EXPECT_LT(writtenAt.back(), out.tellp());
    EXPECT_EQ(summary->versions, 4);
    EXPECT_EQ(summary->fileName, document.id + "-export.zip");
    EXPECT_EQ(static_cast<std::int64_t>(unzipBundle(out.str()).size()), summary->files);
}

TEST_F(AuditTest, BundleHoldsContentRenderingsEventLogAndManifest) {
    Document document = convenantWithVersions(2);
    auto files = unzipBundle(exported(documentRequest(document.id, ExportFormat::Bundel)));
    std::string folder = "documenten/" + document.id + "/";
    std::vector<std::string> names;
    for (const auto& [name, bytes] : files)
        names.push_back(name);
    for (const std::string& expected :
         {std::string("bundel.json"), std::string("gebeurtenissen.jsonl"), folder + "document.json",
          folder + "versies.jsonl", folder + document.id + ".mdto.xml",
          folder + "versies/2/inhoud.xml", folder + "versies/2/inhoud.xml.mdto.xml",
          folder + "versies/2/" + document.id + "-v2.odt",
          folder + "versies/2/" + document.id + "-v2.docx.mdto.xml",
          std::string("manifest.sha256")}) {
        EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
    }
    EXPECT_EQ(names.back(), "manifest.sha256");

    // Every other file is in the manifest with its SHA-256, as sha256sum -c reads it.
    auto manifest = lines(fileIn(files, "manifest.sha256"));
    EXPECT_EQ(manifest.size(), files.size() - 1);
    for (const auto& [name, bytes] : files) {
        if (name == "manifest.sha256") continue;
        EXPECT_NE(std::find(manifest.begin(), manifest.end(), sha256Hex(bytes) + "  " + name),
                  manifest.end())
            << name;
    }

    // The version index names the template version that made each rendering.
    auto record = parse(lines(fileIn(files, folder + "versies.jsonl"))[1]);
    auto renderings = record->getArray("weergaven");
    ASSERT_EQ(renderings->size(), 2u);
    EXPECT_TRUE(
        renderings->getObject(0)->getValue<std::string>("sjabloonVersie").starts_with("sha256:"));
    EXPECT_EQ(record->getValue<std::string>("inhoudHash"),
              sha256Hex(fileIn(files, folder + "versies/2/inhoud.xml")));
}

}  // namespace
}  // namespace beraad::testing
