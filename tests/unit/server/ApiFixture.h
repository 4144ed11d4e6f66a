#pragma once
// The REST API without sockets for the server's unit tests: a real engine
// on a temporary SQLite store with the Twente partners, an Api over it, and
// requests built from "METHOD /path?query".

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "TestSupport.h"
#include "api/Api.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::server::testing_api {

// A request for `path` (its query split at & and =, values as given) with
// the token as a Bearer header when there is one.
inline ApiRequest makeRequest(const std::string& method, const std::string& path,
                              const std::string& token, Headers headers = {},
                              std::string body = "") {
    ApiRequest request;
    request.method = method;
    auto question = path.find('?');
    request.path = path.substr(0, question);
    if (question != std::string::npos) {
        std::string query = path.substr(question + 1);
        size_t start = 0;
        while (start <= query.size()) {
            size_t amp = query.find('&', start);
            std::string pair =
                query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
            auto eq = pair.find('=');
            if (eq != std::string::npos) request.query[pair.substr(0, eq)] = pair.substr(eq + 1);
            if (amp == std::string::npos) break;
            start = amp + 1;
        }
    }
    request.headers = std::move(headers);
    if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
    request.body = std::move(body);
    return request;
}

class ApiFixture : public ::testing::Test {
  protected:
    // The engine with reference data and partners, and an Api with `limits`.
    void start(ApiLimits limits = {}) {
        engine_ = std::make_unique<Engine>(openSqliteStore({dir_.file("s.sqlite")}),
                                           std::make_shared<testing::SteppingClock>());
        ASSERT_TRUE(engine_->initialize().ok());
        testing::registerTwentePartners(*engine_);
        api_ = std::make_unique<Api>(
            *engine_, [this](const std::string& t) { return engine_->authenticate(t); }, limits);
    }

    std::string issue(Role role, const std::string& scope,
                      std::optional<std::string> partner = std::nullopt) {
        auto token = engine_->createToken(testing::beheerder(),
                                          {"Tester " + scope, role, scope, std::move(partner)});
        EXPECT_TRUE(token.ok()) << token.error().describe();
        return token.ok() ? token->secret : "";
    }

    testing::TempDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<Api> api_;
};

}  // namespace beraad::server::testing_api
