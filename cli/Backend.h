#pragma once
// What the commands ask of Beraad, bound to who asks. Two implementations:
// the local engine on an embedded store, acting as the configured identity,
// and a beraad-server reached over REST with an API token (--server). Both
// return the engine's own records and Errors (same codes, messages and
// details), so a command prints the same output and exits with the same code
// either way.
//
// A command that is not (yet) available over REST keeps calling
// Context::engine(), which refuses with "not available with --server"
// (exit 2) in remote mode. To give a command a remote path, add its use case
// here, forward it in LocalBackend and map it to its REST resource in
// RemoteBackend (docs/cli.md, "Remote mode").

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "beraad/Engine.h"

namespace beraad::cli {

class Backend {
  public:
    virtual ~Backend() = default;

    // Reference data and partners.
    virtual Result<std::vector<Region>> listRegions() = 0;
    virtual Result<Region> region(const std::string& code) = 0;
    virtual Result<Region> correctCentrumgemeente(const std::string& code,
                                                  const std::string& centrumgemeente,
                                                  const std::string& source) = 0;
    virtual Result<std::vector<BudgetYear>> budget() = 0;
    virtual Result<Partner> registerPartner(const Partner& partner) = 0;
    // Changes only what `change` names (REST: PATCH, a JSON merge patch).
    virtual Result<Partner> updatePartner(const PartnerChange& change) = 0;
    virtual Result<Partner> recordLeave(const PartnerLeave& leave) = 0;
    virtual Result<std::vector<Partner>> listPartners(const std::string& region) = 0;

    // Documents, versions, history.
    virtual Result<Document> createDocument(const NewDocument& request) = 0;
    // The content of a new document written from the region's data; creates nothing.
    virtual Result<ModelDraft> modelDraft(const ModelDraftRequest& request) = 0;
    virtual Result<Version> addVersion(const NewVersion& request) = 0;
    virtual Result<Document> document(const std::string& id) = 0;
    virtual Result<std::vector<Document>> listDocuments(const DocumentFilter& filter) = 0;
    // With its content; the latest when number is absent.
    virtual Result<Version> version(const std::string& documentId,
                                    std::optional<std::int64_t> number) = 0;
    virtual Result<std::vector<Version>> listVersions(const std::string& documentId) = 0;
    virtual Result<std::vector<Event>> history(const std::string& documentId) = 0;
    virtual Result<std::vector<Event>> regionHistory(const std::string& code) = 0;
    virtual Result<VerificationReport> verifyDocument(const std::string& documentId) = 0;

    // Workflow.
    virtual Result<WorkflowStatus> workflowStatus(const std::string& documentId) = 0;
    virtual Result<TransitionResult> transition(const TransitionRequest& request) = 0;
    virtual Result<std::vector<TransitionRecord>> transitions(const std::string& documentId) = 0;
    virtual Result<DecisionRecord> recordDecision(const DecisionRequest& request) = 0;
    virtual Result<DecisionStatus> decisionStatus(const std::string& documentId) = 0;
    virtual Result<SignatureRecord> recordSignature(const SignatureRequest& request) = 0;
    virtual Result<SignatureStatus> signatureStatus(const std::string& documentId) = 0;
    virtual Result<DecisionRecord> rectifyDecision(const DecisionRectification& request) = 0;
    virtual Result<SignatureRecord> rectifySignature(const SignatureRectification& request) = 0;
    virtual Result<Document> startAmendment(const AmendmentRequest& request) = 0;
    virtual Result<AdmissionResult> admitStrategischPartner(const AdmissionRequest& request) = 0;
    virtual Result<Overview> overview(const OverviewOptions& options) = 0;
    virtual Result<Reminders> reminders(const ReminderOptions& options) = 0;
    // Timed transitions: on a local store `fire` takes what is due; a
    // server takes them itself, so there it only lists them.
    virtual Result<TimerRun> runTimers(bool fire) = 0;

    // Rendering; on a server the template is the server's.
    virtual Result<RenderedDocument> renderVersion(const std::string& documentId,
                                                   std::optional<std::int64_t> version,
                                                   render::TemplateFormat format) = 0;

    // Comparing two versions: `to` defaults to the latest, `from` to the one
    // before `to`. The redline's template is the server's, as for rendering.
    virtual Result<VersionDiff> diffVersions(const std::string& documentId,
                                             std::optional<std::int64_t> from,
                                             std::optional<std::int64_t> to) = 0;
    virtual Result<RedlineDocument> redlineVersions(const std::string& documentId,
                                                    std::optional<std::int64_t> from,
                                                    std::optional<std::int64_t> to,
                                                    render::TemplateFormat format) = 0;

    // The export written to `out` as it arrives. request.progress is called
    // only by the local engine: a server builds the export before sending it.
    virtual Result<ExportSummary> exportHistory(const ExportRequest& request,
                                                std::ostream& out) = 0;

    // Trust (docs/audit.md). Streams are named as in the event log
    // ("document:AM05-convenant-1", "regio:AM05", "systeem"). The checks
    // themselves are the command's, made with the trust module, so a
    // server's answer is never taken on its word.
    virtual Result<std::vector<trust::VerifierKey>> publicKeys() = 0;
    // The stream's newest signed checkpoint with its cosignature lines.
    virtual Result<std::string> checkpoint(const std::string& stream) = 0;
    virtual Result<trust::Receipt> receipt(const std::string& stream, std::int64_t sequence) = 0;
    virtual Result<MerkleProof> consistencyProof(const std::string& stream, std::int64_t from,
                                                 std::int64_t to) = 0;
    // A witness's cosignature line on the checkpoint of `size` events; the
    // checkpoint with every cosignature line.
    virtual Result<std::string> addCosignature(const std::string& stream, std::int64_t size,
                                               const std::string& witnessKey,
                                               const std::string& line) = 0;
    // The receipt of the last write, once; nothing when there was no write
    // (or no receipt could be had for it).
    virtual std::optional<trust::Receipt> takeReceipt() = 0;
};

// Forwards every use case to the engine as `actor`. Before a command's first
// write it takes the timed transitions that fell due, saying on `notes` what
// the system did (a local store has no server to take them).
std::unique_ptr<Backend> localBackend(Engine& engine, Actor actor, std::ostream& notes);

struct ServerAddress {
    std::string url;    // "http://127.0.0.1:8080" (with or without /api/v1)
    std::string token;  // the bearer token; never printed
};

// Speaks the REST API of beraad-server; fails with ErrorCode::Storage when the
// server cannot be reached.
std::unique_ptr<Backend> remoteBackend(const ServerAddress& address);

}  // namespace beraad::cli
