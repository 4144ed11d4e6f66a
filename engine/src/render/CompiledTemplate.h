#pragma once
// What a loaded Template holds: the package's entries in order, each either
// packed once at load (and copied into every rendered package) or a part
// compiled into a program.

#include <string>
#include <vector>

#include "beraad/render/Template.h"
#include "render/Program.h"
#include "package/ZipWriter.h"

namespace beraad::render {

struct Template::Compiled {
    TemplateFormat format = TemplateFormat::Docx;
    std::string name;
    std::vector<TemplateProblem> problems;
    std::vector<TagUse> tags;
    Program program;

    struct Item {
        std::string name;
        int part = -1;                // index into program.parts, or -1 for a packed entry
        package::PackedEntry packed;  // when part < 0
        // Word's numbering part with restarting lists: written after every
        // rendered part, with the lists the copies started (program.numbering).
        bool numbering = false;
    };
    std::vector<Item> items;
};

}  // namespace beraad::render
