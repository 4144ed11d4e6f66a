#pragma once
// The engine facade: one method per use case. Front ends (CLI, REST server)
// parse and authenticate, call one method, and format the result; they never
// touch the store. Every method returns a value or an Error; every write is
// one store transaction that also appends its event(s) to the hash-chained
// log.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "beraad/audit/BundleVerifier.h"
#include "beraad/audit/Export.h"
#include "beraad/base/Actor.h"
#include "beraad/base/Clock.h"
#include "beraad/base/Result.h"
#include "beraad/diff/Diff.h"
#include "beraad/history/Event.h"
#include "beraad/history/Streams.h"
#include "beraad/model/ModelDraft.h"
#include "beraad/records/DocumentKind.h"
#include "beraad/records/Records.h"
#include "beraad/records/Requests.h"
#include "beraad/records/Results.h"
#include "beraad/reference/Partners.h"
#include "beraad/render/Template.h"
#include "beraad/store/Store.h"
#include "beraad/trust/KeyFolder.h"
#include "beraad/trust/Receipt.h"
#include "beraad/workflow/Definition.h"
#include "beraad/workflow/Workflow.h"

namespace beraad {

// A write a front end is about to ask for, named so it can be refused before
// the request's body is read (Engine::permits). Each use case checks the same
// again, with everything its request says.
enum class Operation {
    CreateDocument,   // in a region
    AddVersion,       // on a document; also a model draft
    StartAmendment,   // on a document
    FireTransition,   // on a document: some transition from its state allows the role
    RecordDecision,   // on a document
    RecordSignature,  // on a document
    Rectify,          // a decision or signature on a document
    AdmitPartner,     // in a region
    RegisterPartner,  // in a region
    CorrectRegion,    // in a region
    VerifyBundle,     // anywhere
};

// Where an Operation is aimed: a document (by id), a region (by code), or
// neither (the check is the role's alone).
struct OperationTarget {
    std::string document;
    std::string region;
};

class Engine {
  public:
    explicit Engine(std::shared_ptr<Store> store, std::shared_ptr<Clock> clock = systemClock());

    // Loads the shipped reference data into a store that has none yet.
    // Returns whether anything was loaded; safe to call on every start.
    Result<bool> initialize();

    // Whether `actor` may attempt `operation` on `target`: the role and
    // scope checks the use case makes first. A document outside the actor's
    // scope is NotFound, as a missing one (no existence oracle); a region
    // outside it Forbidden. Reads the store only to find a document.
    Result<void> permits(const Actor& actor, Operation operation,
                         const OperationTarget& target = {});

    // Reference data.
    Result<std::vector<Region>> listRegions(const Actor& actor);
    Result<Region> region(const Actor& actor, const std::string& code);
    Result<Region> correctCentrumgemeente(const Actor& actor, const std::string& code,
                                          const std::string& centrumgemeente,
                                          const std::string& source);
    Result<std::vector<BudgetYear>> budget(const Actor& actor);

    // Partners of a region's Beraad.
    // Registers a partner or replaces all of a registered one. Exactly one
    // centrumgemeente per region: a second one is refused, naming the first
    // (change the first one's soort, or let it leave, before).
    Result<Partner> registerPartner(const Actor& actor, const Partner& partner);
    // Changes only what `change` names; the rest stays as registered.
    Result<Partner> updatePartner(const Actor& actor, const PartnerChange& change);
    // Uittreding: recorded as a partner-uitgetreden event, never a deletion.
    // From its date the partner no longer counts in decision rules and may
    // not decide or sign (docs/workflow.md, "Uittreding").
    Result<Partner> recordLeave(const Actor& actor, const PartnerLeave& leave);
    Result<std::vector<Partner>> listPartners(const Actor& actor, const std::string& region);
    Result<KernpartnerCheck> checkKernpartners(const Actor& actor, const std::string& region);

    // Documents and their immutable versions.
    Result<Document> createDocument(const Actor& actor, const NewDocument& request);
    // The content of a new document written from the region's reference data
    // and partner register (content/ModelDraft.h), checked as createDocument
    // checks content; creates nothing. Allowed to whoever may create documents
    // in the region.
    Result<ModelDraft> modelDraft(const Actor& actor, const ModelDraftRequest& request);
    Result<Version> addVersion(const Actor& actor, const NewVersion& request);
    Result<Document> document(const Actor& actor, const std::string& id);
    Result<std::vector<Document>> listDocuments(const Actor& actor, DocumentFilter filter);
    Result<Version> version(const Actor& actor, const std::string& documentId,
                            std::optional<std::int64_t> number);
    Result<std::vector<Version>> listVersions(const Actor& actor, const std::string& documentId);

    // History: the events of a document, and verification of its chain.
    Result<std::vector<Event>> history(const Actor& actor, const std::string& documentId);
    Result<std::vector<Event>> regionHistory(const Actor& actor, const std::string& code);
    Result<VerificationReport> verifyDocument(const Actor& actor, const std::string& documentId);
    // Every stream in the store (system, regions, documents).
    Result<std::vector<VerificationReport>> verifyAll(const Actor& actor);

    // Workflow. Lifecycles come from the document's workflow
    // definition (schemas/workflows/); docs/workflow.md describes the use cases.
    Result<WorkflowStatus> workflowStatus(const Actor& actor, const std::string& documentId);
    Result<TransitionResult> transition(const Actor& actor, const TransitionRequest& request);
    Result<std::vector<TransitionRecord>> transitions(const Actor& actor,
                                                      const std::string& documentId);
    Result<DecisionRecord> recordDecision(const Actor& actor, const DecisionRequest& request);
    // A meeting's decisions in one go: all are recorded, or none (the error
    // names each one that cannot be, by partner).
    Result<std::vector<DecisionRecord>> recordDecisions(
        const Actor& actor, const std::vector<DecisionRequest>& requests);
    Result<DecisionStatus> decisionStatus(const Actor& actor, const std::string& documentId);
    Result<SignatureRecord> recordSignature(const Actor& actor, const SignatureRequest& request);
    // The signatures of a signing session in one go: all, or none.
    Result<std::vector<SignatureRecord>> recordSignatures(
        const Actor& actor, const std::vector<SignatureRequest>& requests);
    Result<SignatureStatus> signatureStatus(const Actor& actor, const std::string& documentId);
    // Rectificaties (secretariaat): docs/workflow.md.
    Result<DecisionRecord> rectifyDecision(const Actor& actor,
                                           const DecisionRectification& request);
    Result<SignatureRecord> rectifySignature(const Actor& actor,
                                             const SignatureRectification& request);
    Result<Document> startAmendment(const Actor& actor, const AmendmentRequest& request);
    Result<AdmissionResult> admitStrategischPartner(const Actor& actor,
                                                    const AdmissionRequest& request);
    Result<workflow::Definition> registerWorkflowDefinition(const Actor& actor,
                                                            const std::string& xml);
    Result<std::vector<workflow::Definition>> workflowDefinitions(const Actor& actor);
    Result<MigrationReport> migrateWorkflow(const Actor& actor, const MigrationRequest& request);
    Result<Overview> overview(const Actor& actor, const OverviewOptions& options);
    // Herinneringen (workflow/Workflow.h, Reminders): what each region in
    // scope still waits for, read from the chains like decisionStatus and
    // signatureStatus.
    Result<Reminders> reminders(const Actor& actor, const ReminderOptions& options);
    // Timed transitions (docs/workflow.md, "Timed transitions"): fires every
    // transition with a timer that is due on a document in the actor's
    // scope, as the systeem actor, recording when it was due. Each step is a
    // write transaction of its own that reads the document again, so runs on
    // several servers at once, or again after a restart, take each step
    // once. With `fire` false nothing is fired and every timed step waiting on
    // a document is in `upcoming`, due or not. Anyone may run it: it does
    // only what is due, as the system.
    Result<TimerRun> runTimers(const Actor& actor, bool fire = true);

    // Rendering. Renders a version (the latest when absent) with
    // the template of its kind, from the BERAAD_TEMPLATES folder when it holds
    // one (<kind>/<odt|docx>/ unpacked, or <kind>.odt / <kind>.docx), else the
    // one compiled in. The template sees a context document: <beraad> holding
    // <document> (id, versie, status, regio, regionaam, ...), <budget>, the
    // content (with partner names added) and, for an uitvoeringsagenda, its
    // beleidsagenda and derived views; docs/templates.md describes it.
    // renderContext returns that document, for writing your own template.
    Result<RenderedDocument> renderVersion(const Actor& actor, const std::string& documentId,
                                           std::optional<std::int64_t> version,
                                           render::TemplateFormat format);
    Result<std::string> renderContext(const Actor& actor, const std::string& documentId,
                                      std::optional<std::int64_t> version);

    // Audit: diff and redline. `to` defaults to the latest version,
    // `from` to the one before `to`; both must exist (NotFound) and version 1
    // has nothing before it (InvalidInput). Anyone who may read the document
    // may compare its versions. docs/diff.md describes the result.
    Result<VersionDiff> diffVersions(const Actor& actor, const std::string& documentId,
                                     std::optional<std::int64_t> from,
                                     std::optional<std::int64_t> to);
    // Both versions rendered with the kind's template (as renderVersion), the
    // newer one then marked up: changes are attributed to the newer version's
    // author when the versions are consecutive, else to "Beraad", dated at
    // the newer version's time.
    Result<RedlineDocument> redlineVersions(const Actor& actor, const std::string& documentId,
                                            std::optional<std::int64_t> from,
                                            std::optional<std::int64_t> to,
                                            render::TemplateFormat format);

    // API tokens. Only a beheerder issues, lists and revokes them.
    // The secret is returned once by createToken and only its SHA-256 is kept;
    // authenticate turns a presented secret back into the actor it was issued to.
    Result<IssuedToken> createToken(const Actor& actor, const TokenRequest& request);
    Result<std::vector<ApiToken>> listTokens(const Actor& actor);
    Result<ApiToken> revokeToken(const Actor& actor, const std::string& tokenId);
    Result<Actor> authenticate(const std::string& secret);

    // Sessions of the web front end, kept in the store (so several servers
    // share them). startWebSession turns a valid API token into a session:
    // its secret (for the cookie, returned once; the store keeps its
    // SHA-256) and its CSRF token. resumeWebSession gives the session's actor
    // while the session is within its idle and absolute expiry and its token
    // is still valid; endWebSession ends it (logout).
    Result<WebSessionStart> startWebSession(const std::string& tokenSecret,
                                            const WebSessionPolicy& policy);
    Result<WebSessionState> resumeWebSession(const std::string& secret,
                                             const WebSessionPolicy& policy);
    Result<void> endWebSession(const std::string& secret);

    // Idempotency keys of the REST API (docs/api.md): a key is the actor's
    // own and lives 24 hours. claimIdempotencyKey records the request's
    // fingerprint under the key, or says what an earlier use of it left;
    // completeIdempotencyKey keeps the answer (status, headers, body) of a
    // claimed key, releaseIdempotencyKey forgets a claim whose request failed.
    Result<IdempotencyClaim> claimIdempotencyKey(const Actor& actor, const std::string& key,
                                                 const std::string& fingerprint);
    Result<void> completeIdempotencyKey(const Actor& actor, const std::string& key, int status,
                                        const std::string& headers, const std::string& body);
    Result<void> releaseIdempotencyKey(const Actor& actor, const std::string& key);

    // Audit: export and bundle verification. Auditors, beheerders
    // and the secretariaat export a document or a whole region within their
    // scope as JSON, CSV or a ZIP bundle (audit/Export.h), written to `out`
    // as it is read; nothing is written when the request is refused. A
    // bundle verifies offline without any store: verifyBundle
    // (audit/BundleVerifier.h).
    Result<ExportSummary> exportHistory(const Actor& actor, const ExportRequest& request,
                                        std::ostream& out);

    // Signed checkpoints (beraad/trust). From this call on, every write
    // signs a checkpoint of each stream it appended to, in its transaction.
    // When the key folder was just created, the streams already in the
    // store are signed as they stand (adopted); returns how many were.
    Result<std::int64_t> useSigningKeys(std::shared_ptr<trust::KeyFolder> keys);
    // The keys checkpoints are verified with: the active one first, then
    // rotated-out ones; empty without a key folder.
    std::vector<trust::VerifierKey> publicKeys() const;
    // A stream's newest signed checkpoint with its cosignatures, as a note.
    Result<std::string> checkpoint(const Actor& actor, const std::string& stream);
    Result<trust::Receipt> receipt(const Actor& actor, const std::string& stream,
                                   std::int64_t sequence);
    Result<MerkleProof> inclusionProof(const Actor& actor, const std::string& stream,
                                       std::int64_t sequence, std::int64_t treeSize);
    Result<MerkleProof> consistencyProof(const Actor& actor, const std::string& stream,
                                         std::int64_t from, std::int64_t to);
    // Verifies the stream and that today's history extends `note`, a
    // checkpoint kept from earlier (signed by one of publicKeys() or of
    // `pinned`).
    Result<VerificationReport> verifyAgainstCheckpoint(
        const Actor& actor, const std::string& stream, const std::string& note,
        const std::vector<trust::VerifierKey>& pinned);
    // A witness's cosignature line on the stream's checkpoint of `size`
    // events, checked with the witness's verifier key and kept.
    Result<std::string> addCosignature(const Actor& actor, const std::string& stream,
                                       std::int64_t size, const std::string& witnessKey,
                                       const std::string& signatureLine);

    Store& store() { return *store_; }

  private:
    // Refused unless the edit confirms how many decisions on the latest
    // version it makes stale (none: nothing to confirm).
    Result<void> checkStaleDecisions(ReadTransaction& tx, const Document& document,
                                     const NewVersion& request) const;
    // Signs the appended streams' checkpoints (with a key folder), then commits.
    void commit(WriteTransaction& tx);
    // Records a partner's new register entry after the register's rules, and commits.
    Result<Partner> savePartner(WriteTransaction& tx, const Actor& actor, const Partner& partner,
                                const std::optional<Partner>& existing);
    // One decision's checks and its event and row, in `tx` (not committed).
    Result<DecisionRecord> decideIn(WriteTransaction& tx, const Actor& actor,
                                    const DecisionRequest& request);
    // One signature's checks and its event and row, in `tx` (not committed).
    Result<SignatureRecord> signIn(WriteTransaction& tx, const Actor& actor,
                                   const SignatureRequest& request);
    // The actor of the valid token with this secret hash, or Unauthenticated.
    Result<Actor> tokenActor(const std::string& secretHash);
    // Records a token's last use (at most once a minute).
    void noteUse(const ApiToken& token, std::chrono::system_clock::time_point now);
    // The chain, the projections and, with a key folder, the signed checkpoints.
    VerificationReport verifyStreamHistory(ReadTransaction& tx, const std::string& stream) const;

    std::shared_ptr<Store> store_;
    std::shared_ptr<Clock> clock_;
    std::shared_ptr<trust::KeyFolder> keys_;
};

}  // namespace beraad
