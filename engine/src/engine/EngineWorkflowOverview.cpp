// Engine facade, workflow: the overview of every region the actor
// may see, with per kind the state, what blocks the next step, and what is
// overdue or due soon.
#include <algorithm>

#include "beraad/Engine.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "workflow/Catalog.h"
#include "base/Dates.h"
#include "workflow/GuardEvaluation.h"

namespace beraad {

using detail::guarded;

namespace {

constexpr DocumentKind kKinds[] = {DocumentKind::Samenwerkingsconvenant,
                                   DocumentKind::Beleidsagenda, DocumentKind::Uitvoeringsagenda};

class RegionSurvey {
  public:
    RegionSurvey(ReadTransaction& tx, workflow::ChainReader& chain, const OverviewOptions& options,
                 std::chrono::year_month_day today)
        : tx_(tx), chain_(chain), options_(options), today_(today) {}

    RegionOverview survey(const Region& region) {
        RegionOverview overview;
        overview.region = region;
        bool allInForce = true;
        for (DocumentKind kind : kKinds) {
            auto documents = documentsOf(region.code, kind);
            KindStatus status = statusOf(kind, documents);
            if (!status.adopted && !status.inForce) {
                allInForce = false;
                targetItem(overview, kind, status);
            }
            for (const auto& document : documents)
                deadlines(overview, document);
            overview.kinds.push_back(std::move(status));
        }
        overview.targetMet = allInForce;
        std::sort(overview.due.begin(), overview.due.end(),
                  [](const DueItem& a, const DueItem& b) { return a.due < b.due; });
        return overview;
    }

  private:
    std::vector<Document> documentsOf(const std::string& region, DocumentKind kind) {
        DocumentFilter filter;
        filter.region = region;
        filter.kind = std::string(toString(kind));
        filter.limit = 1000;
        return tx_.listDocuments(filter);
    }

    KindStatus statusOf(DocumentKind kind, const std::vector<Document>& documents) {
        KindStatus status;
        status.kind = kind;
        const Document* inForce = nullptr;
        const Document* working = nullptr;
        for (const auto& document : documents) {
            if (workflow::isAdopted(tx_, document)) {
                inForce = &document;
            } else if (!workflow::isFinal(tx_, document)) {
                working = &document;
            }
        }
        const Document* shown = working ? working : inForce;
        if (!shown && !documents.empty()) shown = &documents.back();
        if (!shown) {
            status.blockers.push_back("the region has no " + std::string(toString(kind)) + " yet");
            return status;
        }
        status.documentId = shown->id;
        status.state = shown->state;
        status.adopted = shown == inForce;
        if (inForce && inForce != shown) status.inForce = inForce->id;
        if (shown == working) nextStep(*shown, status);
        return status;
    }

    void nextStep(const Document& document, KindStatus& status) {
        auto definition = workflow::catalog::find(tx_, document.workflow, document.workflowVersion);
        if (!definition) {
            status.blockers.push_back(definition.error().message);
            return;
        }
        for (const auto* transition : definition.value()->transitionsFrom(document.state)) {
            if (transition->reasonRequired) continue;
            status.nextStep = transition->name;
            auto latest = tx_.findVersion(document.id, document.latestVersion);
            if (!latest) return;
            workflow::GuardContext context{tx_, document, *latest, dates::format(today_), &chain_};
            for (const auto& outcome : workflow::evaluateGuards(*transition, context)) {
                if (!outcome.passed)
                    status.blockers.push_back(outcome.guard + ": " + outcome.message);
            }
            return;
        }
    }

    void add(RegionOverview& overview, DueItem item) {
        auto due = dates::parse(item.due);
        if (!due) return;
        item.daysLeft = dates::daysBetween(today_, *due);
        item.overdue = item.daysLeft < 0;
        if (item.overdue || item.daysLeft <= options_.withinDays)
            overview.due.push_back(std::move(item));
    }

    void targetItem(RegionOverview& overview, DocumentKind kind, const KindStatus& status) {
        std::string goal = kind == DocumentKind::Samenwerkingsconvenant
                               ? "a samenwerkingsconvenant in force"
                               : "a vastgestelde " + std::string(toString(kind));
        add(overview,
            {"landelijke-streefdatum", status.documentId, options_.targetDate, 0, false,
             "by the national target date every region has " + goal +
                 (status.documentId ? " (" + *status.documentId + " is " + status.state + ")"
                                    : " (none yet)")});
    }

    void deadlines(RegionOverview& overview, const Document& document) {
        auto definition = workflow::catalog::find(tx_, document.workflow, document.workflowVersion);
        if (!definition) return;
        for (const auto& deadline : definition.value()->deadlines) {
            if (deadline.state != document.state) continue;
            std::optional<std::string> due;
            if (deadline.basis == workflow::DeadlineDefinition::Basis::PeriodEnd) {
                due = document.periodEnd;
            } else if (auto entered = enteredAt(document)) {
                due = dates::format(dates::addYears(*entered, deadline.years));
            }
            if (due)
                add(overview, {deadline.name, document.id, *due, 0, false, deadline.description});
        }
    }

    std::optional<std::chrono::year_month_day> enteredAt(const Document& document) {
        std::optional<std::chrono::year_month_day> entered;
        for (const auto& transition : tx_.listTransitions(document.id)) {
            if (transition.toState == document.state && transition.fromState != document.state) {
                entered = dates::parse(transition.time.substr(0, 10));
            }
        }
        return entered;
    }

    ReadTransaction& tx_;
    workflow::ChainReader& chain_;
    const OverviewOptions& options_;
    std::chrono::year_month_day today_;
};

}  // namespace

Result<Overview> Engine::overview(const Actor& actor, const OverviewOptions& options) {
    auto today = dates::parse(options.today.value_or(amsterdamDate(clock_->now())));
    auto target = dates::parse(options.targetDate);
    if (!today || !target || options.withinDays < 0) {
        return makeError(
            ErrorCode::InvalidInput,
            "the overview needs ISO dates (YYYY-MM-DD) and a horizon of 0 or more days");
    }
    return guarded([&]() -> Result<Overview> {
        auto tx = store_->beginRead();
        Overview overview;
        overview.today = dates::format(*today);
        overview.targetDate = options.targetDate;
        overview.withinDays = options.withinDays;
        auto chain = detail::chainReader(*tx, keys_.get());
        RegionSurvey survey(*tx, chain, options, *today);
        for (const auto& region : tx->listRegions()) {
            if (!actor.mayAccess(region.code)) continue;
            overview.regions.push_back(survey.survey(region));
        }
        return overview;
    });
}

}  // namespace beraad
