// Engine facade: set-up, reference data and partners.
#include "beraad/Engine.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "base/Dates.h"
#include "beraad/reference/ReferenceData.h"
#include "engine/EngineSupport.h"

namespace beraad {

using detail::guarded;

Engine::Engine(std::shared_ptr<Store> store, std::shared_ptr<Clock> clock)
    : store_(std::move(store)), clock_(std::move(clock)) {}

Result<bool> Engine::initialize() {
    return guarded([&]() -> Result<bool> {
        auto tx = store_->beginWrite();
        if (!tx->listRegions().empty()) return false;
        auto data = shippedReferenceData();
        if (!data) return data.error();
        // The event first: every row names the event that records it.
        Poco::JSON::Object payload;
        payload.set("regios", static_cast<Poco::Int64>(data->regions.size()));
        payload.set("budgetjaren", static_cast<Poco::Int64>(data->budget.size()));
        payload.set("budgetbron", data->budget.empty() ? "" : data->budget.front().source);
        auto loaded = appendEvent(*tx, kSystemStream, "referentiedata-geladen", systemActor(),
                                  formatTimestamp(clock_->now()), payload);
        for (auto region : data->regions) {
            region.eventSequence = loaded.sequence;
            tx->upsertRegion(region);
        }
        for (const auto& year : data->budget)
            tx->upsertBudgetYear(year);
        commit(*tx);
        return true;
    });
}

Result<std::vector<Region>> Engine::listRegions(const Actor& actor) {
    return guarded([&]() -> Result<std::vector<Region>> {
        auto regions = store_->beginRead()->listRegions();
        std::erase_if(regions, [&](const Region& region) { return !actor.mayAccess(region.code); });
        return regions;
    });
}

Result<Region> Engine::region(const Actor& actor, const std::string& code) {
    return guarded([&]() -> Result<Region> {
        if (!actor.mayAccess(code)) return detail::outOfScope(actor, code);
        auto found = store_->beginRead()->findRegion(code);
        if (!found) return detail::notFound("region " + code);
        return *found;
    });
}

Result<Region> Engine::correctCentrumgemeente(const Actor& actor, const std::string& code,
                                              const std::string& centrumgemeente,
                                              const std::string& source) {
    if (actor.role != Role::Beheerder) {
        return detail::forbidden(actor, "correct reference data (beheerder only)");
    }
    if (!actor.mayAccess(code)) return detail::outOfScope(actor, code);
    if (centrumgemeente.empty() || source.empty()) {
        return makeError(ErrorCode::InvalidInput,
                         "a correction needs the centrumgemeente and the source that confirms it");
    }
    text::FieldCheck texts;
    texts.add("centrumgemeente", centrumgemeente).add("bron", source);
    if (auto refused = detail::storableTexts(texts, "the correction"); !refused)
        return refused.error();
    return guarded([&]() -> Result<Region> {
        auto tx = store_->beginWrite();
        auto found = tx->findRegion(code);
        if (!found) return detail::notFound("region " + code);
        Region corrected = *found;
        corrected.centrumgemeente = centrumgemeente;
        corrected.confirmed = true;
        corrected.source = source;
        Poco::JSON::Object payload;
        payload.set("regio", code);
        payload.set("oud", found->centrumgemeente);
        payload.set("oudBevestigd", found->confirmed);
        payload.set("nieuw", centrumgemeente);
        payload.set("bron", source);
        corrected.eventSequence =
            appendEvent(*tx, regionStream(code), "centrumgemeente-gecorrigeerd", actor,
                        formatTimestamp(clock_->now()), payload)
                .sequence;
        tx->upsertRegion(corrected);
        commit(*tx);
        return corrected;
    });
}

Result<std::vector<BudgetYear>> Engine::budget(const Actor&) {
    return guarded(
        [&]() -> Result<std::vector<BudgetYear>> { return store_->beginRead()->listBudget(); });
}

namespace {

std::vector<ErrorDetail> partnerProblems(const Partner& partner) {
    std::vector<ErrorDetail> problems;
    auto add = [&](const std::string& where, const std::string& message) {
        problems.push_back({message, std::nullopt, where});
    };
    if (!isValidPartnerKey(partner.key)) {
        add("sleutel", "'" + partner.key +
                           "' is not a valid key: use lower-case letters, digits and single "
                           "hyphens, at most 64 characters (e.g. gemeente-enschede)");
    }
    if (partner.name.empty()) add("naam", "the organisation name is empty");
    const auto& kinds = partnerKinds();
    bool knownKind = std::find(kinds.begin(), kinds.end(), partner.kind) != kinds.end();
    if (!knownKind) {
        std::string known;
        for (auto kind : kinds)
            known += (known.empty() ? "" : ", ") + std::string(kind);
        add("soort", "unknown kind '" + partner.kind + "'; known kinds: " + known);
    }
    const auto& roles = beraadRoles();
    if (std::find(roles.begin(), roles.end(), partner.role) == roles.end()) {
        add("rol", "unknown role '" + partner.role +
                       "'; use kernpartner, strategisch-partner or samenwerkingspartner");
    } else if (knownKind && partner.role == "kernpartner" && !mayBeKernpartner(partner.kind)) {
        add("rol", "a " + partner.kind + " cannot be a kernpartner");
    }
    for (size_t i = 0; i < partner.representatives.size(); ++i) {
        const auto& person = partner.representatives[i];
        std::string where = "vertegenwoordigers[" + std::to_string(i + 1) + "]";
        if (person.name.empty()) add(where, "the representative has no name");
        if (!person.email.empty() && person.email.find('@') == std::string::npos) {
            add(where, "'" + person.email + "' is not an e-mail address");
        }
    }
    text::FieldCheck texts;
    texts.add("naam", partner.name);
    for (size_t i = 0; i < partner.representatives.size(); ++i) {
        const auto& person = partner.representatives[i];
        std::string where = "vertegenwoordigers[" + std::to_string(i + 1) + "].";
        texts.add(where + "naam", person.name)
            .add(where + "functie", person.function)
            .add(where + "email", person.email);
    }
    for (auto& problem : texts.problems())
        problems.push_back(std::move(problem));
    return problems;
}

// The partner as recorded in an event payload. Deliberately not
// present::toJson: payloads are hashed history and must keep their form when
// the API's representation changes.
Poco::JSON::Object partnerJson(const Partner& partner) {
    Poco::JSON::Object object;
    object.set("sleutel", partner.key);
    object.set("naam", partner.name);
    object.set("soort", partner.kind);
    object.set("rol", partner.role);
    Poco::JSON::Array people;
    for (const auto& person : partner.representatives) {
        Poco::JSON::Object entry;
        entry.set("naam", person.name);
        entry.set("functie", person.function);
        entry.set("email", person.email);
        people.add(entry);
    }
    object.set("vertegenwoordigers", people);
    return object;
}

// The one centrumgemeente a region has besides `partner`, if `partner` would
// be a second one. A partner that has left the Beraad does not count.
std::optional<Partner> otherCentrumgemeente(WriteTransaction& tx, const Partner& partner) {
    if (partner.kind != "centrumgemeente") return std::nullopt;
    for (auto& other : tx.listPartners(partner.region)) {
        if (other.key != partner.key && other.kind == "centrumgemeente" && other.leftOn.empty())
            return other;
    }
    return std::nullopt;
}

Result<void> mayChange(const Actor& actor, const std::string& region) {
    if (!detail::mayManagePartners(actor)) return detail::forbidden(actor, "register partners");
    if (!actor.mayAccess(region)) return detail::outOfScope(actor, region);
    return {};
}

Result<void> registrable(const Partner& partner) {
    auto problems = partnerProblems(partner);
    if (problems.empty()) return {};
    return makeError(ErrorCode::InvalidInput, "the partner cannot be registered",
                     std::move(problems));
}

}  // namespace

// Records `partner` as the whole new state of its register entry, after the
// register's rules (one centrumgemeente; a partner that left stays as it left).
Result<Partner> Engine::savePartner(WriteTransaction& tx, const Actor& actor,
                                    const Partner& partner,
                                    const std::optional<Partner>& existing) {
    if (existing && !existing->leftOn.empty()) {
        return makeError(ErrorCode::Refused, partner.key + " left the Beraad of " + partner.region +
                                                 " on " + existing->leftOn +
                                                 "; its register entry stays as it was then");
    }
    if (auto first = otherCentrumgemeente(tx, partner)) {
        return makeError(
            ErrorCode::Refused,
            "region " + partner.region + " has a centrumgemeente already: " + first->key + " (" +
                first->name + "); a region has exactly one",
            {{"to change the centrumgemeente, first change the soort of " + first->key +
                  " (e.g. to gemeente) or record its uittreding, then register " + partner.key,
              std::nullopt, "soort"}});
    }
    Poco::JSON::Object payload;
    payload.set("partner", partnerJson(partner));
    if (existing) payload.set("vorige", partnerJson(*existing));
    Partner recorded = partner;
    recorded.eventSequence = appendEvent(tx, regionStream(partner.region),
                                         existing ? "partner-gewijzigd" : "partner-geregistreerd",
                                         actor, formatTimestamp(clock_->now()), payload)
                                 .sequence;
    tx.upsertPartner(recorded);
    commit(tx);
    return recorded;
}

Result<Partner> Engine::registerPartner(const Actor& actor, const Partner& partner) {
    if (auto allowed = mayChange(actor, partner.region); !allowed) return allowed.error();
    if (auto valid = registrable(partner); !valid) return valid.error();
    return guarded([&]() -> Result<Partner> {
        auto tx = store_->beginWrite();
        if (!tx->findRegion(partner.region)) return detail::notFound("region " + partner.region);
        return savePartner(*tx, actor, partner, tx->findPartner(partner.region, partner.key));
    });
}

Result<Partner> Engine::updatePartner(const Actor& actor, const PartnerChange& change) {
    if (auto allowed = mayChange(actor, change.region); !allowed) return allowed.error();
    return guarded([&]() -> Result<Partner> {
        auto tx = store_->beginWrite();
        if (!tx->findRegion(change.region)) return detail::notFound("region " + change.region);
        auto existing = tx->findPartner(change.region, change.key);
        if (!existing) {
            return detail::notFound("partner " + change.key + " in region " + change.region +
                                    " (register it first, with every field)");
        }
        Partner changed = *existing;
        if (change.name) changed.name = *change.name;
        if (change.kind) changed.kind = *change.kind;
        if (change.role) changed.role = *change.role;
        if (change.representatives) changed.representatives = *change.representatives;
        if (auto valid = registrable(changed); !valid) return valid.error();
        return savePartner(*tx, actor, changed, existing);
    });
}

Result<Partner> Engine::recordLeave(const Actor& actor, const PartnerLeave& leave) {
    if (auto allowed = mayChange(actor, leave.region); !allowed) return allowed.error();
    std::vector<ErrorDetail> problems;
    if (!dates::parse(leave.date)) {
        problems.push_back(
            {"'" + leave.date + "' is not an ISO date (YYYY-MM-DD)", std::nullopt, "datum"});
    }
    if (leave.reason.empty()) problems.push_back({"reden is required", std::nullopt, "reden"});
    text::FieldCheck texts;
    texts.add("reden", leave.reason, text::Lines::Allowed);
    for (auto& problem : texts.problems())
        problems.push_back(std::move(problem));
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidInput, "the uittreding is incomplete",
                         std::move(problems));
    }
    return guarded([&]() -> Result<Partner> {
        auto tx = store_->beginWrite();
        if (!tx->findRegion(leave.region)) return detail::notFound("region " + leave.region);
        auto existing = tx->findPartner(leave.region, leave.key);
        if (!existing)
            return detail::notFound("partner " + leave.key + " in region " + leave.region);
        if (!existing->leftOn.empty()) {
            return makeError(ErrorCode::Refused,
                             leave.key + " left the Beraad on " + existing->leftOn + " already");
        }
        Poco::JSON::Object payload;
        payload.set("partner", leave.key);
        payload.set("datum", leave.date);
        payload.set("reden", leave.reason);
        Partner left = *existing;
        left.leftOn = leave.date;
        left.leaveReason = leave.reason;
        left.eventSequence = appendEvent(*tx, regionStream(leave.region), "partner-uitgetreden",
                                         actor, formatTimestamp(clock_->now()), payload)
                                 .sequence;
        tx->upsertPartner(left);
        commit(*tx);
        return left;
    });
}

Result<std::vector<Partner>> Engine::listPartners(const Actor& actor, const std::string& region) {
    if (!actor.mayAccess(region)) return detail::outOfScope(actor, region);
    return guarded([&]() -> Result<std::vector<Partner>> {
        auto tx = store_->beginRead();
        if (!tx->findRegion(region)) return detail::notFound("region " + region);
        return tx->listPartners(region);
    });
}

Result<KernpartnerCheck> Engine::checkKernpartners(const Actor& actor, const std::string& region) {
    auto partners = listPartners(actor, region);
    if (!partners) return partners.error();
    return beraad::checkKernpartners(region, partners.value());
}

}  // namespace beraad
