#include "beraad/render/Render.h"

#include <algorithm>
#include <optional>

#include "render/CompiledTemplate.h"
#include "render/ContentTree.h"
#include "render/PartRenderer.h"
#include "xml/Xml.h"

namespace beraad::render {
namespace {

std::vector<ErrorDetail> details(const std::vector<TemplateProblem>& problems) {
    std::vector<ErrorDetail> out;
    for (const TemplateProblem& problem : problems) {
        std::string where = problem.part;
        if (problem.paragraph > 0) where += ", paragraph " + std::to_string(problem.paragraph);
        if (!problem.tag.empty()) where += ", " + problem.tag;
        out.push_back({problem.code + ": " + problem.message, std::nullopt, where});
    }
    return out;
}

}  // namespace

Error toError(const std::vector<TemplateProblem>& problems, std::string message) {
    return makeError(ErrorCode::InvalidInput, std::move(message), details(problems));
}

std::string_view toString(TagKind kind) {
    switch (kind) {
        case TagKind::Value:
            return "value";
        case TagKind::Each:
            return "each";
        case TagKind::If:
            return "if";
        case TagKind::Else:
            return "else";
        case TagKind::EndEach:
            return "end-each";
        case TagKind::EndIf:
            return "end-if";
    }
    return "value";
}

std::vector<TemplateProblem> lint(const Template& tmpl) {
    return tmpl.problems();
}

std::vector<TagUse> listTags(const Template& tmpl) {
    return tmpl.tags();
}

Result<std::string> render(const Template& tmpl, std::string_view contentXml,
                           const RenderOptions& options) {
    const Template::Compiled& compiled = tmpl.compiled();
    if (!compiled.problems.empty()) {
        return toError(compiled.problems, "the template " + compiled.name + " has " +
                                              std::to_string(compiled.problems.size()) +
                                              " problem(s)");
    }
    // Plain paths read the compact tree straight from the text; XPath, or
    // content the strict reader leaves alone, needs libxml2's document.
    std::optional<ContentTree> tree;
    if (!PartRenderer::needsXPath(compiled.program)) tree = ContentTree::parse(contentXml);
    xml::Parsed dom;
    if (!tree) {
        dom = xml::parseUntrustedReadOnly(contentXml);
        if (!dom.doc) {
            return makeError(ErrorCode::InvalidContent, "the content is not well-formed XML",
                             std::move(dom.problems));
        }
        tree = ContentTree::fromDom(dom.doc.get());
    }
    int level = std::clamp(options.compressionLevel, 1, 9);
    PartRenderer renderer(compiled.program, *tree, dom.doc.get(), options);
    package::ZipWriter writer;
    size_t estimate = 4096;
    for (const auto& item : compiled.items)
        estimate += item.part < 0 ? item.packed.raw.size() : 0;
    writer.reserve(estimate + contentXml.size());
    const Template::Compiled::Item* numbering = nullptr;
    for (const auto& item : compiled.items) {
        if (item.numbering) {
            numbering = &item;
            continue;
        }
        if (item.part < 0) {
            writer.add(item.packed);
            continue;
        }
        // Once a problem is known the package is not kept: render on to
        // collect every problem, but compress nothing more.
        bool keep = renderer.problems().empty();
        if (keep) writer.begin(item.name, level);
        renderer.render(compiled.program.parts[static_cast<size_t>(item.part)],
                        [&](std::string_view chunk) {
                            if (keep) writer.write(chunk);
                        });
        if (keep) writer.end();
    }
    if (numbering != nullptr) {
        if (renderer.listClones().empty()) {
            writer.add(numbering->packed);
        } else {
            writer.begin(numbering->name, level);
            writer.write(compiled.program.numbering->render(renderer.listClones()));
            writer.end();
        }
    }
    auto problems = renderer.problems();
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidContent,
                         "the content does not fit the template " + compiled.name + ": " +
                             std::to_string(problems.size()) + " problem(s)",
                         details(problems));
    }
    return writer.finish();
}

}  // namespace beraad::render
