// Fuzz target: an uploaded content XML as the engine reads it (identify its
// kind, then parse as untrusted text and validate against that kind's XSD),
// and the promises of beraad/content/Content.h on what it accepts: the
// canonical form is a fixed point, and the indented form for editing gives
// the same canonical form and hash again.

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "FuzzSupport.h"
#include "beraad/content/Content.h"

namespace {

void fail(const char* what) {
    std::fprintf(stderr, "content_xml: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace beraad;
    auto text = fuzz::asText(data, size);
    auto identity = identifyContent(text);
    DocumentKind kind = identity ? identity->kind : DocumentKind::Samenwerkingsconvenant;
    auto content = validateContent(kind, text);
    if (!content) return 0;

    auto again = validateContent(kind, content->canonicalXml);
    if (!again) fail("the canonical form of valid content is refused");
    if (again->canonicalXml != content->canonicalXml || again->hash != content->hash) {
        fail("the canonical form is not a fixed point");
    }
    auto indented = indentContent(content->canonicalXml);
    if (!indented) fail("valid content cannot be indented");
    auto edited = validateContent(kind, *indented);
    if (!edited) fail("the indented form of valid content is refused");
    if (edited->hash != content->hash) fail("the indented form has another hash");
    return 0;
}
