#pragma once
// What a caller asks the engine to create: a document, a model draft, a
// version, an API token. Plain data; the facade (Engine.h) checks them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "beraad/base/Actor.h"
#include "beraad/records/DocumentKind.h"
#include "beraad/records/Records.h"

namespace beraad {

struct NewDocument {
    DocumentKind kind;
    std::string region;
    std::string content;  // XML of version 1
    std::string message;
    std::optional<std::string> beleidsagendaId;  // required for an uitvoeringsagenda
    // A samenwerkingsconvenant that replaces the region's convenant in force
    // (its id) instead of amending it; `replaceReason` says why. The replaced
    // one stays in force until this one comes into force (docs/workflow.md).
    std::optional<std::string> replaces{};
    std::string replaceReason{};
};

// A model draft asked for (model/ModelDraft.h).
struct ModelDraftRequest {
    DocumentKind kind;
    std::string region;
    // ISO date. Default: 1 January of next year; for an uitvoeringsagenda the
    // day after the previous uitvoeringsagenda of its beleidsagenda ends, or
    // else the begin of that beleidsagenda.
    std::optional<std::string> begin;
    // For an uitvoeringsagenda; default: the region's newest beleidsagenda.
    std::optional<std::string> beleidsagendaId;
};

struct NewVersion {
    std::string documentId;
    std::int64_t baseVersion = 0;  // the version the edit started from
    std::string content;
    std::string message;
    // An edit of a version partners have decided on makes those decisions
    // stale; it goes ahead only when this names how many (the caller saw).
    std::optional<std::int64_t> confirmStaleDecisions{};
};

struct TokenRequest {
    std::string person;  // who will use it
    Role role = Role::Auditor;
    std::string regionScope;             // a region code, or "*" (not for partner tokens)
    std::optional<std::string> partner;  // required for Role::Partner
    std::optional<int> validDays{};      // expires that many days after issue; never without
};

// A partial change of a registered partner: only what is named changes
// (Engine::updatePartner). An empty `representatives` list removes them.
struct PartnerChange {
    std::string region;
    std::string key;
    std::optional<std::string> name = {};
    std::optional<std::string> kind = {};
    std::optional<std::string> role = {};
    std::optional<std::vector<Representative>> representatives = {};
};

// A partner leaves the Beraad (uittreding): on `date` (ISO), for `reason`.
struct PartnerLeave {
    std::string region;
    std::string key;
    std::string date;
    std::string reason;
};

}  // namespace beraad
