// Values, formatters, escaping and line breaks, in both formats.

#include <gtest/gtest.h>

#include "RenderSupport.h"

namespace beraad::testing {
namespace {

using render::TemplateFormat;

const char* kContent = R"(<?xml version="1.0" encoding="UTF-8"?>
<convenant regio="AM05">
  <titel>Samenwerkingsconvenant Twente</titel>
  <datum>2026-01-01</datum>
  <bedrag>1234567.891</bedrag>
  <budget>910129</budget>
  <aandeel>12.5</aandeel>
  <opmerking>regel een
regel twee	met tab</opmerking>
  <markup>&lt;w:p&gt; &amp; "quotes" 'single' ]]&gt; {{ titel }}</markup>
  <partij><naam>Gemeente Enschede</naam></partij>
  <partij><naam>UWV</naam></partij>
  <partij><naam>FNV Twente</naam></partij>
</convenant>)";

class RenderBasics : public ::testing::TestWithParam<TemplateFormat> {
  protected:
    std::string paragraph(const std::string& text) const {
        return plainParagraph(GetParam(), text);
    }
    std::string mainPart() const { return mainPartOf(GetParam()); }
    std::string renderText(const std::string& body, const render::RenderOptions& options = {}) {
        auto tmpl = templateWithBody(GetParam(), body);
        EXPECT_TRUE(tmpl.problems().empty()) << describe(tmpl.problems());
        auto rendered = render::render(tmpl, kContent, options);
        if (!rendered) return "ERROR\n" + rendered.error().describe();
        auto failures = packageFailures(rendered.value(), GetParam());
        EXPECT_TRUE(failures.empty()) << failures.front();
        return plainText(unzip(rendered.value()).files[mainPart()], GetParam());
    }
};

TEST_P(RenderBasics, InsertsValuesRelativeToTheRootAndAbsolute) {
    EXPECT_EQ(renderText(paragraph("{{ titel }} / {{ /convenant/@regio }}")),
              "Samenwerkingsconvenant Twente / AM05\n");
}

TEST_P(RenderBasics, FormatsTheDutchWay) {
    EXPECT_EQ(
        renderText(paragraph("{{ datum | long-date }}; {{ datum | short-date }}; "
                             "{{ bedrag | euro }}; {{ budget | whole-euro }}; "
                             "{{ aandeel | percent }}; {{ bedrag | number(1) }}; "
                             "{{ titel | upper }}; {{ partij/naam | join(\", \", \" en \") }}")),
        "1 januari 2026; 01-01-2026; € 1.234.567,89; € 910.129; 12,5%; 1.234.567,9; "
        "SAMENWERKINGSCONVENANT TWENTE; Gemeente Enschede, UWV en FNV Twente\n");
}

TEST_P(RenderBasics, EscapesMarkupAndNeverReadsTagsInValues) {
    EXPECT_EQ(renderText(paragraph("{{ markup }}")),
              "<w:p> & \"quotes\" 'single' ]]> {{ titel }}\n");
}

TEST_P(RenderBasics, TurnsNewlinesAndTabsIntoBreaks) {
    EXPECT_EQ(renderText(paragraph("[{{ opmerking }}]")), "[regel een\nregel twee\tmet tab]\n");
}

TEST_P(RenderBasics, AcceptsWordsCurlyQuotes) {
    EXPECT_EQ(
        renderText(paragraph("{{ partij[naam=“UWV”]/naam }} {{ partij/naam | join(‘ + ’) }}")),
        "UWV Gemeente Enschede + UWV + FNV Twente\n");
}

TEST_P(RenderBasics, MissingValueIsAnErrorUnlessAskedToRenderEmpty) {
    std::string body = paragraph("[{{ onbekend }}]");
    std::string failed = renderText(body);
    EXPECT_NE(failed.find("missing-value"), std::string::npos) << failed;
    EXPECT_NE(failed.find("paragraph 1, {{ onbekend }}"), std::string::npos) << failed;
    render::RenderOptions options;
    options.missingValuesAsEmpty = true;
    EXPECT_EQ(renderText(body, options), "[]\n");
}

// Plain paths are walked without libxml2's XPath engine; they must give
// what XPath gives.
TEST_P(RenderBasics, PlainPathsMeanWhatXPathMeans) {
    auto tmpl = templateWithBody(
        GetParam(), paragraph("{{ a }}|{{ a/b }}|{{ c/@k }}|{{ string(a) }}|{{ count(c) }}") +
                        paragraph("{{#each c}}{{ . }}{{ @k }};{{/each}}"));
    auto rendered =
        render::render(tmpl, "<r><a>x<b>y</b>z</a><c k=\"1\">p</c><c k=\"2\">q</c></r>");
    ASSERT_TRUE(rendered) << rendered.error().describe();
    EXPECT_EQ(plainText(unzip(rendered.value()).files[mainPart()], GetParam()),
              "xyz|y|1|xyz|2\np1;\nq2;\n");

    auto namespaced = render::render(tmpl, "<r xmlns=\"urn:x\"><a>x</a><c k=\"1\"/></r>");
    ASSERT_FALSE(namespaced);  // XPath 1.0: an unprefixed name never matches a namespaced element
    EXPECT_NE(namespaced.error().describe().find("missing-value"), std::string::npos);
}

// A template of plain paths only has its content read by the renderer's own
// reader; one more tag with XPath sends the same content through libxml2.
// Both must render the same text: values, #if (a node-set is true when it
// is not empty), #else, lists for join, nested sections, references, CDATA
// and mixed content.
TEST_P(RenderBasics, OwnReaderAndLibxml2RenderTheSame) {
    std::string body =
        paragraph("{{ a }}|{{ a/b }}|{{ c/@k }}|{{ d/e }}|{{ c | join(\"+\") }}") +
        paragraph(
            "{{#if a/b}}yes{{else}}no{{/if}}|{{#if z}}yes{{else}}no{{/if}}|"
            "{{#if c/@k}}k{{/if}}|{{#if @none}}n{{else}}-{{/if}}") +
        paragraph("{{#each c}}{{ . }}{{ @k }}{{#each i}}[{{ . }}]{{/each}};{{/each}}");
    std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- model -->\n"
        "<r><a>x<b>y&amp;&#233;</b>z<![CDATA[<w>]]></a>"
        "<c k=\"1&quot;\">p<i>1</i><i>2</i></c><c k=\"2\">q</c><d><e>caf\xC3\xA9</e></d></r>";
    auto plainOnly = render::render(templateWithBody(GetParam(), body), content);
    auto withXPath =
        render::render(templateWithBody(GetParam(), body + paragraph("{{ count(c) }}")), content);
    ASSERT_TRUE(plainOnly) << plainOnly.error().describe();
    ASSERT_TRUE(withXPath) << withXPath.error().describe();
    std::string own = plainText(unzip(plainOnly.value()).files[mainPart()], GetParam());
    std::string libxml = plainText(unzip(withXPath.value()).files[mainPart()], GetParam());
    EXPECT_EQ(own,
              "xy&\xC3\xA9z<w>|y&\xC3\xA9|1\"|caf\xC3\xA9|p12+q\nyes|no|k|-\np121\"[1][2];\nq2;\n");
    EXPECT_EQ(libxml, own + "2\n");
}

INSTANTIATE_TEST_SUITE_P(Formats, RenderBasics,
                         ::testing::Values(TemplateFormat::Docx, TemplateFormat::Odt),
                         [](const auto& info) {
                             return info.param == TemplateFormat::Docx ? "Docx" : "Odt";
                         });

}  // namespace
}  // namespace beraad::testing
