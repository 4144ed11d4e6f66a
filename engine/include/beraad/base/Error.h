#pragma once
// Errors are values. Every failure the engine reports carries a stable code
// (for exit codes and HTTP statuses), a message for people, and, where the
// failure has a place, the details that name it (a line in submitted XML,
// a partner, an event sequence number).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beraad {

enum class ErrorCode {
    InvalidInput,     // a request is malformed or names impossible values
    InvalidContent,   // content XML is not well-formed or breaks its schema
    NotFound,         // a named region, partner, document or version does not exist
    Conflict,         // the write was based on a version that is no longer the latest
    Unauthenticated,  // no valid credentials (an unknown or revoked API token)
    Forbidden,        // the actor's role or region scope does not allow this
    Refused,          // a business rule refuses the step (explained in details)
    Integrity,        // stored history does not verify
    Storage,          // the store failed (I/O, locked too long, corrupt file)
};

// Stable, kebab-case names ("invalid-content", "conflict", ...): part of the
// CLI's --json output and the REST problem types, so never renamed.
std::string_view toString(ErrorCode code);
std::optional<ErrorCode> parseErrorCode(std::string_view name);

struct ErrorDetail {
    std::string message;
    std::optional<int> line;  // 1-based line in submitted text, when known
    std::string where;        // element path, partner key, event number, ...
};

struct Error {
    ErrorCode code;
    std::string message;
    std::vector<ErrorDetail> details;

    // The message followed by one line per detail, for terminals and logs.
    std::string describe() const;
};

Error makeError(ErrorCode code, std::string message, std::vector<ErrorDetail> details = {});

}  // namespace beraad
