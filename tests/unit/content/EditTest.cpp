// Content edits through forms (content/Edit.h): the fields a convenant's form
// offers, edits of text and attributes by path, text kept as text (no markup
// or entity smuggled in), refusals that change nothing, and the line of each
// edited element in the indented result.
#include <gtest/gtest.h>

#include "TestSupport.h"
#include "beraad/content/Content.h"
#include "beraad/content/Edit.h"

namespace beraad {
namespace {

const EditableField* find(const std::vector<EditableField>& fields, const std::string& label,
                          const std::string& group = "") {
    for (const auto& field : fields) {
        if (field.label == label && (group.empty() || field.group.rfind(group, 0) == 0))
            return &field;
    }
    return nullptr;
}

TEST(ContentEdit, AConvenantOffersItsArticlesAndShares) {
    auto fields = editableFields("samenwerkingsconvenant", testing::twenteConvenant());
    ASSERT_TRUE(fields.ok()) << fields.error().describe();
    const auto* lid = find(*fields, "Lid 2", "Artikel 2");
    ASSERT_NE(lid, nullptr);
    EXPECT_EQ(lid->value, "Het Regionaal Beraad vergadert ten minste vier keer per jaar.");
    EXPECT_TRUE(lid->longText);
    const auto* share = find(*fields, "Aandeel van uwv (procent)");
    ASSERT_NE(share, nullptr);
    EXPECT_EQ(share->value, "40");
    EXPECT_EQ(share->group, "Kostenverdeling");
    EXPECT_TRUE(editableFields("beleidsagenda", "<beleidsagenda/>")->empty());
}

TEST(ContentEdit, AgendasOfferTheirAmbitiesAndActies) {
    auto agenda =
        testing::readFile(testing::sourcePath("templates/voorbeelden/twente/beleidsagenda.xml"));
    auto ambities = editableFields("beleidsagenda", agenda);
    ASSERT_TRUE(ambities.ok());
    const auto* titel = find(*ambities, "Titel", "Ambitie amb-1");
    ASSERT_NE(titel, nullptr);
    EXPECT_EQ(titel->value, "Meer mensen aan het werk in krapteberoepen");

    auto acties = testing::readFile(
        testing::sourcePath("templates/voorbeelden/twente/uitvoeringsagenda.xml"));
    auto fields = editableFields("uitvoeringsagenda", acties).value();
    const auto* budget = find(fields, "Budget 2027 impulsbudget (euro)", "Actie A1");
    ASSERT_NE(budget, nullptr);
    EXPECT_EQ(budget->value, "300000.00");
    ASSERT_NE(find(fields, "Trekker (partnersleutel)", "Actie A1"), nullptr);
    ASSERT_NE(find(fields, "Streefwaarde Geplaatste deelnemers", "Actie A1"), nullptr);
    auto edited =
        editContent(acties, {{budget->path, "280000.00"},
                             {find(fields, "Eind (JJJJ-MM-DD)", "Actie A1")->path, "2027-06-30"}});
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    auto after = editableFields("uitvoeringsagenda", edited->xml).value();
    EXPECT_EQ(find(after, "Budget 2027 impulsbudget (euro)", "Actie A1")->value, "280000.00");
    EXPECT_EQ(find(after, "Eind (JJJJ-MM-DD)", "Actie A1")->value, "2027-06-30");
    EXPECT_TRUE(validateContent(DocumentKind::Uitvoeringsagenda, edited->xml).ok());
}

TEST(ContentEdit, EditsTextAndAttributesAndReportsTheirLines) {
    std::string content = testing::twenteConvenant();
    auto fields = editableFields("samenwerkingsconvenant", content).value();
    const auto* lid = find(fields, "Lid 2", "Artikel 2");
    const auto* share = find(fields, "Aandeel van uwv (procent)");
    auto edited = editContent(
        content, {{lid->path, "Zes keer per jaar <b>&amp; vaker</b>."}, {share->path, "35"}});
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    auto after = editableFields("samenwerkingsconvenant", edited->xml).value();
    EXPECT_EQ(find(after, "Lid 2", "Artikel 2")->value, "Zes keer per jaar <b>&amp; vaker</b>.")
        << "typed markup stays text";
    EXPECT_EQ(find(after, "Aandeel van uwv (procent)")->value, "35");
    ASSERT_EQ(edited->lines.size(), 2u);
    std::vector<std::string> lines{""};
    for (char c : edited->xml) {
        if (c == '\n')
            lines.emplace_back();
        else
            lines.back() += c;
    }
    ASSERT_GT(edited->lines[0], 0);
    EXPECT_NE(lines[static_cast<std::size_t>(edited->lines[0]) - 1].find("Zes keer"),
              std::string::npos);
    EXPECT_NE(lines[static_cast<std::size_t>(edited->lines[1]) - 1].find("percentage=\"35\""),
              std::string::npos);
    EXPECT_TRUE(validateContent(DocumentKind::Samenwerkingsconvenant, edited->xml).ok());
}

TEST(ContentEdit, APathThatIsNotExactlyOneEditableNodeIsRefused) {
    std::string content = testing::twenteConvenant();
    auto none =
        editContent(content, {{"/samenwerkingsconvenant/artikelen/artikel[@nummer='9']", "x"}});
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("selects 0 nodes"), std::string::npos);
    auto many = editContent(content, {{"//lid", "x"}});
    ASSERT_FALSE(many.ok());
    EXPECT_NE(many.error().message.find("must select one"), std::string::npos);
    auto parent = editContent(content, {{"/samenwerkingsconvenant/artikelen", "x"}});
    ASSERT_FALSE(parent.ok());
    EXPECT_NE(parent.error().message.find("holds other elements"), std::string::npos);
    EXPECT_FALSE(editContent(content, {{"count(//lid)", "x"}}).ok());
    EXPECT_EQ(editContent("<niet-af", {}).error().code, ErrorCode::InvalidContent);
}

}  // namespace
}  // namespace beraad
