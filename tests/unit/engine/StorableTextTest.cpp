// Text that cannot lie: every text the engine stores is refused when it holds
// a control character, invalid UTF-8 or a bidirectional control, with the
// field and the position named, and nothing is written. Before, a partner
// named "Gemeente\x01Enschede" was stored and made the exported MDTO record
// XML that is not well-formed.
#include <gtest/gtest.h>

#include <functional>

#include "EngineFixture.h"
#include "base/Text.h"
#include "beraad/content/Content.h"

namespace beraad::testing {
namespace {

// The characters each case tries, and what the refusal must name.
struct Bad {
    std::string text;
    std::string named;
};

const std::vector<Bad>& badTexts() {
    static const std::vector<Bad> bad = {
        {std::string("Gemeente\x01") + "Enschede", "control character U+0001"},
        {std::string("Gemeente \xe2\x80\xae") + "edehcsnE", "bidirectional control U+202E"},
        {std::string("\xe2\x81\xa6") + "Enschede\xe2\x81\xa9", "bidirectional control U+2066"},
        {"Enschede\xc2\x85", "control character U+0085"},
        {std::string("Ensch\xff") + "ede", "invalid UTF-8"},
    };
    return bad;
}

class StorableTextTest : public EngineTest {
  protected:
    std::int64_t events() {
        std::int64_t count = 0;
        auto tx = engine().store().beginRead();
        for (const auto& stream : tx->listStreams())
            tx->forEachEvent(stream, [&](const Event&) { ++count; });
        return count;
    }

    // Runs the attempt with every bad text; each must be refused naming the
    // field and the character, and leave the log as it was.
    void expectRefused(const std::string& field,
                       const std::function<Error(const std::string&)>& attempt) {
        for (const auto& bad : badTexts()) {
            std::int64_t before = events();
            Error error = attempt(bad.text);
            EXPECT_TRUE(error.code == ErrorCode::InvalidInput ||
                        error.code == ErrorCode::InvalidContent)
                << field << ": " << error.describe();
            bool named = false;
            for (const auto& detail : error.details) {
                if (detail.where.find(field) != std::string::npos &&
                    detail.message.find(bad.named) != std::string::npos)
                    named = true;
            }
            EXPECT_TRUE(named) << field << " / " << bad.named << ":\n" << error.describe();
            EXPECT_EQ(events(), before) << field << " wrote an event";
        }
    }
};

template <typename T>
Error errorOf(const Result<T>& result) {
    return result.ok() ? Error{} : result.error();
}

TEST_F(StorableTextTest, PartnerFieldsAreChecked) {
    auto partner = [](const std::string& name, const std::string& function) {
        return Partner{
            "AM05",     "gemeente-hengelo",     name,
            "gemeente", "samenwerkingspartner", {{"M. Jansen", function, "m.jansen@hengelo.nl"}}};
    };
    expectRefused("naam", [&](const std::string& bad) {
        return errorOf(engine().registerPartner(secretariaat(), partner(bad, "wethouder")));
    });
    expectRefused("vertegenwoordigers[1].functie", [&](const std::string& bad) {
        return errorOf(engine().registerPartner(secretariaat(), partner("Gemeente Hengelo", bad)));
    });
    EXPECT_TRUE(
        engine().registerPartner(secretariaat(), partner("Gemeente Hengelo", "wethouder")).ok());
}

TEST_F(StorableTextTest, MessagesReasonsAndCorrectionsAreChecked) {
    auto convenant = createConvenant();
    expectRefused("bericht", [&](const std::string& bad) {
        return errorOf(engine().addVersion(
            kwartiermaker(), {convenant.id, 1, twenteConvenant(), "Artikel 3 " + bad}));
    });
    expectRefused("reden", [&](const std::string& bad) {
        return errorOf(engine().transition(secretariaat(),
                                           {convenant.id, "naar-consultatie", std::nullopt, bad}));
    });
    expectRefused("centrumgemeente", [&](const std::string& bad) {
        return errorOf(engine().correctCentrumgemeente(beheerder(), "AM30", bad, "brief"));
    });
    expectRefused("persoon", [&](const std::string& bad) {
        return errorOf(engine().createToken(beheerder(), {bad, Role::Auditor, "AM05", {}}));
    });
    // A message may span lines; a name may not.
    EXPECT_TRUE(
        engine()
            .addVersion(kwartiermaker(),
                        {convenant.id, 1,
                         replaceOnce(twenteConvenant(), "vier keer per jaar", "zes keer per jaar"),
                         "Vergaderfrequentie:\n\tzes keer per jaar"})
            .ok());
}

TEST_F(StorableTextTest, DecisionAndSignatureFieldsAreChecked) {
    auto convenant = createConvenant();
    auto latest = engine().version(auditor(), convenant.id, std::nullopt);
    ASSERT_TRUE(latest.ok());
    auto decision = [&](const std::string& representative, const std::string& remark) {
        return DecisionRequest{convenant.id, latest->number, latest->contentHash, "uwv",
                               "akkoord",    representative, "2026-01-05",        "RB Twente",
                               "3",          remark};
    };
    expectRefused("vertegenwoordiger", [&](const std::string& bad) {
        return errorOf(engine().recordDecision(secretariaat(), decision(bad, "")));
    });
    expectRefused("opmerking", [&](const std::string& bad) {
        return errorOf(engine().recordDecision(secretariaat(), decision("M. Jansen", bad)));
    });
    expectRefused("plaats", [&](const std::string& bad) {
        return errorOf(engine().recordSignature(
            secretariaat(), {convenant.id, latest->number, latest->contentHash, "uwv", "M. Jansen",
                             "regiomanager", bad, "2026-01-05"}));
    });
}

TEST_F(StorableTextTest, ContentWithABidiControlIsRefusedWithItsLine) {
    auto convenant = createConvenant();
    // "zes" shown as "sez": the override reverses what follows it.
    std::string content = replaceOnce(twenteConvenant(), "vier keer per jaar",
                                      std::string("\xe2\x80\xae") + "zes keer per jaar");
    auto added = engine().addVersion(kwartiermaker(), {convenant.id, 1, content, "bewerking"});
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.error().code, ErrorCode::InvalidContent);
    ASSERT_EQ(added.error().details.size(), 1u);
    EXPECT_NE(added.error().details[0].message.find("U+202E"), std::string::npos);
    ASSERT_TRUE(added.error().details[0].line.has_value());
    EXPECT_GT(*added.error().details[0].line, 1);
    EXPECT_EQ(engine().document(auditor(), convenant.id)->latestVersion, 1);
}

TEST(StorableText, NamesTheCharacterAndItsPosition) {
    EXPECT_FALSE(text::problem("Gemeente Enschede"));
    EXPECT_FALSE(text::problem("Gemeente \xc3\x89nschede"));  // É passes
    EXPECT_EQ(text::problem("a\nb"), "the control character U+000A at character 2");
    EXPECT_FALSE(text::problem("a\r\n\tb", text::Lines::Allowed));
    EXPECT_EQ(text::problem("ab\x7f"), "the control character U+007F at character 3");
    EXPECT_EQ(text::problem("\xef\xbf\xbe"), "the non-character U+FFFE at character 1");
    EXPECT_EQ(text::problem("\xc0\xaf"), "invalid UTF-8 at character 1");      // overlong '/'
    EXPECT_EQ(text::problem("\xed\xa0\x80"), "invalid UTF-8 at character 1");  // surrogate
    EXPECT_TRUE(text::problem("x\xe2\x80\xaa")->starts_with("the bidirectional control U+202A"));
    EXPECT_TRUE(text::problem("x\xe2\x81\xa9")->starts_with("the bidirectional control U+2069"));
    EXPECT_FALSE(text::problem("x\xe2\x80\x8f"));  // a right-to-left mark is no override
}

// Budgets: a 20 MB title was stored (451 MB RSS) and 20 MB of invalid
// elements refused only at 717 MB. Every stored field, the content and its
// title now have a size, refused before the expensive step, naming it.
TEST_F(StorableTextTest, TextsLongerThanTheirBudgetAreRefusedNamingTheField) {
    auto convenant = createConvenant();
    std::int64_t before = events();
    auto longName = engine().registerPartner(
        secretariaat(), Partner{"AM05",
                                "gemeente-hengelo",
                                std::string(1001, 'a'),
                                "gemeente",
                                "samenwerkingspartner",
                                {{"M. Jansen", "wethouder", "m.jansen@hengelo.nl"}}});
    ASSERT_FALSE(longName.ok());
    EXPECT_NE(longName.error().describe().find("naam is 1001 characters long, more than the 1000"),
              std::string::npos)
        << longName.error().describe();
    // A message may be longer (20,000 characters), in characters, not bytes.
    std::string euros;
    for (int i = 0; i < 10'000; ++i)
        euros += "\xe2\x82\xac";  // three bytes, one character
    auto accepted = engine().addVersion(
        kwartiermaker(),
        {convenant.id, 1, replaceOnce(twenteConvenant(), "vier keer", "vijf keer"), euros});
    EXPECT_TRUE(accepted.ok()) << accepted.error().describe();
    auto longMessage = engine().addVersion(
        kwartiermaker(), {convenant.id, 2, twenteConvenant(), euros + euros + "x"});
    ASSERT_FALSE(longMessage.ok());
    EXPECT_NE(longMessage.error().describe().find("bericht is 20001 characters long"),
              std::string::npos)
        << longMessage.error().describe();
    EXPECT_EQ(events(), before + 1);
}

TEST_F(StorableTextTest, ContentOverItsBudgetIsRefusedBeforeParsing) {
    auto convenant = createConvenant();
    std::int64_t before = events();
    std::string huge =
        replaceOnce(twenteConvenant(), "vier keer per jaar", std::string(kMaxContentBytes, 'x'));
    auto refused = engine().addVersion(kwartiermaker(), {convenant.id, 1, huge, "groot"});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidContent);
    EXPECT_NE(refused.error().message.find("more than the 4194304 a version may hold"),
              std::string::npos)
        << refused.error().message;
    // A title of more than 500 characters breaks the schema.
    auto longTitle = engine().addVersion(
        kwartiermaker(),
        {convenant.id, 1,
         replaceOnce(twenteConvenant(), "<titel>", "<titel>" + std::string(500, 'T')),
         "lange titel"});
    ASSERT_FALSE(longTitle.ok());
    EXPECT_NE(longTitle.error().describe().find("titel"), std::string::npos)
        << longTitle.error().describe();
    EXPECT_EQ(events(), before);
}

// Each schema error costs memory: a document full of them lists the first
// 100 and says more follow (the count no longer grows with the input).
TEST_F(StorableTextTest, ADocumentFullOfErrorsListsAHundredAndSaysMoreFollow) {
    // Each partij with a kind the schema does not know is an error of its own.
    std::string wrong;
    for (int i = 0; i < 3000; ++i) {
        wrong += "<partij partner=\"p" + std::to_string(i) +
                 "\" soort=\"onbekend\" rol=\"kernpartner\"><naam>P</naam></partij>";
    }
    auto refused =
        validateContent(DocumentKind::Samenwerkingsconvenant,
                        replaceOnce(twenteConvenant(), "<partijen>", "<partijen>" + wrong));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().details.size(), 101u);
    EXPECT_NE(refused.error().message.find("in more than 100 place(s)"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().details.back().message.find("more problems follow"),
              std::string::npos);
}

}  // namespace
}  // namespace beraad::testing
