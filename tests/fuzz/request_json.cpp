// Fuzz target: JSON request bodies as beraad-server reads them: the body
// parsed as the handlers parse it (api::parseJson, Poco's parser), then read
// as one of the request types of beraad/present/RequestJson.h, chosen by the
// first byte. A body that is accepted must survive the way a client sends
// it: toJson and back gives the same request.

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "FuzzSupport.h"
#include "api/Api.h"
#include "beraad/present/Json.h"
#include "beraad/present/RequestJson.h"

namespace {

using namespace beraad;

std::string text(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

template <typename T>
void readAs(const Poco::JSON::Object& body, const T& addressed) {
    auto request = present::requestFromJson<T>(body, addressed);
    if (!request) return;
    std::string sent = text(present::toJson(*request));
    auto parsed = server::api::parseJson(sent);
    if (!parsed) {
        std::fprintf(stderr, "request_json: toJson wrote %s, which does not parse\n", sent.c_str());
        std::abort();
    }
    auto again = present::requestFromJson<T>(**parsed, addressed);
    if (!again || text(present::toJson(*again)) != sent) {
        std::fprintf(stderr, "request_json: %s does not read back as the same request\n",
                     sent.c_str());
        std::abort();
    }
}

// A decision or signature is addressed to a document's version and its hash.
template <typename T>
T versionAddressed() {
    T addressed;
    addressed.documentId = "AM05-samenwerkingsconvenant-1";
    addressed.version = 2;
    addressed.contentHash = std::string(64, 'a');
    return addressed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    auto body = server::api::parseJson(std::string(fuzz::asText(data + 1, size - 1)));
    if (!body) return 0;
    Partner partner;
    partner.region = "AM05";
    switch (data[0] % 6) {
        case 0:
            readAs(**body, TransitionRequest{"AM05-samenwerkingsconvenant-1", "", 2, ""});
            break;
        case 1:
            readAs(**body, versionAddressed<DecisionRequest>());
            break;
        case 2:
            readAs(**body, versionAddressed<SignatureRequest>());
            break;
        case 3:
            readAs(**body, AdmissionRequest{"AM05", "", "", "", "", {}});
            break;
        case 4:
            readAs(**body, present::CentrumgemeenteCorrection{});
            break;
        default:
            readAs(**body, partner);
            break;
    }
    return 0;
}
