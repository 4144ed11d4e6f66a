#include "beraad/base/Actor.h"

#include <array>
#include <utility>

namespace beraad {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::Kwartiermaker, "kwartiermaker"},
    {Role::Secretariaat, "secretariaat"},
    {Role::Partner, "partner"},
    {Role::Auditor, "auditor"},
    {Role::Beheerder, "beheerder"},
    {Role::Systeem, "systeem"},
}};

}  // namespace

std::string_view toString(Role role) {
    for (const auto& [value, name] : kRoles) {
        if (value == role) return name;
    }
    return "";
}

std::optional<Role> parseRole(std::string_view name) {
    for (const auto& [value, text] : kRoles) {
        if (text == name) return value;
    }
    return std::nullopt;
}

Actor systemActor() {
    return Actor{"beraad", Role::Systeem, "*", std::nullopt};
}

}  // namespace beraad
