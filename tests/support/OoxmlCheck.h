#pragma once
// Validation of WordprocessingML parts against the ECMA-376 transitional
// schemas in ../shared/schemas/ooxml, the way a consumer reads them: first
// Markup Compatibility (ECMA-376 part 3) is applied, i.e. attributes and
// elements of the namespaces an mc:Ignorable lists are dropped and every
// mc:AlternateContent is replaced by its mc:Fallback; then the part is
// validated against wml.xsd. Word's own extensions (w14:paraId, w15:...)
// are ignorable, so they never count as errors; anything else the schema
// does not allow (wrong child order, unknown elements) does.

#include <string>
#include <vector>

namespace beraad::testing {

bool ooxmlSchemasAvailable();

// Problems of one part ("word/document.xml", ...) with their line numbers;
// empty when it validates.
std::vector<std::string> validateWordPart(const std::string& xml);

// Problems of every WordprocessingML part of a .docx package (document,
// headers, footers, notes, numbering, styles, settings, font table), each
// prefixed with the part's name.
std::vector<std::string> validateDocx(const std::string& packageBytes);

}  // namespace beraad::testing
