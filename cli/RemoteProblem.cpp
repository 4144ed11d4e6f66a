#include "RemoteProblem.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace beraad::cli {
namespace {

ErrorCode codeForStatus(int status) {
    switch (status) {
        case 401:
            return ErrorCode::Unauthenticated;
        case 403:
            return ErrorCode::Forbidden;
        case 404:
            return ErrorCode::NotFound;
        case 409:
        case 412:
            return ErrorCode::Conflict;
        case 422:
            return ErrorCode::InvalidContent;
        default:
            return status >= 500 ? ErrorCode::Storage : ErrorCode::InvalidInput;
    }
}

}  // namespace

Error problemError(int status, const std::string& body) {
    Poco::JSON::Object::Ptr problem;
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(body);
        if (value.type() == typeid(Poco::JSON::Object::Ptr))
            problem = value.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        problem = nullptr;
    }
    if (!problem) {
        return makeError(codeForStatus(status), "beraad-server answered HTTP " +
                                                    std::to_string(status) +
                                                    " without a problem description");
    }
    auto code = parseErrorCode(problem->optValue<std::string>("code", ""));
    Error error{
        code.value_or(codeForStatus(status)),
        problem->optValue<std::string>("detail", problem->optValue<std::string>("title", "")),
        {}};
    if (auto params = problem->getArray("invalidParams")) {
        for (unsigned i = 0; i < params->size(); ++i) {
            auto entry = params->getObject(i);
            if (!entry) continue;
            ErrorDetail detail{entry->optValue<std::string>("detail", ""), std::nullopt,
                               entry->optValue<std::string>("pointer", "")};
            if (entry->has("regel")) detail.line = entry->getValue<int>("regel");
            error.details.push_back(std::move(detail));
        }
    }
    return error;
}

}  // namespace beraad::cli
