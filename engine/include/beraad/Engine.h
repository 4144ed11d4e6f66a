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

#include "beraad/Actor.h"
#include "beraad/Clock.h"
#include "beraad/Result.h"
#include "beraad/audit/BundleVerifier.h"
#include "beraad/audit/Export.h"
#include "beraad/content/DocumentKind.h"
#include "beraad/content/ModelDraft.h"
#include "beraad/diff/Diff.h"
#include "beraad/history/Event.h"
#include "beraad/reference/Partners.h"
#include "beraad/render/Template.h"
#include "beraad/store/Records.h"
#include "beraad/store/Store.h"
#include "beraad/workflow/Definition.h"
#include "beraad/workflow/Workflow.h"

namespace beraad {

struct NewDocument {
    DocumentKind kind;
    std::string region;
    std::string content;  // XML of version 1
    std::string message;
    std::optional<std::string> beleidsagendaId;  // required for an uitvoeringsagenda
};

// A model draft asked for (content/ModelDraft.h).
struct ModelDraftRequest {
    DocumentKind kind;
    std::string region;
    // ISO date. Default: 1 January of next year; for an uitvoeringsagenda the
    // day after the previous uitvoeringsagenda of its beleidsagenda ends, or
    // else the begin of that beleidsagenda.
    std::optional<std::string> begin;
    // For an uitvoeringsagenda; default: the region's newest beleidsagenda.
    std::optional<std::string> beleidsagendaId;
};

struct NewVersion {
    std::string documentId;
    std::int64_t baseVersion = 0;  // the version the edit started from
    std::string content;
    std::string message;
};

struct TokenRequest {
    std::string person;  // who will use it
    Role role = Role::Auditor;
    std::string regionScope;             // a region code, or "*" (not for partner tokens)
    std::optional<std::string> partner;  // required for Role::Partner
};

struct IssuedToken {
    ApiToken token;
    std::string secret;  // shown once; never stored, logged or recorded
};

struct VerificationReport {
    std::string stream;
    std::int64_t eventsChecked = 0;
    std::string headHash;               // hash of the last intact event
    std::vector<ErrorDetail> problems;  // empty when everything verifies
    bool intact() const { return problems.empty(); }
};

// A version rendered with its kind's shipped template (issue 5).
struct RenderedDocument {
    std::string bytes;            // the .odt or .docx package
    std::string fileName;         // "AM05-convenant-1-v3.odt"
    std::string contentType;      // the package's media type
    std::string templateName;     // "samenwerkingsconvenant/odt"
    std::string templateVersion;  // "sha256:" and 12 hex digits of the template package
    std::string templateSource;   // "ingebouwd", or the override file or folder it came from
    std::string documentId;
    std::int64_t version = 0;
};

// Two versions of one document compared (issue 8); both versions carry their
// content.
struct VersionDiff {
    std::string documentId;
    std::string kind;
    Version from;
    Version to;
    diff::ContentDiff diff;
};

// The newer version rendered with the changes from the older one as tracked
// changes (issue 8).
struct RedlineDocument {
    RenderedDocument rendered;  // fileName "AM05-convenant-1-v3-t.o.v.-v2.docx"
    std::int64_t fromVersion = 0;
    std::string author;  // whom the changes are attributed to
    std::string date;    // the newer version's time
    int insertions = 0;
    int deletions = 0;
};

class Engine {
  public:
    explicit Engine(std::shared_ptr<Store> store, std::shared_ptr<Clock> clock = systemClock());

    // Loads the shipped reference data into a store that has none yet.
    // Returns whether anything was loaded; safe to call on every start.
    Result<bool> initialize();

    // Reference data.
    Result<std::vector<Region>> listRegions(const Actor& actor);
    Result<Region> region(const Actor& actor, const std::string& code);
    Result<Region> correctCentrumgemeente(const Actor& actor, const std::string& code,
                                          const std::string& centrumgemeente,
                                          const std::string& source);
    Result<std::vector<BudgetYear>> budget(const Actor& actor);

    // Partners of a region's Beraad.
    Result<Partner> registerPartner(const Actor& actor, const Partner& partner);
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

    // Workflow (issue 3). Lifecycles come from the document's workflow
    // definition (schemas/workflows/); docs/workflow.md describes the use cases.
    Result<WorkflowStatus> workflowStatus(const Actor& actor, const std::string& documentId);
    Result<TransitionResult> transition(const Actor& actor, const TransitionRequest& request);
    Result<std::vector<TransitionRecord>> transitions(const Actor& actor,
                                                      const std::string& documentId);
    Result<DecisionRecord> recordDecision(const Actor& actor, const DecisionRequest& request);
    Result<DecisionStatus> decisionStatus(const Actor& actor, const std::string& documentId);
    Result<SignatureRecord> recordSignature(const Actor& actor, const SignatureRequest& request);
    Result<SignatureStatus> signatureStatus(const Actor& actor, const std::string& documentId);
    Result<Document> startAmendment(const Actor& actor, const AmendmentRequest& request);
    Result<AdmissionResult> admitStrategischPartner(const Actor& actor,
                                                    const AdmissionRequest& request);
    Result<workflow::Definition> registerWorkflowDefinition(const Actor& actor,
                                                            const std::string& xml);
    Result<std::vector<workflow::Definition>> workflowDefinitions(const Actor& actor);
    Result<MigrationReport> migrateWorkflow(const Actor& actor, const MigrationRequest& request);
    Result<Overview> overview(const Actor& actor, const OverviewOptions& options);

    // Rendering (issue 5). Renders a version (the latest when absent) with
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

    // Audit: diff and redline (issue 8). `to` defaults to the latest version,
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

    // API tokens (issue 6). Only a beheerder issues, lists and revokes them.
    // The secret is returned once by createToken and only its SHA-256 is kept;
    // authenticate turns a presented secret back into the actor it was issued to.
    Result<IssuedToken> createToken(const Actor& actor, const TokenRequest& request);
    Result<std::vector<ApiToken>> listTokens(const Actor& actor);
    Result<ApiToken> revokeToken(const Actor& actor, const std::string& tokenId);
    Result<Actor> authenticate(const std::string& secret);

    // Audit: export and bundle verification (issue 8). Auditors, beheerders
    // and the secretariaat export a document or a whole region within their
    // scope as JSON, CSV or a ZIP bundle (audit/Export.h), written to `out`
    // as it is read; nothing is written when the request is refused. A
    // bundle verifies offline without any store: verifyBundle
    // (audit/BundleVerifier.h).
    Result<ExportSummary> exportHistory(const Actor& actor, const ExportRequest& request,
                                        std::ostream& out);

    Store& store() { return *store_; }

  private:
    std::shared_ptr<Store> store_;
    std::shared_ptr<Clock> clock_;
};

// Stream names of the event log.
std::string documentStream(const std::string& documentId);
std::string regionStream(const std::string& code);
inline constexpr const char* kSystemStream = "systeem";

}  // namespace beraad
