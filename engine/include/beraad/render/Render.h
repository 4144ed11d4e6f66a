#pragma once
// Rendering binds a Template to one version's content XML and produces the
// bytes of a .docx or .odt. Tags are described in docs/templates.md:
// `{{ xpath }}`, `{{ xpath | formatter }}`, `{{#each xpath}}...{{/each}}`,
// `{{#if xpath}}...{{else}}...{{/if}}`, XPath 1.0 evaluated by libxml2
// relative to the root element (or the current item inside #each).
//
// render() refuses, with every problem at once in Error::details:
//  - a template with problems (ErrorCode::InvalidInput),
//  - content that is not well-formed XML (ErrorCode::InvalidContent),
//  - values that cannot be rendered: a missing value (unless
//    missingValuesAsEmpty), a date or number a formatter cannot read, a
//    character XML cannot carry (ErrorCode::InvalidContent).
// Each detail's `where` reads "<part>, paragraph <n>, <tag as typed>" and its
// message starts with the problem's stable code.

#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/render/Template.h"

namespace beraad::render {

struct RenderOptions {
    // A value whose XPath selects nothing renders as empty text instead of
    // being an error. Never renders a placeholder such as "undefined".
    bool missingValuesAsEmpty = false;
    // zlib level for the parts that are rebuilt (1 fastest .. 9 smallest).
    int compressionLevel = 6;
};

Result<std::string> render(const Template& tmpl, std::string_view contentXml,
                           const RenderOptions& options = {});

// Every problem in the template, found without content.
std::vector<TemplateProblem> lint(const Template& tmpl);

// Every tag in the template, in document order per part.
std::vector<TagUse> listTags(const Template& tmpl);

// The problems as one Error (ErrorCode::InvalidInput), as render() reports them.
Error toError(const std::vector<TemplateProblem>& problems, std::string message);

std::string_view toString(TagKind kind);

}  // namespace beraad::render
