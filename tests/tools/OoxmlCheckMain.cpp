// beraad-ooxml-check FILE.docx...: validates the WordprocessingML parts of
// each package against ECMA-376 wml.xsd after Markup Compatibility
// processing (tests/support/OoxmlCheck.h). Prints every problem; exits 1
// when any package is invalid, 77 when the schemas are absent, 2 on usage.
#include <fstream>
#include <iostream>
#include <sstream>

#include "OoxmlCheck.h"

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help") {
        std::cerr << "usage: beraad-ooxml-check FILE.docx...\n";
        return 2;
    }
    if (!beraad::testing::ooxmlSchemasAvailable()) {
        std::cerr << "beraad-ooxml-check: ../shared/schemas/ooxml/wml.xsd is absent\n";
        return 77;
    }
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::cerr << argv[i] << ": cannot be read\n";
            status = 1;
            continue;
        }
        std::stringstream bytes;
        bytes << in.rdbuf();
        auto problems = beraad::testing::validateDocx(bytes.str());
        for (const auto& problem : problems)
            std::cout << argv[i] << ": " << problem << "\n";
        if (!problems.empty()) status = 1;
    }
    return status;
}
