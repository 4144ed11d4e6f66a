#include "api/Http.h"

#include "beraad/present/Dutch.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace beraad::server {

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) <
               std::tolower(static_cast<unsigned char>(y));
    });
}

std::optional<std::string> ApiRequest::header(const std::string& name) const {
    auto it = headers.find(name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> ApiRequest::queryValue(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::shared_ptr<SpooledBody> SpooledBody::create() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "beraad-response-XXXXXX").string();
    int descriptor = ::mkstemp(pattern.data());
    if (descriptor < 0) {
        throw std::runtime_error("cannot create a temporary file in " +
                                 std::filesystem::temp_directory_path().string());
    }
    ::close(descriptor);
    return std::shared_ptr<SpooledBody>(new SpooledBody(pattern));
}

SpooledBody::~SpooledBody() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

ApiResponse ApiResponse::json(int status, const std::string& body) {
    return bytes(status, "application/json", body);
}

ApiResponse ApiResponse::bytes(int status, const std::string& contentType, std::string body) {
    ApiResponse response;
    response.status = status;
    response.headers["Content-Type"] = contentType;
    response.body = std::move(body);
    return response;
}

namespace {

constexpr const char* kProblemBase = "https://beraad.nl/api/problemen/";

}  // namespace

Problem simpleProblem(int status, const std::string& code, const std::string& title,
                      const std::string& detail) {
    return Problem{status, kProblemBase + code, title, detail, {}, {}, {}};
}

namespace {

struct ProblemKind {
    int status;
    const char* slug;
    const char* title;
};

ProblemKind problemKindFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
            return {400, "ongeldige-invoer", "Ongeldige invoer"};
        case ErrorCode::InvalidContent:
            return {422, "ongeldige-inhoud", "Ongeldige inhoud"};
        case ErrorCode::NotFound:
            return {404, "niet-gevonden", "Niet gevonden"};
        case ErrorCode::Conflict:
            return {409, "conflict", "Conflict met een nieuwere versie"};
        case ErrorCode::Forbidden:
            return {403, "verboden", "Niet toegestaan"};
        case ErrorCode::Unauthenticated:
            return {401, "niet-geauthenticeerd", "Niet geauthenticeerd"};
        case ErrorCode::Refused:
            return {409, "geweigerd", "Geweigerd door een bedrijfsregel"};
        case ErrorCode::Integrity:
            return {500, "integriteit", "Historie klopt niet"};
        case ErrorCode::Storage:
            return {503, "opslag", "Opslag niet beschikbaar"};
    }
    return {500, "intern", "Interne fout"};
}

}  // namespace

// The problem carries the engine's error code as the extension member "code",
// so a client (beraad --server) maps it back to the same error and exit code.
// Storage failures keep their details to the server's log.
Problem problemFor(const Error& error) {
    auto kind = problemKindFor(error.code);
    return Problem{kind.status,
                   kProblemBase + std::string(kind.slug),
                   kind.title,
                   error.message,
                   error.code == ErrorCode::Storage ? std::vector<ErrorDetail>{} : error.details,
                   std::string(toString(error.code)),
                   {}};
}

std::string newCorrelationId() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(random()));
    return text;
}

ApiResponse failureResponse(int status, const std::string& slug, const std::string& title,
                            const std::string& code, const std::string& logDetail,
                            const std::string& instance) {
    std::string id = newCorrelationId();
    Problem problem{status,
                    kProblemBase + slug,
                    title,
                    "Het verzoek kon niet worden afgehandeld door een storing aan de kant van de "
                    "server. Meld kenmerk " +
                        id + " aan de beheerder.",
                    {},
                    code,
                    id};
    ApiResponse response = problemResponse(problem, instance);
    response.correlationId = id;
    response.logDetail = logDetail;
    return response;
}

namespace {

thread_local Language tAnswerLanguage = Language::Dutch;

// The weight of `language` in an Accept-Language header: the highest q of
// the ranges that match it ("en", "en-GB", "*"), 0 when none does.
double weightOf(const std::string& header, const std::string& language) {
    double best = 0;
    std::stringstream ranges(header);
    std::string range;
    while (std::getline(ranges, range, ',')) {
        std::string tag = range.substr(0, range.find(';'));
        tag.erase(std::remove_if(tag.begin(), tag.end(),
                                 [](unsigned char c) { return std::isspace(c) != 0; }),
                  tag.end());
        std::transform(tag.begin(), tag.end(), tag.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        bool matches = tag == "*" || tag == language || tag.rfind(language + "-", 0) == 0;
        if (!matches) continue;
        double q = 1;
        auto at = range.find(";q=");
        if (at == std::string::npos) at = range.find("; q=");
        if (at != std::string::npos) {
            q = std::strtod(range.c_str() + range.find('=', at) + 1, nullptr);
            if (!(q >= 0 && q <= 1)) q = 0;
        }
        best = std::max(best, q);
    }
    return best;
}

}  // namespace

Language languageFor(const std::optional<std::string>& acceptLanguage) {
    if (!acceptLanguage) return Language::Dutch;
    return weightOf(*acceptLanguage, "en") > weightOf(*acceptLanguage, "nl") ? Language::English
                                                                             : Language::Dutch;
}

const char* languageTag(Language language) {
    return language == Language::English ? "en" : "nl";
}

Language answerLanguage() {
    return tAnswerLanguage;
}

AnswerLanguage::AnswerLanguage(Language language) : previous_(tAnswerLanguage) {
    tAnswerLanguage = language;
}

AnswerLanguage::~AnswerLanguage() {
    tAnswerLanguage = previous_;
}

std::string inAnswerLanguage(const std::string& message) {
    return answerLanguage() == Language::Dutch ? present::inDutch(message) : message;
}

ApiResponse problemResponse(const Problem& problem, const std::string& instance) {
    Poco::JSON::Object object;
    object.set("type", problem.type);
    object.set("title", problem.title);
    object.set("status", problem.status);
    object.set("detail", inAnswerLanguage(problem.detail));
    object.set("instance", instance);
    if (!problem.code.empty()) object.set("code", problem.code);
    if (!problem.correlationId.empty()) object.set("kenmerk", problem.correlationId);
    if (!problem.errors.empty()) {
        Poco::JSON::Array errors;
        for (const auto& error : problem.errors) {
            Poco::JSON::Object entry;
            entry.set("detail", inAnswerLanguage(error.message));
            if (error.line) entry.set("regel", *error.line);
            if (!error.where.empty()) entry.set("pointer", error.where);
            errors.add(entry);
        }
        object.set("invalidParams", errors);
    }
    std::ostringstream body;
    object.stringify(body);
    return ApiResponse::bytes(problem.status, "application/problem+json", body.str());
}

}  // namespace beraad::server
