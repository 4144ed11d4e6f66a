#pragma once
// Kinds of partner organisation and their roles in a Regionaal Beraad.

#include <string>
#include <string_view>
#include <vector>

#include "beraad/records/Records.h"

namespace beraad {

// Every partner kind the engine knows, as in the content schemas
// ("centrumgemeente", "uwv", ..., "overig").
const std::vector<std::string_view>& partnerKinds();

// The kinds the law names as kernpartner; every Beraad must have each of
// centrumgemeente, uwv, sbb, werkgeversorganisatie, werknemersorganisatie and
// contactschool ("gemeente" may be a kernpartner too, but is not required).
const std::vector<std::string_view>& requiredKernpartnerKinds();
bool mayBeKernpartner(std::string_view kind);

// "kernpartner", "strategisch-partner", "samenwerkingspartner".
const std::vector<std::string_view>& beraadRoles();

bool isValidPartnerKey(std::string_view key);

struct KernpartnerCheck {
    std::string region;
    std::vector<std::string> present;  // required kinds that have a kernpartner
    std::vector<std::string> missing;  // required kinds that have none
    bool complete() const { return missing.empty(); }
};

KernpartnerCheck checkKernpartners(const std::string& region, const std::vector<Partner>& partners);

}  // namespace beraad
