// The Backend over beraad-server's REST API (docs/api.md): each use case is
// one or two requests. Writes first read the resource for its ETag and send
// it as If-Match, as the API requires; a base version the user named travels
// as ?basis=N, so the engine on the server refuses a stale one with the same
// conflict it gives locally. Problems (application/problem+json) come back as
// the engine's Error: the "code" member names the ErrorCode, "detail" is the
// message and "invalidParams" the details.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <charconv>
#include <cstdlib>
#include <sstream>

#ifdef BERAAD_CLI_TLS
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#endif

#include "Backend.h"
#include "RemoteProblem.h"
#include "beraad/present/Json.h"
#include "beraad/present/JsonParse.h"

namespace beraad::cli {
namespace {

using Poco::JSON::Object;
using Poco::Net::HTTPRequest;

struct Reply {
    int status = 0;
    std::string body;
    std::string contentType;
    // ETag, Content-Disposition, Beraad-*; names compare case-insensitively
    // (a proxy may lower-case them).
    Poco::Net::NameValueCollection headers;

    std::string header(const std::string& name) const { return headers.get(name, ""); }
};

struct Call {
    std::string method = HTTPRequest::HTTP_GET;
    std::string path;  // below /api/v1, with its query string
    std::string body;
    std::string contentType;
    std::map<std::string, std::string> headers;
};

std::string encoded(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", out);
    return out;
}

// "?a=1&b=x" from the pairs that have a value.
std::string query(const std::vector<std::pair<std::string, std::optional<std::string>>>& pairs) {
    std::string text;
    for (const auto& [key, value] : pairs) {
        if (!value) continue;
        text += (text.empty() ? "?" : "&") + key + "=" + encoded(*value);
    }
    return text;
}

std::string jsonText(const Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

#ifdef BERAAD_CLI_TLS
// Verifies the server's certificate and host name against the system's CAs,
// or against the CA file in BERAAD_CA_FILE (a private CA); never accepts an
// invalid certificate.
Poco::Net::Context::Ptr tlsContext() {
    static Poco::Net::Context::Ptr context = [] {
        Poco::Net::initializeSSL();
        const char* caFile = std::getenv("BERAAD_CA_FILE");
        bool ownCa = caFile != nullptr && *caFile != '\0';
        Poco::Net::Context::Ptr created =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, ownCa ? caFile : "",
                                   Poco::Net::Context::VERIFY_STRICT, 9, !ownCa);
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, new Poco::Net::RejectCertificateHandler(false), created);
        return created;
    }();
    return context;
}
#endif

class RemoteBackend final : public Backend {
  public:
    explicit RemoteBackend(const ServerAddress& address) : address_(address) {
        Poco::URI uri(address.url);
        base_ = uri.getPath();
        while (!base_.empty() && base_.back() == '/')
            base_.pop_back();
        if (!base_.ends_with("/api/v1")) base_ += "/api/v1";
        host_ = uri.getHost();
        port_ = uri.getPort();
        scheme_ = uri.getScheme();
    }

    Result<std::vector<Region>> listRegions() override {
        return getList<Region>("/regios", "regios");
    }
    Result<Region> region(const std::string& code) override {
        return getRecord<Region>("/regios/" + encoded(code));
    }
    Result<Region> correctCentrumgemeente(const std::string& code,
                                          const std::string& centrumgemeente,
                                          const std::string& source) override {
        auto tag = etag("/regios/" + encoded(code));
        if (!tag) return tag.error();
        Object body;
        body.set("centrumgemeente", centrumgemeente);
        body.set("bron", source);
        return postJson<Region>("/regios/" + encoded(code) + "/correcties", *tag, body);
    }
    Result<std::vector<BudgetYear>> budget() override {
        return getList<BudgetYear>("/budgetten", "budgetten");
    }
    Result<Partner> registerPartner(const Partner& partner) override {
        std::string path =
            "/regios/" + encoded(partner.region) + "/partners/" + encoded(partner.key);
        Call call{"PUT", path, jsonText(present::toJson(partner)), "application/json", {}};
        auto existing = exchange({HTTPRequest::HTTP_GET, path, "", "", {}});
        if (!existing) return existing.error();
        if (existing->status == 200) {
            call.headers["If-Match"] = existing->header("ETag");
        } else if (existing->status == 404) {
            call.headers["If-None-Match"] = "*";
        } else {
            return problemError(existing->status, existing->body);
        }
        return record<Partner>(send(call));
    }
    Result<std::vector<Partner>> listPartners(const std::string& region) override {
        return getList<Partner>("/regios/" + encoded(region) + "/partners", "partners");
    }

    Result<Document> createDocument(const NewDocument& request) override {
        std::string path = "/documenten" + query({{"soort", std::string(toString(request.kind))},
                                                  {"regio", request.region},
                                                  {"bericht", request.message},
                                                  {"beleidsagenda", request.beleidsagendaId}});
        return record<Document>(send({HTTPRequest::HTTP_POST,
                                      path,
                                      request.content,
                                      "application/xml",
                                      {{"If-Match", "*"}}}));
    }
    Result<ModelDraft> modelDraft(const ModelDraftRequest& request) override;
    Result<Version> addVersion(const NewVersion& request) override {
        std::string document = "/documenten/" + encoded(request.documentId);
        auto tag = etag(document);
        if (!tag) return tag.error();
        std::string path =
            document + "/versies" +
            query({{"bericht", request.message}, {"basis", std::to_string(request.baseVersion)}});
        return record<Version>(send({HTTPRequest::HTTP_POST,
                                     path,
                                     request.content,
                                     "application/xml",
                                     {{"If-Match", *tag}}}));
    }
    Result<Document> document(const std::string& id) override {
        return getRecord<Document>("/documenten/" + encoded(id));
    }
    Result<std::vector<Document>> listDocuments(const DocumentFilter& filter) override;
    Result<Version> version(const std::string& documentId,
                            std::optional<std::int64_t> number) override {
        auto chosen = versionNumber(documentId, number);
        if (!chosen) return chosen.error();
        std::string path =
            "/documenten/" + encoded(documentId) + "/versies/" + std::to_string(*chosen);
        auto version = getRecord<Version>(path);
        if (!version) return version;
        auto content = send({HTTPRequest::HTTP_GET, path + "/inhoud", "", "", {}});
        if (!content) return content.error();
        version.value().content = content->body;
        return version;
    }
    Result<std::vector<Version>> listVersions(const std::string& documentId) override {
        return getList<Version>("/documenten/" + encoded(documentId) + "/versies", "versies");
    }
    Result<std::vector<Event>> history(const std::string& documentId) override {
        return getList<Event>("/documenten/" + encoded(documentId) + "/gebeurtenissen",
                              "gebeurtenissen");
    }
    Result<std::vector<Event>> regionHistory(const std::string& code) override {
        return getList<Event>("/regios/" + encoded(code) + "/gebeurtenissen", "gebeurtenissen");
    }
    Result<VerificationReport> verifyDocument(const std::string& documentId) override {
        return getRecord<VerificationReport>("/documenten/" + encoded(documentId) + "/verificatie");
    }

    Result<WorkflowStatus> workflowStatus(const std::string& documentId) override {
        return getRecord<WorkflowStatus>("/documenten/" + encoded(documentId) + "/workflow");
    }
    Result<TransitionResult> transition(const TransitionRequest& request) override {
        std::string document = "/documenten/" + encoded(request.documentId);
        auto tag = etag(document);
        if (!tag) return tag.error();
        std::optional<std::string> base;
        if (request.baseVersion) base = std::to_string(*request.baseVersion);
        Object body;
        body.set("naam", request.transition);
        body.set("reden", request.reason);
        return postJson<TransitionResult>(document + "/transities" + query({{"basis", base}}), *tag,
                                          body);
    }
    Result<std::vector<TransitionRecord>> transitions(const std::string& documentId) override {
        return getList<TransitionRecord>("/documenten/" + encoded(documentId) + "/transities",
                                         "transities");
    }
    Result<DecisionRecord> recordDecision(const DecisionRequest& request) override {
        Object body;
        body.set("partner", request.partner);
        body.set("besluit", request.verdict);
        body.set("vertegenwoordiger", request.representative);
        body.set("datum", request.date);
        body.set("vergadering", request.vergadering);
        body.set("agendapunt", request.agendapunt);
        body.set("opmerking", request.remark);
        return postJson<DecisionRecord>(
            versionPath(request.documentId, request.version) + "/goedkeuringen",
            "\"" + request.contentHash + "\"", body);
    }
    Result<DecisionStatus> decisionStatus(const std::string& documentId) override {
        return getRecord<DecisionStatus>("/documenten/" + encoded(documentId) + "/besluitvorming");
    }
    Result<SignatureRecord> recordSignature(const SignatureRequest& request) override {
        Object body;
        body.set("partner", request.partner);
        body.set("ondertekenaar", request.signatory);
        body.set("functie", request.function);
        body.set("plaats", request.place);
        body.set("datum", request.date);
        return postJson<SignatureRecord>(
            versionPath(request.documentId, request.version) + "/ondertekeningen",
            "\"" + request.contentHash + "\"", body);
    }
    Result<SignatureStatus> signatureStatus(const std::string& documentId) override {
        return getRecord<SignatureStatus>("/documenten/" + encoded(documentId) +
                                          "/ondertekeningen");
    }
    Result<Document> startAmendment(const AmendmentRequest& request) override {
        std::string document = "/documenten/" + encoded(request.convenantId);
        auto tag = etag(document);
        if (!tag) return tag.error();
        return record<Document>(
            send({HTTPRequest::HTTP_POST,
                  document + "/wijzigingen" + query({{"bericht", request.message}}),
                  "",
                  "",
                  {{"If-Match", *tag}}}));
    }
    Result<AdmissionResult> admitStrategischPartner(const AdmissionRequest& request) override {
        std::string region = "/regios/" + encoded(request.region);
        auto tag = etag(region);
        if (!tag) return tag.error();
        Object body;
        body.set("partner", request.partner);
        body.set("vergadering", request.vergadering);
        body.set("agendapunt", request.agendapunt);
        body.set("datum", request.date);
        Object votes;
        for (const auto& [partner, verdict] : request.votes)
            votes.set(partner, verdict);
        body.set("stemmen", votes);
        return postJson<AdmissionResult>(region + "/toelatingen", *tag, body);
    }
    Result<Overview> overview(const OverviewOptions& options) override {
        return getRecord<Overview>("/overzicht" +
                                   query({{"binnenDagen", std::to_string(options.withinDays)},
                                          {"streefdatum", options.targetDate},
                                          {"peildatum", options.today}}));
    }

    Result<RenderedDocument> renderVersion(const std::string& documentId,
                                           std::optional<std::int64_t> number,
                                           render::TemplateFormat format) override;

    Result<VersionDiff> diffVersions(const std::string& documentId,
                                     std::optional<std::int64_t> from,
                                     std::optional<std::int64_t> to) override {
        auto newer = versionNumber(documentId, to);
        if (!newer) return newer.error();
        return getRecord<VersionDiff>(versionPath(documentId, *newer) + "/verschillen" +
                                      query({{"tegen", numberText(from)}}));
    }
    Result<RedlineDocument> redlineVersions(const std::string& documentId,
                                            std::optional<std::int64_t> from,
                                            std::optional<std::int64_t> to,
                                            render::TemplateFormat format) override;
    Result<ExportSummary> exportHistory(const ExportRequest& request, std::ostream& out) override;

  private:
    // One exchange, whatever its status; fails only when the server cannot be
    // reached. With a sink, a successful answer's body goes there, not to
    // Reply::body.
    Result<Reply> exchange(const Call& call, std::ostream* sink = nullptr);
    // One exchange; a 4xx or 5xx answer becomes the Error its problem describes.
    Result<Reply> send(const Call& call, std::ostream* sink = nullptr) {
        auto reply = exchange(call, sink);
        if (reply && reply->status >= 400) return problemError(reply->status, reply->body);
        return reply;
    }
    Result<Object::Ptr> parseObject(const Reply& reply);
    Result<std::unique_ptr<Poco::Net::HTTPClientSession>> openSession();

    template <typename T>
    Result<T> record(const Result<Reply>& reply) {
        if (!reply) return reply.error();
        auto object = parseObject(*reply);
        if (!object) return object.error();
        return present::fromJson<T>(**object);
    }
    template <typename T>
    Result<T> getRecord(const std::string& path) {
        return record<T>(send({HTTPRequest::HTTP_GET, path, "", "", {}}));
    }
    template <typename T>
    Result<T> postJson(const std::string& path, const std::string& ifMatch, const Object& body) {
        return record<T>(send({HTTPRequest::HTTP_POST,
                               path,
                               jsonText(body),
                               "application/json",
                               {{"If-Match", ifMatch}}}));
    }
    template <typename T>
    Result<std::vector<T>> getList(const std::string& path, const std::string& member) {
        auto reply = send({HTTPRequest::HTTP_GET, path, "", "", {}});
        if (!reply) return reply.error();
        auto object = parseObject(*reply);
        if (!object) return object.error();
        auto array = (*object)->getArray(member);
        if (!array) return unexpected("no '" + member + "' list in the answer to GET " + path);
        return present::fromJsonArray<T>(*array);
    }

    Result<std::string> etag(const std::string& path) {
        auto reply = send({HTTPRequest::HTTP_GET, path, "", "", {}});
        if (!reply) return reply.error();
        return reply->header("ETag");
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
    // The whole number a header holds.
    Result<std::int64_t> headerNumber(const Reply& reply, const std::string& name) const;
    std::string versionPath(const std::string& documentId, std::int64_t number) const {
        return "/documenten/" + encoded(documentId) + "/versies/" + std::to_string(number);
    }
    Error unexpected(const std::string& what) const {
        return makeError(ErrorCode::Storage,
                         "beraad-server at " + address_.url + " answered unexpectedly: " + what);
    }

    ServerAddress address_;
    std::string scheme_;
    std::string host_;
    unsigned short port_ = 0;
    std::string base_;
};

Result<Reply> RemoteBackend::exchange(const Call& call, std::ostream* sink) {
    try {
        auto opened = openSession();
        if (!opened) return opened.error();
        Poco::Net::HTTPClientSession& session = **opened;
        session.setTimeout(Poco::Timespan(120, 0));
        HTTPRequest request(call.method, base_ + call.path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer " + address_.token);
        request.set("Accept", "application/json, application/problem+json, */*");
        for (const auto& [name, value] : call.headers)
            request.set(name, value);
        if (!call.contentType.empty()) request.setContentType(call.contentType);
        if (call.method != HTTPRequest::HTTP_GET) {
            request.setContentLength(static_cast<std::streamsize>(call.body.size()));
        }
        session.sendRequest(request) << call.body;
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        Reply reply;
        reply.status = static_cast<int>(response.getStatus());
        reply.contentType = response.getContentType();
        reply.headers = static_cast<const Poco::Net::NameValueCollection&>(response);
        if (sink == nullptr || reply.status >= 400) {
            Poco::StreamCopier::copyToString(in, reply.body);
            return reply;
        }
        // Streamed: a body cut short (the connection dropped) is an error,
        // never a shorter file.
        auto copied = Poco::StreamCopier::copyStream64(in, *sink);
        if (response.hasContentLength() &&
            static_cast<std::int64_t>(copied) != response.getContentLength64()) {
            return makeError(ErrorCode::Storage, "beraad-server at " + address_.url + " sent " +
                                                     std::to_string(copied) + " of " +
                                                     std::to_string(response.getContentLength64()) +
                                                     " bytes");
        }
        return reply;
    } catch (const Poco::Exception& failure) {
        return makeError(ErrorCode::Storage, "cannot reach beraad-server at " + address_.url +
                                                 ": " + failure.displayText());
    } catch (const std::exception& failure) {
        return makeError(ErrorCode::Storage,
                         "cannot reach beraad-server at " + address_.url + ": " + failure.what());
    }
}

Result<std::unique_ptr<Poco::Net::HTTPClientSession>> RemoteBackend::openSession() {
    if (scheme_ == "http") return std::make_unique<Poco::Net::HTTPClientSession>(host_, port_);
#ifdef BERAAD_CLI_TLS
    if (scheme_ == "https") {
        return std::unique_ptr<Poco::Net::HTTPClientSession>(
            std::make_unique<Poco::Net::HTTPSClientSession>(host_, port_, tlsContext()));
    }
#endif
    return makeError(ErrorCode::InvalidInput,
                     "--server must be an http:// or https:// URL (https needs a build with "
                     "Poco NetSSL)");
}

Result<Object::Ptr> RemoteBackend::parseObject(const Reply& reply) {
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(reply.body);
        if (value.type() != typeid(Object::Ptr))
            return unexpected("the answer is not a JSON object");
        return value.extract<Object::Ptr>();
    } catch (const std::exception& failure) {
        return unexpected(std::string("the answer is not JSON: ") + failure.what());
    }
}

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
        auto reply = send({HTTPRequest::HTTP_GET, path, "", "", {}});
        if (!reply) return reply.error();
        auto object = parseObject(*reply);
        if (!object) return object.error();
        auto array = (*object)->getArray("documenten");
        if (!array) return unexpected("no 'documenten' list");
        auto items = present::fromJsonArray<Document>(*array);
        if (!items) return items.error();
        for (auto& item : items.value()) {
            if (skip > 0) {
                --skip;
                continue;
            }
            if (documents.size() < static_cast<size_t>(filter.limit)) documents.push_back(item);
        }
        auto links = (*object)->getObject("_links");
        bool more = links && links->has("next");
        if (!more || documents.size() >= static_cast<size_t>(filter.limit)) break;
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
    auto reply = send({HTTPRequest::HTTP_GET, path, "", "", {}});
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
    auto reply = send({HTTPRequest::HTTP_GET,
                       versionPath(documentId, *chosen) + query({{"formaat", formatName}}),
                       "",
                       "",
                       {}});
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

Result<std::int64_t> RemoteBackend::headerNumber(const Reply& reply,
                                                 const std::string& name) const {
    const std::string value = reply.header(name);
    std::int64_t number = 0;
    auto [end, problem] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || problem != std::errc() || end != value.data() + value.size()) {
        return unexpected("no whole number in its " + name + " header ('" + value + "')");
    }
    return number;
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
    auto reply = send({HTTPRequest::HTTP_GET,
                       versionPath(documentId, *newer) + "/redline" +
                           query({{"tegen", numberText(from)}, {"formaat", formatName}}),
                       "",
                       "",
                       {}});
    if (!reply) return reply.error();
    RedlineDocument marked;
    auto against = headerNumber(*reply, "Beraad-Tegen");
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
        return unexpected("the redline lacks its Beraad-Wijzigingen or Beraad-Auteur header");
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
    auto reply = send({HTTPRequest::HTTP_GET, path, "", "", {}}, &out);
    if (!reply) return reply.error();
    ExportSummary summary;
    summary.fileName = attachmentName(*reply, exportFileName(request));
    summary.mediaType = reply->contentType;
    std::pair<const char*, std::int64_t*> counts[] = {{"Beraad-Documenten", &summary.documents},
                                                      {"Beraad-Versies", &summary.versions},
                                                      {"Beraad-Gebeurtenissen", &summary.events},
                                                      {"Beraad-Bestanden", &summary.files}};
    for (auto [name, count] : counts) {
        auto number = headerNumber(*reply, name);
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
