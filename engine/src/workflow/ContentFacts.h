#pragma once
// The facts guards and decisions need from stored (canonical, valid) content:
// partijen and the decision rule of a convenant, the kostenverdeling, actions
// and their budget posts, ambitions and periods. Internal.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/workflow/DecisionRule.h"

namespace beraad::workflow::facts {

struct Partij {
    std::string partner;
    std::string soort;
    std::string rol;  // "kernpartner" or "strategisch-partner"
    std::int64_t gewicht = 1;
    int line = 0;
};

struct Aandeel {
    std::string partner;
    std::int64_t hundredths = 0;  // 40% = 4000
};

struct Convenant {
    std::vector<Partij> partijen;
    DecisionRule rule;
    std::vector<Aandeel> kostenverdeling;
    std::string ingangsdatum;
    std::string einddatum;  // empty when open-ended
};

struct Post {
    int jaar = 0;
    std::string bron;
    std::int64_t cents = 0;
};

struct Actie {
    std::string id;
    std::string ambitie;
    int line = 0;
    std::vector<Post> posts;
};

struct Uitvoeringsagenda {
    std::vector<Actie> acties;
};

struct Beleidsagenda {
    std::set<std::string> ambities;
};

Result<Convenant> convenant(std::string_view xml);
Result<Uitvoeringsagenda> uitvoeringsagenda(std::string_view xml);
Result<Beleidsagenda> beleidsagenda(std::string_view xml);

// Decimal text with at most `decimals` fraction digits as a scaled integer
// ("40" -> 4000, "33.33" -> 3333 for decimals = 2); nullopt when malformed.
std::optional<std::int64_t> parseFixed(std::string_view text, int decimals);

// "€ 1.234.567" for whole euros, "€ 1.234.567,89" otherwise.
std::string formatEuro(std::int64_t cents);

}  // namespace beraad::workflow::facts
