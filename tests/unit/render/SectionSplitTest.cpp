// Sections whose tags share a paragraph with other content, so compiling
// the template cuts that paragraph in two, and then cuts a copy again.
// Regression: the second cut read a namespace freed with the first
// paragraph (use-after-free in SectionLayout::markBoundary; run these under
// valgrind or the sanitizer build).

#include <gtest/gtest.h>

#include "RenderSupport.h"

namespace beraad::testing {
namespace {

using render::TemplateFormat;

const char* kContent = R"(<?xml version="1.0" encoding="UTF-8"?>
<convenant>
  <partij><naam>Gemeente Enschede</naam></partij>
  <partij><naam>UWV</naam></partij>
</convenant>)";

std::string renderPlain(TemplateFormat format, const std::string& body) {
    auto tmpl = templateWithBody(format, body);
    EXPECT_TRUE(tmpl.problems().empty()) << describe(tmpl.problems());
    auto rendered = render::render(tmpl, kContent);
    if (!rendered) return "ERROR\n" + rendered.error().describe();
    auto failures = packageFailures(rendered.value(), format);
    EXPECT_TRUE(failures.empty()) << failures.front();
    auto package = unzip(rendered.value());
    const char* part = format == TemplateFormat::Docx ? "word/document.xml" : "content.xml";
    return plainText(package.files[part], format);
}

std::string wp(const std::string& runs) {
    return "<w:p><w:pPr><w:pStyle w:val=\"Standard\"/></w:pPr>" + runs + "</w:p>";
}
std::string wr(const std::string& text) {
    return "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}
const char* kPageBreak = "<w:r><w:br w:type=\"page\"/></w:r>";

// LibreOffice writes a page break before the next paragraph as a break run
// at the end of the paragraph before, here the one closing the section.
TEST(SectionSplit, DocxCloseTagFollowedByPageBreakInTheSameParagraph) {
    std::string body = wp(wr("{{#each partij}}")) + wp(wr("{{ naam }}")) +
                       wp(wr("{{/each}}") + kPageBreak) + wp(wr("Na"));
    // The break run stays behind the section in what is left of its paragraph
    // (plainText writes a w:br as "\n").
    EXPECT_EQ(renderPlain(TemplateFormat::Docx, body), "Gemeente Enschede\nUWV\n\n\nNa\n");
}

TEST(SectionSplit, DocxOpenTagAfterPageBreakAndCloseTagBeforeOne) {
    std::string body = wp(wr("Voor") + kPageBreak + wr("{{#each partij}}")) + wp(wr("{{ naam }}")) +
                       wp(wr("{{/each}}") + kPageBreak) + wp(wr("Na"));
    EXPECT_EQ(renderPlain(TemplateFormat::Docx, body), "Voor\n\nGemeente Enschede\nUWV\n\n\nNa\n");
}

TEST(SectionSplit, DocxInlineSectionsTwiceInOneParagraph) {
    std::string body =
        wp(wr("A {{#each partij}}") + wr("{{ naam }}") + wr(";{{/each}} B {{#each partij}}") +
           wr("[{{ naam }}]") + wr("{{/each}} C"));
    EXPECT_EQ(renderPlain(TemplateFormat::Docx, body),
              "A Gemeente Enschede;UWV; B [Gemeente Enschede][UWV] C\n");
}

TEST(SectionSplit, DocxInlineSectionsInTwoParagraphs) {
    std::string body = wp(wr("A {{#each partij}}{{ naam }};{{/each}} B")) +
                       wp(wr("C {{#each partij}}[{{ naam }}]{{/each}} D"));
    EXPECT_EQ(renderPlain(TemplateFormat::Docx, body),
              "A Gemeente Enschede;UWV; B\nC [Gemeente Enschede][UWV] D\n");
}

TEST(SectionSplit, DocxSectionTagsSharingParagraphsWithTextAcrossParagraphs) {
    std::string body = wp(wr("Voor {{#each partij}}")) + wp(wr("{{ naam }}")) +
                       wp(wr("{{/each}} na") + kPageBreak) + wp(wr("Einde"));
    std::string text = renderPlain(TemplateFormat::Docx, body);
    EXPECT_NE(text.find("Gemeente Enschede"), std::string::npos) << text;
    EXPECT_NE(text.find("Einde"), std::string::npos) << text;
}

// The split paragraph declares its namespace itself: the runs moved into
// the right half must not keep pointing at the left half's declaration,
// which is freed with it.
TEST(SectionSplit, DocxSplitParagraphWithItsOwnNamespaceDeclaration) {
    std::string body =
        wp(wr("{{#each partij}}")) + wp(wr("{{ naam }}")) +
        "<w:p xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:pPr><w:pStyle w:val=\"Standard\"/></w:pPr>" +
        wr("{{/each}}") + kPageBreak + "</w:p>" + wp(wr("Na"));
    EXPECT_EQ(renderPlain(TemplateFormat::Docx, body), "Gemeente Enschede\nUWV\n\n\nNa\n");
}

std::string tp(const std::string& inner) {
    return "<text:p text:style-name=\"Standard\">" + inner + "</text:p>";
}

TEST(SectionSplit, OdtCloseTagFollowedByOtherContentInTheSameParagraph) {
    std::string body = tp("{{#each partij}}") + tp("{{ naam }}") +
                       tp("{{/each}}<text:span text:style-name=\"T1\">x</text:span>") + tp("Na");
    std::string text = renderPlain(TemplateFormat::Odt, body);
    EXPECT_NE(text.find("UWV"), std::string::npos) << text;
    EXPECT_NE(text.find("Na"), std::string::npos) << text;
}

TEST(SectionSplit, OdtInlineSectionsTwice) {
    std::string body = tp("A <text:span text:style-name=\"T1\">{{#each partij}}{{ naam }};"
                          "{{/each}}</text:span> B {{#each partij}}[{{ naam }}]{{/each}} C") +
                       tp("D {{#each partij}}<text:span text:style-name=\"T2\">{{ naam }}"
                          "</text:span>{{/each}} E");
    EXPECT_EQ(renderPlain(TemplateFormat::Odt, body),
              "A Gemeente Enschede;UWV; B [Gemeente Enschede][UWV] C\n"
              "D Gemeente EnschedeUWV E\n");
}

}  // namespace
}  // namespace beraad::testing
