// The content diff, case by case from tests/diff/<case>/ (a.xml, b.xml,
// expected.txt), plus the rules no case file shows well.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "TestSupport.h"
#include "beraad/diff/Diff.h"

namespace beraad {
namespace {

namespace fs = std::filesystem;
using testing::readFile;
using testing::sourcePath;

std::vector<std::string> caseNames() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(sourcePath("tests/diff"))) {
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

class DiffCase : public ::testing::TestWithParam<std::string> {};

TEST_P(DiffCase, MatchesExpectedText) {
    fs::path folder = sourcePath("tests/diff/" + GetParam());
    auto diff = diff::compareContent(readFile(folder / "a.xml"), readFile(folder / "b.xml"));
    ASSERT_TRUE(diff) << diff.error().describe();
    std::string actual = diff::formatText(*diff);
    if (std::getenv("BERAAD_UPDATE_DIFF_CASES")) {
        std::ofstream(folder / "expected.txt", std::ios::binary) << actual;
    }
    EXPECT_EQ(readFile(folder / "expected.txt"), actual);
}

INSTANTIATE_TEST_SUITE_P(Cases, DiffCase, ::testing::ValuesIn(caseNames()), [](const auto& info) {
    std::string name = info.param;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
});

const diff::Change* find(const diff::ContentDiff& diff, const std::string& label) {
    for (const auto& change : diff.changes)
        if (change.label == label) return &change;
    return nullptr;
}

TEST(ContentDiff, AmountsAreNumbersAndIdentityIsTheSchemaKey) {
    fs::path folder = sourcePath("tests/diff/uitvoeringsagenda-bedragen");
    auto diff = diff::compareContent(readFile(folder / "a.xml"), readFile(folder / "b.xml"));
    ASSERT_TRUE(diff);
    const auto* amount = find(*diff, "actie A1 / post 2027 impulsbudget / bedrag");
    ASSERT_NE(amount, nullptr);
    EXPECT_EQ(amount->kind, diff::ChangeKind::Changed);
    EXPECT_EQ(amount->path,
              "/uitvoeringsagenda/acties/actie[@id='A1']/begroting/"
              "post[@jaar='2027'][@bron='impulsbudget']/@bedrag");
    ASSERT_TRUE(amount->oldNumber && amount->newNumber);
    EXPECT_DOUBLE_EQ(*amount->oldNumber, 300000.00);
    EXPECT_DOUBLE_EQ(*amount->newNumber, 350000.50);

    const auto* added = find(*diff, "actie A1 / post 2026 eigen-middelen");
    ASSERT_NE(added, nullptr);
    EXPECT_EQ(added->kind, diff::ChangeKind::Added);
    ASSERT_TRUE(added->newNumber);
    EXPECT_DOUBLE_EQ(*added->newNumber, 75000.00);

    const auto* removed = find(*diff, "actie A2");
    ASSERT_NE(removed, nullptr);
    EXPECT_EQ(removed->kind, diff::ChangeKind::Removed);
    EXPECT_FALSE(removed->newValue);
    EXPECT_NE(find(*diff, "actie A3"), nullptr);
}

TEST(ContentDiff, ReorderedKeyedElementsAreNotChanges) {
    auto diff = diff::compareContent(
        R"(<s><partijen><partij partner="a"><naam>A</naam></partij><partij partner="b"><naam>B</naam></partij></partijen></s>)",
        R"(<s><partijen><partij partner="b"><naam>B</naam></partij><partij partner="a"><naam>A</naam></partij></partijen></s>)");
    ASSERT_TRUE(diff);
    EXPECT_TRUE(diff->changes.empty()) << diff::formatText(*diff);
}

TEST(ContentDiff, RefusesDifferentKinds) {
    auto diff = diff::compareContent("<samenwerkingsconvenant/>", "<beleidsagenda/>");
    ASSERT_FALSE(diff);
    EXPECT_EQ(diff.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(diff.error().message.find("kinds differ"), std::string::npos);
}

TEST(ContentDiff, RefusesTextThatIsNotXml) {
    auto diff = diff::compareContent("<a/>", "<a>");
    ASSERT_FALSE(diff);
    EXPECT_EQ(diff.error().code, ErrorCode::InvalidContent);
}

}  // namespace
}  // namespace beraad
