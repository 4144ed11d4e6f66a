#include "workflow/Catalog.h"

#include <map>
#include <mutex>
#include <tuple>

namespace beraad::workflow::catalog {
namespace {

std::shared_ptr<const Definition> parseCached(const WorkflowDefinitionRecord& record) {
    static std::mutex mutex;
    static std::map<std::tuple<std::string, int, std::string>, std::shared_ptr<const Definition>>
        cache;
    std::lock_guard lock(mutex);
    auto key = std::make_tuple(record.name, record.version, record.xml);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    auto loaded = loadDefinition(record.xml);
    if (!loaded) return nullptr;
    auto shared = std::make_shared<const Definition>(std::move(loaded).value());
    cache.emplace(std::move(key), shared);
    return shared;
}

std::shared_ptr<const Definition> shipped(const std::string& name, int version) {
    for (const auto& definition : shippedDefinitions()) {
        if (definition.name == name && definition.version == version) {
            // The shipped list lives for the whole process.
            return std::shared_ptr<const Definition>(std::shared_ptr<const Definition>{},
                                                     &definition);
        }
    }
    return nullptr;
}

}  // namespace

Result<std::shared_ptr<const Definition>> find(ReadTransaction& tx, const std::string& name,
                                               int version) {
    if (auto found = shipped(name, version)) return found;
    auto record = tx.findWorkflowDefinition(name, version);
    if (!record) {
        return makeError(ErrorCode::NotFound, "workflow definition " + name + " version " +
                                                  std::to_string(version) + " does not exist");
    }
    auto parsed = parseCached(*record);
    if (!parsed) {
        return makeError(ErrorCode::Integrity, "stored workflow definition " + name + " version " +
                                                   std::to_string(version) + " no longer loads");
    }
    return parsed;
}

Result<std::shared_ptr<const Definition>> latest(ReadTransaction& tx, const std::string& name) {
    int best = 0;
    for (const auto& definition : shippedDefinitions()) {
        if (definition.name == name) best = std::max(best, definition.version);
    }
    for (const auto& record : tx.listWorkflowDefinitions()) {
        if (record.name == name) best = std::max(best, record.version);
    }
    if (best == 0) return makeError(ErrorCode::NotFound, "no workflow definition named " + name);
    return find(tx, name, best);
}

}  // namespace beraad::workflow::catalog
