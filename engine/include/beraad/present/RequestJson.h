#pragma once
// The JSON bodies of the REST API's requests, both ways: toJson writes what a
// client (beraad --server) sends, requestFromJson<T> reads what beraad-server
// receives. A body carries only what the path and If-Match do not: the
// document, version, content hash and region are taken from `addressed`,
// which the caller fills from the path. A member the body leaves out takes
// its default ("" unless said below); whether an empty one will do is the
// engine's to decide. Every problem is reported at once, as an Error
// (ErrorCode::InvalidInput) with one detail per member, its JSON pointer as
// the place: a required member missing, a member of the wrong type, a member
// the body does not have. As with present/JsonParse.h, the body is an object
// as Poco::JSON::Parser gives it.

#include <Poco/JSON/Object.h>

#include "beraad/base/Result.h"
#include "beraad/records/Records.h"
#include "beraad/records/Requests.h"
#include "beraad/workflow/Workflow.h"

namespace beraad::present {

// The body of POST /regios/{code}/correcties: the region's centrumgemeente
// and the source that confirms it.
struct CentrumgemeenteCorrection {
    std::string centrumgemeente;
    std::string source;
};

Poco::JSON::Object toJson(const TransitionRequest& request);
Poco::JSON::Object toJson(const DecisionRequest& request);
Poco::JSON::Object toJson(const SignatureRequest& request);
Poco::JSON::Object toJson(const AdmissionRequest& request);
Poco::JSON::Object toJson(const DecisionRectification& request);
Poco::JSON::Object toJson(const SignatureRectification& request);
Poco::JSON::Object toJson(const CentrumgemeenteCorrection& correction);
// A JSON merge patch (RFC 7396) of a partner: only the members it changes.
Poco::JSON::Object toJson(const PartnerChange& change);
Poco::JSON::Object toJson(const PartnerLeave& leave);
// A partner is sent as toJson(const Partner&) in present/Json.h writes it.

// T is one of:
// - TransitionRequest: "naam" required and not empty; documentId and
//   baseVersion from `addressed`.
// - DecisionRequest, SignatureRequest: documentId, version and contentHash
//   from `addressed`.
// - DecisionRectification, SignatureRectification: documentId and the
//   record's id from `addressed`; "reden" required; a corrected member left
//   out keeps the original's value.
// - AdmissionRequest: region from `addressed`; "stemmen" an object of texts.
// - CentrumgemeenteCorrection.
// - Partner: region from `addressed`, which a "regio" in the body must name;
//   "naam" and "soort" required; "rol" defaults to kernpartner;
//   "uitgetredenOp" and "redenUittreding" are refused (read-only).
// - PartnerChange: a JSON merge patch (RFC 7396); region and key from
//   `addressed`. A member absent stays; "naam", "soort", "rol" cannot be
//   null; "vertegenwoordigers" replaces the list, null empties it.
// - PartnerLeave: region and key from `addressed`; "datum", "reden" required.
template <typename T>
Result<T> requestFromJson(const Poco::JSON::Object& body, const T& addressed = T{});

}  // namespace beraad::present
