#include "api/Http.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cctype>
#include <sstream>

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
    return Problem{status, kProblemBase + code, title, detail, {}};
}

Problem problemFor(const Error& error) {
    switch (error.code) {
        case ErrorCode::InvalidInput:
            return {400, kProblemBase + std::string("ongeldige-invoer"), "Ongeldige invoer",
                    error.message, error.details};
        case ErrorCode::InvalidContent:
            return {422, kProblemBase + std::string("ongeldige-inhoud"), "Ongeldige inhoud",
                    error.message, error.details};
        case ErrorCode::NotFound:
            return {404, kProblemBase + std::string("niet-gevonden"), "Niet gevonden",
                    error.message, error.details};
        case ErrorCode::Conflict:
            return {409, kProblemBase + std::string("conflict"), "Conflict met een nieuwere versie",
                    error.message, error.details};
        case ErrorCode::Forbidden:
            return {403, kProblemBase + std::string("verboden"), "Niet toegestaan", error.message,
                    error.details};
        case ErrorCode::Unauthenticated:
            return {401, kProblemBase + std::string("niet-geauthenticeerd"), "Niet geauthenticeerd",
                    error.message, error.details};
        case ErrorCode::Refused:
            return {409, kProblemBase + std::string("geweigerd"),
                    "Geweigerd door een bedrijfsregel", error.message, error.details};
        case ErrorCode::Integrity:
            return {500, kProblemBase + std::string("integriteit"), "Historie klopt niet",
                    error.message, error.details};
        case ErrorCode::Storage:
            return {503,
                    kProblemBase + std::string("opslag"),
                    "Opslag niet beschikbaar",
                    error.message,
                    {}};
    }
    return {500, kProblemBase + std::string("intern"), "Interne fout", error.message, {}};
}

ApiResponse problemResponse(const Problem& problem, const std::string& instance) {
    Poco::JSON::Object object;
    object.set("type", problem.type);
    object.set("title", problem.title);
    object.set("status", problem.status);
    object.set("detail", problem.detail);
    object.set("instance", instance);
    if (!problem.errors.empty()) {
        Poco::JSON::Array errors;
        for (const auto& error : problem.errors) {
            Poco::JSON::Object entry;
            entry.set("detail", error.message);
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
