#include <algorithm>

#include "EngineFixture.h"

namespace beraad {
namespace {

using testing::auditor;
using testing::beheerder;
using testing::EngineTest;
using testing::kwartiermaker;
using testing::readFile;
using testing::replaceOnce;
using testing::secretariaat;
using testing::sourcePath;
using testing::twenteConvenant;

TEST_F(EngineTest, LoadsTheShippedReferenceDataOnce) {
    auto regions = engine().listRegions(auditor());
    ASSERT_TRUE(regions.ok());
    ASSERT_EQ(regions->size(), 35u);
    auto twente = engine().region(auditor(), "AM05");
    ASSERT_TRUE(twente.ok());
    EXPECT_EQ(twente->name, "Twente");
    EXPECT_EQ(twente->centrumgemeente, "Enschede");
    EXPECT_FALSE(twente->confirmed);
    EXPECT_TRUE(engine().region(auditor(), "AM22")->confirmed);  // Rijnmond - Rotterdam

    auto budget = engine().budget(auditor());
    ASSERT_TRUE(budget.ok());
    ASSERT_EQ(budget->size(), 10u);
    EXPECT_EQ(budget->front().year, 2025);
    EXPECT_EQ(budget->front().impulsbudget, 910129);
    EXPECT_EQ(budget->front().structural, 648545);
    EXPECT_FALSE(budget->front().source.empty());

    auto again = engine().initialize();
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again.value());
    auto reports = engine().verifyAll(auditor());
    ASSERT_TRUE(reports.ok());
    auto system = std::find_if(reports->begin(), reports->end(),
                               [](const auto& r) { return r.stream == kSystemStream; });
    ASSERT_NE(system, reports->end());
    EXPECT_EQ(system->eventsChecked, 1);
}

TEST_F(EngineTest, CorrectingACentrumgemeenteIsRecorded) {
    auto corrected = engine().correctCentrumgemeente(beheerder(), "AM30", "Heerlen",
                                                     "Convenant Zuid-Limburg 2025, artikel 1");
    ASSERT_TRUE(corrected.ok()) << corrected.error().describe();
    EXPECT_TRUE(corrected->confirmed);
    auto history = engine().regionHistory(auditor(), "AM30");
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 1u);
    EXPECT_EQ(history->front().kind, "centrumgemeente-gecorrigeerd");
    EXPECT_EQ(history->front().actor, "Bea Beheer");
    EXPECT_NE(history->front().payload.find("Convenant Zuid-Limburg"), std::string::npos);

    EXPECT_EQ(engine().correctCentrumgemeente(kwartiermaker(), "AM30", "X", "y").error().code,
              ErrorCode::Forbidden);
    EXPECT_EQ(engine().correctCentrumgemeente(beheerder(), "AM99", "X", "y").error().code,
              ErrorCode::NotFound);
    EXPECT_EQ(engine().correctCentrumgemeente(beheerder(), "AM30", "Heerlen", "").error().code,
              ErrorCode::InvalidInput);
}

// Scope is checked in the engine, so every front end (the CLI on a local
// store too) gets it: a beheerder of AM05 corrects nothing of AM24, issues no
// token for another region or for "*", and neither sees nor revokes tokens
// outside AM05. A refusal writes nothing.
TEST_F(EngineTest, ABeheerderOfOneRegionActsInThatRegionOnly) {
    Actor twente{"Rein Regio", Role::Beheerder, "AM05", std::nullopt};
    auto events = [&](const std::string& stream) {
        std::int64_t count = 0;
        engine().store().beginRead()->forEachEvent(stream, [&](const Event&) { ++count; });
        return count;
    };
    auto correction = engine().correctCentrumgemeente(twente, "AM24", "Middelburg", "brief");
    ASSERT_FALSE(correction.ok());
    EXPECT_EQ(correction.error().code, ErrorCode::Forbidden);
    EXPECT_EQ(events(regionStream("AM24")), 0);
    EXPECT_TRUE(engine().correctCentrumgemeente(twente, "AM05", "Enschede", "brief").ok());

    auto national = engine().createToken(beheerder(), {"Nel Nationaal", Role::Beheerder, "*", {}});
    ASSERT_TRUE(national.ok());
    std::int64_t systemEvents = events(kSystemStream);
    for (const std::string scope : {"*", "AM24"}) {
        auto token = engine().createToken(twente, {"Bas Beheer", Role::Beheerder, scope, {}});
        ASSERT_FALSE(token.ok()) << scope;
        EXPECT_EQ(token.error().code, ErrorCode::Forbidden) << scope;
        EXPECT_NE(token.error().message.find("region AM05 only"), std::string::npos);
    }
    EXPECT_EQ(events(kSystemStream), systemEvents);
    auto own = engine().createToken(twente, {"Ank Auditor", Role::Auditor, "AM05", {}});
    ASSERT_TRUE(own.ok()) << own.error().describe();

    auto listed = engine().listTokens(twente);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().id, own->token.id);
    EXPECT_EQ(engine().listTokens(beheerder())->size(), 2u);

    auto revoke = engine().revokeToken(twente, national->token.id);
    ASSERT_FALSE(revoke.ok());
    EXPECT_EQ(revoke.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(engine().authenticate(national->secret).ok());
    EXPECT_TRUE(engine().revokeToken(twente, own->token.id).ok());
    EXPECT_FALSE(engine().authenticate(own->secret).ok());
}

TEST_F(EngineTest, KernpartnerCheckNamesMissingKinds) {
    auto twente = engine().checkKernpartners(auditor(), "AM05");
    ASSERT_TRUE(twente.ok());
    EXPECT_TRUE(twente->complete());
    auto rijnmond = engine().checkKernpartners(auditor(), "AM22");
    ASSERT_TRUE(rijnmond.ok());
    EXPECT_EQ(rijnmond->missing.size(), 6u);

    ASSERT_TRUE(
        engine()
            .registerPartner(secretariaat("AM22"), {"AM22", "uwv", "UWV", "uwv", "kernpartner", {}})
            .ok());
    ASSERT_TRUE(engine()
                    .registerPartner(secretariaat("AM22"),
                                     {"AM22", "sbb", "SBB", "sbb", "strategisch-partner", {}})
                    .ok());
    rijnmond = engine().checkKernpartners(auditor(), "AM22");
    EXPECT_EQ(rijnmond->missing,
              (std::vector<std::string>{"centrumgemeente", "sbb", "werkgeversorganisatie",
                                        "werknemersorganisatie", "contactschool"}));
}

TEST_F(EngineTest, InvalidPartnersAreRefusedWithEveryProblem) {
    Partner bad{"AM05", "Gemeente Almelo", "", "bank", "koning", {{"", "", "geen-adres"}}};
    auto result = engine().registerPartner(secretariaat(), bad);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(result.error().details.size(), 6u) << result.error().describe();

    Partner provincie{"AM05",      "provincie-overijssel", "Provincie Overijssel",
                      "provincie", "kernpartner",          {}};
    EXPECT_EQ(engine().registerPartner(secretariaat(), provincie).error().code,
              ErrorCode::InvalidInput);
    EXPECT_EQ(engine()
                  .registerPartner(auditor(), {"AM05", "x", "X", "uwv", "kernpartner", {}})
                  .error()
                  .code,
              ErrorCode::Forbidden);
    EXPECT_EQ(
        engine()
            .registerPartner(secretariaat("AM22"), {"AM05", "x", "X", "uwv", "kernpartner", {}})
            .error()
            .code,
        ErrorCode::Forbidden);
}

TEST_F(EngineTest, ChangingAPartnerIsRecordedWithThePreviousValues) {
    Partner uwv{"AM05", "uwv",         "UWV Twente",
                "uwv",  "kernpartner", {{"M. Jansen", "regiomanager", ""}}};
    ASSERT_TRUE(engine().registerPartner(secretariaat(), uwv).ok());
    auto history = engine().regionHistory(auditor(), "AM05");
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(history->back().kind, "partner-gewijzigd");
    EXPECT_NE(history->back().payload.find("\"vorige\""), std::string::npos);
}

TEST_F(EngineTest, CreatesADocumentWithVersionOneAndAHistory) {
    Document document = createConvenant();
    EXPECT_EQ(document.id, "AM05-convenant-1");
    EXPECT_EQ(document.state, "concept");
    EXPECT_EQ(document.latestVersion, 1);
    EXPECT_EQ(document.title, "Samenwerkingsconvenant Regionaal Beraad Twente");
    EXPECT_EQ(document.periodStart, "2026-01-01");

    auto version = engine().version(auditor(), document.id, std::nullopt);
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(version->number, 1);
    EXPECT_FALSE(version->parent);
    EXPECT_EQ(version->author, "Kim Kwartier");
    EXPECT_EQ(version->role, "kwartiermaker");
    EXPECT_EQ(version->time, "2026-01-05T09:00:08.000Z");
    EXPECT_EQ(version->contentHash, document.latestContentHash);

    auto history = engine().history(auditor(), document.id);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 1u);
    EXPECT_EQ(history->front().kind, "document-aangemaakt");
    EXPECT_NE(history->front().payload.find(document.latestContentHash), std::string::npos);

    auto report = engine().verifyDocument(auditor(), document.id);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact()) << report->problems.front().message;

    EXPECT_EQ(createConvenant().id, "AM05-convenant-2");
}

TEST_F(EngineTest, EveryEditMakesANewImmutableVersion) {
    Document document = createConvenant();
    Version second = edit(document.id, 1, "J. de Vries", "J. de Vries-Bakker");
    Version third = edit(document.id, 2, "vier keer per jaar", "zes keer per jaar");
    EXPECT_EQ(second.number, 2);
    EXPECT_EQ(second.parent, 1);
    EXPECT_EQ(third.parent, 2);

    auto versions = engine().listVersions(auditor(), document.id);
    ASSERT_TRUE(versions.ok());
    ASSERT_EQ(versions->size(), 3u);
    EXPECT_NE((*versions)[0].contentHash, (*versions)[1].contentHash);
    auto first = engine().version(auditor(), document.id, 1);
    EXPECT_NE(first->content.find("J. de Vries<"), std::string::npos)
        << "version 1 must be unchanged";
    EXPECT_EQ(engine().document(auditor(), document.id)->latestVersion, 3);
    EXPECT_TRUE(engine().verifyDocument(auditor(), document.id)->intact());
    EXPECT_EQ(engine().version(auditor(), document.id, 9).error().code, ErrorCode::NotFound);
}

TEST_F(EngineTest, InvalidContentIsRefusedAndNothingIsStored) {
    std::string broken = replaceOnce(twenteConvenant(), "<regel>unanimiteit-kernpartners</regel>",
                                     "<regel>dobbelen</regel>");
    auto refused = engine().createDocument(
        kwartiermaker(),
        {DocumentKind::Samenwerkingsconvenant, "AM05", broken, "concept", std::nullopt});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidContent);
    EXPECT_TRUE(engine().listDocuments(auditor(), {})->empty());
    EXPECT_FALSE(engine().store().beginRead()->findStreamHead("document:AM05-convenant-1"));

    Document document = createConvenant();
    auto stale = engine().addVersion(kwartiermaker(), {document.id, 1, broken, "kapot"});
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::InvalidContent);
    EXPECT_EQ(engine().listVersions(auditor(), document.id)->size(), 1u);
    EXPECT_EQ(engine().history(auditor(), document.id)->size(), 1u);
}

TEST_F(EngineTest, ContentMustNameRegisteredPartnersOfItsOwnRegion) {
    std::string stranger = replaceOnce(twenteConvenant(), "partner=\"fnv\"", "partner=\"cnv\"");
    stranger = replaceOnce(stranger, "partner=\"fnv\"", "partner=\"cnv\"");  // its kostenverdeling
    auto refused = engine().createDocument(
        kwartiermaker(),
        {DocumentKind::Samenwerkingsconvenant, "AM05", stranger, "concept", std::nullopt});
    ASSERT_FALSE(refused.ok());
    ASSERT_EQ(refused.error().details.size(), 2u) << refused.error().describe();
    EXPECT_NE(refused.error().details[0].message.find("'cnv'"), std::string::npos);
    EXPECT_TRUE(refused.error().details[0].line.has_value());

    std::string elsewhere = replaceOnce(twenteConvenant(), "regio=\"AM05\"", "regio=\"AM22\"");
    refused = engine().createDocument(
        kwartiermaker(),
        {DocumentKind::Samenwerkingsconvenant, "AM05", elsewhere, "concept", std::nullopt});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("AM22"), std::string::npos);
}

TEST_F(EngineTest, AStaleBaseIsAConflictAndTheNewerVersionStays) {
    Document document = createConvenant();
    Version winner = edit(document.id, 1, "J. de Vries", "J. de Winnaar");
    auto loser = engine().addVersion(
        kwartiermaker(),
        {document.id, 1, replaceOnce(twenteConvenant(), "J. de Vries", "J. de Verliezer"),
         "late bewerking"});
    ASSERT_FALSE(loser.ok());
    EXPECT_EQ(loser.error().code, ErrorCode::Conflict);
    EXPECT_NE(loser.error().message.find("latest version is 2"), std::string::npos);
    auto latest = engine().version(auditor(), document.id, std::nullopt);
    EXPECT_EQ(latest->number, 2);
    EXPECT_EQ(latest->contentHash, winner.contentHash);
    EXPECT_EQ(engine().history(auditor(), document.id)->size(), 2u);
}

TEST_F(EngineTest, RolesAndRegionScopeAreEnforced) {
    auto request = NewDocument{DocumentKind::Samenwerkingsconvenant, "AM05", twenteConvenant(),
                               "concept", std::nullopt};
    EXPECT_EQ(engine().createDocument(auditor(), request).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(engine().createDocument(kwartiermaker("AM22"), request).error().code,
              ErrorCode::Forbidden);
    Document document = createConvenant();
    // Another region's document answers exactly as a missing one would.
    auto hidden = engine().document(kwartiermaker("AM22"), document.id);
    auto missing = engine().document(kwartiermaker("AM22"), "AM05-convenant-9");
    EXPECT_EQ(hidden.error().code, ErrorCode::NotFound);
    EXPECT_EQ(hidden.error().message,
              replaceOnce(missing.error().message, "AM05-convenant-9", document.id));
    EXPECT_EQ(engine().history(kwartiermaker("AM22"), document.id).error().code,
              ErrorCode::NotFound);
    auto scoped = engine().listDocuments(kwartiermaker("AM22"), {});
    ASSERT_TRUE(scoped.ok());
    EXPECT_TRUE(scoped->empty());
    EXPECT_EQ(engine().verifyAll(kwartiermaker()).error().code, ErrorCode::Forbidden);
}

TEST_F(EngineTest, AnUitvoeringsagendaRefersToABeleidsagendaOfItsRegion) {
    std::string beleid = readFile(sourcePath("templates/voorbeelden/twente/beleidsagenda.xml"));
    std::string uitvoering =
        readFile(sourcePath("templates/voorbeelden/twente/uitvoeringsagenda.xml"));
    auto agenda = engine().createDocument(
        kwartiermaker(), {DocumentKind::Beleidsagenda, "AM05", beleid, "concept", std::nullopt});
    ASSERT_TRUE(agenda.ok()) << agenda.error().describe();
    EXPECT_EQ(agenda->periodEnd, "2030-12-31");

    auto missing = engine().createDocument(
        kwartiermaker(),
        {DocumentKind::Uitvoeringsagenda, "AM05", uitvoering, "concept", std::nullopt});
    EXPECT_EQ(missing.error().code, ErrorCode::InvalidInput);
    auto unknown = engine().createDocument(
        kwartiermaker(), {DocumentKind::Uitvoeringsagenda, "AM05", uitvoering, "concept",
                          std::string("AM05-beleidsagenda-9")});
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    Document convenant = createConvenant();
    auto wrongKind = engine().createDocument(
        kwartiermaker(),
        {DocumentKind::Uitvoeringsagenda, "AM05", uitvoering, "concept", convenant.id});
    EXPECT_EQ(wrongKind.error().code, ErrorCode::InvalidInput);

    auto linked = engine().createDocument(kwartiermaker(), {DocumentKind::Uitvoeringsagenda, "AM05",
                                                            uitvoering, "concept", agenda->id});
    ASSERT_TRUE(linked.ok()) << linked.error().describe();
    EXPECT_EQ(linked->beleidsagendaId, agenda->id);
    EXPECT_EQ(linked->id, "AM05-uitvoeringsagenda-1");
}

TEST_F(EngineTest, EverythingIsThereAfterCloseAndReopen) {
    Document document = createConvenant();
    edit(document.id, 1, "J. de Vries", "J. de Vries-Bakker");
    auto before = engine().history(auditor(), document.id).value();
    reopen();
    auto after = engine().history(auditor(), document.id);
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after->size(), before.size());
    for (size_t i = 0; i < before.size(); ++i)
        EXPECT_EQ((*after)[i].hash, before[i].hash);
    EXPECT_EQ(engine().listVersions(auditor(), document.id)->size(), 2u);
    EXPECT_EQ(engine().listPartners(auditor(), "AM05")->size(), 7u);
    auto reports = engine().verifyAll(auditor());
    ASSERT_TRUE(reports.ok());
    for (const auto& report : *reports)
        EXPECT_TRUE(report.intact()) << report.stream;
}

TEST_F(EngineTest, ListingFiltersByRegionKindAndState) {
    createConvenant();
    createConvenant();
    DocumentFilter filter;
    filter.kind = "samenwerkingsconvenant";
    EXPECT_EQ(engine().listDocuments(auditor(), filter)->size(), 2u);
    filter.limit = 1;
    filter.offset = 1;
    auto page = engine().listDocuments(auditor(), filter);
    ASSERT_EQ(page->size(), 1u);
    EXPECT_EQ(page->front().id, "AM05-convenant-2");
    filter = {};
    filter.state = "vastgesteld";
    EXPECT_TRUE(engine().listDocuments(auditor(), filter)->empty());
    filter = {};
    filter.limit = 0;
    EXPECT_EQ(engine().listDocuments(auditor(), filter).error().code, ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace beraad
