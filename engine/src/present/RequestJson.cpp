#include "beraad/present/RequestJson.h"

#include <Poco/JSON/Array.h>

#include <optional>
#include <set>
#include <span>

namespace beraad::present {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

enum class Need { Optional, Required, NonEmpty };

// Reads the members of one JSON object and collects every problem, each at
// its JSON pointer, instead of stopping at the first. A member it is never
// asked for is unknown.
class BodyReader {
  public:
    BodyReader(const Object& object, std::string pointer, std::vector<ErrorDetail>& problems)
        : object_(object), pointer_(std::move(pointer)), problems_(problems) {}

    std::string text(const std::string& name, Need need, const std::string& fallback) {
        read_.insert(name);
        if (!object_.has(name)) {
            if (need != Need::Optional) problem(name, "required field is missing");
            return fallback;
        }
        auto value = object_.get(name);
        if (!value.isString()) {
            problem(name, "must be a string");
            return fallback;
        }
        auto text = value.convert<std::string>();
        if (text.empty() && need == Need::NonEmpty) problem(name, "required field is missing");
        return text;
    }

    // An optional member that must be an object; nullptr when absent or not one.
    Object::Ptr object(const std::string& name) {
        read_.insert(name);
        if (!object_.has(name)) return nullptr;
        auto child = object_.getObject(name);
        if (!child) problem(name, "must be an object");
        return child;
    }

    // An optional member that must be an array; nullptr when absent or not one.
    Poco::JSON::Array::Ptr array(const std::string& name) {
        read_.insert(name);
        if (!object_.has(name)) return nullptr;
        auto child = object_.getArray(name);
        if (!child) problem(name, "must be an array");
        return child;
    }

    // A member of a JSON merge patch (RFC 7396) that may only be set, not
    // removed: absent is nullopt; null or not a string is a problem.
    std::optional<std::string> patchText(const std::string& name) {
        read_.insert(name);
        if (!object_.has(name)) return std::nullopt;
        auto value = object_.get(name);
        if (!value.isString()) {
            problem(name, value.isEmpty() ? "cannot be removed, only changed" : "must be a string");
            return std::nullopt;
        }
        return value.convert<std::string>();
    }

    bool has(const std::string& name) const { return object_.has(name); }

    bool isNull(const std::string& name) const { return object_.has(name) && object_.isNull(name); }

    void problem(const std::string& name, const std::string& message) {
        problems_.push_back({message, std::nullopt, pointer_ + "/" + name});
    }

    // A reader of the object at `name` below this one, reporting to the same list.
    BodyReader within(const Object& child, const std::string& name) const {
        return BodyReader(child, pointer_ + "/" + name, problems_);
    }

    // Every member nothing has asked for.
    void reportUnknown() {
        for (const auto& [name, value] : object_) {
            if (read_.count(name) == 0) problem(name, "unknown field");
        }
    }

  private:
    const Object& object_;
    std::string pointer_;
    std::vector<ErrorDetail>& problems_;
    std::set<std::string> read_;
};

// A text member of a request: its name in the body and where it goes.
template <typename T>
struct TextField {
    const char* name;
    std::string T::*member;
    Need need = Need::Optional;
    const char* fallback = "";
};

template <typename T>
Object textsToJson(const T& request, std::span<const TextField<T>> fields) {
    Object object;
    for (const auto& field : fields)
        object.set(field.name, request.*field.member);
    return object;
}

template <typename T>
void readTexts(BodyReader& body, T& request, std::span<const TextField<T>> fields) {
    for (const auto& field : fields)
        request.*field.member = body.text(field.name, field.need, field.fallback);
}

const TextField<TransitionRequest> kTransitionFields[] = {
    {"naam", &TransitionRequest::transition, Need::NonEmpty},
    {"reden", &TransitionRequest::reason}};

const TextField<DecisionRequest> kDecisionFields[] = {
    {"partner", &DecisionRequest::partner},
    {"besluit", &DecisionRequest::verdict},
    {"vertegenwoordiger", &DecisionRequest::representative},
    {"datum", &DecisionRequest::date},
    {"vergadering", &DecisionRequest::vergadering},
    {"agendapunt", &DecisionRequest::agendapunt},
    {"opmerking", &DecisionRequest::remark}};

const TextField<SignatureRequest> kSignatureFields[] = {
    {"partner", &SignatureRequest::partner},
    {"ondertekenaar", &SignatureRequest::signatory},
    {"functie", &SignatureRequest::function},
    {"plaats", &SignatureRequest::place},
    {"datum", &SignatureRequest::date}};

// A rectificatie's corrected members: optional, absent = unchanged.
template <typename T>
struct CorrectedField {
    const char* name;
    std::optional<std::string> T::*member;
};

template <typename T>
void correctedToJson(Object& object, const T& request, std::span<const CorrectedField<T>> fields) {
    for (const auto& field : fields) {
        if (request.*field.member) object.set(field.name, *(request.*field.member));
    }
}

const char* const kReason = "reden";

const CorrectedField<DecisionRectification> kDecisionCorrections[] = {
    {"besluit", &DecisionRectification::verdict},
    {"vertegenwoordiger", &DecisionRectification::representative},
    {"datum", &DecisionRectification::date},
    {"vergadering", &DecisionRectification::vergadering},
    {"agendapunt", &DecisionRectification::agendapunt},
    {"opmerking", &DecisionRectification::remark}};

const CorrectedField<SignatureRectification> kSignatureCorrections[] = {
    {"ondertekenaar", &SignatureRectification::signatory},
    {"functie", &SignatureRectification::function},
    {"plaats", &SignatureRectification::place},
    {"datum", &SignatureRectification::date}};

const TextField<AdmissionRequest> kAdmissionFields[] = {
    {"partner", &AdmissionRequest::partner},
    {"vergadering", &AdmissionRequest::vergadering},
    {"agendapunt", &AdmissionRequest::agendapunt},
    {"datum", &AdmissionRequest::date}};
const char* const kVotes = "stemmen";

const TextField<CentrumgemeenteCorrection> kCorrectionFields[] = {
    {"centrumgemeente", &CentrumgemeenteCorrection::centrumgemeente},
    {"bron", &CentrumgemeenteCorrection::source}};

// Partner's members are written by toJson(const Partner&) in Json.cpp, the
// record and the request body being the same.
const TextField<Partner> kPartnerFields[] = {
    {"sleutel", &Partner::key},  // the path names it too
    {"naam", &Partner::name, Need::Required},
    {"soort", &Partner::kind, Need::Required},
    {"rol", &Partner::role, Need::Optional, "kernpartner"}};
const char* const kPartnerRegion = "regio";
const char* const kRepresentatives = "vertegenwoordigers";

// What Partner records of an uittreding (read-only in a partner's body).
const char* const kLeaveFields[] = {"uitgetredenOp", "redenUittreding"};

const TextField<PartnerLeave> kPartnerLeaveFields[] = {
    {"datum", &PartnerLeave::date, Need::Required},
    {"reden", &PartnerLeave::reason, Need::Required}};

const TextField<Representative> kRepresentativeFields[] = {{"naam", &Representative::name},
                                                           {"functie", &Representative::function},
                                                           {"email", &Representative::email}};

std::string invalid(const std::string& what) {
    return "the " + what + " is not valid JSON of the expected form";
}

// What each request is called in the Error that refuses its body.
std::string summary(const TransitionRequest& request) {
    return request.transition.empty() ? "name the transition to fire" : invalid("transition");
}
std::string summary(const DecisionRequest&) {
    return invalid("decision");
}
std::string summary(const SignatureRequest&) {
    return invalid("signature");
}
std::string summary(const DecisionRectification&) {
    return invalid("rectificatie");
}
std::string summary(const SignatureRectification&) {
    return invalid("rectificatie");
}
std::string summary(const AdmissionRequest&) {
    return invalid("admission");
}
std::string summary(const CentrumgemeenteCorrection&) {
    return invalid("correction");
}
std::string summary(const Partner&) {
    return invalid("partner");
}
std::string summary(const PartnerChange&) {
    return invalid("merge patch of the partner");
}
std::string summary(const PartnerLeave&) {
    return invalid("uittreding");
}

void read(BodyReader& body, TransitionRequest& request) {
    readTexts<TransitionRequest>(body, request, kTransitionFields);
}

void read(BodyReader& body, DecisionRequest& request) {
    readTexts<DecisionRequest>(body, request, kDecisionFields);
}

void read(BodyReader& body, SignatureRequest& request) {
    readTexts<SignatureRequest>(body, request, kSignatureFields);
}

template <typename T>
void readCorrection(BodyReader& body, T& request, std::span<const CorrectedField<T>> fields) {
    request.reason = body.text(kReason, Need::NonEmpty, "");
    for (const auto& field : fields) {
        if (body.has(field.name)) request.*field.member = body.text(field.name, Need::Optional, "");
    }
}

void read(BodyReader& body, DecisionRectification& request) {
    readCorrection<DecisionRectification>(body, request, kDecisionCorrections);
}

void read(BodyReader& body, SignatureRectification& request) {
    readCorrection<SignatureRectification>(body, request, kSignatureCorrections);
}

void read(BodyReader& body, CentrumgemeenteCorrection& correction) {
    readTexts<CentrumgemeenteCorrection>(body, correction, kCorrectionFields);
}

void read(BodyReader& body, AdmissionRequest& request) {
    readTexts<AdmissionRequest>(body, request, kAdmissionFields);
    request.votes.clear();
    auto votes = body.object(kVotes);
    if (!votes) return;
    for (const auto& [partner, verdict] : *votes) {
        if (verdict.isString()) {
            request.votes[partner] = verdict.convert<std::string>();
        } else {
            body.problem(std::string(kVotes) + "/" + partner, "must be a string");
        }
    }
}

// The representatives a body lists (nothing when it has no such member).
std::vector<Representative> readRepresentatives(BodyReader& body) {
    std::vector<Representative> representatives;
    auto people = body.array(kRepresentatives);
    if (!people) return representatives;
    for (unsigned i = 0; i < people->size(); ++i) {
        std::string where = std::string(kRepresentatives) + "/" + std::to_string(i);
        auto person = people->getObject(i);
        if (!person) {
            body.problem(where, "must be an object");
            continue;
        }
        BodyReader fields = body.within(*person, where);
        Representative representative;
        readTexts<Representative>(fields, representative, kRepresentativeFields);
        fields.reportUnknown();
        representatives.push_back(std::move(representative));
    }
    return representatives;
}

// The partner's own region, as the path names it.
void checkRegion(BodyReader& body, const std::string& addressed) {
    auto region = body.text(kPartnerRegion, Need::Optional, addressed);
    if (region != addressed) body.problem(kPartnerRegion, "differs from the region in the path");
}

// An uittreding is recorded by its own request, never written into the partner.
void refuseLeave(BodyReader& body) {
    for (const char* field : kLeaveFields) {
        if (body.text(field, Need::Optional, "").empty()) continue;
        body.problem(field, "is recorded with POST .../partners/{sleutel}/uittredingen");
    }
}

void read(BodyReader& body, Partner& partner) {
    readTexts<Partner>(body, partner, kPartnerFields);
    checkRegion(body, partner.region);
    refuseLeave(body);
    partner.representatives = readRepresentatives(body);
}

void read(BodyReader& body, PartnerChange& change) {
    change.name = body.patchText("naam");
    change.kind = body.patchText("soort");
    change.role = body.patchText("rol");
    if (auto key = body.patchText("sleutel"); key && *key != change.key)
        body.problem("sleutel", "differs from the one in the path");
    checkRegion(body, change.region);
    refuseLeave(body);
    if (body.isNull(kRepresentatives)) {
        change.representatives = std::vector<Representative>{};
    } else if (auto people = readRepresentatives(body); body.has(kRepresentatives)) {
        change.representatives = std::move(people);
    }
}

void read(BodyReader& body, PartnerLeave& leave) {
    readTexts<PartnerLeave>(body, leave, kPartnerLeaveFields);
}

}  // namespace

Poco::JSON::Object toJson(const TransitionRequest& request) {
    return textsToJson<TransitionRequest>(request, kTransitionFields);
}

Poco::JSON::Object toJson(const DecisionRequest& request) {
    return textsToJson<DecisionRequest>(request, kDecisionFields);
}

Poco::JSON::Object toJson(const SignatureRequest& request) {
    return textsToJson<SignatureRequest>(request, kSignatureFields);
}

Poco::JSON::Object toJson(const AdmissionRequest& request) {
    Object object = textsToJson<AdmissionRequest>(request, kAdmissionFields);
    Object votes;
    for (const auto& [partner, verdict] : request.votes)
        votes.set(partner, verdict);
    object.set(kVotes, votes);
    return object;
}

Poco::JSON::Object toJson(const PartnerChange& change) {
    Object object;
    if (change.name) object.set("naam", *change.name);
    if (change.kind) object.set("soort", *change.kind);
    if (change.role) object.set("rol", *change.role);
    if (change.representatives) {
        Array people;
        for (const auto& person : *change.representatives)
            people.add(textsToJson<Representative>(person, kRepresentativeFields));
        object.set(kRepresentatives, people);
    }
    return object;
}

Poco::JSON::Object toJson(const PartnerLeave& leave) {
    return textsToJson<PartnerLeave>(leave, kPartnerLeaveFields);
}

Poco::JSON::Object toJson(const DecisionRectification& request) {
    Object object;
    object.set(kReason, request.reason);
    correctedToJson<DecisionRectification>(object, request, kDecisionCorrections);
    return object;
}

Poco::JSON::Object toJson(const SignatureRectification& request) {
    Object object;
    object.set(kReason, request.reason);
    correctedToJson<SignatureRectification>(object, request, kSignatureCorrections);
    return object;
}

Poco::JSON::Object toJson(const CentrumgemeenteCorrection& correction) {
    return textsToJson<CentrumgemeenteCorrection>(correction, kCorrectionFields);
}

template <typename T>
Result<T> requestFromJson(const Object& body, const T& addressed) {
    std::vector<ErrorDetail> problems;
    BodyReader reader(body, "", problems);
    T request = addressed;
    read(reader, request);
    reader.reportUnknown();
    if (!problems.empty())
        return makeError(ErrorCode::InvalidInput, summary(request), std::move(problems));
    return request;
}

template Result<TransitionRequest> requestFromJson(const Object&, const TransitionRequest&);
template Result<DecisionRequest> requestFromJson(const Object&, const DecisionRequest&);
template Result<SignatureRequest> requestFromJson(const Object&, const SignatureRequest&);
template Result<DecisionRectification> requestFromJson(const Object&, const DecisionRectification&);
template Result<SignatureRectification> requestFromJson(const Object&,
                                                        const SignatureRectification&);
template Result<AdmissionRequest> requestFromJson(const Object&, const AdmissionRequest&);
template Result<CentrumgemeenteCorrection> requestFromJson(const Object&,
                                                           const CentrumgemeenteCorrection&);
template Result<Partner> requestFromJson(const Object&, const Partner&);
template Result<PartnerChange> requestFromJson(const Object&, const PartnerChange&);
template Result<PartnerLeave> requestFromJson(const Object&, const PartnerLeave&);

}  // namespace beraad::present
