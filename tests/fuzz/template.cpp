// Fuzz target: the template tag scanner and compiler (beraad/render), then
// rendering what compiles against a fixed content. The first byte chooses
// what the rest is: 'D' the word/document.xml of a Word template, 'O' the
// content.xml of an ODF one (both in the skeleton of tests/golden), anything
// else a whole template package (a zip: "PK" starts one). What renders
// must be a package that opens again.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "FuzzSupport.h"
#include "beraad/render/Render.h"
#include "beraad/render/Template.h"
#include "package/ZipReader.h"

namespace {

using namespace beraad;

struct Fixed {
    fuzz::Files docx = fuzz::readSourceTree("tests/golden/_skeleton/docx");
    fuzz::Files odt = fuzz::readSourceTree("tests/golden/_skeleton/odt");
    std::string content = fuzz::readSourceFile("tests/golden/values/content.xml");
};

// A rendering, when there is one, must be a package that opens again.
void checkRendered(const Result<std::string>& rendered) {
    if (!rendered || package::ZipReader::entries(*rendered)) return;
    std::fprintf(stderr, "template: the rendered package does not open\n");
    std::abort();
}

const Fixed& fixed() {
    static const Fixed data;
    return data;
}

std::string packageFor(std::string_view input) {
    if (input.empty()) return {};
    std::string part(input.substr(1));
    if (input[0] == 'D') {
        return fuzz::zipOf(fuzz::withFile(fixed().docx, "word/document.xml", std::move(part)));
    }
    if (input[0] == 'O') {
        return fuzz::zipOf(fuzz::withFile(fixed().odt, "content.xml", std::move(part)));
    }
    return std::string(input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto loaded = render::Template::fromPackage(packageFor(fuzz::asText(data, size)));
    if (!loaded) return 0;
    render::lint(*loaded);
    render::listTags(*loaded);
    if (!loaded->problems().empty()) return 0;
    render::RenderOptions options;
    options.compressionLevel = 1;
    checkRendered(render::render(*loaded, fixed().content, options));
    options.missingValuesAsEmpty = true;
    checkRendered(render::render(*loaded, fixed().content, options));
    return 0;
}
