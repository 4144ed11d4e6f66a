// Content that tries to break rendering: markup, control characters,
// entities, a 1 MB value, 10,000 items, deep nesting.

#include <gtest/gtest.h>

#include "RenderSupport.h"

namespace beraad::testing {
namespace {

using render::TemplateFormat;

class Hostile : public ::testing::TestWithParam<TemplateFormat> {
  protected:
    std::string paragraph(const std::string& text) const {
        return plainParagraph(GetParam(), text);
    }
    std::string mainPart() const { return mainPartOf(GetParam()); }
};

TEST_P(Hostile, MarkupInValuesStaysText) {
    auto tmpl = templateWithBody(GetParam(), paragraph("{{ a }}|{{ @b }}"));
    auto rendered = render::render(
        tmpl,
        R"(<r b="&quot;/&gt;&lt;x:y a='1'&gt;"><a>&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;&amp;amp;]]&gt;&lt;!--</a></r>)");
    ASSERT_TRUE(rendered) << rendered.error().describe();
    auto failures = packageFailures(rendered.value(), GetParam());
    EXPECT_TRUE(failures.empty()) << failures.front();
    EXPECT_EQ(plainText(unzip(rendered.value()).files[mainPart()], GetParam()),
              "</w:t></w:r><w:r><w:t>&amp;]]><!--|\"/><x:y a='1'>\n");
}

TEST_P(Hostile, ControlCharactersAndEntitiesAreRefusedWithAClearError) {
    auto tmpl = templateWithBody(GetParam(), paragraph("{{ a }}"));
    auto control = render::render(tmpl, "<r><a>bel&#7;</a></r>");
    ASSERT_FALSE(control);
    EXPECT_EQ(control.error().code, ErrorCode::InvalidContent);
    ASSERT_FALSE(control.error().details.empty());
    EXPECT_NE(control.error().details[0].message.find("Char"), std::string::npos)
        << control.error().describe();

    auto entity = render::render(
        tmpl, "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r><a>&x;</a></r>");
    ASSERT_FALSE(entity);
    EXPECT_EQ(entity.error().code, ErrorCode::InvalidContent);

    auto allowed = render::render(tmpl, "<r><a>tab&#9;cr&#13;lf&#10;end</a></r>");
    ASSERT_TRUE(allowed) << allowed.error().describe();
    EXPECT_EQ(plainText(unzip(allowed.value()).files[mainPart()], GetParam()),
              "tab\tcr\nlf\nend\n");
}

TEST_P(Hostile, OneMegabyteValue) {
    std::string big;
    while (big.size() < 1024 * 1024)
        big += "Werkcentrum & <Twente> ";
    std::string escaped = big;
    for (size_t at = 0; (at = escaped.find_first_of("&<>", at)) != std::string::npos;) {
        std::string entity = escaped[at] == '&' ? "&amp;" : escaped[at] == '<' ? "&lt;" : "&gt;";
        escaped.replace(at, 1, entity);
        at += entity.size();
    }
    auto tmpl = templateWithBody(GetParam(), paragraph("{{ a }}"));
    auto rendered = render::render(tmpl, "<r><a>" + escaped + "</a></r>");
    ASSERT_TRUE(rendered) << rendered.error().describe();
    std::string text = plainText(unzip(rendered.value()).files[mainPart()], GetParam());
    EXPECT_EQ(text.size(), big.size() + 1);
    EXPECT_EQ(text.substr(0, 40), big.substr(0, 40));
    auto failures = packageFailures(rendered.value(), GetParam());
    EXPECT_TRUE(failures.empty()) << failures.front();
}

TEST_P(Hostile, TenThousandItemSection) {
    std::string content = "<r>";
    for (int i = 1; i <= 10000; ++i) {
        content +=
            "<item><n>" + std::to_string(i) + "</n><b>" + std::to_string(i * 1.5) + "</b></item>";
    }
    content += "</r>";
    std::string body =
        GetParam() == TemplateFormat::Docx
            ? "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol "
              "w:w=\"3000\"/></w:tblGrid>"
              "<w:tr><w:tc><w:p><w:r><w:t>{{#each item}}{{ n }}</w:t></w:r></w:p></w:tc>"
              "<w:tc><w:p><w:r><w:t>{{ b | euro "
              "}}{{/each}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"
            : "<table:table table:name=\"T\"><table:table-column "
              "table:number-columns-repeated=\"2\"/>"
              "<table:table-row><table:table-cell><text:p>{{#each item}}{{ n "
              "}}</text:p></table:table-cell>"
              "<table:table-cell><text:p>{{ b | euro "
              "}}{{/each}}</text:p></table:table-cell></table:table-row></table:table>";
    auto tmpl = templateWithBody(GetParam(), body);
    ASSERT_TRUE(tmpl.problems().empty()) << describe(tmpl.problems());
    auto rendered = render::render(tmpl, content);
    ASSERT_TRUE(rendered) << rendered.error().describe();
    std::string xml = unzip(rendered.value()).files[mainPart()];
    std::string row = GetParam() == TemplateFormat::Docx ? "<w:tr>" : "<table:table-row>";
    size_t rows = 0;
    for (size_t at = 0; (at = xml.find(row, at)) != std::string::npos; at += row.size())
        ++rows;
    EXPECT_EQ(rows, 10000u);
    EXPECT_NE(xml.find("€ 15.000,00"), std::string::npos);
    auto failures = packageFailures(rendered.value(), GetParam(), false);
    EXPECT_TRUE(failures.empty()) << failures.front();
    // The same template over three items, checked against the schema too.
    auto small = render::render(tmpl,
                                "<r><item><n>1</n><b>2</b></item><item><n>2</n><b>3</b></item>"
                                "<item><n>3</n><b>4</b></item></r>");
    ASSERT_TRUE(small);
    failures = packageFailures(small.value(), GetParam());
    EXPECT_TRUE(failures.empty()) << failures.front();
}

TEST_P(Hostile, DeepNesting) {
    // Sections nested 30 deep in the template, over content 30 deep.
    std::string body, content = "<r>";
    for (int i = 0; i < 30; ++i) {
        body += paragraph("{{#each n}}");
        content += "<n><v>" + std::to_string(i) + "</v>";
    }
    body += paragraph("{{ v }} of {{ count(ancestor::n) }}");
    for (int i = 0; i < 30; ++i) {
        body += paragraph("{{/each}}");
        content += "</n>";
    }
    content += "</r>";
    auto tmpl = templateWithBody(GetParam(), body);
    ASSERT_TRUE(tmpl.problems().empty()) << describe(tmpl.problems());
    auto rendered = render::render(tmpl, content);
    ASSERT_TRUE(rendered) << rendered.error().describe();
    EXPECT_EQ(plainText(unzip(rendered.value()).files[mainPart()], GetParam()), "29 of 29\n");

    // Content nested beyond what the parser accepts is refused, not crashed on.
    std::string deep = "<r>";
    for (int i = 0; i < 100000; ++i)
        deep += "<n>";
    auto refused = render::render(tmpl, deep);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidContent);
}

INSTANTIATE_TEST_SUITE_P(Formats, Hostile,
                         ::testing::Values(TemplateFormat::Docx, TemplateFormat::Odt),
                         [](const auto& info) {
                             return info.param == TemplateFormat::Docx ? "Docx" : "Odt";
                         });

}  // namespace
}  // namespace beraad::testing
