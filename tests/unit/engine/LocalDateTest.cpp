// Dates people read are Dutch calendar dates: a version saved at 23:30 UTC
// on 31 December is dated 1 January in its rendering.
#include <gtest/gtest.h>

#include "TestSupport.h"
#include "beraad/Engine.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::testing {
namespace {

class LateClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::from_time_t(1798759800);  // 2026-12-31T23:30:00Z
    }
};

TEST(LocalDate, ARenderingIsDatedInAmsterdam) {
    TempDir dir;
    Engine engine(openSqliteStore({dir.file("s.sqlite")}), std::make_shared<LateClock>());
    ASSERT_TRUE(engine.initialize().ok());
    registerTwentePartners(engine);
    NewDocument request;
    request.kind = DocumentKind::Samenwerkingsconvenant;
    request.region = "AM05";
    request.content = twenteConvenant();
    request.message = "Eerste concept";
    auto created = engine.createDocument(kwartiermaker(), request);
    ASSERT_TRUE(created.ok()) << created.error().describe();
    auto version = engine.version(auditor(), created->id, 1);
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(version->time.substr(0, 16), "2026-12-31T23:30");  // the chain keeps UTC
    auto context = engine.renderContext(auditor(), created->id, 1);
    ASSERT_TRUE(context.ok()) << context.error().describe();
    EXPECT_NE(context->find("datum=\"2027-01-01\""), std::string::npos) << context->substr(0, 600);
}

}  // namespace
}  // namespace beraad::testing
