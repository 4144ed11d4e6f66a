#include "ReadFailure.h"

#include <Poco/Net/NetException.h>

namespace beraad::server {

ReadFailure classifyReadFailure(const Poco::Exception& failure,
                                const Poco::Exception* networkCause) {
    const Poco::Exception& cause = networkCause != nullptr ? *networkCause : failure;
    if (dynamic_cast<const Poco::TimeoutException*>(&cause)) return ReadFailure::TimedOut;
    if (networkCause != nullptr) return ReadFailure::ConnectionLost;
    if (dynamic_cast<const Poco::Net::NoMessageException*>(&failure)) {
        return ReadFailure::ClientClosed;
    }
    if (dynamic_cast<const Poco::Net::MessageException*>(&failure)) {
        for (const auto& known : kPocoMessages) {
            if (failure.message() == known.text) return known.failure;
        }
        return ReadFailure::Malformed;
    }
    // Any other NetException comes from the socket ("Socket is not
    // connected"); the rest (a SyntaxException: a Content-Length that is no
    // number) from the request's bytes.
    if (dynamic_cast<const Poco::Net::NetException*>(&failure)) return ReadFailure::ConnectionLost;
    return ReadFailure::Malformed;
}

std::optional<EarlyProblem> earlyProblemFor(ReadFailure failure) {
    switch (failure) {
        case ReadFailure::ClientClosed:
        case ReadFailure::ConnectionLost:
            return std::nullopt;
        case ReadFailure::TimedOut:
            return kRequestTimedOut;
        case ReadFailure::Malformed:
            return kMalformedRequest;
        case ReadFailure::UriTooLong:
            return kUriTooLong;
        case ReadFailure::HeadersTooLarge:
            return kHeadersTooLarge;
    }
    return kMalformedRequest;
}

}  // namespace beraad::server
