#pragma once
// The storage contract. The engine talks to storage only through these
// interfaces, so a PostgreSQL backend can replace SQLite without touching
// a caller.
//
// Contract for implementations:
// - A ReadTransaction sees one consistent snapshot.
// - A WriteTransaction holds the store's write lock from begin to commit
//   (SQLite: BEGIN IMMEDIATE; PostgreSQL: row locks on the stream heads), so
//   checks made inside it still hold at commit. Destroying it without
//   commit() rolls everything back.
// - Versions and events are never updated or deleted.
// - appendEvent refuses an event whose sequence is not head + 1 or whose
//   previousHash is not the head's hash.
// - Every row of history (documents, versions, decisions, signatures,
//   transitions, admissions, partners, regions, tokens) is written after the
//   event that records it and names that event (eventSequence); the SQLite
//   store's triggers refuse a row whose event is not there (migration 5).
// - Failures throw StoreError; the engine turns them into Error values.

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "beraad/history/Event.h"
#include "beraad/history/EventLog.h"
#include "beraad/history/SignedCheckpoint.h"
#include "beraad/records/Records.h"
#include "beraad/records/WorkflowRecords.h"

namespace beraad {

class StoreError : public std::runtime_error {
  public:
    enum class Kind { Busy, Constraint, Io, Corrupt, Other };
    StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

  private:
    Kind kind_;
};

class ReadTransaction {
  public:
    virtual ~ReadTransaction() = default;

    virtual std::optional<Region> findRegion(const std::string& code) = 0;
    virtual std::vector<Region> listRegions() = 0;
    virtual std::vector<BudgetYear> listBudget() = 0;

    virtual std::optional<Partner> findPartner(const std::string& region,
                                               const std::string& key) = 0;
    virtual std::vector<Partner> listPartners(const std::string& region) = 0;

    virtual std::optional<Document> findDocument(const std::string& id) = 0;
    virtual std::vector<Document> listDocuments(const DocumentFilter& filter) = 0;

    virtual std::optional<Version> findVersion(const std::string& documentId,
                                               std::int64_t number) = 0;
    // Every version of a document, oldest first, content included only when asked.
    virtual std::vector<Version> listVersions(const std::string& documentId, bool withContent) = 0;
    // Every version of a document, oldest first, content included, streamed to
    // the callback one at a time (exports of long histories).
    virtual void forEachVersion(const std::string& documentId,
                                const std::function<void(const Version&)>& visit) = 0;

    virtual std::optional<StreamHead> findStreamHead(const std::string& stream) = 0;
    virtual std::vector<std::string> listStreams() = 0;
    // Signed checkpoints of a stream, smallest size first; the newest alone;
    // the cosignatures of one checkpoint in the order they were recorded.
    virtual std::vector<SignedCheckpoint> listCheckpoints(const std::string& stream) = 0;
    virtual std::optional<SignedCheckpoint> findLatestCheckpoint(const std::string& stream) = 0;
    virtual std::vector<Cosignature> listCosignatures(const std::string& stream,
                                                      std::int64_t size) = 0;
    // One event of a stream, when the stream has it.
    virtual std::optional<Event> findEvent(const std::string& stream, std::int64_t sequence) = 0;
    // Events of a stream in sequence order, streamed to the callback.
    virtual void forEachEvent(const std::string& stream,
                              const std::function<void(const Event&)>& visit) = 0;

    // Workflow. Lists are in recording order.
    virtual std::vector<DecisionRecord> listDecisions(const std::string& documentId) = 0;
    virtual std::vector<SignatureRecord> listSignatures(const std::string& documentId) = 0;
    virtual std::vector<TransitionRecord> listTransitions(const std::string& documentId) = 0;
    virtual std::optional<AmendmentRecord> findAmendment(const std::string& documentId) = 0;
    virtual std::vector<AmendmentRecord> listAmendmentsOf(const std::string& amendedId) = 0;
    virtual std::vector<AdmissionRecord> listAdmissions(const std::string& region) = 0;
    virtual std::optional<WorkflowDefinitionRecord> findWorkflowDefinition(const std::string& name,
                                                                           int version) = 0;
    virtual std::vector<WorkflowDefinitionRecord> listWorkflowDefinitions() = 0;

    // API tokens.
    virtual std::optional<ApiToken> findTokenBySecretHash(const std::string& secretHash) = 0;
    virtual std::vector<ApiToken> listTokens() = 0;

    // Idempotency keys (operational, not history).
    virtual std::optional<IdempotentAnswer> findIdempotentAnswer(const std::string& scope,
                                                                 const std::string& key) = 0;

    // Web sessions (operational, not history), by the hash of their secret.
    virtual std::optional<WebSession> findWebSession(const std::string& idHash) = 0;
};

class WriteTransaction : public virtual ReadTransaction, public EventLog {
  public:
    // Both bases ask for the head; one implementation answers both.
    std::optional<StreamHead> findStreamHead(const std::string& stream) override = 0;

    virtual void upsertRegion(const Region& region) = 0;
    virtual void upsertBudgetYear(const BudgetYear& year) = 0;
    virtual void upsertPartner(const Partner& partner) = 0;

    virtual void insertDocument(const Document& document) = 0;
    // Updates the projection columns (title, state, latest version, period, ...).
    virtual void updateDocument(const Document& document) = 0;
    // The next free serial number for a document id in a region and kind.
    virtual std::int64_t nextDocumentSerial(const std::string& region, const std::string& kind) = 0;

    virtual void insertVersion(const Version& version) = 0;
    void appendEvent(const Event& event) override = 0;
    // The streams this transaction appended to, in the order first touched.
    virtual std::vector<std::string> appendedStreams() const = 0;
    // A second checkpoint of the same stream and size, or a second
    // cosignature of one witness on it, throws StoreError(Constraint).
    virtual void insertCheckpoint(const SignedCheckpoint& checkpoint) = 0;
    virtual void insertCosignature(const Cosignature& cosignature) = 0;

    // Workflow. Inserts return the id the store assigned (0 where
    // the row has a natural key). A second signature of the same party on
    // the same content hash, a second amendment row for a document or a
    // definition name/version already present throw StoreError(Constraint).
    // Decisions get their id before their event is written (the event names
    // it); insertDecision stores the id it is given.
    virtual std::int64_t nextDecisionId() = 0;
    virtual std::int64_t insertDecision(const DecisionRecord& decision) = 0;
    virtual std::int64_t insertSignature(const SignatureRecord& signature) = 0;
    virtual std::int64_t insertTransition(const TransitionRecord& transition) = 0;
    virtual void insertAmendment(const AmendmentRecord& amendment) = 0;
    virtual std::int64_t insertAdmission(const AdmissionRecord& admission) = 0;
    virtual void insertWorkflowDefinition(const WorkflowDefinitionRecord& definition) = 0;

    // API tokens. revokeToken returns false when no active token has the id.
    virtual void insertToken(const ApiToken& token) = 0;
    virtual bool revokeToken(const std::string& id, const std::string& time) = 0;
    // Records when a token was last used (operational, not history: no event).
    virtual void recordTokenUse(const std::string& id, const std::string& time) = 0;

    // Idempotency keys: a claim (no status yet), its answer, its removal, and
    // the removal of every key that expired before `time`.
    virtual void insertIdempotentAnswer(const IdempotentAnswer& claim) = 0;
    virtual void completeIdempotentAnswer(const IdempotentAnswer& answer) = 0;
    virtual void deleteIdempotentAnswer(const std::string& scope, const std::string& key) = 0;
    virtual void deleteExpiredIdempotentAnswers(const std::string& time) = 0;

    // Web sessions: a new one, its last use, its end, and the end of every
    // session whose absolute expiry or last use lies before the given times.
    virtual void insertWebSession(const WebSession& session) = 0;
    virtual void touchWebSession(const std::string& idHash, const std::string& time) = 0;
    virtual void deleteWebSession(const std::string& idHash) = 0;
    virtual void deleteExpiredWebSessions(const std::string& now, const std::string& idleSince) = 0;

    virtual void commit() = 0;
};

class Store {
  public:
    virtual ~Store() = default;
    virtual std::unique_ptr<ReadTransaction> beginRead() = 0;
    virtual std::unique_ptr<WriteTransaction> beginWrite() = 0;
    // "sqlite:/path/to/file" style description, for messages and health checks.
    virtual std::string describe() const = 0;
};

}  // namespace beraad
