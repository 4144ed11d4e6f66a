// beraad --server reads the server's problem+json back into the engine's
// Error: same code (so the same exit code), same message, same details, so
// Context::fail prints exactly what the local engine's error prints.
#include <gtest/gtest.h>

#include "Cli.h"
#include "RemoteProblem.h"
#include "api/Http.h"

namespace beraad::cli {
namespace {

Error throughServer(const Error& error) {
    auto response = server::problemResponse(server::problemFor(error), "/api/v1/documenten");
    return problemError(response.status, response.body);
}

TEST(RemoteProblemTest, EveryEngineErrorComesBackTheSame) {
    std::vector<ErrorDetail> details{{"element 'x' is not expected", 12, "/samenwerkingsconvenant"},
                                     {"no line", std::nullopt, "uwv"},
                                     {"no place", 3, ""}};
    for (auto code : {ErrorCode::InvalidInput, ErrorCode::InvalidContent, ErrorCode::NotFound,
                      ErrorCode::Conflict, ErrorCode::Unauthenticated, ErrorCode::Forbidden,
                      ErrorCode::Refused, ErrorCode::Integrity}) {
        Error original = makeError(code, "the message", details);
        Error back = throughServer(original);
        EXPECT_EQ(back.code, code) << toString(code);
        EXPECT_EQ(back.describe(), original.describe()) << toString(code);
        EXPECT_EQ(exitCodeFor(back.code), exitCodeFor(code));
    }
}

TEST(RemoteProblemTest, StorageKeepsItsDetailsOnTheServer) {
    Error back = throughServer(makeError(ErrorCode::Storage, "database is locked",
                                         {{"/var/lib/beraad/beraad.sqlite", std::nullopt, ""}}));
    EXPECT_EQ(back.code, ErrorCode::Storage);
    EXPECT_EQ(back.message, "database is locked");
    EXPECT_TRUE(back.details.empty());
}

TEST(RemoteProblemTest, ProblemsWithoutCodeMapByStatus) {
    auto precondition = server::problemResponse(
        server::simpleProblem(412, "voorwaarde-mislukt", "Voorwaarde mislukt", "changed"), "/x");
    EXPECT_EQ(problemError(precondition.status, precondition.body).code, ErrorCode::Conflict);
    EXPECT_EQ(problemError(precondition.status, precondition.body).message, "changed");
    EXPECT_EQ(problemError(401, "{}").code, ErrorCode::Unauthenticated);
    EXPECT_EQ(problemError(403, "").code, ErrorCode::Forbidden);
    EXPECT_EQ(problemError(413, "not json").code, ErrorCode::InvalidInput);
    EXPECT_EQ(problemError(503, "").code, ErrorCode::Storage);
    EXPECT_NE(problemError(502, "<html>").message.find("HTTP 502"), std::string::npos);
}

}  // namespace
}  // namespace beraad::cli
