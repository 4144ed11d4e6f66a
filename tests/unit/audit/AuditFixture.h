#pragma once
// A store holding one convenant with a few versions, and exports of it.

#include <sstream>

#include "../engine/EngineFixture.h"

namespace beraad::testing {

class AuditTest : public EngineTest {
  protected:
    // The convenant with `versions` versions in all.
    Document convenantWithVersions(int versions) {
        Document document = createConvenant();
        for (int number = 2; number <= versions; ++number) {
            edit(document.id, number - 1, "binnen vijf werkdagen",
                 "binnen " + std::to_string(number) + " werkdagen");
        }
        return document;
    }

    std::string exported(ExportRequest request, const Actor& actor = auditor()) {
        std::ostringstream out;
        auto summary = engine().exportHistory(actor, request, out);
        EXPECT_TRUE(summary.ok()) << summary.error().describe();
        return out.str();
    }

    static ExportRequest documentRequest(const std::string& id, ExportFormat format) {
        ExportRequest request;
        request.documentId = id;
        request.format = format;
        return request;
    }
};

}  // namespace beraad::testing
