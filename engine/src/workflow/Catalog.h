#pragma once
// Where the engine finds a workflow definition by name and version: the
// shipped ones compiled in, then the ones a beheerder registered in the
// store. Parsed definitions are cached per (name, version, text). Internal.

#include <memory>
#include <string>

#include "beraad/base/Result.h"
#include "beraad/store/Store.h"
#include "beraad/workflow/Definition.h"

namespace beraad::workflow::catalog {

Result<std::shared_ptr<const Definition>> find(ReadTransaction& tx, const std::string& name,
                                               int version);
// The highest version known for a name (shipped or registered).
Result<std::shared_ptr<const Definition>> latest(ReadTransaction& tx, const std::string& name);

}  // namespace beraad::workflow::catalog
