#pragma once
// Model drafts: content XML of a samenwerkingsconvenant, beleidsagenda or
// uitvoeringsagenda for any arbeidsmarktregio, written from the region's
// reference data and its partner register, for a kwartiermaker to edit.
//
// Promise: the draft is valid against the kind's schema and the engine's
// content rules (regio attribute, period order, every @partner registered),
// and a convenant also passes the content-valid and kostenverdeling-complete
// guards (only kernpartners and admitted strategische partners are partij;
// the shares add up to exactly 100). It holds no invented figures: amounts,
// indicators, locations and addresses are left for the partners to add
// (docs/templates.md, "Model drafts").

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/records/DocumentKind.h"
#include "beraad/records/Records.h"

namespace beraad {

// The beleidsagenda an uitvoeringsagenda carries out: its actions refer to
// this agenda's ambities and its period lies inside this agenda's period.
struct ModelBeleidsagenda {
    std::string id;       // "AM01-beleidsagenda-1"
    std::string content;  // XML of its latest version
};

struct ModelDraftInput {
    DocumentKind kind = DocumentKind::Samenwerkingsconvenant;
    Region region;
    std::vector<Partner> partners;   // the region's register
    std::set<std::string> admitted;  // strategische partners the kernpartners admitted
    std::string begin;               // ISO date: ingangsdatum, or start of the period
    std::optional<ModelBeleidsagenda> beleidsagenda;  // for an uitvoeringsagenda
};

struct ModelDraft {
    DocumentKind kind = DocumentKind::Samenwerkingsconvenant;
    std::string region;
    std::string content;  // the XML, starting with a comment that says what to complete
    std::optional<std::string> beleidsagendaId;  // what an uitvoeringsagenda was based on
    // What the draft left out and why (a registered partner that is no
    // partij, an uitvoeringsagenda without a beleidsagenda). ASCII only.
    std::vector<std::string> notes;
};

// Writes the draft. Refused (ErrorCode::Refused) when a convenant or
// uitvoeringsagenda lacks a kernpartner of a required kind (the details name
// each missing kind and the `beraad partner add` that registers it), or a
// partij of a convenant has no representative or text XML cannot hold;
// InvalidInput for a malformed begin date or one outside the beleidsagenda's
// period.
Result<ModelDraft> generateModelDraft(const ModelDraftInput& input);

// "Werkcentrum Twente": the name DOMAIN gives every Werkcentrum.
std::string werkcentrumName(const Region& region);

}  // namespace beraad
