#pragma once
// Files compiled into the engine (schemas, workflow definitions, reference
// data), addressed by their path in the source tree, e.g.
// "schemas/samenwerkingsconvenant.xsd".

#include <map>
#include <optional>
#include <string_view>

namespace beraad::resources {

const std::map<std::string_view, std::string_view>& all();

inline std::optional<std::string_view> find(std::string_view path) {
    const auto& files = all();
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
}

}  // namespace beraad::resources
