#pragma once
// What the engine's use cases hand back beyond the stored records: an issued
// token with its one-time secret, a stream's verification report, a rendered
// document and a redline. Plain data.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "beraad/base/Actor.h"
#include "beraad/base/Error.h"
#include "beraad/records/Records.h"

namespace beraad {

struct IssuedToken {
    ApiToken token;
    std::string secret;  // shown once; never stored, logged or recorded
};

struct VerificationReport {
    std::string stream;
    std::int64_t eventsChecked = 0;
    std::string headHash;               // hash of the last intact event
    std::vector<ErrorDetail> problems;  // empty when everything verifies
    // Signed checkpoints: whether the installation's keys were at hand to
    // check them, how many the stream has, and the newest one the events
    // still match (its size and the key that signed it).
    bool checkpointsVerified = false;
    std::int64_t checkpointsChecked = 0;
    std::int64_t checkpointSize = 0;
    std::string checkpointKey;
    bool intact() const { return problems.empty(); }
};

// An inclusion proof (event `first` in the tree of `treeSize` events) or a
// consistency proof (the tree of `first` events is a prefix of the tree of
// `treeSize`), RFC 9162. Hashes in lower-case hex.
struct MerkleProof {
    std::string stream;
    std::int64_t first = 0;
    std::int64_t treeSize = 0;
    std::vector<std::string> path;
    std::string root;      // of the tree of treeSize events
    std::string leafHash;  // inclusion only: the event's leaf
};

// A version rendered with its kind's shipped template.
struct RenderedDocument {
    std::string bytes;            // the .odt or .docx package
    std::string fileName;         // "AM05-convenant-1-v3.odt"
    std::string contentType;      // the package's media type
    std::string templateName;     // "samenwerkingsconvenant/odt"
    std::string templateVersion;  // "sha256:" and 12 hex digits of the template package
    std::string templateSource;   // "ingebouwd", or the override file or folder it came from
    std::string documentId;
    std::int64_t version = 0;
};

// The newer version rendered with the changes from the older one as tracked
// changes.
struct RedlineDocument {
    RenderedDocument rendered;  // fileName "AM05-convenant-1-v3-t.o.v.-v2.docx"
    std::int64_t fromVersion = 0;
    std::string author;  // whom the changes are attributed to
    std::string date;    // the newer version's time
    int insertions = 0;
    int deletions = 0;
};

// A web session's lifetimes: idle (since its last use) and absolute.
struct WebSessionPolicy {
    std::chrono::seconds idle{30 * 60};
    std::chrono::seconds absolute{12 * 60 * 60};
};

struct WebSessionStart {
    std::string secret;     // for the cookie only; never stored
    std::string csrfToken;  // for every form of the session
    Actor actor;
};

struct WebSessionState {
    Actor actor;
    std::string csrfToken;
};

}  // namespace beraad
