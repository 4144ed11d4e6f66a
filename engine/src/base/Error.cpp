#include "beraad/base/Error.h"

namespace beraad {

std::string_view toString(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
            return "invalid-input";
        case ErrorCode::InvalidContent:
            return "invalid-content";
        case ErrorCode::NotFound:
            return "not-found";
        case ErrorCode::Conflict:
            return "conflict";
        case ErrorCode::Unauthenticated:
            return "unauthenticated";
        case ErrorCode::Forbidden:
            return "forbidden";
        case ErrorCode::Refused:
            return "refused";
        case ErrorCode::Integrity:
            return "integrity";
        case ErrorCode::Storage:
            return "storage";
    }
    return "unknown";
}

std::string Error::describe() const {
    std::string text = message;
    for (const auto& detail : details) {
        text += "\n  - ";
        if (detail.line) text += "line " + std::to_string(*detail.line) + ": ";
        if (!detail.where.empty()) text += detail.where + ": ";
        text += detail.message;
    }
    return text;
}

std::optional<ErrorCode> parseErrorCode(std::string_view name) {
    for (auto code : {ErrorCode::InvalidInput, ErrorCode::InvalidContent, ErrorCode::NotFound,
                      ErrorCode::Conflict, ErrorCode::Unauthenticated, ErrorCode::Forbidden,
                      ErrorCode::Refused, ErrorCode::Integrity, ErrorCode::Storage}) {
        if (toString(code) == name) return code;
    }
    return std::nullopt;
}

Error makeError(ErrorCode code, std::string message, std::vector<ErrorDetail> details) {
    return Error{code, std::move(message), std::move(details)};
}

}  // namespace beraad
