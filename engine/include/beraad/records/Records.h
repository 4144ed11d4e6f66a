#pragma once
// The rows the store keeps. Plain data; the engine decides what they mean.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace beraad {

struct Region {
    std::string code;  // CBS code, "AM05"
    std::string name;
    std::string centrumgemeente;
    bool confirmed = false;  // centrumgemeente confirmed from a public source
    std::string source;
    std::string remark;
    // The event that last changed the row (a correction); 0 for reference data.
    std::int64_t eventSequence = 0;
};

struct BudgetYear {
    int year = 0;
    std::int64_t impulsbudget = 0;  // whole euros per region
    std::int64_t structural = 0;    // whole euros per region
    std::string source;
    std::string referenceDate;  // ISO date the amounts were recorded
};

struct Representative {
    std::string name;
    std::string function;
    std::string email;
};

struct Partner {
    std::string region;
    std::string key;   // unique within the region: "uwv", "gemeente-enschede"
    std::string name;  // "Gemeente Enschede"
    std::string kind;  // PartnerKind as text
    std::string role;  // BeraadRole as text
    std::vector<Representative> representatives;
    std::int64_t eventSequence = 0;  // the region stream's event that last changed the row
    // Uittreding: the partner left the Beraad on this ISO date (empty: it has
    // not), for this reason. It stays in the register and the history.
    std::string leftOn = {};
    std::string leaveReason = {};

    // Whether the partner has left the Beraad by `date` (ISO).
    bool hasLeftBy(const std::string& date) const { return !leftOn.empty() && leftOn <= date; }
};

struct Document {
    std::string id;  // "AM05-convenant-1"
    std::string region;
    std::string kind;  // DocumentKind as text
    std::string title;
    std::optional<std::string> beleidsagendaId;  // for an uitvoeringsagenda
    std::string state;
    std::string workflow;  // workflow definition name
    int workflowVersion = 1;
    std::int64_t latestVersion = 0;
    std::string latestContentHash;
    std::optional<std::string> periodStart;
    std::optional<std::string> periodEnd;
    std::string createdAt;
    std::string createdBy;
    std::string updatedAt;
    std::int64_t eventSequence = 0;  // the document stream's event that last changed the row
    // Not stored: what the write that returned this record found wrong but
    // stored anyway (a step that will be refused later, e.g. an impulsbudget
    // overshoot); empty on reads.
    std::vector<std::string> warnings{};
};

struct Version {
    std::string documentId;
    std::int64_t number = 0;
    std::optional<std::int64_t> parent;
    std::string content;  // canonical XML
    std::string contentHash;
    std::string author;
    std::string role;
    std::string time;
    std::string message;
    std::int64_t eventSequence = 0;       // its event in the stream; 0 when not known
    std::vector<std::string> warnings{};  // as Document::warnings
};

struct DocumentFilter {
    std::optional<std::string> region;
    std::optional<std::string> kind;
    std::optional<std::string> state;
    int limit = 100;
    int offset = 0;
};

// The answer to a write sent with an Idempotency-Key (docs/api.md): kept for
// a day per actor and key, so a retry gets the first answer again.
// Operational, not history: no event records it.
struct IdempotentAnswer {
    std::string scope;            // who sent it (the actor: name, role, scope, partner)
    std::string key;              // the Idempotency-Key
    std::string fingerprint;      // SHA-256 of the request (method, target, body)
    std::optional<int> status{};  // none while the first request is being handled
    std::string headers{};        // the headers worth repeating, as a JSON object
    std::string body{};
    std::string createdAt{};
    std::string expiresAt{};
};

// A session of the web front end (operational, not history). The secret
// is in the browser's cookie only; the store keeps its SHA-256.
struct WebSession {
    std::string idHash;      // SHA-256 hex of the session secret
    std::string tokenHash;   // SHA-256 hex of the API token it was started with
    std::string csrfToken;   // every form of the session carries it
    std::string createdAt;   // ISO 8601 UTC
    std::string lastSeenAt;  // ISO 8601 UTC, to the minute
    std::string expiresAt;   // the absolute end, ISO 8601 UTC
};

// What claiming an Idempotency-Key found.
struct IdempotencyClaim {
    enum class Outcome {
        Claimed,     // a new key: handle the request, then complete or release it
        Replay,      // the same request was answered: `answer` is that answer
        InProgress,  // the same key is being handled by another request
        Mismatch,    // the key was used for another request
    };
    Outcome outcome = Outcome::Claimed;
    std::optional<IdempotentAnswer> answer{};
};

// An API token: only the SHA-256 of the secret is kept.
struct ApiToken {
    std::string id;                      // public identifier, e.g. "tok-3f9a1c2b"
    std::string secretHash;              // SHA-256 hex of the secret
    std::string person;                  // whom it was issued to
    std::string role;                    // Role as text
    std::string regionScope;             // region code or "*"
    std::optional<std::string> partner;  // for the partner role
    std::string createdAt;
    std::string createdBy;
    std::optional<std::string> revokedAt;
    std::int64_t eventSequence = 0;           // the system stream's token-uitgegeven event
    std::optional<std::string> expiresAt{};   // ISO 8601 UTC; refused from then on
    std::optional<std::string> lastUsedAt{};  // ISO 8601 UTC, to the minute; not history
};

}  // namespace beraad
