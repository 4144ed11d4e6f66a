// The Backend over beraad-server's REST API (docs/api.md): each use case is
// one or two requests, made by RestClient. Writes first read the resource
// for its ETag and send it as If-Match, as the API requires; a base version
// the user named travels as ?basis=N, so the engine on the server refuses a
// stale one with the same conflict it gives locally. Request bodies are
// written by present/RequestJson.h, answers read by present/JsonParse.h.
#include <Poco/URI.h>

#include <sstream>

#include "Backend.h"
#include "RemoteProblem.h"
#include "RestClient.h"
#include "beraad/present/Json.h"
#include "beraad/present/RequestJson.h"
#include "beraad/present/TrustJson.h"

namespace beraad::cli {
namespace {

using Poco::Net::HTTPRequest;

std::string partnerPath(const std::string& region, const std::string& key) {
    return "/regios/" + encoded(region) + "/partners/" + encoded(key);
}

class RemoteBackend final : public Backend {
  public:
    explicit RemoteBackend(const ServerAddress& address) : client_(address) {}

    Result<std::vector<Region>> listRegions() override {
        return client_.getList<Region>("/regios");
    }
    Result<Region> region(const std::string& code) override {
        return client_.getRecord<Region>("/regios/" + encoded(code));
    }
    Result<Region> correctCentrumgemeente(const std::string& code,
                                          const std::string& centrumgemeente,
                                          const std::string& source) override {
        auto tag = client_.etag("/regios/" + encoded(code));
        if (!tag) return tag.error();
        return client_.postJson<Region>(
            "/regios/" + encoded(code) + "/correcties", *tag,
            present::toJson(present::CentrumgemeenteCorrection{centrumgemeente, source}));
    }
    Result<std::vector<BudgetYear>> budget() override {
        return client_.getList<BudgetYear>("/budgetten");
    }
    Result<Partner> registerPartner(const Partner& partner) override {
        std::string path = partnerPath(partner.region, partner.key);
        Call call{
            "PUT", path, RestClient::jsonText(present::toJson(partner)), "application/json", {}};
        auto existing = client_.exchange({HTTPRequest::HTTP_GET, path, "", "", {}});
        if (!existing) return existing.error();
        if (existing->status == 200) {
            call.headers["If-Match"] = existing->header("ETag");
        } else if (existing->status == 404) {
            call.headers["If-None-Match"] = "*";
        } else {
            return problemError(existing->status, existing->body);
        }
        return client_.record<Partner>(client_.send(call));
    }
    Result<Partner> updatePartner(const PartnerChange& change) override {
        std::string path = partnerPath(change.region, change.key);
        auto tag = client_.etag(path);
        if (!tag) return tag.error();
        return client_.record<Partner>(client_.send({"PATCH",
                                                     path,
                                                     RestClient::jsonText(present::toJson(change)),
                                                     "application/merge-patch+json",
                                                     {{"If-Match", *tag}}}));
    }
    Result<Partner> recordLeave(const PartnerLeave& leave) override {
        std::string path = partnerPath(leave.region, leave.key);
        auto tag = client_.etag(path);
        if (!tag) return tag.error();
        return client_.postJson<Partner>(path + "/uittredingen", *tag, present::toJson(leave));
    }
    Result<std::vector<Partner>> listPartners(const std::string& region) override {
        return client_.getList<Partner>("/regios/" + encoded(region) + "/partners");
    }

    Result<Document> createDocument(const NewDocument& request) override {
        std::string path =
            "/documenten" + query({{"soort", std::string(toString(request.kind))},
                                   {"regio", request.region},
                                   {"bericht", request.message},
                                   {"beleidsagenda", request.beleidsagendaId},
                                   {"vervangt", request.replaces},
                                   {"reden", request.replaces ? std::optional(request.replaceReason)
                                                              : std::nullopt}});
        return client_.record<Document>(client_.send({HTTPRequest::HTTP_POST,
                                                      path,
                                                      request.content,
                                                      "application/xml",
                                                      {{"If-Match", "*"}}}));
    }
    Result<ModelDraft> modelDraft(const ModelDraftRequest& request) override;
    Result<Version> addVersion(const NewVersion& request) override {
        std::string document = "/documenten/" + encoded(request.documentId);
        auto tag = client_.etag(document);
        if (!tag) return tag.error();
        std::optional<std::string> stale;
        if (request.confirmStaleDecisions) stale = std::to_string(*request.confirmStaleDecisions);
        std::string path = document + "/versies" +
                           query({{"bericht", request.message},
                                  {"basis", std::to_string(request.baseVersion)},
                                  {"bevestigVervallen", stale}});
        return client_.record<Version>(client_.send({HTTPRequest::HTTP_POST,
                                                     path,
                                                     request.content,
                                                     "application/xml",
                                                     {{"If-Match", *tag}}}));
    }
    Result<Document> document(const std::string& id) override {
        return client_.getRecord<Document>("/documenten/" + encoded(id));
    }
    Result<std::vector<Document>> listDocuments(const DocumentFilter& filter) override;
    Result<Version> version(const std::string& documentId,
                            std::optional<std::int64_t> number) override {
        auto chosen = versionNumber(documentId, number);
        if (!chosen) return chosen.error();
        std::string path =
            "/documenten/" + encoded(documentId) + "/versies/" + std::to_string(*chosen);
        auto version = client_.getRecord<Version>(path);
        if (!version) return version;
        auto content = client_.get(path + "/inhoud");
        if (!content) return content.error();
        version.value().content = content->body;
        return version;
    }
    Result<std::vector<Version>> listVersions(const std::string& documentId) override {
        return client_.getList<Version>("/documenten/" + encoded(documentId) + "/versies");
    }
    Result<std::vector<Event>> history(const std::string& documentId) override {
        return client_.getList<Event>("/documenten/" + encoded(documentId) + "/gebeurtenissen");
    }
    Result<std::vector<Event>> regionHistory(const std::string& code) override {
        return client_.getList<Event>("/regios/" + encoded(code) + "/gebeurtenissen");
    }
    Result<VerificationReport> verifyDocument(const std::string& documentId) override {
        return client_.getRecord<VerificationReport>("/documenten/" + encoded(documentId) +
                                                     "/verificatie");
    }

    Result<WorkflowStatus> workflowStatus(const std::string& documentId) override {
        return client_.getRecord<WorkflowStatus>("/documenten/" + encoded(documentId) +
                                                 "/workflow");
    }
    Result<TransitionResult> transition(const TransitionRequest& request) override {
        std::string document = "/documenten/" + encoded(request.documentId);
        auto tag = client_.etag(document);
        if (!tag) return tag.error();
        std::optional<std::string> base;
        if (request.baseVersion) base = std::to_string(*request.baseVersion);
        return client_.postJson<TransitionResult>(
            document + "/transities" + query({{"basis", base}}), *tag, present::toJson(request));
    }
    Result<std::vector<TransitionRecord>> transitions(const std::string& documentId) override {
        return client_.getList<TransitionRecord>("/documenten/" + encoded(documentId) +
                                                 "/transities");
    }
    Result<DecisionRecord> recordDecision(const DecisionRequest& request) override {
        return client_.postJson<DecisionRecord>(
            versionPath(request.documentId, request.version) + "/goedkeuringen",
            "\"" + request.contentHash + "\"", present::toJson(request));
    }
    Result<DecisionStatus> decisionStatus(const std::string& documentId) override {
        return client_.getRecord<DecisionStatus>("/documenten/" + encoded(documentId) +
                                                 "/besluitvorming");
    }
    Result<SignatureRecord> recordSignature(const SignatureRequest& request) override {
        return client_.postJson<SignatureRecord>(
            versionPath(request.documentId, request.version) + "/ondertekeningen",
            "\"" + request.contentHash + "\"", present::toJson(request));
    }
    Result<SignatureStatus> signatureStatus(const std::string& documentId) override {
        return client_.getRecord<SignatureStatus>("/documenten/" + encoded(documentId) +
                                                  "/ondertekeningen");
    }
    Result<DecisionRecord> rectifyDecision(const DecisionRectification& request) override {
        return rectification<DecisionRecord>(request.documentId, "/goedkeuringen/",
                                             request.decision, present::toJson(request));
    }
    Result<SignatureRecord> rectifySignature(const SignatureRectification& request) override {
        return rectification<SignatureRecord>(request.documentId, "/ondertekeningen/",
                                              request.signature, present::toJson(request));
    }
    Result<Document> startAmendment(const AmendmentRequest& request) override {
        std::string document = "/documenten/" + encoded(request.convenantId);
        auto tag = client_.etag(document);
        if (!tag) return tag.error();
        return client_.record<Document>(
            client_.send({HTTPRequest::HTTP_POST,
                          document + "/wijzigingen" + query({{"bericht", request.message}}),
                          "",
                          "",
                          {{"If-Match", *tag}}}));
    }
    Result<AdmissionResult> admitStrategischPartner(const AdmissionRequest& request) override {
        std::string region = "/regios/" + encoded(request.region);
        auto tag = client_.etag(region);
        if (!tag) return tag.error();
        return client_.postJson<AdmissionResult>(region + "/toelatingen", *tag,
                                                 present::toJson(request));
    }
    Result<Overview> overview(const OverviewOptions& options) override {
        return client_.getRecord<Overview>(
            "/overzicht" + query({{"binnenDagen", std::to_string(options.withinDays)},
                                  {"streefdatum", options.targetDate},
                                  {"peildatum", options.today}}));
    }

    Result<Reminders> reminders(const ReminderOptions& options) override {
        return client_.getRecord<Reminders>(
            "/herinneringen" + query({{"regio", options.region},
                                      {"binnenDagen", std::to_string(options.withinDays)},
                                      {"streefdatum", options.targetDate},
                                      {"peildatum", options.today}}));
    }

    Result<TimerRun> runTimers(bool) override {
        return client_.getRecord<TimerRun>("/geplande-overgangen");
    }

    Result<RenderedDocument> renderVersion(const std::string& documentId,
                                           std::optional<std::int64_t> number,
                                           render::TemplateFormat format) override;

    Result<VersionDiff> diffVersions(const std::string& documentId,
                                     std::optional<std::int64_t> from,
                                     std::optional<std::int64_t> to) override {
        auto newer = versionNumber(documentId, to);
        if (!newer) return newer.error();
        return client_.getRecord<VersionDiff>(versionPath(documentId, *newer) + "/verschillen" +
                                              query({{"tegen", numberText(from)}}));
    }
    Result<RedlineDocument> redlineVersions(const std::string& documentId,
                                            std::optional<std::int64_t> from,
                                            std::optional<std::int64_t> to,
                                            render::TemplateFormat format) override;
    Result<ExportSummary> exportHistory(const ExportRequest& request, std::ostream& out) override;

    Result<std::vector<trust::VerifierKey>> publicKeys() override {
        auto reply = client_.get("/sleutels");
        if (!reply) return reply.error();
        auto object = client_.parseObject(*reply);
        if (!object) return object.error();
        std::vector<trust::VerifierKey> keys;
        try {
            auto list = (*object)->getArray("sleutels");
            for (unsigned i = 0; list && i < list->size(); ++i) {
                keys.push_back(trust::parseVerifierKey(
                    list->getObject(i)->getValue<std::string>("verificatiesleutel")));
            }
        } catch (const std::exception& failure) {
            return client_.unexpected(std::string("a key the server publishes cannot be read (") +
                                      failure.what() + ")");
        }
        return keys;
    }
    Result<std::string> checkpoint(const std::string& stream) override {
        auto reply = client_.get(streamPath(stream) + "/checkpoint");
        if (!reply) return reply.error();
        return reply->body;
    }
    Result<trust::Receipt> receipt(const std::string& stream, std::int64_t sequence) override {
        auto reply = client_.get(streamPath(stream) + "/gebeurtenissen/" +
                                 std::to_string(sequence) + "/ontvangstbewijs");
        if (!reply) return reply.error();
        try {
            return present::receiptFromJson(reply->body);
        } catch (const std::exception& failure) {
            return client_.unexpected(std::string("the receipt cannot be read (") + failure.what() +
                                      ")");
        }
    }
    Result<MerkleProof> consistencyProof(const std::string& stream, std::int64_t from,
                                         std::int64_t to) override {
        auto reply =
            client_.get(streamPath(stream) + "/consistentie" +
                        query({{"van", std::to_string(from)}, {"naar", std::to_string(to)}}));
        if (!reply) return reply.error();
        auto object = client_.parseObject(*reply);
        if (!object) return object.error();
        try {
            MerkleProof proof;
            proof.stream = stream;
            proof.first = (*object)->getValue<Poco::Int64>("van");
            proof.treeSize = (*object)->getValue<Poco::Int64>("naar");
            proof.root = (*object)->getValue<std::string>("wortelHash");
            auto path = (*object)->getArray("pad");
            for (unsigned i = 0; path && i < path->size(); ++i)
                proof.path.push_back(path->getElement<std::string>(i));
            return proof;
        } catch (const std::exception& failure) {
            return client_.unexpected(std::string("the consistency proof cannot be read (") +
                                      failure.what() + ")");
        }
    }
    Result<std::string> addCosignature(const std::string& stream, std::int64_t size,
                                       const std::string& witnessKey,
                                       const std::string& line) override {
        Poco::JSON::Object body;
        body.set("grootte", size);
        body.set("getuigeSleutel", witnessKey);
        body.set("ondertekening", line);
        auto reply = client_.send({HTTPRequest::HTTP_POST,
                                   streamPath(stream) + "/checkpoint/medeondertekeningen",
                                   RestClient::jsonText(body),
                                   "application/json",
                                   {}});
        if (!reply) return reply.error();
        return reply->body;
    }
    std::optional<trust::Receipt> takeReceipt() override {
        auto text = client_.takeReceipt();
        if (!text) return std::nullopt;
        try {
            return present::receiptFromJson(*text);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }

  private:
    // POST {document}{records}{id}/rectificaties, If-Match the document's tag.
    template <typename T>
    Result<T> rectification(const std::string& documentId, const std::string& records,
                            std::int64_t id, const Poco::JSON::Object& body) {
        std::string document = "/documenten/" + encoded(documentId);
        auto tag = client_.etag(document);
        if (!tag) return tag.error();
        return client_.postJson<T>(document + records + std::to_string(id) + "/rectificaties", *tag,
                                   body);
    }
    // The resource path of a stream: /documenten/{id}, /regios/{code}, /systeem.
    static std::string streamPath(const std::string& stream) {
        if (stream.starts_with("document:")) return "/documenten/" + encoded(stream.substr(9));
        if (stream.starts_with("regio:")) return "/regios/" + encoded(stream.substr(6));
        return "/systeem";
    }
    Result<std::int64_t> versionNumber(const std::string& documentId,
                                       std::optional<std::int64_t> number) {
        if (number) return *number;
        auto latest = document(documentId);
        if (!latest) return latest.error();
        return latest->latestVersion;
    }
    static std::optional<std::string> numberText(std::optional<std::int64_t> number) {
        if (!number) return std::nullopt;
        return std::to_string(*number);
    }
    // A download's file name, content type and template, from its headers.
    static RenderedDocument downloaded(const Reply& reply, const std::string& documentId,
                                       std::int64_t version, const std::string& fallbackName);
    std::string versionPath(const std::string& documentId, std::int64_t number) const {
        return "/documenten/" + encoded(documentId) + "/versies/" + std::to_string(number);
    }

    RestClient client_;
};

Result<std::vector<Document>> RemoteBackend::listDocuments(const DocumentFilter& filter) {
    if (filter.limit < 1 || filter.limit > 1000 || filter.offset < 0) {
        return makeError(ErrorCode::InvalidInput,
                         "limit must lie between 1 and 1000 and offset may not be negative");
    }
    // The API pages by 100; take the pages that cover [offset, offset + limit).
    constexpr int kPage = 100;
    std::vector<Document> documents;
    int page = filter.offset / kPage + 1;
    size_t skip = static_cast<size_t>(filter.offset % kPage);
    for (;; ++page) {
        std::string path = "/documenten" + query({{"pagina", std::to_string(page)},
                                                  {"paginaGrootte", std::to_string(kPage)},
                                                  {"regio", filter.region},
                                                  {"soort", filter.kind},
                                                  {"status", filter.state}});
        auto answer = client_.getRecord<present::DocumentPage>(path);
        if (!answer) return answer.error();
        for (auto& item : answer.value().documents) {
            if (skip > 0) {
                --skip;
                continue;
            }
            if (documents.size() < static_cast<size_t>(filter.limit)) documents.push_back(item);
        }
        if (!answer->next || documents.size() >= static_cast<size_t>(filter.limit)) break;
    }
    return documents;
}

// The draft's XML is the body; what it was based on and its notes come in
// the Beraad-Beleidsagenda and Beraad-Opmerkingen headers (the notes
// percent-encoded, one per line).
Result<ModelDraft> RemoteBackend::modelDraft(const ModelDraftRequest& request) {
    std::string path = "/regios/" + encoded(request.region) + "/modelinhoud" +
                       query({{"soort", std::string(toString(request.kind))},
                              {"begin", request.begin},
                              {"beleidsagenda", request.beleidsagendaId}});
    auto reply = client_.get(path);
    if (!reply) return reply.error();
    ModelDraft draft{request.kind, request.region, reply->body, std::nullopt, {}};
    if (auto agenda = reply->header("Beraad-Beleidsagenda"); !agenda.empty())
        draft.beleidsagendaId = agenda;
    std::string notes;
    Poco::URI::decode(reply->header("Beraad-Opmerkingen"), notes);
    std::istringstream lines(notes);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) draft.notes.push_back(line);
    }
    return draft;
}

Result<RenderedDocument> RemoteBackend::renderVersion(const std::string& documentId,
                                                      std::optional<std::int64_t> number,
                                                      render::TemplateFormat format) {
    auto chosen = versionNumber(documentId, number);
    if (!chosen) return chosen.error();
    std::string formatName = format == render::TemplateFormat::Odt ? "odt" : "docx";
    auto reply = client_.get(versionPath(documentId, *chosen) + query({{"formaat", formatName}}));
    if (!reply) return reply.error();
    return downloaded(*reply, documentId, *chosen,
                      documentId + "-v" + std::to_string(*chosen) + "." + formatName);
}

// The file name of a Content-Disposition: attachment; filename="..." header.
std::string attachmentName(const Reply& reply, const std::string& fallback) {
    const std::string disposition = reply.header("Content-Disposition");
    auto start = disposition.find("filename=\"");
    if (start == std::string::npos) return fallback;
    start += 10;
    return disposition.substr(start, disposition.find('"', start) - start);
}

RenderedDocument RemoteBackend::downloaded(const Reply& reply, const std::string& documentId,
                                           std::int64_t version, const std::string& fallbackName) {
    RenderedDocument rendered;
    rendered.bytes = reply.body;
    rendered.contentType = reply.contentType;
    rendered.documentId = documentId;
    rendered.version = version;
    rendered.fileName = attachmentName(reply, fallbackName);
    const std::string sjabloon = reply.header("Beraad-Sjabloon");
    auto space = sjabloon.find(' ');
    rendered.templateName = sjabloon.substr(0, space);
    if (space != std::string::npos) rendered.templateVersion = sjabloon.substr(space + 1);
    const std::string source = reply.header("Beraad-Sjabloonbron");
    rendered.templateSource = source.empty() ? "beraad-server" : source;
    return rendered;
}

// The server states what the command prints in headers (docs/api.md):
// Beraad-Tegen, Beraad-Auteur (percent-encoded), Beraad-Tijdstip and
// Beraad-Wijzigingen ("3 invoegingen, 2 verwijderingen").
Result<RedlineDocument> RemoteBackend::redlineVersions(const std::string& documentId,
                                                       std::optional<std::int64_t> from,
                                                       std::optional<std::int64_t> to,
                                                       render::TemplateFormat format) {
    auto newer = versionNumber(documentId, to);
    if (!newer) return newer.error();
    std::string formatName = format == render::TemplateFormat::Odt ? "odt" : "docx";
    auto reply = client_.get(versionPath(documentId, *newer) + "/redline" +
                             query({{"tegen", numberText(from)}, {"formaat", formatName}}));
    if (!reply) return reply.error();
    RedlineDocument marked;
    auto against = client_.headerNumber(*reply, "Beraad-Tegen");
    if (!against) return against.error();
    marked.fromVersion = *against;
    marked.rendered = downloaded(*reply, documentId, *newer,
                                 documentId + "-v" + std::to_string(*newer) + "-t.o.v.-v" +
                                     std::to_string(*against) + "." + formatName);
    Poco::URI::decode(reply->header("Beraad-Auteur"), marked.author);
    marked.date = reply->header("Beraad-Tijdstip");
    std::istringstream counts(reply->header("Beraad-Wijzigingen"));
    std::string insertions;
    std::string deletions;
    if (!(counts >> marked.insertions >> insertions >> marked.deletions >> deletions) ||
        insertions != "invoegingen," || deletions != "verwijderingen" || marked.author.empty()) {
        return client_.unexpected(
            "the redline lacks its Beraad-Wijzigingen or Beraad-Auteur header");
    }
    return marked;
}

// Streams the body into `out`; the counts come in Beraad-Documenten,
// Beraad-Versies, Beraad-Gebeurtenissen and Beraad-Bestanden.
Result<ExportSummary> RemoteBackend::exportHistory(const ExportRequest& request,
                                                   std::ostream& out) {
    std::string path = request.documentId ? "/documenten/" + encoded(*request.documentId)
                                          : "/regios/" + encoded(request.region.value_or(""));
    path += "/export" + query({{"formaat", std::string(toString(request.format))},
                               {"inhoud", request.withContent ? "true" : "false"},
                               {"weergaven", request.withRenderings ? "true" : "false"}});
    auto reply = client_.get(path, &out);
    if (!reply) return reply.error();
    ExportSummary summary;
    summary.fileName = attachmentName(*reply, exportFileName(request));
    summary.mediaType = reply->contentType;
    std::pair<const char*, std::int64_t*> counts[] = {{"Beraad-Documenten", &summary.documents},
                                                      {"Beraad-Versies", &summary.versions},
                                                      {"Beraad-Gebeurtenissen", &summary.events},
                                                      {"Beraad-Bestanden", &summary.files}};
    for (auto [name, count] : counts) {
        auto number = client_.headerNumber(*reply, name);
        if (!number) return number.error();
        *count = *number;
    }
    return summary;
}

}  // namespace

std::unique_ptr<Backend> remoteBackend(const ServerAddress& address) {
    return std::make_unique<RemoteBackend>(address);
}

}  // namespace beraad::cli
