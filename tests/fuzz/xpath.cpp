// Fuzz target: XPath expressions in tags, compiled and evaluated against a
// small fixed content (tests/golden/values/content.xml). The first byte
// chooses the tag ({{ x }}, {{#each x}}, {{#if x}}, or a value with a
// formatter), the rest is the expression, escaped into one paragraph of a
// Word template. Expressions that are plain paths take the content tree,
// others libxml2's XPath; both are reached.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "FuzzSupport.h"
#include "base/Escape.h"
#include "beraad/render/Render.h"
#include "beraad/render/Template.h"
#include "package/ZipReader.h"

namespace {

using namespace beraad;

struct Fixed {
    fuzz::Files docx = fuzz::readSourceTree("tests/golden/_skeleton/docx");
    std::string content = fuzz::readSourceFile("tests/golden/values/content.xml");
};

const Fixed& fixed() {
    static const Fixed data;
    return data;
}

std::string paragraph(const std::string& text) {
    std::string out = "<w:p><w:r><w:t xml:space=\"preserve\">";
    appendEscapedText(out, text);
    return out + "</w:t></w:r></w:p>";
}

std::string body(uint8_t choice, const std::string& expression) {
    switch (choice % 4) {
        case 0:
            return paragraph("{{ " + expression + " }}");
        case 1:
            return paragraph("{{#each " + expression + "}}") + paragraph("{{ . }}") +
                   paragraph("{{/each}}");
        case 2:
            return paragraph("{{#if " + expression + "}}") + paragraph("ja") +
                   paragraph("{{else}}") + paragraph("nee") + paragraph("{{/if}}");
        default:
            return paragraph("{{ " + expression + " | upper }}");
    }
}

std::string document(const std::string& bodyXml) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<w:body>" +
           bodyXml + "<w:sectPr/></w:body></w:document>";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string expression(fuzz::asText(data + 1, size - 1));
    auto part = document(body(data[0], expression));
    auto loaded = render::Template::fromPackage(
        fuzz::zipOf(fuzz::withFile(fixed().docx, "word/document.xml", part)));
    if (!loaded || !loaded->problems().empty()) return 0;
    render::RenderOptions options;
    options.compressionLevel = 1;
    options.missingValuesAsEmpty = (data[0] & 4) != 0;
    auto rendered = render::render(*loaded, fixed().content, options);
    if (rendered && !package::ZipReader::entries(*rendered)) {
        std::fprintf(stderr, "xpath: the rendered package does not open\n");
        std::abort();
    }
    return 0;
}
