#pragma once
// The server's view of one HTTP exchange, independent of Poco so handlers and
// routing can be tested without sockets.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "beraad/base/Actor.h"
#include "beraad/base/Error.h"

namespace beraad::server {

struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
};

using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

struct ApiRequest {
    std::string method;
    std::string path;                               // without query string
    std::map<std::string, std::string> query;       // decoded
    std::map<std::string, std::string> parameters;  // from the route pattern
    Headers headers;
    std::string body;
    std::optional<Actor> actor;  // set once authenticated
    std::string requestId;

    std::optional<std::string> header(const std::string& name) const;
    std::optional<std::string> queryValue(const std::string& name) const;
};

// A response body spooled to a file of its own (exports of long histories,
// which are never held in memory); the file goes when the last copy of the
// response does.
class SpooledBody {
  public:
    // A new empty file in the system's temporary folder.
    static std::shared_ptr<SpooledBody> create();
    ~SpooledBody();
    SpooledBody(const SpooledBody&) = delete;
    SpooledBody& operator=(const SpooledBody&) = delete;
    const std::string& path() const { return path_; }

  private:
    explicit SpooledBody(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

struct ApiResponse {
    int status = 200;
    Headers headers;
    std::string body;
    std::shared_ptr<SpooledBody> spooled;  // when set, the body is this file's bytes
    std::string actorName;                 // for the access log
    // A storage or internal failure: the id the client is given, and the
    // detail only the access log carries.
    std::string correlationId;
    std::string logDetail;

    static ApiResponse json(int status, const std::string& body);
    static ApiResponse bytes(int status, const std::string& contentType, std::string body);
};

// RFC 9457 problem details, the only error format of the API.
struct Problem {
    int status;
    std::string type;    // "https://beraad.nl/problemen/<code>" style URI
    std::string title;   // short, the same for every problem of this type
    std::string detail;  // this occurrence
    std::vector<ErrorDetail> errors;
    std::string code;  // the engine's ErrorCode name ("conflict", ...) when it comes from one
    std::string correlationId;  // "kenmerk": a failure's id, also in the access log
};

// The language of the human text in answers. The API speaks Dutch; a client
// that prefers English (Accept-Language: en, as beraad --server sends) gets
// the engine's and the server's messages as they are written, in English.
// Field names, problem titles and types are Dutch either way.
enum class Language { Dutch, English };

// The language an Accept-Language header (RFC 9110, 12.5.4) asks for: the
// one of nl and en with the higher weight; Dutch without a header, on a tie
// and when neither is acceptable.
Language languageFor(const std::optional<std::string>& acceptLanguage);
const char* languageTag(Language language);  // "nl", "en"

// The language of the answer this thread is writing: set by Api::handle for
// the request it handles, Dutch outside a request (the connection's own
// early answers).
Language answerLanguage();
class AnswerLanguage {
  public:
    explicit AnswerLanguage(Language language);
    ~AnswerLanguage();
    AnswerLanguage(const AnswerLanguage&) = delete;
    AnswerLanguage& operator=(const AnswerLanguage&) = delete;

  private:
    Language previous_;
};

// A message (written in English) in the answer's language, through the
// catalogue engine/data/meldingen.txt.
std::string inAnswerLanguage(const std::string& message);

// problem+json; its detail and each invalidParams detail in the answer's
// language.
ApiResponse problemResponse(const Problem& problem, const std::string& instance);
Problem problemFor(const Error& error);
// A fresh correlation id for a failure: 16 random hex digits.
std::string newCorrelationId();
// The problem for a storage or internal failure: a generic text with the
// correlation id (also as the member "kenmerk"), the detail kept for the log.
ApiResponse failureResponse(int status, const std::string& slug, const std::string& title,
                            const std::string& code, const std::string& logDetail,
                            const std::string& instance);
Problem simpleProblem(int status, const std::string& code, const std::string& title,
                      const std::string& detail);

}  // namespace beraad::server
