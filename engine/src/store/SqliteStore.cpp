#include "beraad/store/SqliteStore.h"

#include <algorithm>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

#include "beraad/base/Clock.h"
#include "beraad/history/CanonicalJson.h"
#include "store/Sqlite.h"
#include "store/SqliteMigrations.h"

namespace beraad {
namespace {

using sqlite::Connection;
using sqlite::Statement;

std::string encodeRepresentatives(const std::vector<Representative>& representatives) {
    Poco::JSON::Array array;
    for (const auto& person : representatives) {
        Poco::JSON::Object object;
        object.set("naam", person.name);
        object.set("functie", person.function);
        object.set("email", person.email);
        array.add(object);
    }
    return canonicalJson(Poco::Dynamic::Var(array));
}

std::vector<Representative> decodeRepresentatives(const std::string& text) {
    std::vector<Representative> people;
    Poco::JSON::Parser parser;
    auto array = parser.parse(text).extract<Poco::JSON::Array::Ptr>();
    for (size_t i = 0; i < array->size(); ++i) {
        auto object = array->getObject(static_cast<unsigned>(i));
        people.push_back({object->getValue<std::string>("naam"),
                          object->getValue<std::string>("functie"),
                          object->getValue<std::string>("email")});
    }
    return people;
}

class ConnectionPool {
  public:
    ConnectionPool(std::string path, int busyTimeoutMs)
        : path_(std::move(path)), busyTimeoutMs_(busyTimeoutMs) {}

    std::unique_ptr<Connection> acquire() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                auto connection = std::move(idle_.back());
                idle_.pop_back();
                return connection;
            }
        }
        auto connection = std::make_unique<Connection>(path_, busyTimeoutMs_);
        connection->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
        return connection;
    }

    void release(std::unique_ptr<Connection> connection) {
        std::lock_guard lock(mutex_);
        if (idle_.size() < kMaxIdle) idle_.push_back(std::move(connection));
    }

    const std::string& path() const { return path_; }

  private:
    static constexpr size_t kMaxIdle = 16;
    std::string path_;
    int busyTimeoutMs_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

Document readDocument(const Statement& row) {
    Document document;
    document.id = row.text(0);
    document.region = row.text(1);
    document.kind = row.text(2);
    document.title = row.text(3);
    document.beleidsagendaId = row.optionalText(4);
    document.state = row.text(5);
    document.workflow = row.text(6);
    document.workflowVersion = static_cast<int>(row.integer(7));
    document.latestVersion = row.integer(8);
    document.latestContentHash = row.text(9);
    document.periodStart = row.optionalText(10);
    document.periodEnd = row.optionalText(11);
    document.createdAt = row.text(12);
    document.createdBy = row.text(13);
    document.updatedAt = row.text(14);
    document.eventSequence = row.integer(15);
    return document;
}

constexpr const char* kDocumentColumns =
    "id, region, kind, title, beleidsagenda_id, state, workflow, workflow_version, "
    "latest_version, latest_content_hash, period_start, period_end, created_at, created_by, "
    "updated_at, event_sequence";

constexpr const char* kTokenColumns =
    "id, secret_hash, person, role, region_scope, partner, created_at, created_by, revoked_at, "
    "event_sequence, expires_at, last_used_at";

ApiToken readToken(const Statement& row) {
    return ApiToken{row.text(0),    row.text(1),          row.text(2),
                    row.text(3),    row.text(4),          row.optionalText(5),
                    row.text(6),    row.text(7),          row.optionalText(8),
                    row.integer(9), row.optionalText(10), row.optionalText(11)};
}

Partner readPartner(const Statement& row) {
    return Partner{row.text(0),    row.text(1), row.text(2),
                   row.text(3),    row.text(4), decodeRepresentatives(row.text(5)),
                   row.integer(6), row.text(7), row.text(8)};
}

SignedCheckpoint readCheckpoint(const Statement& row) {
    return SignedCheckpoint{row.text(0), row.integer(1), row.text(2),
                            row.text(3), row.text(4),    row.text(5)};
}

Event readEvent(const Statement& row) {
    Event event;
    event.stream = row.text(0);
    event.sequence = row.integer(1);
    event.kind = row.text(2);
    event.actor = row.text(3);
    event.role = row.text(4);
    event.time = row.text(5);
    event.payload = row.text(6);
    event.previousHash = row.text(7);
    event.hash = row.text(8);
    return event;
}

class SqliteReadTransaction : public virtual ReadTransaction {
  public:
    SqliteReadTransaction(ConnectionPool& pool, const char* begin)
        : pool_(pool), connection_(pool.acquire()) {
        connection_->exec(begin);
        open_ = true;
    }

    ~SqliteReadTransaction() override {
        if (open_) {
            try {
                connection_->exec("ROLLBACK");
            } catch (const StoreError&) {
                // The connection is unusable; do not return it to the pool.
                return;
            }
        }
        pool_.release(std::move(connection_));
    }

    std::optional<Region> findRegion(const std::string& code) override {
        Statement query(
            db(),
            "SELECT code, name, centrumgemeente, confirmed, source, remark, event_sequence "
            "FROM regions "
            "WHERE code = ?");
        query.bind(1, code);
        if (!query.step()) return std::nullopt;
        return readRegion(query);
    }

    std::vector<Region> listRegions() override {
        Statement query(
            db(),
            "SELECT code, name, centrumgemeente, confirmed, source, remark, event_sequence "
            "FROM regions "
            "ORDER BY code");
        std::vector<Region> regions;
        while (query.step())
            regions.push_back(readRegion(query));
        return regions;
    }

    std::vector<BudgetYear> listBudget() override {
        Statement query(db(),
                        "SELECT year, impulsbudget, structural, source, reference_date "
                        "FROM budget_years ORDER BY year");
        std::vector<BudgetYear> years;
        while (query.step()) {
            years.push_back({static_cast<int>(query.integer(0)), query.integer(1), query.integer(2),
                             query.text(3), query.text(4)});
        }
        return years;
    }

    std::optional<Partner> findPartner(const std::string& region, const std::string& key) override {
        Statement query(db(),
                        "SELECT region, key, name, kind, role, representatives, event_sequence, "
                        "left_on, leave_reason FROM partners "
                        "WHERE region = ? AND key = ?");
        query.bind(1, region).bind(2, key);
        if (!query.step()) return std::nullopt;
        return readPartner(query);
    }

    std::vector<Partner> listPartners(const std::string& region) override {
        Statement query(db(),
                        "SELECT region, key, name, kind, role, representatives, event_sequence, "
                        "left_on, leave_reason FROM partners "
                        "WHERE region = ? ORDER BY key");
        query.bind(1, region);
        std::vector<Partner> partners;
        while (query.step())
            partners.push_back(readPartner(query));
        return partners;
    }

    std::optional<Document> findDocument(const std::string& id) override {
        std::string sql =
            std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id = ?";
        Statement query(db(), sql.c_str());
        query.bind(1, id);
        if (!query.step()) return std::nullopt;
        return readDocument(query);
    }

    std::vector<Document> listDocuments(const DocumentFilter& filter) override {
        std::string sql = std::string("SELECT ") + kDocumentColumns +
                          " FROM documents WHERE (?1 IS NULL OR region = ?1) AND "
                          "(?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR state = ?3) "
                          "ORDER BY region, kind, serial LIMIT ?4 OFFSET ?5";
        Statement query(db(), sql.c_str());
        query.bind(1, filter.region).bind(2, filter.kind).bind(3, filter.state);
        query.bind(4, static_cast<std::int64_t>(filter.limit));
        query.bind(5, static_cast<std::int64_t>(filter.offset));
        std::vector<Document> documents;
        while (query.step())
            documents.push_back(readDocument(query));
        return documents;
    }

    std::optional<Version> findVersion(const std::string& documentId,
                                       std::int64_t number) override {
        Statement query(db(),
                        "SELECT document_id, number, parent, content, content_hash, author, role, "
                        "time, message FROM versions WHERE document_id = ? AND number = ?");
        query.bind(1, documentId).bind(2, number);
        if (!query.step()) return std::nullopt;
        return readVersion(query, true);
    }

    std::vector<Version> listVersions(const std::string& documentId, bool withContent) override {
        std::vector<Version> versions;
        visitVersions(documentId, withContent,
                      [&](const Version& version) { versions.push_back(version); });
        return versions;
    }

    void forEachVersion(const std::string& documentId,
                        const std::function<void(const Version&)>& visit) override {
        visitVersions(documentId, true, visit);
    }

    void visitVersions(const std::string& documentId, bool withContent,
                       const std::function<void(const Version&)>& visit) {
        const char* sql =
            withContent ? "SELECT document_id, number, parent, content, content_hash, author, "
                          "role, time, message FROM versions WHERE document_id = ? ORDER BY number"
                        : "SELECT document_id, number, parent, '', content_hash, author, role, "
                          "time, message FROM versions WHERE document_id = ? ORDER BY number";
        Statement query(db(), sql);
        query.bind(1, documentId);
        while (query.step())
            visit(readVersion(query, withContent));
    }

    std::optional<StreamHead> findStreamHead(const std::string& stream) override {
        Statement query(db(), "SELECT stream, sequence, hash FROM stream_heads WHERE stream = ?");
        query.bind(1, stream);
        if (!query.step()) return std::nullopt;
        return StreamHead{query.text(0), query.integer(1), query.text(2)};
    }

    std::vector<std::string> listStreams() override {
        Statement query(db(),
                        "SELECT stream FROM stream_heads UNION SELECT DISTINCT stream FROM events "
                        "ORDER BY 1");
        std::vector<std::string> streams;
        while (query.step())
            streams.push_back(query.text(0));
        return streams;
    }

    std::vector<SignedCheckpoint> listCheckpoints(const std::string& stream) override {
        Statement query(db(),
                        "SELECT stream, size, root_hash, note, key_id, signed_at FROM checkpoints "
                        "WHERE stream = ? ORDER BY size");
        query.bind(1, stream);
        std::vector<SignedCheckpoint> checkpoints;
        while (query.step())
            checkpoints.push_back(readCheckpoint(query));
        return checkpoints;
    }

    std::optional<SignedCheckpoint> findLatestCheckpoint(const std::string& stream) override {
        Statement query(db(),
                        "SELECT stream, size, root_hash, note, key_id, signed_at FROM checkpoints "
                        "WHERE stream = ? ORDER BY size DESC LIMIT 1");
        query.bind(1, stream);
        if (!query.step()) return std::nullopt;
        return readCheckpoint(query);
    }

    std::vector<Cosignature> listCosignatures(const std::string& stream,
                                              std::int64_t size) override {
        Statement query(db(),
                        "SELECT stream, size, witness, key_id, line, recorded_at FROM cosignatures "
                        "WHERE stream = ? AND size = ? ORDER BY rowid");
        query.bind(1, stream).bind(2, size);
        std::vector<Cosignature> cosignatures;
        while (query.step()) {
            cosignatures.push_back({query.text(0), query.integer(1), query.text(2), query.text(3),
                                    query.text(4), query.text(5)});
        }
        return cosignatures;
    }

    void forEachEvent(const std::string& stream,
                      const std::function<void(const Event&)>& visit) override {
        Statement query(db(),
                        "SELECT stream, sequence, kind, actor, role, time, payload, previous_hash, "
                        "hash FROM events WHERE stream = ? ORDER BY sequence");
        query.bind(1, stream);
        while (query.step())
            visit(readEvent(query));
    }

    std::optional<Event> findEvent(const std::string& stream, std::int64_t sequence) override {
        Statement query(db(),
                        "SELECT stream, sequence, kind, actor, role, time, payload, previous_hash, "
                        "hash FROM events WHERE stream = ? AND sequence = ?");
        query.bind(1, stream).bind(2, sequence);
        if (!query.step()) return std::nullopt;
        return readEvent(query);
    }

    // Workflow.
    std::vector<DecisionRecord> listDecisions(const std::string& documentId) override {
        Statement query(
            db(),
            "SELECT id, document_id, version, content_hash, partner, verdict, "
            "representative, date, vergadering, agendapunt, remark, recorded_by, "
            "recorded_role, recorded_at, event_sequence, rectifies, reason FROM decisions "
            "WHERE document_id = ? "
            "ORDER BY id");
        query.bind(1, documentId);
        std::vector<DecisionRecord> decisions;
        while (query.step()) {
            decisions.push_back({query.integer(0), query.text(1), query.integer(2), query.text(3),
                                 query.text(4), query.text(5), query.text(6), query.text(7),
                                 query.text(8), query.text(9), query.text(10), query.text(11),
                                 query.text(12), query.text(13), query.integer(14),
                                 query.integer(15), query.text(16)});
        }
        return decisions;
    }

    std::vector<SignatureRecord> listSignatures(const std::string& documentId) override {
        Statement query(db(),
                        "SELECT id, document_id, version, content_hash, partner, signatory, "
                        "function, place, date, recorded_by, recorded_at, event_sequence, "
                        "rectifies, reason FROM signatures "
                        "WHERE document_id = ? ORDER BY id");
        query.bind(1, documentId);
        std::vector<SignatureRecord> signatures;
        while (query.step()) {
            signatures.push_back({query.integer(0), query.text(1), query.integer(2), query.text(3),
                                  query.text(4), query.text(5), query.text(6), query.text(7),
                                  query.text(8), query.text(9), query.text(10), query.integer(11),
                                  query.integer(12), query.text(13)});
        }
        return signatures;
    }

    std::vector<TransitionRecord> listTransitions(const std::string& documentId) override {
        Statement query(db(),
                        "SELECT id, document_id, transition, from_state, to_state, version, "
                        "content_hash, workflow_version, reason, actor, role, time, event_sequence "
                        "FROM transitions "
                        "WHERE document_id = ? ORDER BY id");
        query.bind(1, documentId);
        std::vector<TransitionRecord> transitions;
        while (query.step()) {
            transitions.push_back({query.integer(0), query.text(1), query.text(2), query.text(3),
                                   query.text(4), query.integer(5), query.text(6),
                                   static_cast<int>(query.integer(7)), query.text(8), query.text(9),
                                   query.text(10), query.text(11), query.integer(12)});
        }
        return transitions;
    }

    std::optional<AmendmentRecord> findAmendment(const std::string& documentId) override {
        Statement query(
            db(),
            "SELECT document_id, amends, base_version, base_content_hash FROM amendments "
            "WHERE document_id = ?");
        query.bind(1, documentId);
        if (!query.step()) return std::nullopt;
        return AmendmentRecord{query.text(0), query.text(1), query.integer(2), query.text(3)};
    }

    std::vector<AmendmentRecord> listAmendmentsOf(const std::string& amendedId) override {
        Statement query(
            db(),
            "SELECT document_id, amends, base_version, base_content_hash FROM amendments "
            "WHERE amends = ? ORDER BY rowid");
        query.bind(1, amendedId);
        std::vector<AmendmentRecord> amendments;
        while (query.step()) {
            amendments.push_back({query.text(0), query.text(1), query.integer(2), query.text(3)});
        }
        return amendments;
    }

    std::vector<AdmissionRecord> listAdmissions(const std::string& region) override {
        Statement query(
            db(),
            "SELECT id, region, partner, admitted, rule, explanation, votes, vergadering, "
            "agendapunt, date, recorded_by, recorded_at, event_sequence FROM admissions "
            "WHERE region = ? "
            "ORDER BY id");
        query.bind(1, region);
        std::vector<AdmissionRecord> admissions;
        while (query.step()) {
            admissions.push_back({query.integer(0), query.text(1), query.text(2),
                                  query.integer(3) != 0, query.text(4), query.text(5),
                                  query.text(6), query.text(7), query.text(8), query.text(9),
                                  query.text(10), query.text(11), query.integer(12)});
        }
        return admissions;
    }

    std::optional<WorkflowDefinitionRecord> findWorkflowDefinition(const std::string& name,
                                                                   int version) override {
        Statement query(db(),
                        "SELECT name, version, xml, registered_by, registered_at FROM "
                        "workflow_definitions WHERE name = ? AND version = ?");
        query.bind(1, name).bind(2, static_cast<std::int64_t>(version));
        if (!query.step()) return std::nullopt;
        return WorkflowDefinitionRecord{query.text(0), static_cast<int>(query.integer(1)),
                                        query.text(2), query.text(3), query.text(4)};
    }

    std::optional<ApiToken> findTokenBySecretHash(const std::string& secretHash) override {
        std::string sql =
            std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE secret_hash = ?";
        Statement query(db(), sql.c_str());
        query.bind(1, secretHash);
        if (!query.step()) return std::nullopt;
        return readToken(query);
    }

    std::vector<ApiToken> listTokens() override {
        std::string sql =
            std::string("SELECT ") + kTokenColumns + " FROM api_tokens ORDER BY created_at, id";
        Statement query(db(), sql.c_str());
        std::vector<ApiToken> tokens;
        while (query.step())
            tokens.push_back(readToken(query));
        return tokens;
    }

    std::optional<IdempotentAnswer> findIdempotentAnswer(const std::string& scope,
                                                         const std::string& key) override {
        Statement query(db(),
                        "SELECT fingerprint, status, headers, body, created_at, expires_at FROM "
                        "idempotency_keys WHERE scope = ? AND key = ?");
        query.bind(1, scope).bind(2, key);
        if (!query.step()) return std::nullopt;
        IdempotentAnswer answer{scope, key, query.text(0)};
        if (!query.isNull(1)) answer.status = static_cast<int>(query.integer(1));
        answer.headers = query.text(2);
        answer.body = query.text(3);
        answer.createdAt = query.text(4);
        answer.expiresAt = query.text(5);
        return answer;
    }

    std::optional<WebSession> findWebSession(const std::string& idHash) override {
        Statement query(db(),
                        "SELECT token_hash, csrf_token, created_at, last_seen_at, expires_at FROM "
                        "web_sessions WHERE id_hash = ?");
        query.bind(1, idHash);
        if (!query.step()) return std::nullopt;
        return WebSession{idHash,        query.text(0), query.text(1),
                          query.text(2), query.text(3), query.text(4)};
    }

    std::vector<WorkflowDefinitionRecord> listWorkflowDefinitions() override {
        Statement query(db(),
                        "SELECT name, version, xml, registered_by, registered_at FROM "
                        "workflow_definitions ORDER BY name, version");
        std::vector<WorkflowDefinitionRecord> definitions;
        while (query.step()) {
            definitions.push_back({query.text(0), static_cast<int>(query.integer(1)), query.text(2),
                                   query.text(3), query.text(4)});
        }
        return definitions;
    }

  protected:
    sqlite3* db() const { return connection_->handle(); }
    Connection& connection() { return *connection_; }
    void markClosed() { open_ = false; }

  private:
    static Region readRegion(const Statement& row) {
        return Region{row.text(0), row.text(1), row.text(2),   row.integer(3) != 0,
                      row.text(4), row.text(5), row.integer(6)};
    }

    static Version readVersion(const Statement& row, bool withContent) {
        Version version;
        version.documentId = row.text(0);
        version.number = row.integer(1);
        if (!row.isNull(2)) version.parent = row.integer(2);
        if (withContent) version.content = row.text(3);
        version.contentHash = row.text(4);
        version.author = row.text(5);
        version.role = row.text(6);
        version.time = row.text(7);
        version.message = row.text(8);
        return version;
    }

    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
    bool open_ = false;
};

class SqliteWriteTransaction final : public SqliteReadTransaction, public WriteTransaction {
  public:
    explicit SqliteWriteTransaction(ConnectionPool& pool)
        : SqliteReadTransaction(pool, "BEGIN IMMEDIATE") {}

    // The read side's query answers the event log's question too.
    std::optional<StreamHead> findStreamHead(const std::string& stream) override {
        return SqliteReadTransaction::findStreamHead(stream);
    }

    // An explicit INSERT or UPDATE, not an upsert, so each meets its own
    // trigger (migration 5).
    void upsertRegion(const Region& region) override {
        bool exists = findRegion(region.code).has_value();
        Statement statement(
            db(), exists ? "UPDATE regions SET name = ?2, centrumgemeente = ?3, confirmed = ?4, "
                           "source = ?5, remark = ?6, event_sequence = ?7 WHERE code = ?1"
                         : "INSERT INTO regions (code, name, centrumgemeente, confirmed, source, "
                           "remark, event_sequence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        statement.bind(1, region.code).bind(2, region.name).bind(3, region.centrumgemeente);
        statement.bind(4, static_cast<std::int64_t>(region.confirmed ? 1 : 0));
        statement.bind(5, region.source).bind(6, region.remark).bind(7, region.eventSequence);
        statement.run();
    }

    void upsertBudgetYear(const BudgetYear& year) override {
        Statement statement(
            db(),
            "INSERT INTO budget_years (year, impulsbudget, structural, source, "
            "reference_date) VALUES (?, ?, ?, ?, ?) ON CONFLICT(year) DO UPDATE SET "
            "impulsbudget = excluded.impulsbudget, structural = excluded.structural, "
            "source = excluded.source, reference_date = excluded.reference_date");
        statement.bind(1, static_cast<std::int64_t>(year.year)).bind(2, year.impulsbudget);
        statement.bind(3, year.structural).bind(4, year.source).bind(5, year.referenceDate);
        statement.run();
    }

    void upsertPartner(const Partner& partner) override {
        bool exists = findPartner(partner.region, partner.key).has_value();
        Statement statement(
            db(), exists ? "UPDATE partners SET name = ?3, kind = ?4, role = ?5, "
                           "representatives = ?6, event_sequence = ?7, left_on = ?8, "
                           "leave_reason = ?9 WHERE region = ?1 AND key = ?2"
                         : "INSERT INTO partners (region, key, name, kind, role, representatives, "
                           "event_sequence, left_on, leave_reason) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        statement.bind(1, partner.region).bind(2, partner.key).bind(3, partner.name);
        statement.bind(4, partner.kind).bind(5, partner.role);
        statement.bind(6, encodeRepresentatives(partner.representatives));
        statement.bind(7, partner.eventSequence);
        statement.bind(8, partner.leftOn).bind(9, partner.leaveReason);
        statement.run();
    }

    void insertDocument(const Document& document) override {
        Statement statement(
            db(),
            "INSERT INTO documents (id, region, kind, serial, title, beleidsagenda_id, state, "
            "workflow, workflow_version, latest_version, latest_content_hash, period_start, "
            "period_end, created_at, created_by, updated_at, event_sequence) VALUES (?, ?, ?, "
            "(SELECT COALESCE(MAX(serial), 0) + 1 FROM documents WHERE region = ?2 AND kind = ?3), "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        bindDocument(statement, document);
        statement.run();
    }

    void updateDocument(const Document& document) override {
        Statement statement(db(),
                            "UPDATE documents SET title = ?, state = ?, workflow = ?, "
                            "workflow_version = ?, latest_version = ?, latest_content_hash = ?, "
                            "period_start = ?, period_end = ?, updated_at = ?, "
                            "event_sequence = ? WHERE id = ?");
        statement.bind(1, document.title).bind(2, document.state).bind(3, document.workflow);
        statement.bind(4, static_cast<std::int64_t>(document.workflowVersion));
        statement.bind(5, document.latestVersion).bind(6, document.latestContentHash);
        statement.bind(7, document.periodStart).bind(8, document.periodEnd);
        statement.bind(9, document.updatedAt).bind(10, document.eventSequence);
        statement.bind(11, document.id);
        statement.run();
        if (sqlite3_changes(db()) != 1) {
            throw StoreError(StoreError::Kind::Constraint, "no document " + document.id);
        }
    }

    std::int64_t nextDocumentSerial(const std::string& region, const std::string& kind) override {
        Statement query(db(),
                        "SELECT COALESCE(MAX(serial), 0) + 1 FROM documents WHERE region = ? AND "
                        "kind = ?");
        query.bind(1, region).bind(2, kind);
        query.step();
        return query.integer(0);
    }

    void insertVersion(const Version& version) override {
        Statement statement(
            db(),
            "INSERT INTO versions (document_id, number, parent, content, "
            "content_hash, author, role, time, message) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "?, ?)");
        statement.bind(1, version.documentId).bind(2, version.number);
        if (version.parent) {
            statement.bind(3, *version.parent);
        } else {
            statement.bindNull(3);
        }
        statement.bind(4, version.content).bind(5, version.contentHash).bind(6, version.author);
        statement.bind(7, version.role).bind(8, version.time).bind(9, version.message);
        statement.run();
    }

    std::vector<std::string> appendedStreams() const override { return appendedStreams_; }

    void insertCheckpoint(const SignedCheckpoint& checkpoint) override {
        Statement insert(db(),
                         "INSERT INTO checkpoints (stream, size, root_hash, note, key_id, "
                         "signed_at) VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind(1, checkpoint.stream).bind(2, checkpoint.size).bind(3, checkpoint.rootHash);
        insert.bind(4, checkpoint.note).bind(5, checkpoint.keyId).bind(6, checkpoint.signedAt);
        insert.run();
    }

    void insertCosignature(const Cosignature& cosignature) override {
        Statement insert(db(),
                         "INSERT INTO cosignatures (stream, size, witness, key_id, line, "
                         "recorded_at) VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind(1, cosignature.stream).bind(2, cosignature.size).bind(3, cosignature.witness);
        insert.bind(4, cosignature.keyId).bind(5, cosignature.line).bind(6, cosignature.recordedAt);
        insert.run();
    }

    void appendEvent(const Event& event) override {
        auto head = findStreamHead(event.stream);
        std::int64_t expectedSequence = head ? head->sequence + 1 : 1;
        std::string expectedPrevious = head ? head->hash : kGenesisHash;
        if (event.sequence != expectedSequence || event.previousHash != expectedPrevious) {
            throw StoreError(StoreError::Kind::Constraint,
                             "event " + std::to_string(event.sequence) +
                                 " does not extend stream " + event.stream + " at " +
                                 std::to_string(expectedSequence - 1));
        }
        Statement insert(db(),
                         "INSERT INTO events (stream, sequence, kind, actor, role, time, payload, "
                         "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, event.stream).bind(2, event.sequence).bind(3, event.kind);
        insert.bind(4, event.actor).bind(5, event.role).bind(6, event.time);
        insert.bind(7, event.payload).bind(8, event.previousHash).bind(9, event.hash);
        insert.run();
        Statement advance(db(), head ? "UPDATE stream_heads SET sequence = ?2, hash = ?3 "
                                       "WHERE stream = ?1"
                                     : "INSERT INTO stream_heads (stream, sequence, hash) "
                                       "VALUES (?1, ?2, ?3)");
        advance.bind(1, event.stream).bind(2, event.sequence).bind(3, event.hash);
        advance.run();
        if (std::find(appendedStreams_.begin(), appendedStreams_.end(), event.stream) ==
            appendedStreams_.end()) {
            appendedStreams_.push_back(event.stream);
        }
    }

    // Workflow.
    std::int64_t nextDecisionId() override {
        Statement query(db(), "SELECT COALESCE(MAX(id), 0) + 1 FROM decisions");
        query.step();
        return query.integer(0);
    }

    std::int64_t insertDecision(const DecisionRecord& decision) override {
        Statement statement(
            db(),
            "INSERT INTO decisions (document_id, version, content_hash, partner, "
            "verdict, representative, date, vergadering, agendapunt, remark, "
            "recorded_by, recorded_role, recorded_at, event_sequence, id, rectifies, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        statement.bind(1, decision.documentId).bind(2, decision.version);
        statement.bind(3, decision.contentHash).bind(4, decision.partner).bind(5, decision.verdict);
        statement.bind(6, decision.representative).bind(7, decision.date);
        statement.bind(8, decision.vergadering).bind(9, decision.agendapunt);
        statement.bind(10, decision.remark).bind(11, decision.recordedBy);
        statement.bind(12, decision.recordedRole).bind(13, decision.recordedAt);
        statement.bind(14, decision.eventSequence);
        if (decision.id > 0) {
            statement.bind(15, decision.id);
        } else {
            statement.bindNull(15);
        }
        statement.bind(16, decision.rectifies).bind(17, decision.reason);
        statement.run();
        return sqlite3_last_insert_rowid(db());
    }

    std::int64_t insertSignature(const SignatureRecord& signature) override {
        Statement statement(
            db(),
            "INSERT INTO signatures (document_id, version, content_hash, partner, "
            "signatory, function, place, date, recorded_by, recorded_at, "
            "event_sequence, rectifies, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        statement.bind(1, signature.documentId).bind(2, signature.version);
        statement.bind(3, signature.contentHash).bind(4, signature.partner);
        statement.bind(5, signature.signatory).bind(6, signature.function);
        statement.bind(7, signature.place).bind(8, signature.date);
        statement.bind(9, signature.recordedBy).bind(10, signature.recordedAt);
        statement.bind(11, signature.eventSequence);
        statement.bind(12, signature.rectifies).bind(13, signature.reason);
        statement.run();
        return sqlite3_last_insert_rowid(db());
    }

    std::int64_t insertTransition(const TransitionRecord& transition) override {
        Statement statement(
            db(),
            "INSERT INTO transitions (document_id, transition, from_state, to_state, "
            "version, content_hash, workflow_version, reason, actor, role, time, "
            "event_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        statement.bind(1, transition.documentId).bind(2, transition.transition);
        statement.bind(3, transition.fromState).bind(4, transition.toState);
        statement.bind(5, transition.version).bind(6, transition.contentHash);
        statement.bind(7, static_cast<std::int64_t>(transition.workflowVersion));
        statement.bind(8, transition.reason).bind(9, transition.actor).bind(10, transition.role);
        statement.bind(11, transition.time).bind(12, transition.eventSequence);
        statement.run();
        return sqlite3_last_insert_rowid(db());
    }

    void insertAmendment(const AmendmentRecord& amendment) override {
        Statement statement(db(),
                            "INSERT INTO amendments (document_id, amends, base_version, "
                            "base_content_hash) VALUES (?, ?, ?, ?)");
        statement.bind(1, amendment.documentId).bind(2, amendment.amends);
        statement.bind(3, amendment.baseVersion).bind(4, amendment.baseContentHash);
        statement.run();
    }

    std::int64_t insertAdmission(const AdmissionRecord& admission) override {
        Statement statement(
            db(),
            "INSERT INTO admissions (region, partner, admitted, rule, explanation, "
            "votes, vergadering, agendapunt, date, recorded_by, recorded_at, event_sequence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        statement.bind(1, admission.region).bind(2, admission.partner);
        statement.bind(3, static_cast<std::int64_t>(admission.admitted ? 1 : 0));
        statement.bind(4, admission.rule).bind(5, admission.explanation).bind(6, admission.votes);
        statement.bind(7, admission.vergadering).bind(8, admission.agendapunt);
        statement.bind(9, admission.date).bind(10, admission.recordedBy);
        statement.bind(11, admission.recordedAt).bind(12, admission.eventSequence);
        statement.run();
        return sqlite3_last_insert_rowid(db());
    }

    void insertWorkflowDefinition(const WorkflowDefinitionRecord& definition) override {
        Statement statement(db(),
                            "INSERT INTO workflow_definitions (name, version, xml, registered_by, "
                            "registered_at) VALUES (?, ?, ?, ?, ?)");
        statement.bind(1, definition.name).bind(2, static_cast<std::int64_t>(definition.version));
        statement.bind(3, definition.xml).bind(4, definition.registeredBy);
        statement.bind(5, definition.registeredAt);
        statement.run();
    }

    void insertToken(const ApiToken& token) override {
        Statement statement(
            db(),
            "INSERT INTO api_tokens (id, secret_hash, person, role, region_scope, partner, "
            "created_at, created_by, revoked_at, event_sequence, expires_at) VALUES (?, ?, ?, ?, "
            "?, "
            "?, ?, ?, ?, ?, ?)");
        statement.bind(1, token.id)
            .bind(2, token.secretHash)
            .bind(3, token.person)
            .bind(4, token.role);
        statement.bind(5, token.regionScope).bind(6, token.partner).bind(7, token.createdAt);
        statement.bind(8, token.createdBy).bind(9, token.revokedAt).bind(10, token.eventSequence);
        statement.bind(11, token.expiresAt);
        statement.run();
    }

    bool revokeToken(const std::string& id, const std::string& time) override {
        Statement statement(
            db(), "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
        statement.bind(1, time).bind(2, id);
        statement.run();
        return sqlite3_changes(db()) == 1;
    }

    void recordTokenUse(const std::string& id, const std::string& time) override {
        Statement statement(db(), "UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
        statement.bind(1, time).bind(2, id);
        statement.run();
    }

    void insertIdempotentAnswer(const IdempotentAnswer& claim) override {
        Statement statement(db(),
                            "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, "
                            "expires_at) VALUES (?, ?, ?, ?, ?)");
        statement.bind(1, claim.scope)
            .bind(2, claim.key)
            .bind(3, claim.fingerprint)
            .bind(4, claim.createdAt)
            .bind(5, claim.expiresAt);
        statement.run();
    }

    void completeIdempotentAnswer(const IdempotentAnswer& answer) override {
        Statement statement(db(),
                            "UPDATE idempotency_keys SET status = ?, headers = ?, body = ? "
                            "WHERE scope = ? AND key = ? AND status IS NULL");
        statement.bind(1, static_cast<std::int64_t>(answer.status.value_or(0)))
            .bind(2, answer.headers)
            .bind(3, answer.body)
            .bind(4, answer.scope)
            .bind(5, answer.key);
        statement.run();
    }

    void deleteIdempotentAnswer(const std::string& scope, const std::string& key) override {
        Statement statement(db(), "DELETE FROM idempotency_keys WHERE scope = ? AND key = ?");
        statement.bind(1, scope).bind(2, key);
        statement.run();
    }

    void deleteExpiredIdempotentAnswers(const std::string& time) override {
        Statement statement(db(), "DELETE FROM idempotency_keys WHERE expires_at < ?");
        statement.bind(1, time);
        statement.run();
    }

    void insertWebSession(const WebSession& session) override {
        Statement statement(
            db(),
            "INSERT INTO web_sessions (id_hash, token_hash, csrf_token, created_at, "
            "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
        statement.bind(1, session.idHash)
            .bind(2, session.tokenHash)
            .bind(3, session.csrfToken)
            .bind(4, session.createdAt)
            .bind(5, session.lastSeenAt)
            .bind(6, session.expiresAt);
        statement.run();
    }

    void touchWebSession(const std::string& idHash, const std::string& time) override {
        Statement statement(db(), "UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?");
        statement.bind(1, time).bind(2, idHash);
        statement.run();
    }

    void deleteWebSession(const std::string& idHash) override {
        Statement statement(db(), "DELETE FROM web_sessions WHERE id_hash = ?");
        statement.bind(1, idHash);
        statement.run();
    }

    void deleteExpiredWebSessions(const std::string& now, const std::string& idleSince) override {
        Statement statement(db(),
                            "DELETE FROM web_sessions WHERE expires_at <= ? OR last_seen_at < ?");
        statement.bind(1, now).bind(2, idleSince);
        statement.run();
    }

    void commit() override {
        try {
            connection().exec("COMMIT");
        } catch (const StoreError& failure) {
            if (failure.kind() == StoreError::Kind::Io) settleFailedCommit(failure);
            throw;
        }
        markClosed();
    }

  private:
    std::vector<std::string> appendedStreams_;

    // A COMMIT that failed on I/O may have left all its frames, the commit
    // frame included, in the WAL: a failed fsync comes after the writes.
    // SQLite ignores them from then on, but recovery after a crash would
    // replay them, and a write reported as failed would be there after all.
    // A TRUNCATE checkpoint copies only committed frames and empties the WAL,
    // which makes the failure final; when it cannot be made, the error says
    // the outcome is open.
    void settleFailedCommit(const StoreError& failure) {
        if (sqlite3_get_autocommit(db()) == 0)
            sqlite3_exec(db(), "ROLLBACK", nullptr, nullptr, nullptr);
        bool rolledBack = sqlite3_get_autocommit(db()) != 0;
        int code =
            sqlite3_wal_checkpoint_v2(db(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        if (!rolledBack || code != SQLITE_OK) {
            throw StoreError(StoreError::Kind::Io,
                             std::string(failure.what()) +
                                 "; the write could not be undone for certain and may be present "
                                 "when the store is opened again after a crash");
        }
        markClosed();
    }

    static void bindDocument(Statement& statement, const Document& document) {
        statement.bind(1, document.id).bind(2, document.region).bind(3, document.kind);
        statement.bind(4, document.title).bind(5, document.beleidsagendaId);
        statement.bind(6, document.state).bind(7, document.workflow);
        statement.bind(8, static_cast<std::int64_t>(document.workflowVersion));
        statement.bind(9, document.latestVersion).bind(10, document.latestContentHash);
        statement.bind(11, document.periodStart).bind(12, document.periodEnd);
        statement.bind(13, document.createdAt).bind(14, document.createdBy);
        statement.bind(15, document.updatedAt).bind(16, document.eventSequence);
    }
};

void migrate(Connection& connection) {
    connection.exec("PRAGMA journal_mode = WAL");
    connection.exec("BEGIN IMMEDIATE");
    try {
        connection.exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        // Finalised before the migrations run: an open statement keeps DROP TABLE from running.
        std::int64_t applied = [&] {
            Statement current(connection.handle(),
                              "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
            current.step();
            return current.integer(0);
        }();
        if (applied > sqliteSchemaVersion()) {
            throw StoreError(StoreError::Kind::Other,
                             "the store has schema version " + std::to_string(applied) +
                                 ", newer than this build of Beraad knows (" +
                                 std::to_string(sqliteSchemaVersion()) + "); upgrade Beraad");
        }
        for (const auto& migration : sqlite::migrations()) {
            if (migration.version <= applied) continue;
            connection.exec(migration.sql);
            Statement record(
                connection.handle(),
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
            record.bind(1, static_cast<std::int64_t>(migration.version));
            record.bind(2, std::string(migration.name));
            record.bind(3, formatTimestamp(std::chrono::system_clock::now()));
            record.run();
        }
        connection.exec("COMMIT");
    } catch (...) {
        connection.exec("ROLLBACK");
        throw;
    }
}

class SqliteStore final : public Store {
  public:
    explicit SqliteStore(const SqliteOptions& options)
        : pool_(options.path, static_cast<int>(options.busyTimeout.count())) {
        auto connection = pool_.acquire();
        migrate(*connection);
        pool_.release(std::move(connection));
    }

    std::unique_ptr<ReadTransaction> beginRead() override {
        return std::make_unique<SqliteReadTransaction>(pool_, "BEGIN");
    }

    std::unique_ptr<WriteTransaction> beginWrite() override {
        return std::make_unique<SqliteWriteTransaction>(pool_);
    }

    std::string describe() const override { return "sqlite:" + pool_.path(); }

  private:
    ConnectionPool pool_;
};

// A new store file is made readable and writable by its owner only (0600),
// whatever the umask: it holds the history and the token hashes. SQLite
// gives its -wal and -shm files the database file's mode. An existing file
// keeps the mode its operator gave it.
void createPrivately(const std::string& path) {
    if (path.empty() || path == ":memory:") return;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    if (errno == EEXIST) return;
    throw StoreError(StoreError::Kind::Io,
                     "cannot create store " + path + ": " + std::strerror(errno));
}

}  // namespace

std::unique_ptr<Store> openSqliteStore(const SqliteOptions& options) {
    std::filesystem::path path(options.path);
    if (path.has_parent_path()) {
        std::error_code error;
        std::filesystem::create_directories(path.parent_path(), error);
        if (error) {
            throw StoreError(
                StoreError::Kind::Io,
                "cannot create folder " + path.parent_path().string() + ": " + error.message());
        }
    }
    createPrivately(options.path);
    return std::make_unique<SqliteStore>(options);
}

int sqliteSchemaVersion() {
    return sqlite::migrations().back().version;
}

std::string defaultStorePath() {
    if (const char* configured = std::getenv("BERAAD_STORE"); configured && *configured) {
        return configured;
    }
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
        return std::string(data) + "/beraad/beraad.sqlite";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::string(home) + "/.local/share/beraad/beraad.sqlite";
    }
    return "beraad.sqlite";
}

}  // namespace beraad
