#include "workflow/GuardEvaluation.h"

#include <algorithm>
#include <functional>
#include <set>

#include "beraad/content/Content.h"
#include "beraad/reference/Partners.h"
#include "beraad/reference/ReferenceData.h"
#include "workflow/Catalog.h"
#include "workflow/ContentFacts.h"
#include "base/Dates.h"

namespace beraad::workflow {

const StateDefinition* stateOf(ReadTransaction& tx, const Document& document) {
    auto definition = catalog::find(tx, document.workflow, document.workflowVersion);
    if (!definition) return nullptr;
    return definition.value()->state(document.state);
}

bool isAdopted(ReadTransaction& tx, const Document& document) {
    const StateDefinition* state = stateOf(tx, document);
    return state != nullptr && state->adopted;
}

bool isFinal(ReadTransaction& tx, const Document& document) {
    const StateDefinition* state = stateOf(tx, document);
    return state != nullptr && state->final;
}

namespace {

// The region's convenants, oldest first.
std::vector<Document> regionConvenants(ReadTransaction& tx, const std::string& region) {
    DocumentFilter filter;
    filter.region = region;
    filter.kind = std::string(toString(DocumentKind::Samenwerkingsconvenant));
    filter.limit = 1000;
    return tx.listDocuments(filter);
}

bool governs(ReadTransaction& tx, const Document& document) {
    const StateDefinition* state = stateOf(tx, document);
    return state != nullptr && (state->governs || state->adopted);
}

}  // namespace

std::optional<Document> convenantInForce(ReadTransaction& tx, const std::string& region) {
    std::optional<Document> found;
    for (const auto& document : regionConvenants(tx, region)) {
        if (isAdopted(tx, document)) found = document;  // the newest one in force
    }
    return found;
}

std::optional<Document> governingConvenant(ReadTransaction& tx, const std::string& region) {
    // One pass: the newest one in force wins over the newest one decided on.
    std::optional<Document> inForce, decided;
    for (const auto& document : regionConvenants(tx, region)) {
        if (isAdopted(tx, document)) inForce = document;
        if (governs(tx, document)) decided = document;
    }
    return inForce ? inForce : decided;
}

std::set<std::string> partnersLeftBy(ReadTransaction& tx, const std::string& region,
                                     const std::string& date) {
    std::set<std::string> left;
    for (const auto& partner : tx.listPartners(region)) {
        if (partner.hasLeftBy(date)) left.insert(partner.key);
    }
    return left;
}

Result<DecisionBasis> decisionBasis(ReadTransaction& tx, const Document& document,
                                    const Version& latest, const std::string& today) {
    DecisionBasis basis;
    std::string content;
    if (document.kind == toString(DocumentKind::Samenwerkingsconvenant)) {
        basis.convenantId = document.id;
        basis.convenantVersion = latest.number;
        content = latest.content;
    } else {
        // The convenant in force, or else the one decided on (vastgesteld,
        // ondertekend): a Beraad adopts its convenant and its agenda in one meeting.
        auto inForce = governingConvenant(tx, document.region);
        if (!inForce) {
            return makeError(ErrorCode::Refused,
                             "region " + document.region +
                                 " has no samenwerkingsconvenant that is vastgesteld, ondertekend "
                                 "or in werking; its decision rule decides the " +
                                 document.kind);
        }
        auto version = tx.findVersion(inForce->id, inForce->latestVersion);
        if (!version)
            return makeError(ErrorCode::Integrity, "convenant " + inForce->id + " has no content");
        basis.convenantId = inForce->id;
        basis.convenantVersion = version->number;
        content = version->content;
    }
    auto convenant = facts::convenant(content);
    if (!convenant) return convenant.error();
    basis.rule = convenant->rule;
    auto left = partnersLeftBy(tx, document.region, today);
    for (const auto& partij : convenant->partijen) {
        if (left.count(partij.partner)) continue;
        basis.members.push_back({partij.partner, partij.rol == "kernpartner", partij.gewicht});
    }
    return basis;
}

std::map<std::string, Verdict> currentDecisions(const std::vector<DecisionRecord>& decisions,
                                                const std::string& contentHash) {
    std::map<std::string, Verdict> current;
    for (const auto& decision : decisions) {  // recording order: later ones win
        if (decision.contentHash != contentHash || decision.status != "geldend") continue;
        if (auto verdict = parseVerdict(decision.verdict)) current[decision.partner] = *verdict;
    }
    return current;
}

namespace {

using Check = std::function<void(const Invocation&, const GuardContext&, GuardOutcome&)>;

void fail(GuardOutcome& outcome, std::string message) {
    outcome.passed = false;
    outcome.message = std::move(message);
}

void pass(GuardOutcome& outcome, std::string message) {
    outcome.passed = true;
    outcome.message = std::move(message);
}

Result<DocumentChain> documentChain(const GuardContext& context) {
    if (context.chain) return context.chain->document(context.document.id);
    ChainReader reader(context.tx);
    return reader.document(context.document.id);
}

Result<RegionChain> regionChain(const GuardContext& context) {
    if (context.chain) return context.chain->region(context.document.region);
    ChainReader reader(context.tx);
    return reader.region(context.document.region);
}

void detail(GuardOutcome& outcome, std::string message, std::string where) {
    outcome.details.push_back({std::move(message), std::nullopt, std::move(where)});
}

bool requireKind(const GuardContext& context, DocumentKind kind, GuardOutcome& outcome) {
    if (context.document.kind == toString(kind)) return true;
    fail(outcome, "this guard applies to a " + std::string(toString(kind)) + ", not to a " +
                      context.document.kind);
    return false;
}

std::optional<Document> beleidsagendaOf(const GuardContext& context, GuardOutcome& outcome) {
    if (!context.document.beleidsagendaId) {
        fail(outcome, context.document.id + " names no beleidsagenda");
        return std::nullopt;
    }
    auto agenda = context.tx.findDocument(*context.document.beleidsagendaId);
    if (!agenda)
        fail(outcome, "beleidsagenda " + *context.document.beleidsagendaId + " does not exist");
    return agenda;
}

void convenantParties(const GuardContext& context, const facts::Convenant& convenant,
                      GuardOutcome& outcome) {
    std::map<std::string, Partner> registered;
    for (auto& partner : context.tx.listPartners(context.document.region)) {
        registered.emplace(partner.key, partner);
    }
    // Admissions as the region's chain records them, never the rows alone.
    std::set<std::string> admitted;
    auto region = regionChain(context);
    if (!region) {
        detail(outcome, region.error().message, "toelatingen");
    } else {
        for (const auto& admission : region->admissions) {
            if (admission.admitted) admitted.insert(admission.partner);
        }
    }
    for (auto kind : requiredKernpartnerKinds()) {
        bool present = std::any_of(convenant.partijen.begin(), convenant.partijen.end(),
                                   [&](const facts::Partij& partij) {
                                       return partij.soort == kind && partij.rol == "kernpartner";
                                   });
        if (!present) {
            detail(outcome,
                   "no partij of kind " + std::string(kind) +
                       " as kernpartner; the law "
                       "requires one in every Regionaal Beraad",
                   "partijen");
        }
    }
    for (const auto& partij : convenant.partijen) {
        std::string where = "partij " + partij.partner;
        auto found = registered.find(partij.partner);
        if (found == registered.end()) {
            detail(outcome,
                   "partner '" + partij.partner + "' is not registered in region " +
                       context.document.region,
                   where);
            continue;
        }
        if (found->second.kind != partij.soort) {
            detail(outcome,
                   "the register knows " + partij.partner + " as " + found->second.kind +
                       ", the content says " + partij.soort,
                   where);
        }
        if (partij.rol == "kernpartner" && found->second.role != "kernpartner") {
            detail(outcome,
                   partij.partner + " is a kernpartner in the content but a " + found->second.role +
                       " in the register",
                   where);
        }
        if (partij.rol == "strategisch-partner" && admitted.count(partij.partner) == 0) {
            detail(outcome,
                   partij.partner +
                       " is named as strategisch partner but the kernpartners "
                       "never decided to admit it",
                   where);
        }
    }
}

void contentValid(const Invocation&, const GuardContext& context, GuardOutcome& outcome) {
    auto kind = parseDocumentKind(context.document.kind);
    auto content = validateContent(*kind, context.latest.content);
    if (!content) {
        outcome.details = content.error().details;
        fail(outcome, content.error().message);
        return;
    }
    if (content->region != context.document.region) {
        detail(outcome, "the content names region " + content->region, "@regio");
    }
    std::set<std::string> registered;
    for (const auto& partner : context.tx.listPartners(context.document.region))
        registered.insert(partner.key);
    for (const auto& reference : content->partnerReferences) {
        if (!registered.count(reference.key)) {
            detail(outcome, "partner '" + reference.key + "' is not registered", reference.path);
        }
    }
    if (*kind == DocumentKind::Samenwerkingsconvenant) {
        auto convenant = facts::convenant(context.latest.content);
        if (!convenant) {
            fail(outcome, convenant.error().message);
            return;
        }
        convenantParties(context, convenant.value(), outcome);
    }
    if (outcome.details.empty()) {
        pass(outcome, "version " + std::to_string(context.latest.number) + " is valid");
    } else {
        fail(outcome, "version " + std::to_string(context.latest.number) + " is not valid: " +
                          std::to_string(outcome.details.size()) + " problem(s)");
    }
}

void kostenverdelingComplete(const Invocation&, const GuardContext& context,
                             GuardOutcome& outcome) {
    if (!requireKind(context, DocumentKind::Samenwerkingsconvenant, outcome)) return;
    auto convenant = facts::convenant(context.latest.content);
    if (!convenant) return fail(outcome, convenant.error().message);
    std::int64_t total = 0;
    for (const auto& aandeel : convenant->kostenverdeling)
        total += aandeel.hundredths;
    if (total == 10000) return pass(outcome, "the kostenverdeling shares add up to 100%");
    for (const auto& aandeel : convenant->kostenverdeling) {
        detail(outcome, aandeel.partner + " pays " + formatPercentage(aandeel.hundredths),
               "kostenverdeling/aandeel[@partner='" + aandeel.partner + "']");
    }
    fail(outcome, "the kostenverdeling shares add up to " + formatPercentage(total) +
                      ", not 100% (" +
                      (total < 10000 ? formatPercentage(10000 - total) + " unassigned"
                                     : formatPercentage(total - 10000) + " too much") +
                      ")");
}

void decisionRuleMet(const Invocation&, const GuardContext& context, GuardOutcome& outcome) {
    auto basis = decisionBasis(context.tx, context.document, context.latest, context.today);
    if (!basis) return fail(outcome, basis.error().message);
    // Only decisions the document's chain records count.
    auto chain = documentChain(context);
    if (!chain) return fail(outcome, chain.error().message);
    auto decisions = currentDecisions(chain->decisions, context.latest.contentHash);
    RuleVerdict verdict = evaluate(basis->rule, basis->members, decisions);
    for (const auto& partner : verdict.missing)
        detail(outcome, "has not decided on version " + std::to_string(context.latest.number),
               partner);
    for (const auto& partner : verdict.against)
        detail(outcome, "decided niet-akkoord", partner);
    for (const auto& partner : verdict.abstained)
        detail(outcome, "abstained (onthouding)", partner);
    std::string text = "rule " + verdict.rule + " of " + basis->convenantId + " on version " +
                       std::to_string(context.latest.number) + ": " + verdict.explanation;
    if (verdict.met) {
        outcome.details.clear();
        pass(outcome, text);
    } else {
        fail(outcome, text);
    }
}

void everyPartySigned(const Invocation&, const GuardContext& context, GuardOutcome& outcome) {
    if (!requireKind(context, DocumentKind::Samenwerkingsconvenant, outcome)) return;
    auto convenant = facts::convenant(context.latest.content);
    if (!convenant) return fail(outcome, convenant.error().message);
    auto chain = documentChain(context);
    if (!chain) return fail(outcome, chain.error().message);
    std::set<std::string> signed_;
    for (const auto& signature : chain->signatures) {
        if (signature.contentHash == context.latest.contentHash &&
            signature.status != "gerectificeerd")
            signed_.insert(signature.partner);
    }
    // A partij that left the Beraad signs no more and is not waited for.
    auto left = partnersLeftBy(context.tx, context.document.region, context.today);
    std::size_t parties = 0;
    for (const auto& partij : convenant->partijen) {
        if (left.count(partij.partner)) continue;
        ++parties;
        if (!signed_.count(partij.partner))
            detail(outcome, "has not signed version " + std::to_string(context.latest.number),
                   partij.partner);
    }
    std::string counts = std::to_string(parties - outcome.details.size()) + " of " +
                         std::to_string(parties) + " parties signed";
    if (outcome.details.empty()) return pass(outcome, counts);
    fail(
        outcome, counts + "; missing: " + [&] {
            std::string names;
            for (const auto& missing : outcome.details)
                names += (names.empty() ? "" : ", ") + missing.where;
            return names;
        }());
}

void periodFits(const Invocation& guard, const GuardContext& context, GuardOutcome& outcome) {
    auto start = dates::parse(context.document.periodStart.value_or(""));
    auto end = dates::parse(context.document.periodEnd.value_or(""));
    if (!start || !end)
        return fail(outcome, "the document has no complete period (begin and eind)");
    auto dayAfterEnd = dates::addDays(*end, 1);
    std::string span = dates::format(*start) + " to " + dates::format(*end);
    auto param = [&](const char* name) -> std::optional<int> {
        auto found = guard.params.find(name);
        if (found == guard.params.end()) return std::nullopt;
        return std::stoi(found->second);
    };
    if (auto minimum = param("min-years");
        minimum && dayAfterEnd < dates::addYears(*start, *minimum)) {
        detail(outcome,
               "the period " + span + " is shorter than " + std::to_string(*minimum) +
                   " years (it should end on or after " +
                   dates::format(dates::addDays(dates::addYears(*start, *minimum), -1)) + ")",
               "periode");
    }
    if (auto maximum = param("max-years");
        maximum && dayAfterEnd > dates::addYears(*start, *maximum)) {
        detail(outcome,
               "the period " + span + " is longer than " + std::to_string(*maximum) +
                   " years (it should end on or before " +
                   dates::format(dates::addDays(dates::addYears(*start, *maximum), -1)) + ")",
               "periode");
    }
    if (guard.params.count("within")) {
        auto agenda = beleidsagendaOf(context, outcome);
        if (!agenda) return;
        auto agendaStart = dates::parse(agenda->periodStart.value_or(""));
        auto agendaEnd = dates::parse(agenda->periodEnd.value_or(""));
        if (!agendaStart || !agendaEnd) {
            detail(outcome, "beleidsagenda " + agenda->id + " has no complete period", "periode");
        } else if (*start < *agendaStart || *end > *agendaEnd) {
            detail(outcome,
                   "the period " + span + " does not lie inside the period of beleidsagenda " +
                       agenda->id + " (" + dates::format(*agendaStart) + " to " +
                       dates::format(*agendaEnd) + ")",
                   "periode");
        }
    }
    if (outcome.details.empty())
        return pass(outcome, "the period " + span + " fits a " + context.document.kind);
    fail(outcome, outcome.details.front().message);
}

void actionsMatchAmbitions(const Invocation&, const GuardContext& context, GuardOutcome& outcome) {
    if (!requireKind(context, DocumentKind::Uitvoeringsagenda, outcome)) return;
    auto agenda = beleidsagendaOf(context, outcome);
    if (!agenda) return;
    auto agendaVersion = context.tx.findVersion(agenda->id, agenda->latestVersion);
    if (!agendaVersion) return fail(outcome, "beleidsagenda " + agenda->id + " has no content");
    auto ambities = facts::beleidsagenda(agendaVersion->content);
    auto acties = facts::uitvoeringsagenda(context.latest.content);
    if (!ambities) return fail(outcome, ambities.error().message);
    if (!acties) return fail(outcome, acties.error().message);
    for (const auto& actie : acties->acties) {
        if (!ambities->ambities.count(actie.ambitie)) {
            detail(outcome,
                   "actie " + actie.id + " refers to ambitie '" + actie.ambitie +
                       "', which beleidsagenda " + agenda->id + " (version " +
                       std::to_string(agendaVersion->number) + ") does not have",
                   "actie[@id='" + actie.id + "']");
        }
    }
    std::string counts = std::to_string(acties->acties.size() - outcome.details.size()) + " of " +
                         std::to_string(acties->acties.size()) +
                         " actions refer to an ambitie of " + agenda->id;
    if (outcome.details.empty()) return pass(outcome, counts);
    fail(outcome, counts);
}

void impulsbudgetWithinLimit(const Invocation&, const GuardContext& context,
                             GuardOutcome& outcome) {
    if (!requireKind(context, DocumentKind::Uitvoeringsagenda, outcome)) return;
    auto acties = facts::uitvoeringsagenda(context.latest.content);
    if (!acties) return fail(outcome, acties.error().message);
    std::map<int, std::int64_t> allocated;
    for (const auto& actie : acties->acties) {
        for (const auto& post : actie.posts) {
            if (post.bron == "impulsbudget") allocated[post.jaar] += post.cents;
        }
    }
    auto budget = context.tx.listBudget();
    for (const auto& [year, cents] : allocated) {
        auto row = budgetFor(budget, year);
        std::int64_t limit = row ? row->impulsbudget * 100 : 0;
        if (cents > limit) {
            detail(outcome,
                   std::to_string(year) + ": " + facts::formatEuro(cents) +
                       " of impulsbudget allocated, " + facts::formatEuro(cents - limit) +
                       " more than the region's impulsbudget of " + facts::formatEuro(limit),
                   "begroting/post[@jaar='" + std::to_string(year) + "'][@bron='impulsbudget']");
        }
    }
    if (outcome.details.empty()) {
        return pass(outcome, "impulsbudget allocations stay within the region's impulsbudget in " +
                                 std::to_string(allocated.size()) + " year(s)");
    }
    std::string summary;
    for (const auto& problem : outcome.details)
        summary += (summary.empty() ? "" : "; ") + problem.message;
    fail(outcome, summary);
}

void beleidsagendaVastgesteld(const Invocation&, const GuardContext& context,
                              GuardOutcome& outcome) {
    auto agenda = beleidsagendaOf(context, outcome);
    if (!agenda) return;
    if (isAdopted(context.tx, *agenda)) {
        return pass(outcome, "beleidsagenda " + agenda->id + " is " + agenda->state);
    }
    fail(outcome, "beleidsagenda " + agenda->id + " is " + agenda->state +
                      "; an uitvoeringsagenda can only be vastgesteld while its beleidsagenda is "
                      "vastgesteld");
}

// Whether a decision on an agenda can ever be taken: its region has a
// convenant decided on, or one on its way there (not ended).
void decisionRuleAvailable(const Invocation&, const GuardContext& context, GuardOutcome& outcome) {
    if (context.document.kind == toString(DocumentKind::Samenwerkingsconvenant)) {
        return pass(outcome, "a convenant is decided by its own rule");
    }
    if (auto governing = governingConvenant(context.tx, context.document.region)) {
        return pass(outcome, "the decision rule of convenant " + governing->id + " (" +
                                 governing->state + ") decides");
    }
    for (const auto& convenant : regionConvenants(context.tx, context.document.region)) {
        if (!isFinal(context.tx, convenant)) {
            return pass(outcome, "convenant " + convenant.id + " is " + convenant.state +
                                     "; once it is vastgesteld its decision rule decides");
        }
    }
    fail(outcome, "region " + context.document.region +
                      " has no samenwerkingsconvenant on its way to a decision, so no decision "
                      "rule can ever decide this " +
                      context.document.kind + "; draw up the convenant first");
}

void startDateReached(const Invocation&, const GuardContext& context, GuardOutcome& outcome) {
    auto start = context.document.periodStart.value_or("");
    if (start.empty()) return fail(outcome, "the document has no start date");
    if (context.today >= start) return pass(outcome, "the start date " + start + " has come");
    fail(outcome, "the start date " + start + " has not come yet (today is " + context.today + ")");
}

void endDateReached(const Invocation&, const GuardContext& context, GuardOutcome& outcome) {
    auto end = context.document.periodEnd.value_or("");
    if (end.empty()) return fail(outcome, "the document has no end date");
    if (context.today > end) return pass(outcome, "the period ended on " + end);
    fail(outcome, "the period runs until " + end + " (today is " + context.today + ")");
}

const std::map<std::string, Check, std::less<>>& checks() {
    static const std::map<std::string, Check, std::less<>> all{
        {"content-valid", contentValid},
        {"kostenverdeling-complete", kostenverdelingComplete},
        {"decision-rule-met", decisionRuleMet},
        {"every-party-signed", everyPartySigned},
        {"period-fits", periodFits},
        {"actions-match-ambitions", actionsMatchAmbitions},
        {"impulsbudget-within-limit", impulsbudgetWithinLimit},
        {"beleidsagenda-vastgesteld", beleidsagendaVastgesteld},
        {"decision-rule-available", decisionRuleAvailable},
        {"start-date-reached", startDateReached},
        {"end-date-reached", endDateReached},
    };
    return all;
}

}  // namespace

GuardOutcome evaluateGuard(const Invocation& guard, const GuardContext& context) {
    GuardOutcome outcome;
    outcome.guard = guard.name;
    auto check = checks().find(guard.name);
    if (check == checks().end()) {
        fail(outcome, "unknown guard '" + guard.name + "'");
        return outcome;
    }
    check->second(guard, context, outcome);
    return outcome;
}

std::vector<GuardOutcome> evaluateGuards(const TransitionDefinition& transition,
                                         const GuardContext& context) {
    std::vector<GuardOutcome> outcomes;
    for (const auto& guard : transition.guards)
        outcomes.push_back(evaluateGuard(guard, context));
    return outcomes;
}

}  // namespace beraad::workflow
