#pragma once
// The document a shipped template is rendered against: the version's content
// wrapped with what the content does not hold itself (document metadata,
// partner names, the region's budget, for an uitvoeringsagenda its
// beleidsagenda and derived views). Described in docs/templates.md. Internal.

#include <optional>
#include <string>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/records/Records.h"
#include "beraad/records/WorkflowRecords.h"

namespace beraad::detail {

struct RenderFacts {
    Document document;
    Version version;
    Region region;
    bool isConcept = false;                           // the state still allows edits
    std::vector<BudgetYear> budget;                   // every known year
    std::vector<Partner> partners;                    // the region's register
    std::vector<SignatureRecord> signatures;          // on this version's content hash
    std::optional<std::string> beleidsagendaContent;  // for an uitvoeringsagenda
    std::string templateLabel;                        // shown in the document
};

Result<std::string> buildRenderContext(const RenderFacts& facts);

}  // namespace beraad::detail
