// Engine facade: model drafts of new documents (content/ModelDraft.h).
#include <algorithm>
#include <chrono>

#include "beraad/Engine.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "base/Dates.h"

namespace beraad {

namespace {

std::string firstOfNextYear(std::chrono::system_clock::time_point now) {
    int year = std::stoi(amsterdamDate(now).substr(0, 4));
    return std::to_string(year + 1) + "-01-01";
}

// The beleidsagenda an uitvoeringsagenda carries out: the one asked for, or
// the region's newest.
Result<std::optional<ModelBeleidsagenda>> basisAgenda(ReadTransaction& tx,
                                                      const ModelDraftRequest& request) {
    std::optional<Document> agenda;
    if (request.beleidsagendaId) {
        agenda = tx.findDocument(*request.beleidsagendaId);
        if (!agenda) return detail::notFound("beleidsagenda " + *request.beleidsagendaId);
        if (agenda->kind != toString(DocumentKind::Beleidsagenda)) {
            return makeError(ErrorCode::InvalidInput,
                             agenda->id + " is a " + agenda->kind + ", not a beleidsagenda");
        }
        if (agenda->region != request.region) {
            return makeError(ErrorCode::InvalidInput, "beleidsagenda " + agenda->id +
                                                          " belongs to region " + agenda->region +
                                                          ", not " + request.region);
        }
    } else {
        DocumentFilter filter;
        filter.region = request.region;
        filter.kind = std::string(toString(DocumentKind::Beleidsagenda));
        filter.limit = 1000;
        auto agendas = tx.listDocuments(filter);
        if (agendas.empty()) return std::optional<ModelBeleidsagenda>();
        agenda = agendas.back();  // ordered by serial: the newest last
    }
    auto latest = tx.findVersion(agenda->id, agenda->latestVersion);
    if (!latest) return detail::notFound("the latest version of " + agenda->id);
    return std::optional<ModelBeleidsagenda>(ModelBeleidsagenda{agenda->id, latest->content});
}

// Where the next uitvoeringsagenda of a beleidsagenda starts: the day after
// the last one of that beleidsagenda ends, while that lies inside its period,
// else the beleidsagenda's own start.
std::optional<std::string> nextAgendaBegin(ReadTransaction& tx, const std::string& region,
                                           const ModelBeleidsagenda& agenda) {
    auto content = validateContent(DocumentKind::Beleidsagenda, agenda.content);
    if (!content || !content->period) return std::nullopt;
    DocumentFilter filter;
    filter.region = region;
    filter.kind = std::string(toString(DocumentKind::Uitvoeringsagenda));
    filter.limit = 1000;
    std::string lastEnd;
    for (const auto& document : tx.listDocuments(filter)) {
        if (document.beleidsagendaId == agenda.id && document.periodEnd)
            lastEnd = std::max(lastEnd, *document.periodEnd);
    }
    auto dayAfter = dates::parse(lastEnd);
    if (!dayAfter) return content->period->start;
    std::string next = dates::format(dates::addDays(*dayAfter, 1));
    return next <= content->period->end ? next : content->period->start;
}

}  // namespace

Result<ModelDraft> Engine::modelDraft(const Actor& actor, const ModelDraftRequest& request) {
    if (!detail::mayWriteDocuments(actor)) return detail::forbidden(actor, "create documents");
    if (!actor.mayAccess(request.region)) return detail::outOfScope(actor, request.region);
    if (request.beleidsagendaId && request.kind != DocumentKind::Uitvoeringsagenda) {
        return makeError(ErrorCode::InvalidInput,
                         "only an uitvoeringsagenda refers to a beleidsagenda");
    }
    return detail::guarded([&]() -> Result<ModelDraft> {
        auto tx = store_->beginRead();
        auto region = tx->findRegion(request.region);
        if (!region) return detail::notFound("region " + request.region);
        ModelDraftInput input;
        input.kind = request.kind;
        input.region = *region;
        input.partners = tx->listPartners(request.region);
        auto recorded = detail::chainReader(*tx, keys_.get()).region(request.region);
        if (!recorded) return recorded.error();
        for (const auto& admission : recorded->admissions) {
            if (admission.admitted) input.admitted.insert(admission.partner);
        }
        input.begin = request.begin.value_or(firstOfNextYear(clock_->now()));
        if (request.kind == DocumentKind::Uitvoeringsagenda) {
            auto agenda = basisAgenda(*tx, request);
            if (!agenda) return agenda.error();
            input.beleidsagenda = std::move(agenda.value());
            if (!request.begin && input.beleidsagenda) {
                auto begin = nextAgendaBegin(*tx, request.region, *input.beleidsagenda);
                if (begin) input.begin = *begin;
            }
        }
        auto draft = generateModelDraft(input);
        if (!draft) return draft.error();
        // The promise: a draft the engine accepts as it stands.
        auto checked = detail::checkContent(*tx, request.kind, request.region, draft->content);
        if (!checked) {
            auto error = checked.error();
            error.message = "the model draft for " + request.region +
                            " does not validate (please report this): " + error.message;
            return error;
        }
        return draft;
    });
}

}  // namespace beraad
