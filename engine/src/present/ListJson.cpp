// List answers both ways: the member each kind of record is listed under.
#include <Poco/JSON/Array.h>

#include "beraad/present/Json.h"
#include "beraad/present/JsonParse.h"

namespace beraad::present {
namespace {

// clang-format off
const char* listName(const Region*) { return "regios"; }
const char* listName(const BudgetYear*) { return "budgetten"; }
const char* listName(const Partner*) { return "partners"; }
const char* listName(const Version*) { return "versies"; }
const char* listName(const Event*) { return "gebeurtenissen"; }
const char* listName(const TransitionRecord*) { return "transities"; }
const char* listName(const DecisionRecord*) { return "goedkeuringen"; }
// clang-format on

template <typename T>
Poco::JSON::Object itemJson(const T& item) {
    return toJson(item);
}

// A list of versions never carries their content.
Poco::JSON::Object itemJson(const Version& version) {
    return toJson(version, false);
}

}  // namespace

template <typename T>
Poco::JSON::Object listToJson(const std::vector<T>& items) {
    Poco::JSON::Array array;
    for (const auto& item : items)
        array.add(itemJson(item));
    Poco::JSON::Object object;
    object.set(listName(static_cast<const T*>(nullptr)), array);
    return object;
}

template <typename T>
Result<std::vector<T>> listFromJson(const Poco::JSON::Object& object) {
    const std::string name = listName(static_cast<const T*>(nullptr));
    auto array = object.getArray(name);
    if (!array) return makeError(ErrorCode::InvalidInput, "no '" + name + "' list");
    return fromJsonArray<T>(*array);
}

#define BERAAD_LIST_JSON(T)                                        \
    template Poco::JSON::Object listToJson(const std::vector<T>&); \
    template Result<std::vector<T>> listFromJson(const Poco::JSON::Object&);
BERAAD_LIST_JSON(Region)
BERAAD_LIST_JSON(BudgetYear)
BERAAD_LIST_JSON(Partner)
BERAAD_LIST_JSON(Version)
BERAAD_LIST_JSON(Event)
BERAAD_LIST_JSON(TransitionRecord)
BERAAD_LIST_JSON(DecisionRecord)
#undef BERAAD_LIST_JSON

}  // namespace beraad::present
