#pragma once
// Who performs a use case. Every write records the actor's name and role in
// the event log; the role and region scope decide what the actor may do.

#include <optional>
#include <string>
#include <string_view>

namespace beraad {

enum class Role { Kwartiermaker, Secretariaat, Partner, Auditor, Beheerder, Systeem };

std::string_view toString(Role role);
std::optional<Role> parseRole(std::string_view name);

struct Actor {
    std::string name;
    Role role = Role::Auditor;
    std::string regionScope = "*";       // a region code, or "*" for every region
    std::optional<std::string> partner;  // for Role::Partner: the partner key

    bool mayAccess(const std::string& region) const {
        return regionScope == "*" || regionScope == region;
    }
};

// The actor the engine itself uses for set-up steps (loading reference data).
Actor systemActor();

}  // namespace beraad
