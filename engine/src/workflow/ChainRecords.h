#pragma once
// What the event chain records: a document's decisions, signatures,
// transitions and state, a region's admissions, read from the events and
// never from the projection rows. Guards and statuses count only these, so a
// row put into the store by other means is never counted. Internal.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/history/Event.h"
#include "beraad/records/WorkflowRecords.h"
#include "beraad/store/Store.h"

namespace beraad::workflow {

struct DocumentChain {
    std::vector<DecisionRecord> decisions;
    std::vector<SignatureRecord> signatures;
    std::vector<TransitionRecord> transitions;
    std::string region;
    std::string kind;
    std::optional<std::string> beleidsagendaId;
    std::string state;
    std::string workflow;
    int workflowVersion = 0;
    std::int64_t latestVersion = 0;
    std::string latestContentHash;
    std::int64_t lastChange = 0;  // the last event that changed the document row
    std::optional<AmendmentRecord> amendment;
};

struct RegionChain {
    std::vector<AdmissionRecord> admissions;
    std::vector<Partner> partners;               // as registered, changed and admitted, by key
    std::optional<std::string> centrumgemeente;  // the last correction, if any
    std::optional<std::string> centrumgemeenteSource;
    std::int64_t lastCorrection = 0;
};

// The records the events hold, in order. A payload that cannot be read is
// an Integrity error naming the event.
Result<DocumentChain> documentFromEvents(const std::vector<Event>& events,
                                         const std::string& documentId);
// Sets each decision's and signature's status and rectifiedBy (see
// DecisionRecord); ChainReader::document does so.
// Rows in recording order work as well (exports).
void markStatuses(DocumentChain& chain);
void markStatuses(std::vector<DecisionRecord>& decisions, const std::string& latestHash);
void markStatuses(std::vector<SignatureRecord>& signatures, const std::string& latestHash);
Result<RegionChain> regionFromEvents(const std::vector<Event>& events, const std::string& region);

// A check of a stream's events beyond their hash links (the engine compares
// them with the stream's newest signed checkpoint): a problem, or nothing.
using StreamCheck = std::function<std::optional<std::string>(const std::string& stream,
                                                             const std::vector<Event>& events)>;

// Reads streams inside a transaction, checking every link, the recorded
// head and the extra check before anything is taken from them.
class ChainReader {
  public:
    explicit ChainReader(ReadTransaction& tx, StreamCheck check = {});

    // Integrity error when the stream's chain does not hold.
    Result<std::vector<Event>> events(const std::string& stream);
    Result<DocumentChain> document(const std::string& documentId);
    Result<RegionChain> region(const std::string& code);

  private:
    ReadTransaction& tx_;
    StreamCheck check_;
};

}  // namespace beraad::workflow
