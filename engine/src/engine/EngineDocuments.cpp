// Engine facade: documents, immutable versions and their history.
#include "beraad/Engine.h"
#include "beraad/content/Content.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "workflow/Catalog.h"
#include "workflow/GuardEvaluation.h"

namespace beraad {

using detail::checkContent;
using detail::guarded;

namespace {

void project(Document& document, const ValidContent& content, std::int64_t number,
             const std::string& time) {
    document.title = content.title;
    document.latestVersion = number;
    document.latestContentHash = content.hash;
    document.updatedAt = time;
    if (content.period) {
        document.periodStart = content.period->start;
        document.periodEnd =
            content.period->end.empty() ? std::nullopt : std::optional(content.period->end);
    }
}

Poco::JSON::Object versionPayload(const Version& version) {
    Poco::JSON::Object payload;
    payload.set("versie", version.number);
    if (version.parent) {
        payload.set("ouder", *version.parent);
    } else {
        payload.set("ouder", Poco::Dynamic::Var());
    }
    payload.set("inhoudHash", version.contentHash);
    payload.set("bericht", version.message);
    return payload;
}

Result<void> checkBeleidsagenda(ReadTransaction& tx, const NewDocument& request) {
    bool isAgenda = request.kind == DocumentKind::Uitvoeringsagenda;
    if (!isAgenda) {
        if (request.beleidsagendaId) {
            return makeError(ErrorCode::InvalidInput,
                             "only an uitvoeringsagenda refers to a beleidsagenda");
        }
        return {};
    }
    if (!request.beleidsagendaId) {
        return makeError(ErrorCode::InvalidInput,
                         "an uitvoeringsagenda must name the beleidsagenda it carries out");
    }
    auto agenda = tx.findDocument(*request.beleidsagendaId);
    if (!agenda) return detail::notFound("beleidsagenda " + *request.beleidsagendaId);
    if (agenda->kind != toString(DocumentKind::Beleidsagenda)) {
        return makeError(ErrorCode::InvalidInput, *request.beleidsagendaId + " is a " +
                                                      agenda->kind + ", not a beleidsagenda");
    }
    if (agenda->region != request.region) {
        return makeError(ErrorCode::InvalidInput, "beleidsagenda " + *request.beleidsagendaId +
                                                      " belongs to region " + agenda->region +
                                                      ", not " + request.region);
    }
    return {};
}

// The documents of `kind` in `region` that have not ended: every state their
// definition does not mark final counts as in force or in progress.
std::vector<Document> openDocuments(ReadTransaction& tx, const std::string& region,
                                    const std::string& kind, const std::string& except) {
    DocumentFilter filter;
    filter.region = region;
    filter.kind = kind;
    filter.limit = 100000;
    std::vector<Document> open;
    for (auto& document : tx.listDocuments(filter)) {
        if (document.id != except && !workflow::isFinal(tx, document))
            open.push_back(std::move(document));
    }
    return open;
}

std::string describe(const Document& document) {
    std::string text = document.id + " ('" + document.state + "'";
    if (document.periodStart) {
        text += ", " + *document.periodStart + " to " + document.periodEnd.value_or("(open)");
    }
    return text + ")";
}

// One samenwerkingsconvenant per region: a new one only when none is open,
// or as the replacement of the one in force (returned), with a reason.
Result<std::optional<Document>> checkOneConvenant(ReadTransaction& tx, const NewDocument& request) {
    std::string kind(toString(DocumentKind::Samenwerkingsconvenant));
    if (request.kind != DocumentKind::Samenwerkingsconvenant) {
        if (request.replaces) {
            return makeError(ErrorCode::InvalidInput,
                             "only a samenwerkingsconvenant replaces another document");
        }
        return std::optional<Document>();
    }
    auto open = openDocuments(tx, request.region, kind, request.replaces.value_or(""));
    if (!open.empty()) {
        const Document& other = open.front();
        return makeError(
            ErrorCode::Refused,
            "region " + request.region + " already has samenwerkingsconvenant " + describe(other) +
                "; a region has one convenant: change it through its lifecycle, start a "
                "wijziging of the convenant in force, replace the one in force with a reason, "
                "or let " +
                other.id + " end first",
            {{"open convenant " + other.id, std::nullopt, other.id}});
    }
    if (!request.replaces) return std::optional<Document>();
    if (request.replaceReason.empty()) {
        return makeError(ErrorCode::InvalidInput,
                         "replacing " + *request.replaces + " needs a reason that says why");
    }
    auto replaced = tx.findDocument(*request.replaces);
    if (!replaced || replaced->region != request.region)
        return detail::notFound("document " + *request.replaces + " in region " + request.region);
    if (replaced->kind != kind) {
        return makeError(ErrorCode::InvalidInput,
                         *request.replaces + " is a " + replaced->kind + ", not a " + kind);
    }
    if (!workflow::isAdopted(tx, *replaced)) {
        return makeError(ErrorCode::Refused,
                         replaced->id + " is '" + replaced->state +
                             "', not in force; only the convenant in force is replaced");
    }
    return std::optional<Document>(*replaced);
}

// An agenda's period may not overlap that of another agenda of its kind in
// the region that has not ended.
Result<void> checkNoOverlap(ReadTransaction& tx, const std::string& region, const std::string& kind,
                            const ValidContent& content, const std::string& self) {
    bool agenda = kind == toString(DocumentKind::Beleidsagenda) ||
                  kind == toString(DocumentKind::Uitvoeringsagenda);
    if (!agenda || !content.period) return {};
    const std::string& begin = content.period->start;
    const std::string& end = content.period->end;
    for (const auto& other : openDocuments(tx, region, kind, self)) {
        if (!other.periodStart) continue;
        bool overlaps = (end.empty() || *other.periodStart <= end) &&
                        (!other.periodEnd || begin <= *other.periodEnd);
        if (!overlaps) continue;
        return makeError(ErrorCode::Refused,
                         "the period " + begin + " to " + (end.empty() ? "(open)" : end) +
                             " overlaps " + kind + " " + describe(other) + " of region " + region +
                             "; one " + kind +
                             " covers a period: let the other end or choose a later period",
                         {{"overlapping " + kind + " " + other.id, std::nullopt, other.id}});
    }
    return {};
}

// What a save stores but a later step will refuse: the impulsbudget guard
// of an uitvoeringsagenda, evaluated on the content being saved.
std::vector<std::string> saveWarnings(ReadTransaction& tx, const Document& document,
                                      const ValidContent& content, const std::string& today) {
    if (document.kind != toString(DocumentKind::Uitvoeringsagenda)) return {};
    Version saved;
    saved.documentId = document.id;
    saved.content = content.canonicalXml;
    saved.contentHash = content.hash;
    workflow::GuardContext context{tx, document, saved, today, nullptr};
    auto outcome = workflow::evaluateGuard({"impulsbudget-within-limit", {}}, context);
    std::vector<std::string> warnings;
    for (const auto& problem : outcome.details) {
        warnings.push_back(problem.message +
                           "; the uitvoeringsagenda cannot leave concept until it fits");
    }
    return warnings;
}

}  // namespace

Result<Document> Engine::createDocument(const Actor& actor, const NewDocument& request) {
    if (!detail::mayWriteDocuments(actor)) return detail::forbidden(actor, "create documents");
    if (!actor.mayAccess(request.region)) return detail::outOfScope(actor, request.region);
    if (request.message.empty()) {
        return makeError(ErrorCode::InvalidInput,
                         "a new document needs a message that says what it is");
    }
    text::FieldCheck texts;
    texts.add("bericht", request.message, text::Lines::Allowed);
    if (auto refused = detail::storableTexts(texts, "the document"); !refused)
        return refused.error();
    return guarded([&]() -> Result<Document> {
        auto tx = store_->beginWrite();
        if (!tx->findRegion(request.region)) return detail::notFound("region " + request.region);
        auto linked = checkBeleidsagenda(*tx, request);
        if (!linked) return linked.error();
        auto content = checkContent(*tx, request.kind, request.region, request.content);
        if (!content) return content.error();
        auto replaced = checkOneConvenant(*tx, request);
        if (!replaced) return replaced.error();
        std::string kind(toString(request.kind));
        auto apart = checkNoOverlap(*tx, request.region, kind, content.value(), "");
        if (!apart) return apart.error();

        std::string time = formatTimestamp(clock_->now());
        // A new document starts in the initial state of the newest definition of its kind.
        auto definition = workflow::catalog::latest(*tx, kind);
        if (!definition) return definition.error();
        Document document;
        document.id = request.region + "-" + std::string(idSegment(request.kind)) + "-" +
                      std::to_string(tx->nextDocumentSerial(request.region, kind));
        document.region = request.region;
        document.kind = kind;
        document.beleidsagendaId = request.beleidsagendaId;
        document.state = definition.value()->initial;
        document.workflow = definition.value()->name;
        document.workflowVersion = definition.value()->version;
        document.createdAt = time;
        document.createdBy = actor.name;
        project(document, content.value(), 1, time);

        Version version{document.id,
                        1,
                        std::nullopt,
                        content->canonicalXml,
                        content->hash,
                        actor.name,
                        std::string(toString(actor.role)),
                        time,
                        request.message};

        Poco::JSON::Object payload = versionPayload(version);
        payload.set("document", document.id);
        payload.set("soort", kind);
        payload.set("regio", document.region);
        payload.set("titel", document.title);
        payload.set("status", document.state);
        payload.set("workflow", document.workflow);
        payload.set("workflowVersie", document.workflowVersion);
        if (document.beleidsagendaId) payload.set("beleidsagenda", *document.beleidsagendaId);
        if (*replaced) {
            // Recorded as a wijziging: supersede-amended ends the replaced one
            // when this one comes into force.
            payload.set("wijzigt", replaced.value()->id);
            payload.set("basisVersie", replaced.value()->latestVersion);
            payload.set("basisInhoudHash", replaced.value()->latestContentHash);
            payload.set("vervangingsreden", request.replaceReason);
        }
        // The event first: the rows name it, and the store refuses rows without.
        document.eventSequence = appendEvent(*tx, documentStream(document.id),
                                             "document-aangemaakt", actor, time, payload)
                                     .sequence;
        tx->insertDocument(document);
        tx->insertVersion(version);
        if (*replaced) {
            const Document& old = *replaced.value();
            tx->insertAmendment({document.id, old.id, old.latestVersion, old.latestContentHash});
            Poco::JSON::Object started;
            started.set("vervanging", document.id);
            started.set("basisVersie", old.latestVersion);
            started.set("basisInhoudHash", old.latestContentHash);
            started.set("reden", request.replaceReason);
            appendEvent(*tx, documentStream(old.id), "vervanging-gestart", actor, time, started);
        }
        document.warnings =
            saveWarnings(*tx, document, content.value(), amsterdamDate(clock_->now()));
        commit(*tx);
        return document;
    });
}

Result<void> Engine::checkStaleDecisions(ReadTransaction& tx, const Document& document,
                                         const NewVersion& request) const {
    // The decisions that count on the latest version, as its chain records them.
    auto chain = detail::chainReader(tx, keys_.get()).document(document.id);
    if (!chain) return chain.error();
    auto decided = static_cast<std::int64_t>(
        workflow::currentDecisions(chain->decisions, document.latestContentHash).size());
    if (decided == 0 || request.confirmStaleDecisions == decided) return {};
    std::string count = std::to_string(decided);
    return makeError(
        ErrorCode::Refused,
        "version " + std::to_string(document.latestVersion) + " of " + document.id + " has " +
            count + " recorded decision(s) that this edit would make stale; to go ahead, " +
            "confirm the number (beraad content set --bevestig-vervallen " + count +
            ", REST ?bevestigVervallen=" + count +
            "), or first take it back to concept with a reason (terug-naar-concept)",
        {{count + " partner(s) decided on version " + std::to_string(document.latestVersion),
          std::nullopt, "bevestigVervallen"}});
}

Result<Version> Engine::addVersion(const Actor& actor, const NewVersion& request) {
    if (!detail::mayWriteDocuments(actor)) return detail::forbidden(actor, "edit documents");
    if (request.message.empty()) {
        return makeError(ErrorCode::InvalidInput,
                         "a new version needs a message that says what changed");
    }
    text::FieldCheck texts;
    texts.add("bericht", request.message, text::Lines::Allowed);
    if (auto refused = detail::storableTexts(texts, "the version"); !refused)
        return refused.error();
    return guarded([&]() -> Result<Version> {
        auto tx = store_->beginWrite();
        auto document = tx->findDocument(request.documentId);
        if (!document) return detail::notFound("document " + request.documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        if (request.baseVersion != document->latestVersion) {
            return makeError(
                ErrorCode::Conflict,
                "the edit is based on version " + std::to_string(request.baseVersion) + " of " +
                    document->id + ", but the latest version is " +
                    std::to_string(document->latestVersion) +
                    "; fetch the latest version, apply your change to it and submit again",
                {{"latest version " + std::to_string(document->latestVersion) + " has hash " +
                      document->latestContentHash,
                  std::nullopt, document->id}});
        }
        // The workflow definition says in which states content may change.
        auto definition =
            workflow::catalog::find(*tx, document->workflow, document->workflowVersion);
        if (!definition) return definition.error();
        const auto* state = definition.value()->state(document->state);
        if (state == nullptr || !state->editable) {
            return makeError(ErrorCode::Refused,
                             document->id + " is '" + document->state +
                                 "'; its content can no longer change" +
                                 (document->kind == toString(DocumentKind::Samenwerkingsconvenant)
                                      ? " (start a wijziging of a convenant in force)"
                                      : " (draw up a new document)"));
        }
        // Where decisions are being taken, an edit that voids them is explicit;
        // back in concept (a step with a reason) it is not.
        if (state->decisions) {
            if (auto protectedDecisions = checkStaleDecisions(*tx, *document, request);
                !protectedDecisions)
                return protectedDecisions.error();
        }
        auto kind = parseDocumentKind(document->kind);
        auto content = checkContent(*tx, *kind, document->region, request.content);
        if (!content) return content.error();
        if (content->hash == document->latestContentHash) {
            return makeError(ErrorCode::Refused,
                             "version " + std::to_string(document->latestVersion) + " of " +
                                 document->id +
                                 " already has this content; identical content is not a new "
                                 "version, so nothing was stored",
                             {{"latest version " + std::to_string(document->latestVersion) +
                                   " has hash " + document->latestContentHash,
                               std::nullopt, document->id}});
        }
        auto apart =
            checkNoOverlap(*tx, document->region, document->kind, content.value(), document->id);
        if (!apart) return apart.error();

        std::string time = formatTimestamp(clock_->now());
        Version version{document->id,
                        document->latestVersion + 1,
                        document->latestVersion,
                        content->canonicalXml,
                        content->hash,
                        actor.name,
                        std::string(toString(actor.role)),
                        time,
                        request.message};
        version.eventSequence = appendEvent(*tx, documentStream(document->id), "versie-toegevoegd",
                                            actor, time, versionPayload(version))
                                    .sequence;
        tx->insertVersion(version);
        project(*document, content.value(), version.number, time);
        document->eventSequence = version.eventSequence;
        tx->updateDocument(*document);
        version.warnings =
            saveWarnings(*tx, *document, content.value(), amsterdamDate(clock_->now()));
        commit(*tx);
        return version;
    });
}

Result<Document> Engine::document(const Actor& actor, const std::string& id) {
    return guarded([&]() -> Result<Document> {
        auto found = store_->beginRead()->findDocument(id);
        if (!found) return detail::notFound("document " + id);
        if (!actor.mayAccess(found->region)) return detail::hiddenDocument(*found);
        return *found;
    });
}

Result<std::vector<Document>> Engine::listDocuments(const Actor& actor, DocumentFilter filter) {
    if (actor.regionScope != "*") {
        if (filter.region && *filter.region != actor.regionScope) {
            return detail::outOfScope(actor, *filter.region);
        }
        filter.region = actor.regionScope;
    }
    if (filter.limit < 1 || filter.limit > 1000 || filter.offset < 0) {
        return makeError(ErrorCode::InvalidInput,
                         "limit must lie between 1 and 1000 and offset may not be negative");
    }
    return guarded([&]() -> Result<std::vector<Document>> {
        return store_->beginRead()->listDocuments(filter);
    });
}

Result<Version> Engine::version(const Actor& actor, const std::string& documentId,
                                std::optional<std::int64_t> number) {
    return guarded([&]() -> Result<Version> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(documentId);
        if (!document) return detail::notFound("document " + documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        std::int64_t wanted = number.value_or(document->latestVersion);
        auto found = tx->findVersion(documentId, wanted);
        if (!found) {
            return detail::notFound("version " + std::to_string(wanted) + " of " + documentId +
                                    " (it has versions 1 to " +
                                    std::to_string(document->latestVersion) + ")");
        }
        return *found;
    });
}

Result<std::vector<Version>> Engine::listVersions(const Actor& actor,
                                                  const std::string& documentId) {
    return guarded([&]() -> Result<std::vector<Version>> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(documentId);
        if (!document) return detail::notFound("document " + documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        return tx->listVersions(documentId, false);
    });
}

Result<std::vector<Event>> Engine::history(const Actor& actor, const std::string& documentId) {
    return guarded([&]() -> Result<std::vector<Event>> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(documentId);
        if (!document) return detail::notFound("document " + documentId);
        if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
        std::vector<Event> events;
        tx->forEachEvent(documentStream(documentId),
                         [&](const Event& event) { events.push_back(event); });
        return events;
    });
}

Result<std::vector<Event>> Engine::regionHistory(const Actor& actor, const std::string& code) {
    if (!actor.mayAccess(code)) return detail::outOfScope(actor, code);
    return guarded([&]() -> Result<std::vector<Event>> {
        auto tx = store_->beginRead();
        if (!tx->findRegion(code)) return detail::notFound("region " + code);
        std::vector<Event> events;
        tx->forEachEvent(regionStream(code), [&](const Event& event) { events.push_back(event); });
        return events;
    });
}

}  // namespace beraad
