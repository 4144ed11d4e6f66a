// The preview of a rendered ODT in a web page (render/Preview.h): headings,
// paragraphs, lists and tables kept, spaces and breaks as written, notes and
// comments left out, every text escaped, and a real rendering of the Twente
// convenant readable in it; packages without a text body are refused.
#include <gtest/gtest.h>

#include "RenderSupport.h"
#include "TestSupport.h"
#include "beraad/render/Preview.h"
#include "beraad/store/SqliteStore.h"
#include "package/ZipWriter.h"

namespace beraad {
namespace {

std::string odtWith(const std::string& body) {
    package::ZipWriter writer;
    writer.addDeflated("mimetype", "application/vnd.oasis.opendocument.text", 0);
    writer.addDeflated("content.xml", testing::odtContent(body), 1);
    return writer.finish();
}

TEST(Preview, HeadingsParagraphsListsAndTablesBecomeHtml) {
    auto preview = render::previewOdt(odtWith(
        R"(<text:h text:outline-level="1">Artikel 1 Doel</text:h>)"
        R"(<text:p>Twee<text:s text:c="3"/>spaties,<text:tab/>tab<text:line-break/>regel)"
        R"(<text:note><text:note-body><text:p>voetnoot</text:p></text:note-body></text:note></text:p>)"
        R"(<text:p><office:annotation><text:p>commentaar</text:p></office:annotation></text:p>)"
        R"(<text:list><text:list-item><text:p>een <text:span text:style-name="T2">vet</text:span></text:p></text:list-item>)"
        R"(<text:list-item><text:p>twee</text:p></text:list-item></text:list>)"
        R"(<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Partij</text:p></table:table-cell>)"
        R"(<table:table-cell><text:p>Aandeel</text:p></table:table-cell></table:table-row></table:table-header-rows>)"
        R"(<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>uwv 40%</text:p></table:table-cell>)"
        R"(<table:covered-table-cell/></table:table-row></table:table>)"));
    ASSERT_TRUE(preview.ok()) << preview.error().describe();
    const std::string& html = preview->html;
    EXPECT_NE(html.find("<h2>Artikel 1 Doel</h2>"), std::string::npos) << html;
    EXPECT_NE(html.find("Twee   spaties,\ttab<br>regel</p>"), std::string::npos) << html;
    EXPECT_EQ(html.find("voetnoot"), std::string::npos) << "notes are not running text";
    EXPECT_EQ(html.find("commentaar"), std::string::npos) << "comments are not shown";
    EXPECT_NE(html.find("<ul>"), std::string::npos);
    EXPECT_NE(html.find("<li><p>een vet</p></li>"), std::string::npos) << html;
    EXPECT_NE(html.find("<th scope=\"col\"><p>Partij</p></th>"), std::string::npos) << html;
    EXPECT_NE(html.find("<td colspan=\"2\"><p>uwv 40%</p></td>"), std::string::npos) << html;
    EXPECT_EQ(preview->headings, 1);
    EXPECT_EQ(preview->tables, 1);
    EXPECT_EQ(html.rfind("<div class=\"voorbeeld\">", 0), 0u) << html;
}

TEST(Preview, TextThatLooksLikeMarkupStaysText) {
    auto preview = render::previewOdt(odtWith(
        R"x(<text:p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <text:a xlink:href="javascript:alert(1)">klik</text:a></text:p>)x"));
    ASSERT_TRUE(preview.ok()) << preview.error().describe();
    EXPECT_EQ(preview->html.find("<script"), std::string::npos) << preview->html;
    EXPECT_NE(preview->html.find("&lt;script&gt;"), std::string::npos) << preview->html;
    EXPECT_EQ(preview->html.find("javascript"), std::string::npos) << "a link keeps its text only";
    EXPECT_NE(preview->html.find("klik"), std::string::npos);
}

TEST(Preview, APackageWithoutTextIsRefused) {
    EXPECT_EQ(render::previewOdt("geen zip").error().code, ErrorCode::InvalidInput);
    package::ZipWriter writer;
    writer.addDeflated("styles.xml", "<x/>", 1);
    auto missing = render::previewOdt(writer.finish());
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("content.xml"), std::string::npos);
    package::ZipWriter broken;
    broken.addDeflated("content.xml", "<office:document-content", 1);
    EXPECT_FALSE(render::previewOdt(broken.finish()).ok());
}

TEST(Preview, TheRenderedTwenteConvenantReadsInIt) {
    testing::TempDir dir;
    Engine engine(openSqliteStore({dir.file("s.sqlite")}),
                  std::make_shared<testing::SteppingClock>());
    ASSERT_TRUE(engine.initialize().ok());
    testing::registerTwentePartners(engine);
    auto document = engine.createDocument(testing::kwartiermaker("AM05"),
                                          {DocumentKind::Samenwerkingsconvenant, "AM05",
                                           testing::twenteConvenant(), "concept", std::nullopt});
    ASSERT_TRUE(document.ok()) << document.error().describe();
    auto rendered =
        engine.renderVersion(testing::auditor(), document->id, 1, render::TemplateFormat::Odt);
    ASSERT_TRUE(rendered.ok()) << rendered.error().describe();
    auto preview = render::previewOdt(rendered->bytes);
    ASSERT_TRUE(preview.ok()) << preview.error().describe();
    EXPECT_GT(preview->headings, 2);
    EXPECT_NE(preview->html.find("Het Regionaal Beraad vergadert ten minste vier keer per jaar."),
              std::string::npos);
    EXPECT_NE(preview->html.find("Samenstelling en werkwijze"), std::string::npos);
}

}  // namespace
}  // namespace beraad
