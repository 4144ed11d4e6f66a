// Engine facade, workflow: herinneringen. Per region in scope, the partners
// that still have to decide on a document in a decision state (the rule's
// missing members), the parties that still have to sign a document in a
// signing state, and the overview's due and overdue items.
#include <algorithm>

#include "beraad/Engine.h"
#include "engine/EngineSupport.h"
#include "workflow/Catalog.h"

namespace beraad {

using detail::guarded;

Result<Reminders> Engine::reminders(const Actor& actor, const ReminderOptions& options) {
    if (options.region && !actor.mayAccess(*options.region)) {
        return makeError(ErrorCode::Forbidden, "region " + *options.region +
                                                   " is outside your scope " + actor.regionScope);
    }
    OverviewOptions overviewOptions;
    overviewOptions.withinDays = options.withinDays;
    overviewOptions.targetDate = options.targetDate;
    overviewOptions.today = options.today;
    auto overview = this->overview(actor, overviewOptions);
    if (!overview) return overview.error();
    Reminders reminders;
    reminders.today = overview->today;
    reminders.withinDays = overview->withinDays;
    bool found = !options.region;
    for (const auto& region : overview->regions) {
        if (options.region && region.region.code != *options.region) continue;
        found = true;
        RegionReminders entry;
        entry.region = region.region.code;
        entry.name = region.region.name;
        entry.due = region.due;
        std::map<std::string, std::string> names;
        if (auto partners = listPartners(actor, region.region.code)) {
            for (const auto& partner : *partners)
                names[partner.key] = partner.name;
        }
        auto named = [&](const std::vector<std::string>& keys) {
            std::vector<OutstandingPartner> partners;
            for (const auto& key : keys) {
                auto it = names.find(key);
                partners.push_back({key, it == names.end() ? "" : it->second});
            }
            return partners;
        };
        DocumentFilter filter;
        filter.region = region.region.code;
        filter.limit = 1000;
        auto documents = listDocuments(actor, filter);
        if (!documents) return documents.error();
        for (const auto& document : *documents) {
            auto state = guarded([&]() -> Result<std::pair<bool, bool>> {
                auto tx = store_->beginRead();
                auto definition =
                    workflow::catalog::find(*tx, document.workflow, document.workflowVersion);
                if (!definition) return definition.error();
                const auto* current = definition.value()->state(document.state);
                if (!current) return std::pair{false, false};
                return std::pair{current->decisions, current->signatures};
            });
            // One document that cannot be read (its definition, its rule)
            // does not hide what the others wait for.
            if (!state) continue;
            Outstanding item{document.id,
                             document.title,
                             document.kind,
                             document.state,
                             document.latestVersion,
                             {},
                             ""};
            if (state->first) {
                auto status = decisionStatus(actor, document.id);
                if (!status) {
                    // Said, not hidden: the rule cannot be read (no
                    // convenant in force, say); the others still count.
                    item.explanation =
                        "cannot tell who still has to decide: " + status.error().message;
                    entry.decisions.push_back(item);
                } else if (!status->verdict.missing.empty()) {
                    item.partners = named(status->verdict.missing);
                    item.explanation = status->verdict.explanation;
                    entry.decisions.push_back(item);
                }
            }
            if (state->second && document.kind == toString(DocumentKind::Samenwerkingsconvenant)) {
                auto status = signatureStatus(actor, document.id);
                if (!status) {
                    item.explanation =
                        "cannot tell who still has to sign: " + status.error().message;
                    entry.signatures.push_back(item);
                } else if (!status->missing.empty()) {
                    item.partners = named(status->missing);
                    item.explanation.clear();
                    entry.signatures.push_back(item);
                }
            }
        }
        if (entry.decisions.empty() && entry.signatures.empty() && entry.due.empty()) continue;
        reminders.regions.push_back(std::move(entry));
    }
    if (!found) return detail::notFound("region " + *options.region);
    return reminders;
}

}  // namespace beraad
