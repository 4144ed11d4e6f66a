#include "Backend.h"

namespace beraad::cli {
namespace {

class LocalBackend final : public Backend {
  public:
    LocalBackend(Engine& engine, Actor actor) : engine_(engine), actor_(std::move(actor)) {}

    Result<std::vector<Region>> listRegions() override { return engine_.listRegions(actor_); }
    Result<Region> region(const std::string& code) override { return engine_.region(actor_, code); }
    Result<Region> correctCentrumgemeente(const std::string& code,
                                          const std::string& centrumgemeente,
                                          const std::string& source) override {
        return engine_.correctCentrumgemeente(actor_, code, centrumgemeente, source);
    }
    Result<std::vector<BudgetYear>> budget() override { return engine_.budget(actor_); }
    Result<Partner> registerPartner(const Partner& partner) override {
        return engine_.registerPartner(actor_, partner);
    }
    Result<std::vector<Partner>> listPartners(const std::string& region) override {
        return engine_.listPartners(actor_, region);
    }
    Result<Document> createDocument(const NewDocument& request) override {
        return engine_.createDocument(actor_, request);
    }
    Result<ModelDraft> modelDraft(const ModelDraftRequest& request) override {
        return engine_.modelDraft(actor_, request);
    }
    Result<Version> addVersion(const NewVersion& request) override {
        return engine_.addVersion(actor_, request);
    }
    Result<Document> document(const std::string& id) override {
        return engine_.document(actor_, id);
    }
    Result<std::vector<Document>> listDocuments(const DocumentFilter& filter) override {
        return engine_.listDocuments(actor_, filter);
    }
    Result<Version> version(const std::string& documentId,
                            std::optional<std::int64_t> number) override {
        return engine_.version(actor_, documentId, number);
    }
    Result<std::vector<Version>> listVersions(const std::string& documentId) override {
        return engine_.listVersions(actor_, documentId);
    }
    Result<std::vector<Event>> history(const std::string& documentId) override {
        return engine_.history(actor_, documentId);
    }
    Result<std::vector<Event>> regionHistory(const std::string& code) override {
        return engine_.regionHistory(actor_, code);
    }
    Result<VerificationReport> verifyDocument(const std::string& documentId) override {
        return engine_.verifyDocument(actor_, documentId);
    }
    Result<WorkflowStatus> workflowStatus(const std::string& documentId) override {
        return engine_.workflowStatus(actor_, documentId);
    }
    Result<TransitionResult> transition(const TransitionRequest& request) override {
        return engine_.transition(actor_, request);
    }
    Result<std::vector<TransitionRecord>> transitions(const std::string& documentId) override {
        return engine_.transitions(actor_, documentId);
    }
    Result<DecisionRecord> recordDecision(const DecisionRequest& request) override {
        return engine_.recordDecision(actor_, request);
    }
    Result<DecisionStatus> decisionStatus(const std::string& documentId) override {
        return engine_.decisionStatus(actor_, documentId);
    }
    Result<SignatureRecord> recordSignature(const SignatureRequest& request) override {
        return engine_.recordSignature(actor_, request);
    }
    Result<SignatureStatus> signatureStatus(const std::string& documentId) override {
        return engine_.signatureStatus(actor_, documentId);
    }
    Result<Document> startAmendment(const AmendmentRequest& request) override {
        return engine_.startAmendment(actor_, request);
    }
    Result<AdmissionResult> admitStrategischPartner(const AdmissionRequest& request) override {
        return engine_.admitStrategischPartner(actor_, request);
    }
    Result<Overview> overview(const OverviewOptions& options) override {
        return engine_.overview(actor_, options);
    }
    Result<RenderedDocument> renderVersion(const std::string& documentId,
                                           std::optional<std::int64_t> version,
                                           render::TemplateFormat format) override {
        return engine_.renderVersion(actor_, documentId, version, format);
    }
    Result<VersionDiff> diffVersions(const std::string& documentId,
                                     std::optional<std::int64_t> from,
                                     std::optional<std::int64_t> to) override {
        return engine_.diffVersions(actor_, documentId, from, to);
    }
    Result<RedlineDocument> redlineVersions(const std::string& documentId,
                                            std::optional<std::int64_t> from,
                                            std::optional<std::int64_t> to,
                                            render::TemplateFormat format) override {
        return engine_.redlineVersions(actor_, documentId, from, to, format);
    }
    Result<ExportSummary> exportHistory(const ExportRequest& request, std::ostream& out) override {
        return engine_.exportHistory(actor_, request, out);
    }

  private:
    Engine& engine_;
    Actor actor_;
};

}  // namespace

std::unique_ptr<Backend> localBackend(Engine& engine, Actor actor) {
    return std::make_unique<LocalBackend>(engine, std::move(actor));
}

}  // namespace beraad::cli
