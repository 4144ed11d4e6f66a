// The Dutch catalogue of the engine's messages (engine/data/meldingen.txt)
// and its use at the REST boundary: every pair is well formed, every Dutch
// text is Dutch, every pattern translates a message made from it, values
// land where the Dutch text puts them, and only human-text members of a JSON
// answer change.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "TestSupport.h"
#include "beraad/base/Resources.h"
#include "beraad/present/Dutch.h"

namespace beraad::present {
namespace {

// The message the engine would write from a pattern, with «1», «2», ... as
// its values, and the Dutch text the catalogue must make of it.
std::string sample(const std::string& pattern) {
    std::string out;
    int value = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 2, "{}") == 0) {
            out += "«" + std::to_string(++value) + "»";
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string expected(const std::string& dutch) {
    std::string out;
    for (std::size_t i = 0; i < dutch.size(); ++i) {
        auto close = dutch.find('}', i);
        if (dutch[i] == '{' && close != std::string::npos) {
            out += "«" + dutch.substr(i + 1, close - i - 1) + "»";
            i = close;
        } else {
            out += dutch[i];
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words)
        out += (out.empty() ? "" : ", ") + word;
    return out;
}

TEST(Dutch, TheShippedCatalogueLoadsAndHoldsTheEnginesMessages) {
    const auto& catalogue = meldingen();
    EXPECT_GT(catalogue.size(), 250u);
    std::vector<std::string> problems;
    parseMeldingen(*resources::find("engine/data/meldingen.txt"), problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(Dutch, EveryDutchTextIsDutch) {
    for (const auto& melding : meldingen()) {
        auto words = testing::englishWords(melding.dutch);
        EXPECT_TRUE(words.empty())
            << "meldingen.txt:" << melding.line << ": " << joined(words) << ": " << melding.dutch;
    }
}

TEST(Dutch, EveryPatternTranslatesTheMessageMadeFromIt) {
    for (const auto& melding : meldingen()) {
        EXPECT_EQ(inDutch(sample(melding.english)), expected(melding.dutch))
            << "meldingen.txt:" << melding.line << ": " << melding.english;
    }
}

TEST(Dutch, ValuesMayBeReorderedAndAKnownMessageInsideOneIsTranslatedToo) {
    std::vector<std::string> problems;
    auto parsed = parseMeldingen(
        "en: begin {} lies outside the period of {} ({} to {})\n"
        "nl: de periode van {2} ({3} tot en met {4}) omvat begin {1} niet\n",
        problems);
    ASSERT_TRUE(problems.empty()) << problems.front();
    ASSERT_EQ(parsed.size(), 1u);
    EXPECT_EQ(parsed[0].dutch, "de periode van {2} ({3} tot en met {4}) omvat begin {1} niet");

    // The shipped pair "... cannot be read" inside a shipped pair with a
    // value at its end: the inner message is translated as well.
    const Melding* outer = nullptr;
    for (const auto& melding : meldingen()) {
        if (melding.english.size() > 4 && melding.english.ends_with(": {}")) {
            outer = &melding;
            break;
        }
    }
    ASSERT_NE(outer, nullptr) << "no pattern ends in ': {}'";
    std::string inner = "beleidsagenda AM05-beleidsagenda-1 cannot be read";
    std::string message = sample(outer->english.substr(0, outer->english.size() - 2)) + inner;
    std::string dutch = inDutch(message);
    EXPECT_NE(dutch.find(inDutch(inner)), std::string::npos) << dutch;
    EXPECT_NE(inDutch(inner), inner);
}

TEST(Dutch, AnUnknownMessageIsReturnedAsItIs) {
    EXPECT_EQ(inDutch("een bericht dat al Nederlands is"), "een bericht dat al Nederlands is");
    EXPECT_EQ(inDutch(""), "");
}

TEST(Dutch, AnErrorIsTranslatedWithEveryDetail) {
    auto error = makeError(ErrorCode::NotFound, "beleidsagenda AM05-beleidsagenda-9 cannot be read",
                           {{"beleidsagenda AM05-beleidsagenda-8 cannot be read", 3, "x"}});
    auto dutch = inDutch(error);
    EXPECT_EQ(dutch.code, ErrorCode::NotFound);
    EXPECT_EQ(dutch.message, inDutch(error.message));
    EXPECT_NE(dutch.message, error.message);
    ASSERT_EQ(dutch.details.size(), 1u);
    EXPECT_EQ(dutch.details[0].message, inDutch(error.details[0].message));
    EXPECT_EQ(dutch.details[0].line, 3);
    EXPECT_EQ(dutch.details[0].where, "x");
}

TEST(Dutch, MalformedPairsAreRefusedNamingTheirLine) {
    std::vector<std::string> problems;
    auto parsed = parseMeldingen(
        "# comment\n"
        "en: a {} b {}\n"
        "nl: x {1}\n"  // {2} unused
        "\n"
        "en: c {}{}\n"  // two values in a row
        "nl: y {1} {2}\n"
        "nl: stray\n"
        "en: d {}\n"
        "nl: z {3}\n"
        "something else\n"
        "en: dangling\n"
        "en: e {}\n"
        "nl: w {1}\n"
        "en: e {}\n"  // twice
        "nl: v {1}\n",
        problems);
    ASSERT_EQ(parsed.size(), 1u);
    EXPECT_EQ(parsed[0].dutch, "w {1}");
    ASSERT_EQ(problems.size(), 7u);
    EXPECT_NE(problems[0].find(":2: "), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("{2}"), std::string::npos) << problems[0];
    EXPECT_NE(problems[1].find(":5: "), std::string::npos) << problems[1];
    EXPECT_NE(problems[2].find(":7: "), std::string::npos) << problems[2];
    EXPECT_NE(problems[3].find(":8: "), std::string::npos) << problems[3];
    EXPECT_NE(problems[4].find(":10: "), std::string::npos) << problems[4];
    EXPECT_NE(problems[5].find(":11: "), std::string::npos) << problems[5];
    EXPECT_NE(problems[6].find(":14: "), std::string::npos) << problems[6];
    EXPECT_NE(problems[6].find("line 12"), std::string::npos) << problems[6];
}

TEST(Dutch, OnlyTheHumanTextMembersOfAnAnswerAreTranslated) {
    std::string english = "beleidsagenda AM05-beleidsagenda-1 cannot be read";
    std::string dutch = inDutch(english);
    ASSERT_NE(dutch, english);

    Poco::JSON::Object::Ptr guard = new Poco::JSON::Object;
    guard->set("voorwaarde", english);
    guard->set("melding", english);
    Poco::JSON::Array::Ptr guards = new Poco::JSON::Array;
    guards->add(guard);
    Poco::JSON::Array warnings;
    warnings.add(english);
    Poco::JSON::Object answer;
    answer.set("bericht", english);  // a person's own message stays as written
    answer.set("toelichting", english);
    answer.set("waarschuwingen", warnings);
    answer.set("voorwaarden", guards);

    translateHumanText(answer);
    EXPECT_EQ(answer.getValue<std::string>("bericht"), english);
    EXPECT_EQ(answer.getValue<std::string>("toelichting"), dutch);
    EXPECT_EQ(answer.get("waarschuwingen").extract<Poco::JSON::Array>().getElement<std::string>(0),
              dutch);
    auto translated = answer.getArray("voorwaarden")->getObject(0);
    EXPECT_EQ(translated->getValue<std::string>("melding"), dutch);
    EXPECT_EQ(translated->getValue<std::string>("voorwaarde"), english);
}

}  // namespace
}  // namespace beraad::present
