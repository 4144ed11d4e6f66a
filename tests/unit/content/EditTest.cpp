// Content edits through forms (content/Edit.h): the fields a convenant's form
// offers, edits of text and attributes by path, text kept as text (no markup
// or entity smuggled in), refusals that change nothing, and the line of each
// edited element in the indented result.
#include <gtest/gtest.h>

#include <algorithm>

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

Result<std::vector<EditableField>> fieldsOf(std::string_view kind, std::string_view xml) {
    auto form = contentForm(kind, xml);
    if (!form) return form.error();
    return form->fields;
}

const NewPart* partOf(const ContentForm& form, const std::string& label) {
    for (const auto& part : form.parts) {
        if (part.label == label) return &part;
    }
    return nullptr;
}

std::string textOf(const std::vector<EditableField>& fields, const std::string& label,
                   const std::string& group) {
    const auto* field = find(fields, label, group);
    return field ? field->value : "(no " + group + " " + label + ")";
}

TEST(ContentEdit, AConvenantOffersItsArticlesAndShares) {
    auto fields = fieldsOf("samenwerkingsconvenant", testing::twenteConvenant());
    ASSERT_TRUE(fields.ok()) << fields.error().describe();
    const auto* lid = find(*fields, "Lid 2", "Artikel 2");
    ASSERT_NE(lid, nullptr);
    EXPECT_EQ(lid->value, "Het Regionaal Beraad vergadert ten minste vier keer per jaar.");
    EXPECT_EQ(lid->kind, EditableField::Kind::LongText);
    const auto* share = find(*fields, "Aandeel van uwv (procent)");
    ASSERT_NE(share, nullptr);
    EXPECT_EQ(share->value, "40");
    EXPECT_EQ(share->group, "Kostenverdeling");
    EXPECT_TRUE(fieldsOf("beleidsagenda", "<beleidsagenda/>")->empty());
}

TEST(ContentEdit, AgendasOfferTheirAmbitiesAndActies) {
    auto agenda =
        testing::readFile(testing::sourcePath("templates/voorbeelden/twente/beleidsagenda.xml"));
    auto ambities = fieldsOf("beleidsagenda", agenda);
    ASSERT_TRUE(ambities.ok());
    const auto* titel = find(*ambities, "Titel", "Ambitie amb-1");
    ASSERT_NE(titel, nullptr);
    EXPECT_EQ(titel->value, "Meer mensen aan het werk in krapteberoepen");

    auto acties = testing::readFile(
        testing::sourcePath("templates/voorbeelden/twente/uitvoeringsagenda.xml"));
    auto fields = fieldsOf("uitvoeringsagenda", acties).value();
    const auto* budget = find(fields, "Budget 2027 impulsbudget (euro)", "Actie A1");
    ASSERT_NE(budget, nullptr);
    EXPECT_EQ(budget->value, "300000.00");
    ASSERT_NE(find(fields, "Trekker (partnersleutel)", "Actie A1"), nullptr);
    ASSERT_NE(find(fields, "Streefwaarde Geplaatste deelnemers", "Actie A1"), nullptr);
    auto edited =
        editContent(acties, {{budget->path, "280000.00"},
                             {find(fields, "Eind (JJJJ-MM-DD)", "Actie A1")->path, "2027-06-30"}});
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    auto after = fieldsOf("uitvoeringsagenda", edited->xml).value();
    EXPECT_EQ(find(after, "Budget 2027 impulsbudget (euro)", "Actie A1")->value, "280000.00");
    EXPECT_EQ(find(after, "Eind (JJJJ-MM-DD)", "Actie A1")->value, "2027-06-30");
    EXPECT_TRUE(validateContent(DocumentKind::Uitvoeringsagenda, edited->xml).ok());
}

TEST(ContentEdit, EditsTextAndAttributesAndReportsTheirLines) {
    std::string content = testing::twenteConvenant();
    auto fields = fieldsOf("samenwerkingsconvenant", content).value();
    const auto* lid = find(fields, "Lid 2", "Artikel 2");
    const auto* share = find(fields, "Aandeel van uwv (procent)");
    auto edited = editContent(
        content, {{lid->path, "Zes keer per jaar <b>&amp; vaker</b>."}, {share->path, "35"}});
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    auto after = fieldsOf("samenwerkingsconvenant", edited->xml).value();
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

TEST(ContentEdit, AConvenantOffersItsPartijenWithTheSchemasChoices) {
    auto form = contentForm("samenwerkingsconvenant", testing::twenteConvenant()).value();
    const auto* soort = find(form.fields, "Soort", "Partij uwv");
    ASSERT_NE(soort, nullptr);
    EXPECT_EQ(soort->kind, EditableField::Kind::Choice);
    EXPECT_EQ(soort->value, "uwv");
    EXPECT_NE(std::find(soort->choices.begin(), soort->choices.end(), "sociaal-ontwikkelbedrijf"),
              soort->choices.end())
        << "the choices are the schema's enumeration";
    EXPECT_EQ(textOf(form.fields, "Vertegenwoordiger 1: naam", "Partij uwv").empty(), false);
    const auto* remove = find(form.fields, "Partij uwv verwijderen");
    ASSERT_NE(remove, nullptr);
    EXPECT_EQ(remove->kind, EditableField::Kind::Remove);
    ASSERT_NE(partOf(form, "Nieuwe partij"), nullptr);
    ASSERT_NE(partOf(form, "Nieuw lid in artikel 2"), nullptr);
    ASSERT_NE(partOf(form, "Nieuw artikel"), nullptr);
    ASSERT_NE(partOf(form, "Nieuw aandeel"), nullptr);
    EXPECT_LE(partOf(form, "Nieuw lid in artikel 2")->position, form.fields.size());
}

TEST(ContentEdit, LedenAreAddedAndRemovedAndNumberedAgain) {
    std::string content = testing::twenteConvenant();
    auto form = contentForm("samenwerkingsconvenant", content).value();
    ContentChange change;
    change.additions.push_back({*partOf(form, "Nieuw lid in artikel 2"),
                                {{".", "Het Beraad kan werkgroepen instellen."}}});
    const auto* first = find(form.fields, "Lid 1 verwijderen", "Artikel 2");
    ASSERT_NE(first, nullptr);
    change.removals.push_back({first->path, first->renumber});
    auto edited = changeContent(content, change);
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    auto after = fieldsOf("samenwerkingsconvenant", edited->xml).value();
    EXPECT_EQ(textOf(after, "Lid 1", "Artikel 2"),
              "Het Regionaal Beraad vergadert ten minste vier keer per jaar.");
    EXPECT_EQ(textOf(after, "Lid 2", "Artikel 2"), "Het Beraad kan werkgroepen instellen.");
    EXPECT_EQ(find(after, "Lid 3", "Artikel 2"), nullptr);
    EXPECT_TRUE(validateContent(DocumentKind::Samenwerkingsconvenant, edited->xml).ok());
    ASSERT_EQ(edited->partLines.size(), 1u);
    EXPECT_GT(edited->partLines[0].first, 0);

    // Both leden of artikel 1 go in one change: the second path must still
    // name the second lid although the first has gone and the rest moved up.
    ContentChange both;
    for (const char* label : {"Lid 1 verwijderen", "Lid 2 verwijderen"}) {
        const auto* field = find(form.fields, label, "Artikel 1");
        both.removals.push_back({field->path, field->renumber});
    }
    both.additions.push_back(
        {*partOf(form, "Nieuw lid in artikel 1"), {{".", "Eén nieuw lid in de plaats."}}});
    auto replaced = changeContent(content, both).value();
    auto leden = fieldsOf("samenwerkingsconvenant", replaced.xml).value();
    EXPECT_EQ(textOf(leden, "Lid 1", "Artikel 1"), "Eén nieuw lid in de plaats.");
    EXPECT_EQ(find(leden, "Lid 2", "Artikel 1"), nullptr);
}

TEST(ContentEdit, AnArtikelIsAddedWithTheNextNumberAndRemovedWithItsLeden) {
    std::string content = testing::twenteConvenant();
    auto form = contentForm("samenwerkingsconvenant", content).value();
    ContentChange change;
    change.additions.push_back({*partOf(form, "Nieuw artikel"),
                                {{"titel", "Geschillen"}, {"lid", "Partijen overleggen eerst."}}});
    // An edit and a new lid inside an artikel that goes, and the artikel's
    // own lid removed too: all go with it.
    const auto* lid = find(form.fields, "Lid 1", "Artikel 1");
    change.edits.push_back({lid->path, "weg"});
    change.additions.push_back({*partOf(form, "Nieuw lid in artikel 1"), {{".", "ook weg"}}});
    change.removals.push_back(
        {find(form.fields, "Lid 1 verwijderen", "Artikel 1")->path, "nummer"});
    const auto* artikel = find(form.fields, "Artikel 1 verwijderen");
    change.removals.push_back({artikel->path, artikel->renumber});
    auto edited = changeContent(content, change);
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    EXPECT_EQ(edited->lines, std::vector<int>{0}) << "the edited lid went with its artikel";
    EXPECT_EQ(edited->partLines[1], std::make_pair(0, 0));
    auto after = contentForm("samenwerkingsconvenant", edited->xml).value();
    // Artikel 2 became 1; the new one, numbered 3 when added, became 2.
    EXPECT_EQ(textOf(after.fields, "Lid 2", "Artikel 1 Samenstelling"),
              "Het Regionaal Beraad vergadert ten minste vier keer per jaar.");
    EXPECT_EQ(textOf(after.fields, "Titel", "Artikel 2"), "Geschillen");
    EXPECT_EQ(textOf(after.fields, "Lid 1", "Artikel 2"), "Partijen overleggen eerst.");
    EXPECT_EQ(edited->xml.find("ook weg"), std::string::npos);
    auto [first, last] = edited->partLines[0];
    EXPECT_LT(first, last) << "the new artikel spans its titel and lid";
}

TEST(ContentEdit, APartijAndItsShareAreAddedAndAPartijRemoved) {
    std::string content = testing::twenteConvenant();
    auto form = contentForm("samenwerkingsconvenant", content).value();
    ContentChange change;
    change.additions.push_back({*partOf(form, "Nieuwe partij"),
                                {{"@partner", "gemeente-almelo"},
                                 {"naam", "Gemeente Almelo"},
                                 {"@soort", "gemeente"},
                                 {"@rol", "kernpartner"},
                                 {"vertegenwoordiger/naam", "A. Almelo"},
                                 {"vertegenwoordiger/functie", "wethouder"}}});
    change.additions.push_back(
        {*partOf(form, "Nieuw aandeel"), {{"@partner", "gemeente-almelo"}, {"@percentage", "0"}}});
    auto edited = changeContent(content, change);
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    auto valid = validateContent(DocumentKind::Samenwerkingsconvenant, edited->xml);
    EXPECT_TRUE(valid.ok()) << valid.error().describe();
    auto after = fieldsOf("samenwerkingsconvenant", edited->xml).value();
    EXPECT_EQ(textOf(after, "Naam", "Partij gemeente-almelo"), "Gemeente Almelo");
    EXPECT_EQ(textOf(after, "Aandeel van gemeente-almelo (procent)", "Kostenverdeling"), "0");

    // A partij removed while its share stays: the schema's keyref refuses it.
    ContentChange removal;
    removal.removals.push_back({find(form.fields, "Partij uwv verwijderen")->path, ""});
    auto without = changeContent(content, removal).value();
    EXPECT_EQ(without.xml.find("partner=\"uwv\" soort"), std::string::npos);
    EXPECT_FALSE(validateContent(DocumentKind::Samenwerkingsconvenant, without.xml).ok());
}

TEST(ContentEdit, AgendasGetNewAmbitiesAndActiesWithFreeIds) {
    auto agenda =
        testing::readFile(testing::sourcePath("templates/voorbeelden/twente/beleidsagenda.xml"));
    auto form = contentForm("beleidsagenda", agenda).value();
    const NewPart* ambitie = nullptr;
    for (const auto& part : form.parts) {
        if (part.label.rfind("Nieuwe ambitie", 0) == 0 && !ambitie) ambitie = &part;
    }
    ASSERT_NE(ambitie, nullptr);
    EXPECT_EQ(ambitie->fields.front().value, "amb-3") << "a suggested free id";
    auto edited = changeContent(
        agenda,
        {{}, {}, {{*ambitie, {{"@id", "amb-3"}, {"titel", "Nieuw"}, {"omschrijving", "Tekst"}}}}});
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    EXPECT_TRUE(validateContent(DocumentKind::Beleidsagenda, edited->xml).ok());
    EXPECT_EQ(textOf(fieldsOf("beleidsagenda", edited->xml).value(), "Titel", "Ambitie amb-3"),
              "Nieuw");

    auto acties = testing::readFile(
        testing::sourcePath("templates/voorbeelden/twente/uitvoeringsagenda.xml"));
    auto actieForm = contentForm("uitvoeringsagenda", acties).value();
    const NewPart* actie = partOf(actieForm, "Nieuwe actie");
    ASSERT_NE(actie, nullptr);
    ContentChange change;
    change.additions.push_back({*actie,
                                {{"@id", actie->fields.front().value},
                                 {"@ambitie", "amb-1"},
                                 {"@status", "gepland"},
                                 {"titel", "Banenmarkt"},
                                 {"omschrijving", "Twee banenmarkten per jaar."},
                                 {"trekker/@partner", "uwv"},
                                 {"doelgroep", "Werkzoekenden"},
                                 {"planning/start", "2027-01-01"},
                                 {"planning/eind", "2027-12-31"}}});
    change.removals.push_back({find(actieForm.fields, "Actie A1 verwijderen")->path, ""});
    auto changed = changeContent(acties, change);
    ASSERT_TRUE(changed.ok()) << changed.error().describe();
    auto valid = validateContent(DocumentKind::Uitvoeringsagenda, changed->xml);
    EXPECT_TRUE(valid.ok()) << valid.error().describe() << changed->xml;
    auto after = fieldsOf("uitvoeringsagenda", changed->xml).value();
    EXPECT_EQ(find(after, "Titel", "Actie A1 "), nullptr);
    EXPECT_EQ(textOf(after, "Start (JJJJ-MM-DD)", "Actie " + actie->fields.front().value),
              "2027-01-01");
}

TEST(ContentEdit, AnActiesPartnersBudgetPostsAndIndicatorsAreAddedAndRemoved) {
    auto acties = testing::readFile(
        testing::sourcePath("templates/voorbeelden/twente/uitvoeringsagenda.xml"));
    auto form = contentForm("uitvoeringsagenda", acties).value();
    const auto* bron = [&]() -> const NewPartField* {
        const auto* part = partOf(form, "Nieuwe begrotingspost bij actie A1");
        return part ? &part->fields[1] : nullptr;
    }();
    ASSERT_NE(bron, nullptr);
    EXPECT_NE(std::find(bron->choices.begin(), bron->choices.end(), "esf-plus"),
              bron->choices.end())
        << "the sources are the schema's";
    ContentChange change;
    change.removals.push_back(
        {find(form.fields, "Partner gemeente-enschede verwijderen", "Actie A1")->path, ""});
    change.additions.push_back(
        {*partOf(form, "Nieuwe partner bij actie A1"), {{"@partner", "fnv"}}});
    change.removals.push_back(
        {find(form.fields, "Budget 2026 eigen-middelen verwijderen", "Actie A1")->path, ""});
    change.additions.push_back(
        {*partOf(form, "Nieuwe begrotingspost bij actie A1"),
         {{"@jaar", "2028"}, {"@bron", "esf-plus"}, {"@bedrag", "50000.00"}}});
    change.removals.push_back(
        {find(form.fields, "Indicator Geplaatste deelnemers verwijderen", "Actie A1")->path, ""});
    change.additions.push_back({*partOf(form, "Nieuwe indicator bij actie A1"),
                                {{"naam", "Gestarte trajecten"},
                                 {"eenheid", "trajecten"},
                                 {"nulwaarde", "0"},
                                 {"streefwaarde", "80"},
                                 {"streefdatum", ""}}});
    auto edited = changeContent(acties, change);
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    auto valid = validateContent(DocumentKind::Uitvoeringsagenda, edited->xml);
    EXPECT_TRUE(valid.ok()) << valid.error().describe();
    auto after = contentForm("uitvoeringsagenda", edited->xml).value();
    EXPECT_EQ(find(after.fields, "Partner gemeente-enschede verwijderen", "Actie A1"), nullptr);
    EXPECT_NE(find(after.fields, "Partner fnv verwijderen", "Actie A1"), nullptr);
    EXPECT_EQ(find(after.fields, "Budget 2026 eigen-middelen (euro)", "Actie A1"), nullptr);
    EXPECT_EQ(textOf(after.fields, "Budget 2028 esf-plus (euro)", "Actie A1"), "50000.00");
    EXPECT_EQ(textOf(after.fields, "Streefwaarde Gestarte trajecten", "Actie A1"), "80");
    EXPECT_EQ(find(after.fields, "Streefwaarde Geplaatste deelnemers", "Actie A1"), nullptr);
    EXPECT_EQ(edited->xml.find("<streefdatum></streefdatum>"), std::string::npos);
    EXPECT_EQ(edited->xml.find("<streefdatum/>"), std::string::npos)
        << "an optional field left empty adds nothing";
    // The new indicator's fields have their lines; the empty optional one none.
    const auto& lines = edited->partFieldLines[2];
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_GT(lines[0], 0);
    EXPECT_EQ(lines[4], 0);
}

TEST(ContentEdit, AnAdditionOrRemovalOutsideItsShapeIsRefused) {
    std::string content = testing::twenteConvenant();
    auto form = contentForm("samenwerkingsconvenant", content).value();
    NewPart escape = *partOf(form, "Nieuwe partij");
    escape.fields.push_back({"", "../../@x", "y", EditableField::Kind::Text, {}, true});
    auto refused = changeContent(content, {{}, {}, {{escape, {}}}});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("not a plain path"), std::string::npos);
    auto root = changeContent(content, {{}, {{"/samenwerkingsconvenant", ""}}, {}});
    ASSERT_FALSE(root.ok());
    EXPECT_NE(root.error().message.find("whole content"), std::string::npos);
    auto attribute = changeContent(
        content,
        {{}, {{"/samenwerkingsconvenant/financien/kostenverdeling/aandeel[1]/@partner", ""}}, {}});
    ASSERT_FALSE(attribute.ok());
    EXPECT_NE(attribute.error().message.find("names no element"), std::string::npos);
}

}  // namespace
}  // namespace beraad
