#include "Backend.h"
#include "NamedWriterStore.h"

#include <ostream>

namespace beraad::cli {
namespace {

class LocalBackend final : public Backend {
  public:
    LocalBackend(Engine& engine, Actor actor, std::ostream& notes)
        : engine_(engine), actor_(std::move(actor)), notes_(notes) {}

    Result<std::vector<Region>> listRegions() override { return engine_.listRegions(actor_); }
    Result<Region> region(const std::string& code) override { return engine_.region(actor_, code); }
    Result<Region> correctCentrumgemeente(const std::string& code,
                                          const std::string& centrumgemeente,
                                          const std::string& source) override {
        return wrote(
            regionStream(code),
            [&] { return engine_.correctCentrumgemeente(actor_, code, centrumgemeente, source); },
            [](const Region& r) { return r.eventSequence; });
    }
    Result<std::vector<BudgetYear>> budget() override { return engine_.budget(actor_); }
    Result<Partner> registerPartner(const Partner& partner) override {
        return wrote(
            regionStream(partner.region), [&] { return engine_.registerPartner(actor_, partner); },
            [](const Partner& p) { return p.eventSequence; });
    }
    Result<Partner> updatePartner(const PartnerChange& change) override {
        return wrote(
            regionStream(change.region), [&] { return engine_.updatePartner(actor_, change); },
            [](const Partner& p) { return p.eventSequence; });
    }
    Result<Partner> recordLeave(const PartnerLeave& leave) override {
        return wrote(
            regionStream(leave.region), [&] { return engine_.recordLeave(actor_, leave); },
            [](const Partner& p) { return p.eventSequence; });
    }
    Result<std::vector<Partner>> listPartners(const std::string& region) override {
        return engine_.listPartners(actor_, region);
    }
    Result<Document> createDocument(const NewDocument& request) override {
        catchUp();
        auto created = engine_.createDocument(actor_, request);
        if (created) pending_ = {documentStream(created->id), created->eventSequence};
        return created;
    }
    Result<ModelDraft> modelDraft(const ModelDraftRequest& request) override {
        return engine_.modelDraft(actor_, request);
    }
    Result<Version> addVersion(const NewVersion& request) override {
        return wrote(
            documentStream(request.documentId), [&] { return engine_.addVersion(actor_, request); },
            [](const Version& v) { return v.eventSequence; });
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
        return wrote(
            documentStream(request.documentId), [&] { return engine_.transition(actor_, request); },
            [](const TransitionResult& t) { return t.eventSequence; });
    }
    Result<std::vector<TransitionRecord>> transitions(const std::string& documentId) override {
        return engine_.transitions(actor_, documentId);
    }
    Result<DecisionRecord> recordDecision(const DecisionRequest& request) override {
        return wrote(
            documentStream(request.documentId),
            [&] { return engine_.recordDecision(actor_, request); },
            [](const DecisionRecord& d) { return d.eventSequence; });
    }
    Result<DecisionStatus> decisionStatus(const std::string& documentId) override {
        return engine_.decisionStatus(actor_, documentId);
    }
    Result<SignatureRecord> recordSignature(const SignatureRequest& request) override {
        return wrote(
            documentStream(request.documentId),
            [&] { return engine_.recordSignature(actor_, request); },
            [](const SignatureRecord& s) { return s.eventSequence; });
    }
    Result<SignatureStatus> signatureStatus(const std::string& documentId) override {
        return engine_.signatureStatus(actor_, documentId);
    }
    Result<DecisionRecord> rectifyDecision(const DecisionRectification& request) override {
        return wrote(
            documentStream(request.documentId),
            [&] { return engine_.rectifyDecision(actor_, request); },
            [](const DecisionRecord& d) { return d.eventSequence; });
    }
    Result<SignatureRecord> rectifySignature(const SignatureRectification& request) override {
        return wrote(
            documentStream(request.documentId),
            [&] { return engine_.rectifySignature(actor_, request); },
            [](const SignatureRecord& s) { return s.eventSequence; });
    }
    Result<Document> startAmendment(const AmendmentRequest& request) override {
        catchUp();
        auto started = engine_.startAmendment(actor_, request);
        if (started) pending_ = {documentStream(started->id), started->eventSequence};
        return started;
    }
    Result<AdmissionResult> admitStrategischPartner(const AdmissionRequest& request) override {
        return wrote(
            regionStream(request.region),
            [&] { return engine_.admitStrategischPartner(actor_, request); },
            [](const AdmissionResult& a) { return a.record.eventSequence; });
    }
    Result<Overview> overview(const OverviewOptions& options) override {
        return engine_.overview(actor_, options);
    }
    Result<Reminders> reminders(const ReminderOptions& options) override {
        return engine_.reminders(actor_, options);
    }
    Result<TimerRun> runTimers(bool fire) override {
        caughtUp_ = caughtUp_ || fire;
        return engine_.runTimers(actor_, fire);
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

    Result<std::vector<trust::VerifierKey>> publicKeys() override { return engine_.publicKeys(); }
    Result<std::string> checkpoint(const std::string& stream) override {
        return engine_.checkpoint(actor_, stream);
    }
    Result<trust::Receipt> receipt(const std::string& stream, std::int64_t sequence) override {
        return engine_.receipt(actor_, stream, sequence);
    }
    Result<MerkleProof> consistencyProof(const std::string& stream, std::int64_t from,
                                         std::int64_t to) override {
        return engine_.consistencyProof(actor_, stream, from, to);
    }
    Result<std::string> addCosignature(const std::string& stream, std::int64_t size,
                                       const std::string& witnessKey,
                                       const std::string& line) override {
        return engine_.addCosignature(actor_, stream, size, witnessKey, line);
    }
    std::optional<trust::Receipt> takeReceipt() override {
        if (!pending_) return std::nullopt;
        auto [stream, sequence] = *pending_;
        pending_.reset();
        if (sequence <= 0) return std::nullopt;
        auto receipt = engine_.receipt(actor_, stream, sequence);
        if (!receipt) return std::nullopt;
        return receipt.value();
    }

  private:
    // Takes the timed transitions that fell due (a local store has no
    // server to take them), then the write; remembers which event a
    // successful write recorded, for its receipt.
    template <typename Write, typename Sequence>
    auto wrote(const std::string& stream, Write write, Sequence sequenceOf) -> decltype(write()) {
        catchUp();
        auto result = write();
        if (result) pending_ = {stream, sequenceOf(result.value())};
        return result;
    }

    // Once per command, before its first write: what the system did is
    // said on stderr, a failure too, and neither stops the write.
    void catchUp() {
        if (caughtUp_) return;
        caughtUp_ = true;
        auto run = engine_.runTimers(actor_);
        if (!run) {
            // An unnamed actor's write is refused with its own message.
            if (run.error().message.find(namedActorRequired()) == std::string::npos) {
                notes_ << "beraad: the timed transitions could not run: " << run.error().describe()
                       << "\n";
            }
            return;
        }
        for (const auto& step : run->fired) {
            notes_ << "beraad: timer: " << step.document << " " << step.from << " -> " << step.to
                   << " (" << step.transition << ", due " << amsterdamTime(step.due) << ")\n";
        }
    }

    Engine& engine_;
    Actor actor_;
    std::ostream& notes_;
    bool caughtUp_ = false;
    std::optional<std::pair<std::string, std::int64_t>> pending_;
};

}  // namespace

std::unique_ptr<Backend> localBackend(Engine& engine, Actor actor, std::ostream& notes) {
    return std::make_unique<LocalBackend>(engine, std::move(actor), notes);
}

}  // namespace beraad::cli
