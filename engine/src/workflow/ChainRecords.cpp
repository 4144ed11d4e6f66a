#include "workflow/ChainRecords.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>

#include "beraad/history/CanonicalJson.h"
#include "beraad/history/Streams.h"

namespace beraad::workflow {

namespace {

using Payload = Poco::JSON::Object::Ptr;

std::string text(const Payload& payload, const char* name) {
    return payload->has(name) && !payload->isNull(name) ? payload->getValue<std::string>(name)
                                                        : std::string();
}

std::int64_t number(const Payload& payload, const char* name) {
    return payload->getValue<Poco::Int64>(name);
}

std::int64_t optionalNumber(const Payload& payload, const char* name) {
    return payload->has(name) && !payload->isNull(name) ? number(payload, name) : 0;
}

Error unreadable(const Event& event, const std::exception& failure) {
    return makeError(ErrorCode::Integrity, "event " + std::to_string(event.sequence) + " of " +
                                               event.stream + " (" + event.kind +
                                               ") cannot be read: " + failure.what());
}

DecisionRecord decisionOf(const Event& event, const Payload& p, const std::string& documentId) {
    return DecisionRecord{number(p, "besluit"),
                          documentId,
                          number(p, "versie"),
                          text(p, "inhoudHash"),
                          text(p, "partner"),
                          text(p, "uitkomst"),
                          text(p, "vertegenwoordiger"),
                          text(p, "datum"),
                          text(p, "vergadering"),
                          text(p, "agendapunt"),
                          text(p, "opmerking"),
                          event.actor,
                          event.role,
                          event.time,
                          event.sequence,
                          optionalNumber(p, "rectificeert"),
                          text(p, "reden")};
}

SignatureRecord signatureOf(const Event& event, const Payload& p, const std::string& documentId) {
    return SignatureRecord{0,
                           documentId,
                           number(p, "versie"),
                           text(p, "inhoudHash"),
                           text(p, "partner"),
                           text(p, "ondertekenaar"),
                           text(p, "functie"),
                           text(p, "plaats"),
                           text(p, "datum"),
                           event.actor,
                           event.time,
                           event.sequence,
                           optionalNumber(p, "rectificeert"),
                           text(p, "reden")};
}

Partner partnerOf(const std::string& region, const Poco::JSON::Object::Ptr& p) {
    Partner partner{region,           text(p, "sleutel"), text(p, "naam"),
                    text(p, "soort"), text(p, "rol"),     {}};
    auto people = p->getArray("vertegenwoordigers");
    for (unsigned i = 0; people && i < people->size(); ++i) {
        auto person = people->getObject(i);
        partner.representatives.push_back(
            {text(person, "naam"), text(person, "functie"), text(person, "email")});
    }
    return partner;
}

void applyDocumentEvent(const Event& event, const Payload& p, const std::string& documentId,
                        DocumentChain& chain) {
    const std::string& kind = event.kind;
    if (kind == "document-aangemaakt") {
        chain.region = text(p, "regio");
        chain.kind = text(p, "soort");
        chain.state = text(p, "status");
        chain.workflow = text(p, "workflow");
        chain.workflowVersion = static_cast<int>(number(p, "workflowVersie"));
        chain.latestVersion = number(p, "versie");
        chain.latestContentHash = text(p, "inhoudHash");
        if (p->has("beleidsagenda")) chain.beleidsagendaId = text(p, "beleidsagenda");
        if (p->has("wijzigt")) {
            chain.amendment = AmendmentRecord{documentId, text(p, "wijzigt"),
                                              number(p, "basisVersie"), text(p, "basisInhoudHash")};
        }
        chain.lastChange = event.sequence;
    } else if (kind == "versie-toegevoegd") {
        chain.latestVersion = number(p, "versie");
        chain.latestContentHash = text(p, "inhoudHash");
        chain.lastChange = event.sequence;
    } else if (kind == "overgang") {
        TransitionRecord transition{0,
                                    documentId,
                                    text(p, "overgang"),
                                    text(p, "van"),
                                    text(p, "naar"),
                                    number(p, "versie"),
                                    text(p, "inhoudHash"),
                                    static_cast<int>(number(p, "workflowVersie")),
                                    text(p, "reden"),
                                    event.actor,
                                    event.role,
                                    event.time,
                                    event.sequence};
        chain.state = transition.toState;
        chain.transitions.push_back(std::move(transition));
        chain.lastChange = event.sequence;
    } else if (kind == "workflow-gemigreerd") {
        TransitionRecord transition{0,
                                    documentId,
                                    "workflow-migratie",
                                    text(p, "vanToestand"),
                                    text(p, "naarToestand"),
                                    chain.latestVersion,
                                    chain.latestContentHash,
                                    static_cast<int>(number(p, "naarVersie")),
                                    "",
                                    event.actor,
                                    event.role,
                                    event.time,
                                    event.sequence};
        chain.state = transition.toState;
        chain.workflowVersion = transition.workflowVersion;
        chain.transitions.push_back(std::move(transition));
        chain.lastChange = event.sequence;
    } else if (kind == "besluit-vastgelegd") {
        chain.decisions.push_back(decisionOf(event, p, documentId));
    } else if (kind == "ondertekening-vastgelegd") {
        chain.signatures.push_back(signatureOf(event, p, documentId));
    }
}

void applyRegionEvent(const Event& event, const Payload& p, const std::string& region,
                      RegionChain& chain) {
    auto known = [&](const std::string& key) {
        return std::find_if(chain.partners.begin(), chain.partners.end(),
                            [&](const Partner& partner) { return partner.key == key; });
    };
    if (event.kind == "partner-geregistreerd" || event.kind == "partner-gewijzigd") {
        Partner partner = partnerOf(region, p->getObject("partner"));
        partner.eventSequence = event.sequence;
        auto found = known(partner.key);
        if (found == chain.partners.end()) {
            chain.partners.push_back(std::move(partner));
        } else {
            *found = std::move(partner);
        }
    } else if (event.kind == "strategisch-partner-toegelaten" ||
               event.kind == "toelating-afgewezen") {
        bool admitted = p->getValue<bool>("toegelaten");
        std::string votes;
        if (auto stemmen = p->getObject("stemmen")) votes = canonicalJson(*stemmen);
        chain.admissions.push_back(
            AdmissionRecord{0, region, text(p, "partner"), admitted, text(p, "regel"),
                            text(p, "uitleg"), votes, text(p, "vergadering"), text(p, "agendapunt"),
                            text(p, "datum"), event.actor, event.time, event.sequence});
        if (admitted) {
            auto found = known(text(p, "partner"));
            if (found != chain.partners.end()) {
                found->role = "strategisch-partner";
                found->eventSequence = event.sequence;
            }
        }
    } else if (event.kind == "partner-uitgetreden") {
        auto found = known(text(p, "partner"));
        if (found != chain.partners.end()) {
            found->leftOn = text(p, "datum");
            found->leaveReason = text(p, "reden");
            found->eventSequence = event.sequence;
        }
    } else if (event.kind == "centrumgemeente-gecorrigeerd") {
        chain.centrumgemeente = text(p, "nieuw");
        chain.centrumgemeenteSource = text(p, "bron");
        chain.lastCorrection = event.sequence;
    }
}

// Per partner on the latest hash the latest record counts; a rectificatie
// takes its original's place in that order, so correcting an older,
// superseded record does not make it count again.
template <class Record>
void markStatusesOf(std::vector<Record>& records, const std::string& latestHash) {
    std::map<std::int64_t, std::size_t> position;  // id -> index
    for (std::size_t i = 0; i < records.size(); ++i)
        position[records[i].id] = i;
    std::vector<std::size_t> rank(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::size_t root = i;
        for (int hops = 0; records[root].rectifies != 0 && hops < 1000; ++hops) {
            auto original = position.find(records[root].rectifies);
            if (original == position.end() || original->second >= root) break;
            root = original->second;
        }
        rank[i] = root;
    }
    for (auto& record : records)
        record.rectifiedBy = 0;
    for (const auto& record : records) {
        auto original = position.find(record.rectifies);
        if (record.rectifies != 0 && original != position.end())
            records[original->second].rectifiedBy = record.id;
    }
    std::map<std::string, std::size_t> counting;  // partner -> index of the record that counts
    for (std::size_t i = 0; i < records.size(); ++i) {
        auto& record = records[i];
        if (record.rectifiedBy != 0) {
            record.status = "gerectificeerd";
        } else if (record.contentHash != latestHash) {
            record.status = "verouderd";
        } else {
            record.status = "geldend";
            auto [found, inserted] = counting.emplace(record.partner, i);
            if (!inserted) {
                std::size_t later = rank[i] > rank[found->second] ? i : found->second;
                std::size_t earlier = later == i ? found->second : i;
                records[earlier].status = "vervangen";
                found->second = later;
            }
        }
    }
}

}  // namespace

void markStatuses(std::vector<DecisionRecord>& decisions, const std::string& latestHash) {
    markStatusesOf(decisions, latestHash);
}

void markStatuses(std::vector<SignatureRecord>& signatures, const std::string& latestHash) {
    markStatusesOf(signatures, latestHash);
}

void markStatuses(DocumentChain& chain) {
    markStatuses(chain.decisions, chain.latestContentHash);
    markStatuses(chain.signatures, chain.latestContentHash);
}

Result<DocumentChain> documentFromEvents(const std::vector<Event>& events,
                                         const std::string& documentId) {
    DocumentChain chain;
    for (const auto& event : events) {
        try {
            applyDocumentEvent(event, parseJsonObject(event.payload), documentId, chain);
        } catch (const std::exception& failure) {
            return unreadable(event, failure);
        }
    }
    return chain;
}

Result<RegionChain> regionFromEvents(const std::vector<Event>& events, const std::string& region) {
    RegionChain chain;
    for (const auto& event : events) {
        try {
            applyRegionEvent(event, parseJsonObject(event.payload), region, chain);
        } catch (const std::exception& failure) {
            return unreadable(event, failure);
        }
    }
    std::sort(chain.partners.begin(), chain.partners.end(),
              [](const Partner& a, const Partner& b) { return a.key < b.key; });
    return chain;
}

ChainReader::ChainReader(ReadTransaction& tx, StreamCheck check)
    : tx_(tx), check_(std::move(check)) {}

Result<std::vector<Event>> ChainReader::events(const std::string& stream) {
    std::vector<Event> events;
    ChainVerifier verifier(stream);
    tx_.forEachEvent(stream, [&](const Event& event) {
        verifier.add(event);
        events.push_back(event);
    });
    auto broken = [&](const std::string& why) {
        return makeError(ErrorCode::Integrity,
                         "the history of " + stream + " does not hold (" + why +
                             "); nothing in it is counted until 'beraad verify' is clean");
    };
    const ChainVerdict& verdict = verifier.verdict();
    if (verdict.firstBreak) {
        return broken("event " + std::to_string(verdict.firstBreak->sequence) + ": " +
                      verdict.firstBreak->reason);
    }
    auto head = tx_.findStreamHead(stream);
    std::int64_t headSequence = head ? head->sequence : 0;
    if (headSequence != verdict.eventsChecked || (head && head->hash != verdict.headHash)) {
        return broken("its recorded head is event " + std::to_string(headSequence) +
                      " but the log ends at event " + std::to_string(verdict.eventsChecked));
    }
    if (check_) {
        if (auto problem = check_(stream, events)) return broken(*problem);
    }
    return events;
}

Result<DocumentChain> ChainReader::document(const std::string& documentId) {
    auto events = this->events(documentStream(documentId));
    if (!events) return events.error();
    auto chain = documentFromEvents(events.value(), documentId);
    if (!chain) return chain.error();
    // A signature's id is the store's; take it from the row the event names.
    auto rows = tx_.listSignatures(documentId);
    for (auto& signature : chain.value().signatures) {
        for (const auto& row : rows) {
            if (row.eventSequence == signature.eventSequence ||
                (row.eventSequence == 0 && row.partner == signature.partner &&
                 row.contentHash == signature.contentHash)) {
                signature.id = row.id;
                break;
            }
        }
    }
    markStatuses(chain.value());
    return chain;
}

Result<RegionChain> ChainReader::region(const std::string& code) {
    auto events = this->events(regionStream(code));
    if (!events) return events.error();
    auto chain = regionFromEvents(events.value(), code);
    if (!chain) return chain.error();
    auto rows = tx_.listAdmissions(code);
    for (auto& admission : chain.value().admissions) {
        for (const auto& row : rows) {
            if (row.eventSequence == admission.eventSequence) {
                admission.id = row.id;
                break;
            }
        }
    }
    return chain;
}

}  // namespace beraad::workflow
