#pragma once
// Helpers for the render tests: templates built from the unpacked sources
// in tests/golden/_skeleton with parts replaced, rendered packages opened
// again, XML normalised for comparison, and the checks every rendered
// package must pass (ODF RelaxNG and ECMA-376 wml.xsd validity, mimetype,
// manifest, unique ids, Word's update-fields flag).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "beraad/render/Render.h"
#include "beraad/render/Template.h"

namespace beraad::testing {

std::string skeletonDir(render::TemplateFormat format);

// The skeleton package of `format` with `parts` (path in package -> text)
// written over it, in a fresh folder below `root`.
std::filesystem::path writeTemplate(const std::filesystem::path& root,
                                    render::TemplateFormat format,
                                    const std::map<std::string, std::string>& parts);

// A template from the skeleton with its main part's body replaced: for
// Word the children of w:body before w:sectPr, for ODF those of office:text.
// One plain paragraph holding `text` in the body of `format`, and the part
// that holds the body ("word/document.xml" or "content.xml").
std::string plainParagraph(render::TemplateFormat format, const std::string& text);
std::string mainPartOf(render::TemplateFormat format);

render::Template templateWithBody(render::TemplateFormat format, const std::string& body);
std::string docxDocument(const std::string& body);
std::string odtContent(const std::string& body);

struct Package {
    std::vector<std::string> names;  // in zip order
    std::map<std::string, std::string> files;
    std::map<std::string, int> methods;
};
Package unzip(const std::string& bytes);

// Canonical XML (C14N 1.0, no comments) of a part, for comparisons.
std::string normalise(const std::string& xml);

// The text of a rendered main part with markup removed, paragraphs ended by
// "\n", for short assertions.
std::string plainText(const std::string& partXml, render::TemplateFormat format);

// Every rule a rendered package must keep; empty when all hold. libxml2's
// RelaxNG validation takes super-linear time on ODF tables of thousands of
// rows, so tests of huge output validate a small rendering of the same
// template instead (validateSchema = false here).
std::vector<std::string> packageFailures(const std::string& bytes, render::TemplateFormat format,
                                         bool validateSchema = true);

// Problems of an ODF part against the ODF 1.3 RelaxNG schema in ../shared;
// odfSchemasAvailable() tells whether the schemas are there.
bool odfSchemasAvailable();
std::vector<std::string> validateOdf(const std::string& xml, bool manifest);

// One line per problem: "code | part, paragraph N, tag as typed".
std::string describe(const std::vector<render::TemplateProblem>& problems);
std::string describe(const Error& error);

}  // namespace beraad::testing
