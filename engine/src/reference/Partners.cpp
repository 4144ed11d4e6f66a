#include "beraad/reference/Partners.h"

#include <algorithm>
#include <regex>

namespace beraad {

const std::vector<std::string_view>& partnerKinds() {
    static const std::vector<std::string_view> kinds{"centrumgemeente",
                                                     "gemeente",
                                                     "uwv",
                                                     "sbb",
                                                     "werkgeversorganisatie",
                                                     "werknemersorganisatie",
                                                     "contactschool",
                                                     "sociaal-ontwikkelbedrijf",
                                                     "provincie",
                                                     "uitzendbranche",
                                                     "re-integratiebedrijf",
                                                     "verzuimbedrijf",
                                                     "opleider",
                                                     "brancheorganisatie",
                                                     "overig"};
    return kinds;
}

const std::vector<std::string_view>& requiredKernpartnerKinds() {
    static const std::vector<std::string_view> kinds{
        "centrumgemeente",       "uwv",          "sbb", "werkgeversorganisatie",
        "werknemersorganisatie", "contactschool"};
    return kinds;
}

bool mayBeKernpartner(std::string_view kind) {
    const auto& required = requiredKernpartnerKinds();
    return kind == "gemeente" ||
           std::find(required.begin(), required.end(), kind) != required.end();
}

const std::vector<std::string_view>& beraadRoles() {
    static const std::vector<std::string_view> roles{"kernpartner", "strategisch-partner",
                                                     "samenwerkingspartner"};
    return roles;
}

bool isValidPartnerKey(std::string_view key) {
    static const std::regex pattern("[a-z0-9]+(-[a-z0-9]+)*");
    return key.size() <= 64 && std::regex_match(key.begin(), key.end(), pattern);
}

KernpartnerCheck checkKernpartners(const std::string& region,
                                   const std::vector<Partner>& partners) {
    KernpartnerCheck check{region, {}, {}};
    for (auto kind : requiredKernpartnerKinds()) {
        bool found = std::any_of(partners.begin(), partners.end(), [&](const Partner& partner) {
            return partner.region == region && partner.role == "kernpartner" &&
                   partner.kind == kind;
        });
        (found ? check.present : check.missing).emplace_back(kind);
    }
    return check;
}

}  // namespace beraad
