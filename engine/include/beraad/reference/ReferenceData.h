#pragma once
// The reference data shipped with the engine (engine/data/): the 35
// arbeidsmarktregio's and the budget series per year.

#include <vector>

#include "beraad/base/Result.h"
#include "beraad/records/Records.h"

namespace beraad {

struct ReferenceData {
    std::vector<Region> regions;
    std::vector<BudgetYear> budget;
};

// Parses and validates the embedded files against schemas/referentiedata.xsd.
Result<ReferenceData> shippedReferenceData();

// The budget of a year: the year's own row, else the last year listed
// (the series says its last amounts hold for every later year).
std::optional<BudgetYear> budgetFor(const std::vector<BudgetYear>& budget, int year);

}  // namespace beraad
