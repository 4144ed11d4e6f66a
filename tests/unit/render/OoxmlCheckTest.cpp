// The DOCX schema check the render tests rely on must itself tell valid
// from invalid WordprocessingML: Word's ignorable extensions pass, wrong
// element order and unknown elements fail with their line.
#include <gtest/gtest.h>

#include "OoxmlCheck.h"

namespace beraad::testing {
namespace {

std::string document(const std::string& body, const std::string& extraNamespaces = "") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
           "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
           "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"" +
           extraNamespaces + " mc:Ignorable=\"w14\">\n<w:body>\n" + body +
           "\n</w:body></w:document>";
}

class OoxmlCheck : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!ooxmlSchemasAvailable()) GTEST_SKIP() << "../shared/schemas/ooxml is absent";
    }
};

TEST_F(OoxmlCheck, IgnorableExtensionsPass) {
    auto problems = validateWordPart(document(
        "<w:p w14:paraId=\"1A2B3C4D\"><w:pPr><w:pStyle w:val=\"Kop1\"/><w:jc w:val=\"left\"/>"
        "</w:pPr><w:r><w:t>tekst</w:t></w:r><w14:unknownThing/></w:p>"));
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST_F(OoxmlCheck, AlternateContentTakesTheFallback) {
    auto problems = validateWordPart(
        document("<w:p><mc:AlternateContent><mc:Choice Requires=\"w14\"><w14:x/></mc:Choice>"
                 "<mc:Fallback><w:r><w:t>terugval</w:t></w:r></mc:Fallback>"
                 "</mc:AlternateContent></w:p>"));
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST_F(OoxmlCheck, WrongChildOrderFailsWithItsLine) {
    // CT_PPr is a sequence: w:pStyle comes before w:jc.
    auto problems = validateWordPart(
        document("<w:p>\n<w:pPr><w:jc w:val=\"left\"/><w:pStyle w:val=\"Kop1\"/></w:pPr></w:p>"));
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems.front().find("line 5"), std::string::npos) << problems.front();
    EXPECT_NE(problems.front().find("pStyle"), std::string::npos) << problems.front();
}

TEST_F(OoxmlCheck, ElementsOutsideTheSchemaFail) {
    auto problems = validateWordPart(document("<w:p><w:bogus/></w:p>"));
    EXPECT_FALSE(problems.empty());
    // A namespace that is not declared ignorable is not dropped.
    problems = validateWordPart(document("<w:p><x:y xmlns:x=\"urn:example\"/></w:p>"));
    EXPECT_FALSE(problems.empty());
}

TEST_F(OoxmlCheck, NotWellFormedIsReported) {
    EXPECT_EQ(validateWordPart("<w:document"), std::vector<std::string>{"not well-formed"});
}

}  // namespace
}  // namespace beraad::testing
