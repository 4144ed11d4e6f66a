// /api/v1/documenten: documents, versions, content, history, verification.
#include <Poco/URI.h>

#include <limits>

#include "api/Api.h"
#include "beraad/content/Content.h"
#include "beraad/present/Json.h"
#include "beraad/render/Template.h"

namespace beraad::server {

using present::toJson;

namespace {

constexpr std::int64_t kDefaultPageSize = 20;
constexpr std::int64_t kMaxPageSize = 100;

bool isXml(const ApiRequest& request) {
    auto type = request.header("Content-Type").value_or("");
    return type.find("application/xml") == 0 || type.find("text/xml") == 0;
}

ApiResponse requireXml(const ApiRequest& request) {
    return api::problem(415, "mediatype-niet-ondersteund", "Mediatype niet ondersteund",
                        "send content as Content-Type: application/xml", request);
}

std::string documentLink(const std::string& id) {
    return std::string(kBasePath) + "/documenten/" + id;
}

ApiResponse listDocuments(Engine& engine, ApiRequest& request) {
    auto page = api::integerQuery(request, "pagina", 1, 1000000);
    if (!page) return api::fail(page.error(), request);
    auto size = api::integerQuery(request, "paginaGrootte", 1, kMaxPageSize);
    if (!size) return api::fail(size.error(), request);
    std::int64_t pageNumber = page->value_or(1);
    std::int64_t pageSize = size->value_or(kDefaultPageSize);
    DocumentFilter filter;
    filter.region = request.queryValue("regio");
    filter.state = request.queryValue("status");
    if (auto kind = request.queryValue("soort")) {
        auto parsed = parseDocumentKind(*kind);
        if (!parsed) {
            return api::fail(
                makeError(
                    ErrorCode::InvalidInput,
                    "soort must be samenwerkingsconvenant, beleidsagenda or uitvoeringsagenda",
                    {{"'" + *kind + "' is not a document kind", std::nullopt, "soort"}}),
                request);
        }
        filter.kind = std::string(toString(*parsed));
    }
    filter.limit = static_cast<int>(pageSize + 1);  // one extra tells whether a next page exists
    filter.offset = static_cast<int>((pageNumber - 1) * pageSize);
    auto documents = engine.listDocuments(*request.actor, filter);
    if (!documents) return api::fail(documents.error(), request);
    bool hasNext = static_cast<std::int64_t>(documents->size()) > pageSize;
    if (hasNext) documents.value().pop_back();

    auto link = [&](std::int64_t number) {
        std::string href = std::string(kBasePath) + "/documenten?pagina=" + std::to_string(number) +
                           "&paginaGrootte=" + std::to_string(pageSize);
        if (filter.region) href += "&regio=" + *filter.region;
        if (filter.kind) href += "&soort=" + *filter.kind;
        if (filter.state) href += "&status=" + *filter.state;
        return href;
    };
    present::DocumentPage answer{std::move(documents).value(),
                                 pageNumber,
                                 pageSize,
                                 link(pageNumber),
                                 std::nullopt,
                                 std::nullopt};
    if (hasNext) answer.next = link(pageNumber + 1);
    if (pageNumber > 1) answer.previous = link(pageNumber - 1);
    return api::json(200, toJson(answer));
}

// The kind and region of a new document: as the client names them (soort and
// regio, checked against the content by the engine, as the CLI does), or as
// the content says.
Result<ContentIdentity> namedOrIdentified(const ApiRequest& request) {
    auto kindName = request.queryValue("soort");
    auto region = request.queryValue("regio");
    if (!kindName || !region) return identifyContent(request.body);
    auto kind = parseDocumentKind(*kindName);
    if (!kind) {
        return makeError(ErrorCode::InvalidInput,
                         "soort must be samenwerkingsconvenant, beleidsagenda or uitvoeringsagenda",
                         {{"'" + *kindName + "' is not a document kind", std::nullopt, "soort"}});
    }
    return ContentIdentity{*kind, *region};
}

ApiResponse createDocument(Engine& engine, ApiRequest& request) {
    if (!isXml(request)) return requireXml(request);
    if (auto refused = api::checkIfMatch(request, "\"documenten\"")) return *refused;
    auto identity = namedOrIdentified(request);
    if (!identity) return api::fail(identity.error(), request);
    NewDocument document{identity->kind,
                         identity->region,
                         request.body,
                         request.queryValue("bericht").value_or(""),
                         request.queryValue("beleidsagenda"),
                         request.queryValue("vervangt"),
                         request.queryValue("reden").value_or("")};
    auto created = engine.createDocument(*request.actor, document);
    if (!created) return api::fail(created.error(), request);
    auto response = api::withEtag(api::withReceipt(engine, request, 201, toJson(*created),
                                                   api::documentEvent(created->id, 1)),
                                  api::etagOf(*created));
    response.headers["Location"] = documentLink(created->id);
    return response;
}

ApiResponse addVersion(Engine& engine, ApiRequest& request) {
    if (!isXml(request)) return requireXml(request);
    auto document = engine.document(*request.actor, request.parameters["id"]);
    if (!document) return api::fail(document.error(), request);
    if (auto refused = api::checkIfMatch(request, api::etagOf(*document))) return *refused;
    auto base = api::integerQuery(request, "basis", 1, std::numeric_limits<std::int64_t>::max());
    if (!base) return api::fail(base.error(), request);
    auto stale = api::integerQuery(request, "bevestigVervallen", 0, 1000);
    if (!stale) return api::fail(stale.error(), request);
    auto version = engine.addVersion(
        *request.actor, {document->id, base->value_or(document->latestVersion), request.body,
                         request.queryValue("bericht").value_or(""), *stale});
    if (!version) {
        // A stale basis, or a writer that slipped in between our read and
        // write: the same status as a stale ETag, with the engine's reason.
        if (version.error().code == ErrorCode::Conflict) {
            auto problem = problemFor(version.error());
            problem.status = 412;
            return problemResponse(problem, request.path);
        }
        return api::fail(version.error(), request);
    }
    auto response =
        api::withEtag(api::withReceipt(engine, request, 201, toJson(*version, false),
                                       api::documentEvent(document->id, version->eventSequence)),
                      api::etagOf(*version));
    response.headers["Location"] =
        documentLink(document->id) + "/versies/" + std::to_string(version->number);
    return response;
}

Result<render::TemplateFormat> chosenFormat(const std::string& format) {
    if (format == "odt") return render::TemplateFormat::Odt;
    if (format == "docx") return render::TemplateFormat::Docx;
    return makeError(ErrorCode::InvalidInput, "formaat must be odt or docx",
                     {{"'" + format + "' is not a format", std::nullopt, "formaat"}});
}

ApiResponse download(RenderedDocument rendered) {
    auto response = ApiResponse::bytes(200, rendered.contentType, std::move(rendered.bytes));
    response.headers["Content-Disposition"] = "attachment; filename=\"" + rendered.fileName + "\"";
    response.headers["Beraad-Sjabloon"] = rendered.templateName + " " + rendered.templateVersion;
    // Where the template came from, without the server's paths.
    response.headers["Beraad-Sjabloonbron"] =
        rendered.templateSource == "ingebouwd" ? "ingebouwd" : "eigen sjablonen van de server";
    return response;
}

// The version rendered with its kind's shipped template, as a download.
ApiResponse renderVersion(Engine& engine, ApiRequest& request, std::int64_t number,
                          const std::string& format) {
    auto chosen = chosenFormat(format);
    if (!chosen) return api::fail(chosen.error(), request);
    auto rendered = engine.renderVersion(*request.actor, request.parameters["id"], number, *chosen);
    if (!rendered) return api::fail(rendered.error(), request);
    return download(std::move(rendered.value()));
}

// The version {nummer} against version ?tegen= (default: the one
// before), as a diff in JSON or as a redline download.
ApiResponse compareVersions(Engine& engine, ApiRequest& request, bool asRedline) {
    auto number = api::versionNumber(request);
    if (!number) return api::fail(number.error(), request);
    auto against = api::integerQuery(request, "tegen", 1, std::numeric_limits<std::int64_t>::max());
    if (!against) return api::fail(against.error(), request);
    const std::string& id = request.parameters["id"];
    if (!asRedline) {
        return api::single(engine.diffVersions(*request.actor, id, *against, *number), request);
    }
    auto chosen = chosenFormat(request.queryValue("formaat").value_or("odt"));
    if (!chosen) return api::fail(chosen.error(), request);
    auto marked = engine.redlineVersions(*request.actor, id, *against, *number, *chosen);
    if (!marked) return api::fail(marked.error(), request);
    auto response = download(std::move(marked.value().rendered));
    response.headers["Beraad-Wijzigingen"] = std::to_string(marked->insertions) + " invoegingen, " +
                                             std::to_string(marked->deletions) + " verwijderingen";
    // What beraad redline --server prints: the version compared against and
    // whom and when the tracked changes are attributed to (the author
    // percent-encoded, as a header value is ASCII).
    response.headers["Beraad-Tegen"] = std::to_string(marked->fromVersion);
    std::string author;
    Poco::URI::encode(marked->author, "%", author);
    response.headers["Beraad-Auteur"] = author;
    response.headers["Beraad-Tijdstip"] = marked->date;
    return response;
}

}  // namespace

void addDocumentRoutes(Router& router, Engine& engine) {
    router.add({"GET", "/api/v1/documenten",
                [&engine](ApiRequest& request) { return listDocuments(engine, request); }});
    router.add({"POST", "/api/v1/documenten",
                [&engine](ApiRequest& request) { return createDocument(engine, request); }, true,
                BodyBudget::Content, Operation::CreateDocument});

    router.add({"GET", "/api/v1/documenten/{id}", [&engine](ApiRequest& request) {
                    auto document = engine.document(*request.actor, request.parameters["id"]);
                    if (!document) return api::fail(document.error(), request);
                    return api::withEtag(api::json(200, toJson(*document)), api::etagOf(*document));
                }});

    router.add({"GET", "/api/v1/documenten/{id}/versies", [&engine](ApiRequest& request) {
                    return api::collection(
                        engine.listVersions(*request.actor, request.parameters["id"]), request);
                }});
    router.add({"POST", "/api/v1/documenten/{id}/versies",
                [&engine](ApiRequest& request) { return addVersion(engine, request); }, true,
                BodyBudget::Content, Operation::AddVersion});

    router.add(
        {"GET", "/api/v1/documenten/{id}/versies/{nummer}",
         [&engine](ApiRequest& request) {
             auto number = api::versionNumber(request);
             if (!number) return api::fail(number.error(), request);
             auto format = request.queryValue("formaat");
             if (format) return renderVersion(engine, request, *number, *format);
             auto version = engine.version(*request.actor, request.parameters["id"], *number);
             if (!version) return api::fail(version.error(), request);
             return api::withEtag(api::json(200, toJson(*version, false)), api::etagOf(*version));
         },
         true, BodyBudget::None, std::nullopt, Cost::HeavyWhenRendered});

    router.add(
        {"GET", "/api/v1/documenten/{id}/versies/{nummer}/inhoud", [&engine](ApiRequest& request) {
             auto number = api::versionNumber(request);
             if (!number) return api::fail(number.error(), request);
             auto version = engine.version(*request.actor, request.parameters["id"], *number);
             if (!version) return api::fail(version.error(), request);
             return api::withEtag(
                 ApiResponse::bytes(200, "application/xml; charset=utf-8", version->content),
                 api::etagOf(*version));
         }});

    router.add({"GET", "/api/v1/documenten/{id}/versies/{nummer}/verschillen",
                [&engine](ApiRequest& request) { return compareVersions(engine, request, false); },
                true, BodyBudget::None, std::nullopt, Cost::Heavy});
    router.add({"GET", "/api/v1/documenten/{id}/versies/{nummer}/redline",
                [&engine](ApiRequest& request) { return compareVersions(engine, request, true); },
                true, BodyBudget::None, std::nullopt, Cost::Heavy});

    router.add({"GET", "/api/v1/documenten/{id}/gebeurtenissen", [&engine](ApiRequest& request) {
                    return api::collection(engine.history(*request.actor, request.parameters["id"]),
                                           request);
                }});

    router.add({"GET", "/api/v1/documenten/{id}/verificatie",
                [&engine](ApiRequest& request) {
                    return api::single(
                        engine.verifyDocument(*request.actor, request.parameters["id"]), request);
                },
                true, BodyBudget::None, std::nullopt, Cost::Heavy});
}

}  // namespace beraad::server
