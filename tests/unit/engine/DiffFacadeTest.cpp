// Engine::diffVersions and Engine::redlineVersions: which versions
// are compared, who may compare them, and what the redline is called and
// attributed to.
#include "EngineFixture.h"
#include "beraad/render/Template.h"

namespace beraad::testing {
namespace {

class DiffFacade : public EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        id_ = createConvenant().id;
        edit(id_, 1, "vier keer per jaar", "zes keer per jaar");
        // edit() starts from the example each time: version 3 keeps "zes".
        auto both =
            replaceOnce(replaceOnce(twenteConvenant(), "vier keer per jaar", "zes keer per jaar"),
                        "percentage=\"20\"", "percentage=\"25\"");
        auto added = engine().addVersion(kwartiermaker(), {id_, 2, both, "verdeling"});
        ASSERT_TRUE(added) << added.error().describe();
    }
    std::string id_;
};

TEST_F(DiffFacade, DefaultsToTheLatestAgainstTheOneBefore) {
    auto compared = engine().diffVersions(auditor(), id_, std::nullopt, std::nullopt);
    ASSERT_TRUE(compared) << compared.error().describe();
    EXPECT_EQ(compared->from.number, 2);
    EXPECT_EQ(compared->to.number, 3);
    EXPECT_EQ(compared->kind, "samenwerkingsconvenant");
    ASSERT_EQ(compared->diff.changes.size(), 1u) << diff::formatText(compared->diff);
    EXPECT_EQ(compared->diff.changes[0].label, "aandeel gemeente-hengelo / percentage");
    EXPECT_TRUE(compared->diff.paragraphs.empty());
}

TEST_F(DiffFacade, ComparesAnyTwoVersionsEitherWay) {
    auto forward = engine().diffVersions(auditor(), id_, 1, 3);
    ASSERT_TRUE(forward);
    EXPECT_EQ(forward->diff.changes.size(), 2u) << diff::formatText(forward->diff);
    auto backward = engine().diffVersions(auditor(), id_, 3, 1);
    ASSERT_TRUE(backward);
    EXPECT_EQ(backward->diff.changes.size(), 2u);
    EXPECT_EQ(backward->diff.changes[0].oldValue, forward->diff.changes[0].newValue);
    auto same = engine().diffVersions(auditor(), id_, 2, 2);
    ASSERT_TRUE(same);
    EXPECT_TRUE(same->diff.empty());
}

TEST_F(DiffFacade, RefusesWhatCannotBeCompared) {
    auto missing = engine().diffVersions(auditor(), id_, 1, 9);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    auto nothingBefore = engine().diffVersions(auditor(), id_, std::nullopt, 1);
    ASSERT_FALSE(nothingBefore);
    EXPECT_EQ(nothingBefore.error().code, ErrorCode::InvalidInput);
    auto unknown = engine().diffVersions(auditor(), "AM05-convenant-9", std::nullopt, std::nullopt);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST_F(DiffFacade, OnlyReadersOfTheRegionCompare) {
    auto elsewhere = engine().diffVersions(kwartiermaker("AM22"), id_, 1, 2);
    ASSERT_FALSE(elsewhere);
    EXPECT_EQ(elsewhere.error().code, ErrorCode::NotFound);
    auto redline =
        engine().redlineVersions(kwartiermaker("AM22"), id_, 1, 2, render::TemplateFormat::Odt);
    ASSERT_FALSE(redline);
    EXPECT_EQ(redline.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(engine().diffVersions(secretariaat(), id_, 1, 2));
}

TEST_F(DiffFacade, RedlineIsNamedAndAttributed) {
    auto consecutive = engine().redlineVersions(auditor(), id_, 1, 2, render::TemplateFormat::Docx);
    ASSERT_TRUE(consecutive) << consecutive.error().describe();
    EXPECT_EQ(consecutive->rendered.fileName, id_ + "-v2-t.o.v.-v1.docx");
    EXPECT_EQ(consecutive->author, "Kim Kwartier");  // who made version 2
    auto version2 = engine().version(auditor(), id_, 2);
    ASSERT_TRUE(version2);
    EXPECT_EQ(consecutive->date, version2->time);
    EXPECT_GT(consecutive->insertions, 0);
    EXPECT_GT(consecutive->deletions, 0);

    auto apart = engine().redlineVersions(auditor(), id_, 1, 3, render::TemplateFormat::Odt);
    ASSERT_TRUE(apart) << apart.error().describe();
    EXPECT_EQ(apart->rendered.fileName, id_ + "-v3-t.o.v.-v1.odt");
    EXPECT_EQ(apart->author, "Beraad");  // several edits: no single author
    EXPECT_EQ(apart->rendered.contentType, "application/vnd.oasis.opendocument.text");
}

}  // namespace
}  // namespace beraad::testing
