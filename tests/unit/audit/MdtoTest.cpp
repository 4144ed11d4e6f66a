// MDTO records validate against MDTO-XML 1.0.1 (../shared/schemas/mdto).
#include "AuditFixture.h"
#include "BundleSupport.h"
#include "audit/Mdto.h"

namespace beraad::testing {
namespace {

#define REQUIRE_MDTO_SCHEMA()                                                             \
    if (!mdtoSchemaAvailable()) {                                                         \
        GTEST_SKIP() << "../shared/schemas/mdto is absent: MDTO output is not validated " \
                        "against MDTO-XML 1.0.1";                                         \
    }

std::string joined(const std::vector<std::string>& problems) {
    std::string text;
    for (const auto& problem : problems)
        text += problem + "\n";
    return text;
}

TEST(Mdto, InformatieobjectWithVaststellingOndertekeningAndPartnersValidates) {
    REQUIRE_MDTO_SCHEMA();
    Document document;
    document.id = "AM05-convenant-1";
    document.kind = "samenwerkingsconvenant";
    document.title = "Samenwerkingsconvenant Regionaal Beraad Twente & <partners>";
    document.state = "ondertekend";
    document.latestVersion = 4;
    document.createdAt = "2026-01-05T09:00:00Z";
    document.createdBy = "Kwartiermaker Twente";
    Region region{"AM05", "Twente", "Enschede", false, "CBS", ""};
    std::vector<Partner> partners{
        {"AM05", "uwv", "UWV", "uwv", "kernpartner", {}},
        {"AM05", "provincie", "Provincie Overijssel", "provincie", "strategisch-partner", {}}};
    std::vector<TransitionRecord> transitions{
        {1, document.id, "vaststellen", "ter-besluitvorming", "vastgesteld", 4,
         std::string(64, 'a'), 1, "", "Secretariaat", "secretariaat", "2026-03-01T10:00:00Z"}};
    std::vector<SignatureRecord> signatures{{1, document.id, 4, std::string(64, 'a'), "uwv",
                                             "J. Jansen", "directeur", "Enschede", "2026-03-10",
                                             "Secretariaat", "2026-03-10T12:00:00Z"}};
    std::string xml =
        audit::mdtoInformatieobject({document, region, partners, transitions, signatures});
    EXPECT_TRUE(validateMdto(xml).empty()) << joined(validateMdto(xml)) << xml;
    EXPECT_NE(xml.find("<begripLabel>Vaststelling</begripLabel>"), std::string::npos);
    EXPECT_NE(xml.find("<begripLabel>Ondertekening</begripLabel>"), std::string::npos);
    EXPECT_NE(xml.find("<verwijzingNaam>J. Jansen namens UWV</verwijzingNaam>"), std::string::npos);
    EXPECT_NE(xml.find("<betrokkeneActor>"), std::string::npos);
    EXPECT_NE(xml.find("&amp; &lt;partners&gt;"), std::string::npos);
}

TEST(Mdto, BestandWithChecksumValidates) {
    REQUIRE_MDTO_SCHEMA();
    Document document;
    document.id = "AM05-convenant-1";
    document.title = "Convenant";
    std::string xml =
        audit::mdtoBestand({"documenten/AM05-convenant-1/versies/1/inhoud.xml", "inhoud.xml", 1234,
                            "application/xml", std::string(64, 'b')},
                           document, "2026-04-01T08:00:00Z");
    EXPECT_TRUE(validateMdto(xml).empty()) << joined(validateMdto(xml)) << xml;
}

TEST_F(AuditTest, EveryMdtoFileOfARealBundleValidates) {
    REQUIRE_MDTO_SCHEMA();
    Document document = convenantWithVersions(2);
    auto files = unzipBundle(exported(documentRequest(document.id, ExportFormat::Bundel)));
    int checked = 0;
    for (const auto& [name, bytes] : files) {
        if (!name.ends_with(".mdto.xml")) continue;
        ++checked;
        auto problems = validateMdto(bytes);
        EXPECT_TRUE(problems.empty()) << name << "\n" << joined(problems);
    }
    EXPECT_EQ(checked, 1 + 2 * 3);  // the document; per version its content, ODT and DOCX
}

}  // namespace
}  // namespace beraad::testing
