#include <gtest/gtest.h>

#include <algorithm>

#include "TestSupport.h"
#include "beraad/content/Content.h"
#include "xml/Xml.h"

namespace beraad {
namespace {

using testing::readFile;
using testing::replaceOnce;
using testing::sourcePath;
using testing::twenteConvenant;

std::string example(const std::string& name) {
    return readFile(sourcePath("templates/voorbeelden/twente/" + name + ".xml"));
}

TEST(Content, ValidConvenantIsCanonicalisedAndHashed) {
    auto content = validateContent(DocumentKind::Samenwerkingsconvenant, twenteConvenant());
    ASSERT_TRUE(content.ok()) << content.error().describe();
    EXPECT_EQ(content->title, "Samenwerkingsconvenant Regionaal Beraad Twente");
    EXPECT_EQ(content->region, "AM05");
    ASSERT_TRUE(content->period);
    EXPECT_EQ(content->period->start, "2026-01-01");
    EXPECT_EQ(content->period->end, "2030-12-31");
    EXPECT_EQ(content->hash.size(), 64u);
    EXPECT_EQ(content->canonicalXml.find("<?xml"), std::string::npos);
    EXPECT_EQ(content->canonicalXml.find("\n  <"), std::string::npos) << "indentation must go";
}

TEST(Content, IndentedContentSavesBackToTheSameHash) {
    auto content = validateContent(DocumentKind::Samenwerkingsconvenant, twenteConvenant());
    ASSERT_TRUE(content.ok());
    auto indented = indentContent(content->canonicalXml);
    ASSERT_TRUE(indented.ok());
    EXPECT_NE(indented->find("\n  <titel>"), std::string::npos);
    auto again = validateContent(DocumentKind::Samenwerkingsconvenant, *indented);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->hash, content->hash);
}

TEST(Content, EveryKindHasAValidExample) {
    EXPECT_TRUE(validateContent(DocumentKind::Beleidsagenda, example("beleidsagenda")).ok());
    auto agenda = validateContent(DocumentKind::Uitvoeringsagenda, example("uitvoeringsagenda"));
    ASSERT_TRUE(agenda.ok()) << agenda.error().describe();
    EXPECT_EQ(agenda->period->end, "2027-12-31");
}

TEST(Content, PartnerReferencesAreCollectedWithTheirLines) {
    auto content = validateContent(DocumentKind::Uitvoeringsagenda, example("uitvoeringsagenda"));
    ASSERT_TRUE(content.ok());
    auto& refs = content->partnerReferences;
    ASSERT_FALSE(refs.empty());
    EXPECT_EQ(refs.front().key, "uwv");
    EXPECT_GT(refs.front().line, 1);
    EXPECT_NE(refs.front().path.find("trekker"), std::string::npos);
}

TEST(Content, HashIgnoresIndentationAttributeOrderAndComments) {
    auto original = validateContent(DocumentKind::Samenwerkingsconvenant, twenteConvenant());
    ASSERT_TRUE(original.ok());

    std::string reformatted = twenteConvenant();
    // Flatten all indentation and line breaks between elements.
    std::string flat;
    bool atLineStart = false;
    for (char c : reformatted) {
        if (c == '\n') {
            atLineStart = true;
            continue;
        }
        if (atLineStart && c == ' ') continue;
        atLineStart = false;
        flat += c;
    }
    flat = replaceOnce(flat, "<partij partner=\"uwv\" soort=\"uwv\" rol=\"kernpartner\">",
                       "<partij rol='kernpartner'   soort='uwv' partner='uwv'>");
    flat = replaceOnce(flat, "<titel>", "<!-- opmerking van de kwartiermaker --><titel>");
    auto reordered = validateContent(DocumentKind::Samenwerkingsconvenant, flat);
    ASSERT_TRUE(reordered.ok()) << reordered.error().describe();
    EXPECT_EQ(reordered->hash, original->hash);
    EXPECT_EQ(reordered->canonicalXml, original->canonicalXml);
}

TEST(Content, AnyChangeOfValueChangesTheHash) {
    auto original = validateContent(DocumentKind::Samenwerkingsconvenant, twenteConvenant());
    ASSERT_TRUE(original.ok());
    const std::pair<std::string, std::string> edits[] = {
        {"J. de Vries", "J. de Vries."},             // one character of text
        {"percentage=\"40\"", "percentage=\"41\""},  // an attribute value
        {"<regel>unanimiteit-kernpartners</regel>", "<regel>consensus</regel>"},
        {"Hengelosestraat 1", "Hengelosestraat  1"},  // whitespace inside a value
    };
    for (const auto& [from, to] : edits) {
        auto edited = validateContent(DocumentKind::Samenwerkingsconvenant,
                                      replaceOnce(twenteConvenant(), from, to));
        ASSERT_TRUE(edited.ok()) << from;
        EXPECT_NE(edited->hash, original->hash) << "edit " << from << " -> " << to;
    }
}

TEST(Content, EverySchemaErrorIsReportedWithItsLine) {
    std::string broken = replaceOnce(twenteConvenant(), "<regel>unanimiteit-kernpartners</regel>",
                                     "<regel>loting</regel>");
    broken = replaceOnce(broken, "percentage=\"20\"", "percentage=\"120\"");
    broken = replaceOnce(broken, "<ingangsdatum>2026-01-01</ingangsdatum>",
                         "<ingangsdatum>1 januari 2026</ingangsdatum>");
    auto result = validateContent(DocumentKind::Samenwerkingsconvenant, broken);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidContent);
    ASSERT_EQ(result.error().details.size(), 3u) << result.error().describe();
    for (const auto& detail : result.error().details) {
        ASSERT_TRUE(detail.line.has_value()) << detail.message;
        EXPECT_GT(*detail.line, 1);
    }
    EXPECT_NE(result.error().describe().find("loting"), std::string::npos);
}

TEST(Content, MissingRequiredElementIsNamed) {
    std::string broken = replaceOnce(
        twenteConvenant(), "<titel>Samenwerkingsconvenant Regionaal Beraad Twente</titel>", "");
    auto result = validateContent(DocumentKind::Samenwerkingsconvenant, broken);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().describe().find("titel"), std::string::npos)
        << result.error().describe();
}

TEST(Content, UnknownPartijReferenceInKostenverdelingIsRefused) {
    std::string broken =
        replaceOnce(twenteConvenant(), "<aandeel partner=\"uwv\"", "<aandeel partner=\"onbekend\"");
    auto result = validateContent(DocumentKind::Samenwerkingsconvenant, broken);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidContent);
}

TEST(Content, MalformedXmlIsRefusedWithItsLine) {
    std::string broken = replaceOnce(twenteConvenant(), "</titel>", "</titl>");
    auto result = validateContent(DocumentKind::Samenwerkingsconvenant, broken);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidContent);
    ASSERT_FALSE(result.error().details.empty());
    EXPECT_EQ(result.error().details.front().line, 3);
}

TEST(Content, EmptyAndGarbageInputAreRefused) {
    EXPECT_FALSE(validateContent(DocumentKind::Beleidsagenda, "").ok());
    EXPECT_FALSE(validateContent(DocumentKind::Beleidsagenda, "niet eens XML").ok());
    EXPECT_FALSE(validateContent(DocumentKind::Beleidsagenda, std::string("<a>\0</a>", 8)).ok());
}

TEST(Content, DoctypeAndEntityExpansionAreRefused) {
    std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
        "<beleidsagenda regio=\"AM05\"><titel>&lol2;</titel></beleidsagenda>";
    auto result = validateContent(DocumentKind::Beleidsagenda, laughs);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().describe().find("DOCTYPE"), std::string::npos);

    std::string external =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        "<beleidsagenda regio=\"AM05\"><titel>&xxe;</titel></beleidsagenda>";
    result = validateContent(DocumentKind::Beleidsagenda, external);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().describe().find("root:"), std::string::npos);
}

TEST(Content, WrongRootOrNamespaceIsRefused) {
    auto result = validateContent(DocumentKind::Beleidsagenda, twenteConvenant());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("<beleidsagenda>"), std::string::npos);
    result = validateContent(DocumentKind::Samenwerkingsconvenant,
                             replaceOnce(twenteConvenant(), "<samenwerkingsconvenant ",
                                         "<samenwerkingsconvenant xmlns=\"urn:x\" "));
    EXPECT_FALSE(result.ok());
}

TEST(Content, PeriodMustNotEndBeforeItStarts) {
    std::string broken =
        replaceOnce(example("beleidsagenda"), "<eind>2030-12-31</eind>", "<eind>2025-12-31</eind>");
    auto result = validateContent(DocumentKind::Beleidsagenda, broken);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().describe().find("before it starts"), std::string::npos);
}

TEST(Content, DuplicateActionIdsAreRefused) {
    std::string broken =
        replaceOnce(example("uitvoeringsagenda"), "<actie id=\"A2\"", "<actie id=\"A1\"");
    EXPECT_FALSE(validateContent(DocumentKind::Uitvoeringsagenda, broken).ok());
}

TEST(Content, AmountsWithMoreThanTwoDecimalsAreRefused) {
    std::string broken =
        replaceOnce(example("uitvoeringsagenda"), "bedrag=\"250000.00\"", "bedrag=\"250000.001\"");
    EXPECT_FALSE(validateContent(DocumentKind::Uitvoeringsagenda, broken).ok());
}

}  // namespace
}  // namespace beraad

namespace beraad {
namespace {

// libxml2 2.9's duplicate-attribute check is quadratic in the attributes of
// one element (40,000 took 8.6 s): content with more than the budget is
// refused before parsing, naming the line.
TEST(Content, AnElementWithTooManyAttributesIsRefusedBeforeParsing) {
    std::string attributes;
    for (std::size_t i = 0; i <= xml::kMaxAttributesPerElement; ++i)
        attributes += " a" + std::to_string(i) + "=\"x\"";
    std::string content = replaceOnce(twenteConvenant(), "<looptijd", "<looptijd" + attributes);
    auto refused = validateContent(DocumentKind::Samenwerkingsconvenant, content);
    ASSERT_FALSE(refused.ok());
    std::string text = refused.error().describe();
    EXPECT_NE(text.find("more than the 512 allowed"), std::string::npos) << text;
}

TEST(Content, TheAttributeCountSkipsQuotesCommentsAndText) {
    std::string many(2000, '=');
    EXPECT_FALSE(xml::tooManyAttributes("<a b=\"" + many + "\" c='" + many + "'>" + many + "<!-- " +
                                        many + " --><![CDATA[" + many + "]]></a>"));
    std::string crowded = "<a>\n<b";
    for (int i = 0; i < 600; ++i)
        crowded += " x" + std::to_string(i) + "='1'";
    crowded += "/></a>";
    auto problem = xml::tooManyAttributes(crowded);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->line, 2);
}

}  // namespace
}  // namespace beraad

namespace beraad {
namespace {

// The count in the message is the number of details (it was read after the
// details were moved away, and said "0 place(s)").
TEST(Content, TheMessageCountsThePlacesItNames) {
    std::string bad =
        replaceOnce(twenteConvenant(), "<looptijd>", "<onbekend/><onbekend/><looptijd>");
    auto refused = validateContent(DocumentKind::Samenwerkingsconvenant, bad);
    ASSERT_FALSE(refused.ok());
    auto count = refused.error().details.size();
    ASSERT_GE(count, 1u);
    EXPECT_NE(refused.error().message.find("in " + std::to_string(count) + " place(s)"),
              std::string::npos)
        << refused.error().message;
}

}  // namespace
}  // namespace beraad
