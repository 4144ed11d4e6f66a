// The Dutch formatters and the tag syntax, without packages.

#include <gtest/gtest.h>

#include "base/Escape.h"
#include "render/Formatters.h"
#include "render/TagSyntax.h"

namespace beraad::render {
namespace {

TEST(Formatters, Dates) {
    EXPECT_EQ(Formatters::longDate("2026-01-01"), "1 januari 2026");
    EXPECT_EQ(Formatters::longDate("2025-12-31T23:59:00Z"), "31 december 2025");
    EXPECT_EQ(Formatters::longDate("2028-02-29"), "29 februari 2028");
    EXPECT_EQ(Formatters::shortDate("2026-03-05"), "05-03-2026");
    EXPECT_FALSE(Formatters::longDate("2026-02-29"));
    EXPECT_FALSE(Formatters::longDate("2026-13-01"));
    EXPECT_FALSE(Formatters::longDate("1 januari 2026"));
    EXPECT_FALSE(Formatters::shortDate(""));
}

TEST(Formatters, AmountsAreRoundedExactlyHalfAwayFromZero) {
    EXPECT_EQ(Formatters::euro("1234567.89", false), "€ 1.234.567,89");
    EXPECT_EQ(Formatters::euro("910129", true), "€ 910.129");
    EXPECT_EQ(Formatters::euro("0.005", false), "€ 0,01");
    EXPECT_EQ(Formatters::euro("2.675", false), "€ 2,68");  // 2.675 is 2.67499.. as a double
    EXPECT_EQ(Formatters::euro("-1234.5", false), "€ -1.234,50");
    EXPECT_EQ(Formatters::euro("-0.001", false), "€ 0,00");
    EXPECT_EQ(Formatters::euro("999.995", false), "€ 1.000,00");
    EXPECT_EQ(Formatters::euro("1.5E3", false), "€ 1.500,00");
    EXPECT_FALSE(Formatters::euro("twaalf", false));
    EXPECT_FALSE(Formatters::euro("12,50", false));
}

TEST(Formatters, NumbersAndPercentages) {
    EXPECT_EQ(Formatters::number("1234.5", -1), "1.234,5");
    EXPECT_EQ(Formatters::number("1234.500", -1), "1.234,5");
    EXPECT_EQ(Formatters::number("1234", 2), "1.234,00");
    EXPECT_EQ(Formatters::number("0.35", 1), "0,4");
    EXPECT_EQ(Formatters::number("123", -1), "123");
    EXPECT_EQ(Formatters::percent("12.5", -1), "12,5%");
    EXPECT_EQ(Formatters::percent("40", 1), "40,0%");
}

TEST(Formatters, CaseAndJoin) {
    EXPECT_EQ(Formatters::upper("ijsselmeer één"), "IJSSELMEER ÉÉN");
    EXPECT_EQ(Formatters::lower("ÀÉÎ Ü"), "àéî ü");
    Value list{{"a", "b", "c"}, true};
    FormatterCall join{"join", {", ", " en "}, "join(\", \", \" en \")"};
    EXPECT_FALSE(Formatters::apply(join, list));
    EXPECT_EQ(list.first(), "a, b en c");
}

TEST(Formatters, UnknownNamesAndBadArgumentsAreReported) {
    auto unknown = Formatters::check({"bedrag", {}, "bedrag"});
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->code, "unknown-formatter");
    auto tooMany = Formatters::check({"euro", {"2"}, "euro(2)"});
    ASSERT_TRUE(tooMany);
    EXPECT_EQ(tooMany->code, "formatter-arguments");
    EXPECT_FALSE(Formatters::check({"number", {"2"}, "number(2)"}));
}

TEST(TagSyntax, FindsTagsAndUnclosedOpenings) {
    auto scan = TagSyntax::scan("a {{ x }} b {{ y c {{ z }}");
    ASSERT_EQ(scan.tags.size(), 2u);
    EXPECT_EQ(scan.tags[0].begin, 2u);
    EXPECT_EQ(scan.unclosed.size(), 1u);
    EXPECT_EQ(scan.unclosed[0], 12u);
}

TEST(TagSyntax, ReadsEveryKindOfTag) {
    std::optional<TagSyntaxError> error;
    auto value = TagSyntax::parse("{{ partij[@rol='kern'] | upper | join(\", \") }}", error);
    EXPECT_FALSE(error);
    EXPECT_EQ(value.kind, TagKind::Value);
    EXPECT_EQ(value.expression, "partij[@rol='kern']");
    ASSERT_EQ(value.formatters.size(), 2u);
    EXPECT_EQ(value.formatters[1].arguments[0], ", ");

    auto unionInParentheses = TagSyntax::parse("{{ (a | b) }}", error);
    EXPECT_EQ(unionInParentheses.expression, "(a | b)");
    EXPECT_TRUE(unionInParentheses.formatters.empty());

    EXPECT_EQ(TagSyntax::parse("{{#each partijen/partij}}", error).kind, TagKind::Each);
    EXPECT_EQ(TagSyntax::parse("{{ #if  x }}", error).expression, "x");
    EXPECT_EQ(TagSyntax::parse("{{/each}}", error).kind, TagKind::EndEach);
    EXPECT_EQ(TagSyntax::parse("{{ /if }}", error).kind, TagKind::EndIf);
    EXPECT_EQ(TagSyntax::parse("{{ /convenant/titel }}", error).kind, TagKind::Value);
    EXPECT_EQ(TagSyntax::parse("{{else}}", error).kind, TagKind::Else);
    EXPECT_FALSE(error);
}

TEST(TagSyntax, AcceptsWordsTypography) {
    std::optional<TagSyntaxError> error;
    auto tag = TagSyntax::parse("{{ partij[naam=“UWV”]/x | join(‘; ’) }}", error);
    EXPECT_FALSE(error);
    EXPECT_EQ(tag.expression, "partij[naam=\"UWV\"]/x");
    EXPECT_EQ(tag.formatters[0].arguments[0], "; ");
    EXPECT_EQ(TagSyntax::parse("{{\xC2\xA0titel\xC2\xA0}}", error).expression, "titel");
}

TEST(TagSyntax, RefusesMalformedTags) {
    std::optional<TagSyntaxError> error;
    TagSyntax::parse("{{ }}", error);
    EXPECT_EQ(error->code, "empty-tag");
    error.reset();
    TagSyntax::parse("{{#repeat x}}", error);
    EXPECT_EQ(error->code, "unknown-section");
    error.reset();
    TagSyntax::parse("{{ x | join(\", ) }}", error);
    EXPECT_EQ(error->code, "formatter-arguments");
}

TEST(Escape, FindsCharactersXmlCannotCarry) {
    EXPECT_EQ(firstForbiddenCharacter("gewoon\ttekst\r\n"), "");
    EXPECT_EQ(firstForbiddenCharacter(std::string("a\x01z", 3)), "U+0001");
    EXPECT_EQ(firstForbiddenCharacter("\xEF\xBF\xBF"), "U+FFFF");
    EXPECT_EQ(firstForbiddenCharacter("\xED\xA0\x80"), "U+D800");
    EXPECT_EQ(firstForbiddenCharacter("\xC3"), "invalid UTF-8");
    EXPECT_EQ(firstForbiddenCharacter("\xC0\xAF"), "invalid UTF-8");
    std::string out;
    appendEscapedText(out, "<a & b>");
    EXPECT_EQ(out, "&lt;a &amp; b&gt;");
}

}  // namespace
}  // namespace beraad::render
