// The chain is the truth: rows written into the store by someone with the
// file but without Beraad are never counted by a guard, are refused by the
// store's triggers, and are named by verify when the triggers are dropped.
// The forgeries are the ones a reviewer made against earlier versions.
#include <Poco/JSON/Object.h>
#include <sqlite3.h>

#include <algorithm>

#include "EngineFixture.h"
#include "beraad/base/Sha256.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/trust/KeyFolder.h"

namespace beraad {
namespace {

using testing::auditor;
using testing::beheerder;
using testing::describe;
using testing::secretariaat;
using testing::SignedEngineTest;

const std::vector<std::string> kParties{
    "gemeente-enschede", "gemeente-hengelo", "uwv", "sbb", "vno-ncw-midden", "fnv",
    "roc-van-twente"};

std::string runSql(const std::string& path, const std::string& sql) {
    return testing::runOnFile(path, sql);
}

std::vector<std::string> column(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    std::vector<std::string> values;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return values;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(statement, 0);
            values.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
        }
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return values;
}

std::string sqlText(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

int countMentions(const VerificationReport& report, const std::string& text) {
    return static_cast<int>(std::count_if(
        report.problems.begin(), report.problems.end(),
        [&](const ErrorDetail& p) { return p.message.find(text) != std::string::npos; }));
}

class ForgeryTest : public SignedEngineTest {
  protected:
    void SetUp() override {
        SignedEngineTest::SetUp();
        id_ = createConvenant().id;
        ASSERT_TRUE(fire("ter-consultatie").ok());
        ASSERT_TRUE(fire("ter-besluitvorming").ok());
        auto latest = engine().version(auditor(), id_, std::nullopt);
        ASSERT_TRUE(latest.ok());
        version_ = latest->number;
        hash_ = latest->contentHash;
    }

    Result<TransitionResult> fire(const std::string& name) {
        TransitionRequest request;
        request.documentId = id_;
        request.transition = name;
        auto result = engine().transition(secretariaat(), request);
        return result;
    }

    void decide(const std::string& partner) {
        auto recorded = engine().recordDecision(
            secretariaat(), {id_, version_, hash_, partner, "akkoord", "Vertegenwoordiger",
                             "2026-01-05", "RB Twente 5 januari", "4", ""});
        ASSERT_TRUE(recorded.ok()) << recorded.error().describe();
    }

    void sign(const std::string& partner) {
        auto recorded = engine().recordSignature(
            secretariaat(), {id_, version_, hash_, partner, "Ondertekenaar", "bestuurder",
                             "Enschede", "2026-01-05"});
        ASSERT_TRUE(recorded.ok()) << recorded.error().describe();
    }

    // Drops every trigger, then runs the forgery: the attacker has the file.
    void forge(const std::string& sql) { ASSERT_EQ(testing::tamperWithFile(path(), sql), ""); }

    std::string forgedDecisionRow(const std::string& partner, std::int64_t id) const {
        return "INSERT INTO decisions (id, document_id, version, content_hash, partner, verdict, "
               "representative, date, vergadering, agendapunt, remark, recorded_by, "
               "recorded_role, recorded_at) VALUES (" +
               std::to_string(id) + ", " + sqlText(id_) + ", " + std::to_string(version_) + ", " +
               sqlText(hash_) + ", " + sqlText(partner) +
               ", 'akkoord', 'Vervalser', '2026-03-12', 'RB', '4', '', 'Vervalser', "
               "'secretariaat', '2026-03-12T10:00:00Z');";
    }

    VerificationReport verifyDocument() {
        auto report = engine().verifyDocument(auditor(), id_);
        EXPECT_TRUE(report.ok());
        return report.value();
    }

    VerificationReport verifyStream(const std::string& stream) {
        auto reports = engine().verifyAll(auditor());
        EXPECT_TRUE(reports.ok());
        for (const auto& report : reports.value()) {
            if (report.stream == stream) return report;
        }
        ADD_FAILURE() << "verify has no report for " << stream;
        return {};
    }

    // An event the forger computes and appends with a correct hash link.
    void appendForgedEvent(const std::string& stream, const std::string& kind,
                           const Poco::JSON::Object& payload) {
        auto heads = column(path(),
                            "SELECT sequence || ' ' || hash FROM stream_heads WHERE "
                            "stream = " +
                                sqlText(stream));
        ASSERT_EQ(heads.size(), 1u);
        Event event;
        event.stream = stream;
        event.sequence = std::stoll(heads[0].substr(0, heads[0].find(' '))) + 1;
        event.kind = kind;
        event.actor = "Vervalser";
        event.role = "secretariaat";
        event.time = "2026-03-12T10:00:00Z";
        event.payload = canonicalJson(payload);
        event.previousHash = heads[0].substr(heads[0].find(' ') + 1);
        event.hash = computeEventHash(event);
        // Through the front door: the triggers allow a correct extension.
        ASSERT_EQ(
            runSql(path(),
                   "INSERT INTO events (stream, sequence, kind, actor, role, time, "
                   "payload, previous_hash, hash) VALUES (" +
                       sqlText(stream) + ", " + std::to_string(event.sequence) + ", " +
                       sqlText(kind) + ", 'Vervalser', 'secretariaat', " + sqlText(event.time) +
                       ", " + sqlText(event.payload) + ", " + sqlText(event.previousHash) + ", " +
                       sqlText(event.hash) +
                       "); UPDATE stream_heads SET sequence = " + std::to_string(event.sequence) +
                       ", hash = " + sqlText(event.hash) + " WHERE stream = " + sqlText(stream)),
            "");
        lastForged_ = event.sequence;
    }

    std::string id_;
    std::int64_t version_ = 0;
    std::string hash_;
    std::int64_t lastForged_ = 0;
};

TEST_F(ForgeryTest, SixForgedAkkoordRowsAreNeverCountedAndVerifyNamesEach) {
    decide("uwv");
    std::string rows;
    for (std::size_t i = 0; i < kParties.size(); ++i) {
        if (kParties[i] != "uwv") rows += forgedDecisionRow(kParties[i], 100 + static_cast<int>(i));
    }
    forge(rows);

    auto status = engine().decisionStatus(auditor(), id_);
    ASSERT_TRUE(status.ok()) << status.error().describe();
    EXPECT_EQ(status->current.size(), 1u);
    EXPECT_FALSE(status->verdict.met) << status->verdict.explanation;
    auto fired = fire("vaststellen");
    ASSERT_FALSE(fired.ok());
    EXPECT_EQ(fired.error().code, ErrorCode::Refused);
    EXPECT_NE(fired.error().describe().find("decision-rule-met"), std::string::npos);

    auto report = verifyDocument();
    EXPECT_FALSE(report.intact());
    EXPECT_EQ(countMentions(report, "no event records this decision"), 6) << describe(report);
}

// A rectificatie is an event; a row that claims to rectify without one
// changes nothing that counts, and verify names it.
TEST_F(ForgeryTest, AForgedRectificationRowIsNotCountedAndVerifyNamesIt) {
    for (const auto& partner : kParties)
        decide(partner);
    auto before = engine().decisionStatus(auditor(), id_);
    ASSERT_TRUE(before.ok());
    std::int64_t uwv = 0;
    for (const auto& decision : before->current)
        if (decision.partner == "uwv") uwv = decision.id;
    forge(
        "INSERT INTO decisions (id, document_id, version, content_hash, partner, verdict, "
        "representative, date, vergadering, agendapunt, remark, recorded_by, recorded_role, "
        "recorded_at, rectifies, reason) VALUES (500, " +
        sqlText(id_) + ", " + std::to_string(version_) + ", " + sqlText(hash_) +
        ", 'uwv', 'niet-akkoord', 'Vervalser', '2026-01-05', 'RB', '4', '', 'Vervalser', "
        "'secretariaat', '2026-01-05T10:00:00Z', " +
        std::to_string(uwv) + ", 'vervalst');");

    auto status = engine().decisionStatus(auditor(), id_);
    ASSERT_TRUE(status.ok()) << status.error().describe();
    EXPECT_TRUE(status->verdict.met) << status->verdict.explanation;
    for (const auto& decision : status->current) {
        EXPECT_NE(decision.verdict, "niet-akkoord");
        EXPECT_EQ(decision.status, "geldend") << decision.partner;
    }
    auto report = verifyDocument();
    EXPECT_FALSE(report.intact());
    EXPECT_EQ(countMentions(report, "no event records this decision"), 1) << describe(report);
}

TEST_F(ForgeryTest, RectificationsVerifyAndAForgedSignatureRectificationIsFound) {
    for (const auto& partner : kParties)
        decide(partner);
    auto decisions = engine().decisionStatus(auditor(), id_);
    ASSERT_TRUE(decisions.ok());
    DecisionRectification corrected{id_, decisions->current.front().id, "notulen"};
    corrected.vergadering = "RB Twente 5 januari 2026";
    ASSERT_TRUE(engine().rectifyDecision(secretariaat(), corrected).ok());
    ASSERT_TRUE(fire("vaststellen").ok());
    sign("uwv");
    auto signatures = engine().signatureStatus(auditor(), id_);
    ASSERT_TRUE(signatures.ok());
    ASSERT_EQ(signatures->current.size(), 1u);
    SignatureRectification resigned{id_, signatures->current.front().id, "naam verkeerd"};
    resigned.signatory = "M. Jansen";
    auto rectified = engine().rectifySignature(secretariaat(), resigned);
    ASSERT_TRUE(rectified.ok()) << rectified.error().describe();
    EXPECT_EQ(rectified->rectifies, signatures->current.front().id);
    EXPECT_TRUE(verifyDocument().intact()) << describe(verifyDocument());
    auto context = engine().renderContext(auditor(), id_, std::nullopt);
    ASSERT_TRUE(context.ok());
    EXPECT_EQ(context->find("\"Ondertekenaar\""), std::string::npos);
    EXPECT_NE(context->find("M. Jansen"), std::string::npos);

    forge(
        "INSERT INTO signatures (document_id, version, content_hash, partner, signatory, "
        "function, place, date, recorded_by, recorded_at, rectifies, reason) VALUES (" +
        sqlText(id_) + ", " + std::to_string(version_) + ", " + sqlText(hash_) +
        ", 'uwv', 'Vervalser', 'bestuurder', 'Enschede', '2026-01-05', 'Vervalser', "
        "'2026-01-05T10:00:00Z', " +
        std::to_string(rectified->id) + ", 'vervalst');");
    auto after = engine().signatureStatus(auditor(), id_);
    ASSERT_TRUE(after.ok());
    for (const auto& signature : after->current)
        EXPECT_NE(signature.signatory, "Vervalser");
    context = engine().renderContext(auditor(), id_, std::nullopt);
    ASSERT_TRUE(context.ok());
    EXPECT_EQ(context->find("Vervalser"), std::string::npos);
    EXPECT_NE(context->find("M. Jansen"), std::string::npos);
    auto report = verifyDocument();
    EXPECT_EQ(countMentions(report, "no event records this signature"), 1) << describe(report);
}

TEST_F(ForgeryTest, ForgedSignaturesAreNotCountedNorPrinted) {
    for (const auto& partner : kParties)
        decide(partner);
    ASSERT_TRUE(fire("vaststellen").ok());
    std::string rows;
    for (const auto& partner : kParties) {
        rows +=
            "INSERT INTO signatures (document_id, version, content_hash, partner, signatory, "
            "function, place, date, recorded_by, recorded_at) VALUES (" +
            sqlText(id_) + ", " + std::to_string(version_) + ", " + sqlText(hash_) + ", " +
            sqlText(partner) +
            ", 'Vervalser', 'bestuurder', 'Enschede', '2026-03-20', 'Vervalser', "
            "'2026-03-20T10:00:00Z');";
    }
    forge(rows);

    auto status = engine().signatureStatus(auditor(), id_);
    ASSERT_TRUE(status.ok());
    EXPECT_TRUE(status->current.empty());
    EXPECT_EQ(status->missing.size(), kParties.size());
    auto fired = fire("ondertekenen");
    ASSERT_FALSE(fired.ok());
    EXPECT_NE(fired.error().describe().find("every-party-signed"), std::string::npos);
    auto context = engine().renderContext(auditor(), id_, std::nullopt);
    ASSERT_TRUE(context.ok());
    EXPECT_EQ(context->find("Vervalser"), std::string::npos);

    auto report = verifyDocument();
    EXPECT_EQ(countMentions(report, "no event records this signature"), 7) << describe(report);
}

TEST_F(ForgeryTest, AForgedStateIsFoundAndNoStepStartsFromIt) {
    forge("UPDATE documents SET state = 'vastgesteld' WHERE id = " + sqlText(id_));
    auto fired = fire("ondertekenen");
    ASSERT_FALSE(fired.ok());
    EXPECT_EQ(fired.error().code, ErrorCode::Integrity);
    EXPECT_NE(fired.error().message.find("its history says 'ter-besluitvorming'"),
              std::string::npos)
        << fired.error().describe();
    auto report = verifyDocument();
    EXPECT_TRUE(
        testing::mentions(report, id_, "status (row 'vastgesteld', event 'ter-besluitvorming')"))
        << describe(report);
}

TEST_F(ForgeryTest, AnAlteredPartnerIsFound) {
    forge(
        "UPDATE partners SET name = 'Gemeente Nergens', role = 'samenwerkingspartner' "
        "WHERE region = 'AM05' AND key = 'fnv'");
    auto report = verifyStream("regio:AM05");
    EXPECT_TRUE(testing::mentions(report, "partner fnv", "naam (row 'Gemeente Nergens'"))
        << describe(report);
    EXPECT_TRUE(testing::mentions(report, "partner fnv", "rol (row 'samenwerkingspartner'"))
        << describe(report);
}

TEST_F(ForgeryTest, AnInsertedEveryRegionBeheerderTokenIsRefusedAndFound) {
    std::string secret = "brd_" + std::string(64, 'a');
    forge(
        "INSERT INTO api_tokens (id, secret_hash, person, role, region_scope, partner, "
        "created_at, created_by) VALUES ('tok-vervalst', " +
        sqlText(sha256Hex(secret)) +
        ", 'Vervalser', 'beheerder', '*', NULL, '2026-03-12T10:00:00Z', 'Vervalser')");
    auto actor = engine().authenticate(secret);
    ASSERT_FALSE(actor.ok());
    EXPECT_EQ(actor.error().code, ErrorCode::Unauthenticated);
    auto report = verifyStream(kSystemStream);
    EXPECT_TRUE(testing::mentions(report, "token tok-vervalst", "no token-uitgegeven event"))
        << describe(report);
}

TEST_F(ForgeryTest, AStolenSecretHashOnAnIssuedTokenIsRefused) {
    auto issued = engine().createToken(beheerder(), {"A. Auditor", Role::Auditor, "AM05", {}});
    ASSERT_TRUE(issued.ok());
    ASSERT_TRUE(engine().authenticate(issued->secret).ok());
    // The forger gives an issued token the hash of a secret it knows.
    std::string secret = "brd_" + std::string(64, 'b');
    forge("UPDATE api_tokens SET secret_hash = " + sqlText(sha256Hex(secret)) +
          " WHERE id = " + sqlText(issued->token.id));
    EXPECT_FALSE(engine().authenticate(secret).ok());
    auto report = verifyStream(kSystemStream);
    EXPECT_TRUE(testing::mentions(report, "token " + issued->token.id, "geheimHash"))
        << describe(report);
}

TEST_F(ForgeryTest, ACentrumgemeenteChangedWithoutAnEventIsFound) {
    forge("UPDATE regions SET centrumgemeente = 'Almelo' WHERE code = 'AM05'");
    auto report = verifyStream(kSystemStream);
    EXPECT_TRUE(testing::mentions(report, "regio AM05", "no correction event records the change"))
        << describe(report);
}

TEST_F(ForgeryTest, ACorrectlyChainedForgedEventIsNotCountedWithoutASignedCheckpoint) {
    // The triggers stay: the forger extends the chain properly, hash by
    // hash, and writes rows that name the new events. Only the signed
    // checkpoint tells these events from the engine's own.
    decide("uwv");
    std::int64_t id = 200;
    for (const auto& partner : kParties) {
        if (partner == "uwv") continue;
        Poco::JSON::Object payload;
        payload.set("besluit", id);
        payload.set("partner", partner);
        payload.set("uitkomst", "akkoord");
        payload.set("versie", version_);
        payload.set("inhoudHash", hash_);
        payload.set("vertegenwoordiger", "Vervalser");
        payload.set("datum", "2026-03-12");
        payload.set("vergadering", "RB");
        payload.set("agendapunt", "4");
        payload.set("opmerking", "");
        appendForgedEvent("document:" + id_, "besluit-vastgelegd", payload);
        std::string row = forgedDecisionRow(partner, id);
        row.replace(row.find("recorded_at)"), 12, "recorded_at, event_sequence)");
        row.replace(row.rfind(");"), 2, ", " + std::to_string(lastForged_) + ");");
        ASSERT_EQ(runSql(path(), row), "");
        ++id;
    }
    auto fired = fire("vaststellen");
    ASSERT_FALSE(fired.ok());
    EXPECT_NE(fired.error().describe().find("covered by no signed checkpoint"), std::string::npos)
        << fired.error().describe();
    auto status = engine().decisionStatus(auditor(), id_);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::Integrity);

    auto report = verifyDocument();
    EXPECT_GE(countMentions(report, "no signed checkpoint covers"), 1) << describe(report);
}

TEST_F(ForgeryTest, ATokenIssuedByACorrectlyChainedForgedEventIsRefused) {
    // The triggers stay: the forger appends a token-uitgegeven event with a
    // correct hash link and a row that names it. No signed checkpoint covers it.
    std::string secret = "brd_" + std::string(64, 'c');
    Poco::JSON::Object payload;
    payload.set("token", "tok-vervalst");
    payload.set("persoon", "Vervalser");
    payload.set("rol", "beheerder");
    payload.set("scope", "*");
    payload.set("geheimHash", sha256Hex(secret));
    appendForgedEvent(kSystemStream, "token-uitgegeven", payload);
    ASSERT_EQ(runSql(path(),
                     "INSERT INTO api_tokens (id, secret_hash, person, role, region_scope, "
                     "created_at, created_by, event_sequence) VALUES ('tok-vervalst', " +
                         sqlText(sha256Hex(secret)) +
                         ", 'Vervalser', 'beheerder', '*', 't', 'Vervalser', " +
                         std::to_string(lastForged_) + ")"),
              "");
    auto actor = engine().authenticate(secret);
    ASSERT_FALSE(actor.ok());
    EXPECT_EQ(actor.error().code, ErrorCode::Unauthenticated);
    auto report = verifyStream(kSystemStream);
    EXPECT_GE(countMentions(report, "no signed checkpoint covers"), 1) << describe(report);
}

// With the triggers in place, a plain statement cannot add, change or
// remove history: each is refused by the store and names what is missing.
TEST_F(ForgeryTest, PlainStatementsAreRefusedByTheStore) {
    decide("uwv");
    const std::string doc = sqlText(id_);
    struct Attempt {
        const char* what;
        std::string sql;
        const char* refusal;
    };
    const std::vector<Attempt> attempts{
        {"decision", forgedDecisionRow("fnv", 300), "besluit-vastgelegd event"},
        {"signature",
         "INSERT INTO signatures (document_id, version, content_hash, partner, signatory, "
         "function, "
         "place, date, recorded_by, recorded_at) VALUES (" +
             doc + ", " + std::to_string(version_) + ", " + sqlText(hash_) +
             ", 'fnv', 'X', 'Y', 'Z', '2026-03-20', 'X', '2026-03-20T10:00:00Z')",
         "ondertekening-vastgelegd event"},
        {"transition",
         "INSERT INTO transitions (document_id, transition, from_state, to_state, version, "
         "content_hash, workflow_version, reason, actor, role, time) VALUES (" +
             doc +
             ", 'vaststellen', 'ter-besluitvorming', 'vastgesteld', 1, 'x', 1, '', 'X', "
             "'secretariaat', 't')",
         "overgang event"},
        {"document state", "UPDATE documents SET state = 'vastgesteld' WHERE id = " + doc,
         "a document changes only with the event"},
        {"document delete", "DELETE FROM documents WHERE id = " + doc, "never deleted"},
        {"partner update",
         "UPDATE partners SET role = 'samenwerkingspartner' WHERE region = 'AM05' AND key = 'fnv'",
         "a partner changes only with the event"},
        {"partner insert",
         "INSERT INTO partners (region, key, name, kind, role, representatives) VALUES ('AM05', "
         "'nep', 'Nep', 'gemeente', 'kernpartner', '[]')",
         "partner-geregistreerd event"},
        {"partner delete", "DELETE FROM partners WHERE key = 'fnv'", "never deleted"},
        {"uittreding without its event",
         "UPDATE partners SET left_on = '2026-01-01', leave_reason = 'x', event_sequence = "
         "event_sequence + 1 WHERE region = 'AM05' AND key = 'fnv'",
         "a partner changes only with the event"},
        {"admission",
         "INSERT INTO admissions (region, partner, admitted, rule, explanation, votes, "
         "vergadering, "
         "agendapunt, date, recorded_by, recorded_at) VALUES ('AM05', 'fnv', 1, 'r', 'e', '{}', "
         "'v', 'a', '2026-01-01', 'X', 't')",
         "admission is recorded only with its event"},
        {"token",
         "INSERT INTO api_tokens (id, secret_hash, person, role, region_scope, created_at, "
         "created_by) VALUES ('tok-x', 'h', 'X', 'beheerder', '*', 't', 'X')",
         "token-uitgegeven event"},
        {"centrumgemeente", "UPDATE regions SET centrumgemeente = 'Almelo' WHERE code = 'AM05'",
         "centrumgemeente-gecorrigeerd event"},
        {"version",
         "INSERT INTO versions (document_id, number, parent, content, content_hash, author, role, "
         "time, message) VALUES (" +
             doc + ", 9, NULL, 'x', 'y', 'X', 'kwartiermaker', 't', 'm')",
         "a version is stored only with the event"},
        {"event out of order",
         "INSERT INTO events (stream, sequence, kind, actor, role, time, payload, previous_hash, "
         "hash) VALUES ('document:" +
             id_ + "', 99, 'overgang', 'X', 'Y', 't', '{}', 'p', 'h')",
         "extends its stream at the head"},
        {"stream head",
         "UPDATE stream_heads SET sequence = sequence - 1 WHERE stream = 'document:" + id_ + "'",
         "names the stream's newest event"},
        {"budget", "UPDATE budget_years SET impulsbudget = 1", "immutable"},
        {"signed checkpoint", "DELETE FROM checkpoints", "never deleted"},
    };
    for (const auto& attempt : attempts) {
        std::string error = runSql(path(), attempt.sql);
        EXPECT_NE(error.find(attempt.refusal), std::string::npos)
            << attempt.what << ": " << (error.empty() ? "accepted" : error);
    }
    auto report = verifyDocument();
    EXPECT_TRUE(report.intact()) << describe(report);
}

TEST_F(ForgeryTest, WithTheTriggersDroppedAnInsertedTransitionAndAmendmentAreFound) {
    forge(
        "INSERT INTO transitions (document_id, transition, from_state, to_state, version, "
        "content_hash, workflow_version, reason, actor, role, time) VALUES (" +
        sqlText(id_) +
        ", 'vaststellen', 'ter-besluitvorming', 'vastgesteld', 1, 'x', 1, '', 'X', "
        "'secretariaat', 't');"
        "INSERT INTO amendments (document_id, amends, base_version, base_content_hash) VALUES (" +
        sqlText(id_) + ", " + sqlText(id_) + ", 1, " + sqlText(hash_) + ")");
    auto report = verifyDocument();
    EXPECT_TRUE(testing::mentions(report,
                                  "transition vaststellen (ter-besluitvorming -> vastgesteld)",
                                  "no event records this transition"))
        << describe(report);
    EXPECT_EQ(countMentions(report, "no event does"), 1) << describe(report);
}

// A store of schema version 4 (rows without event references) is migrated to the
// newest version: every row gets the event that records it, and the history still verifies.
TEST_F(ForgeryTest, MigrationFiveGivesEveryExistingRowItsEvent) {
    decide("uwv");
    decide("fnv");
    auto issued = engine().createToken(beheerder(), {"A. Auditor", Role::Auditor, "AM05", {}});
    ASSERT_TRUE(issued.ok());
    const std::vector<std::pair<std::string, std::string>> tables{
        {"decisions", "id"},  {"signatures", "id"}, {"transitions", "id"},
        {"admissions", "id"}, {"documents", "id"},  {"partners", "region || key"},
        {"regions", "code"},  {"api_tokens", "id"}};
    std::map<std::string, std::vector<std::string>> before;
    for (const auto& [table, key] : tables) {
        before[table] = column(path(), "SELECT " + key +
                                           " || ':' || COALESCE(event_sequence, "
                                           "'none') FROM " +
                                           table + " ORDER BY 1");
    }
    EXPECT_EQ(before["decisions"].size(), 2u);
    EXPECT_EQ(before["transitions"].size(), 2u);

    // Back to version 4: the columns, indexes, tables and triggers of migrations 5 to 7 go.
    std::string downgrade;
    for (const auto& name : column(path(), "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        downgrade += "DROP TRIGGER " + name + ";";
    for (const auto& name : column(path(),
                                   "SELECT name FROM sqlite_master WHERE type = 'index' "
                                   "AND name LIKE '%_by_event'"))
        downgrade += "DROP INDEX " + name + ";";
    // Migration 10 (web sessions) and 9 go first: decisions lose their rectification columns, and
    // signatures get back the table of migration 2 (one per party and hash).
    downgrade +=
        "DROP TABLE web_sessions;"
        "ALTER TABLE decisions DROP COLUMN rectifies;"
        "ALTER TABLE decisions DROP COLUMN reason;"
        "CREATE TABLE signatures_v4 (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "document_id TEXT NOT NULL, version INTEGER NOT NULL, content_hash TEXT NOT NULL, "
        "partner TEXT NOT NULL, signatory TEXT NOT NULL, function TEXT NOT NULL, "
        "place TEXT NOT NULL, date TEXT NOT NULL, recorded_by TEXT NOT NULL, "
        "recorded_at TEXT NOT NULL, event_sequence INTEGER, "
        "UNIQUE (document_id, content_hash, partner), "
        "FOREIGN KEY (document_id, version) REFERENCES versions(document_id, number));"
        "INSERT INTO signatures_v4 SELECT id, document_id, version, content_hash, partner, "
        "signatory, function, place, date, recorded_by, recorded_at, event_sequence "
        "FROM signatures;"
        "DROP TABLE signatures;"
        "ALTER TABLE signatures_v4 RENAME TO signatures;";
    for (const auto& [table, key] : tables)
        downgrade += "ALTER TABLE " + table + " DROP COLUMN event_sequence;";
    for (const char* table : {"decisions", "signatures", "transitions", "admissions"}) {
        downgrade += "CREATE TRIGGER " + std::string(table) + "_are_immutable BEFORE UPDATE ON " +
                     table + " BEGIN SELECT RAISE(ABORT, 'immutable'); END;";
    }
    downgrade +=
        "ALTER TABLE api_tokens DROP COLUMN expires_at;"
        "ALTER TABLE api_tokens DROP COLUMN last_used_at;"
        "ALTER TABLE partners DROP COLUMN left_on;"
        "ALTER TABLE partners DROP COLUMN leave_reason;";
    downgrade += "DELETE FROM schema_migrations WHERE version >= 5;";
    ASSERT_EQ(runSql(path(), downgrade), "");

    reopen();
    ASSERT_TRUE(engine().useSigningKeys(keys_).ok());
    for (const auto& [table, key] : tables) {
        auto after = column(path(), "SELECT " + key +
                                        " || ':' || COALESCE(event_sequence, "
                                        "'none') FROM " +
                                        table + " ORDER BY 1");
        EXPECT_EQ(after, before[table]) << table;
    }
    auto reports = engine().verifyAll(auditor());
    ASSERT_TRUE(reports.ok());
    for (const auto& report : reports.value())
        EXPECT_TRUE(report.intact()) << report.stream << "\n" << describe(report);
    EXPECT_TRUE(engine().authenticate(issued->secret).ok());
    // And the triggers are back.
    EXPECT_NE(runSql(path(), forgedDecisionRow("sbb", 400)), "");
}

}  // namespace
}  // namespace beraad
