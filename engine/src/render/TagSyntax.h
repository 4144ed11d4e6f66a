#pragma once
// The tag language inside `{{ }}`: finding tags in a paragraph's text and
// reading one tag. Knows nothing about XML packages or XPath evaluation.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/render/Template.h"

namespace beraad::render {

struct FormatterCall {
    std::string name;
    std::vector<std::string> arguments;
    std::string text;  // as written, for listing
};

struct ParsedTag {
    TagKind kind = TagKind::Value;
    std::string expression;
    std::vector<FormatterCall> formatters;
};

struct TagSyntaxError {
    std::string code;
    std::string message;
};

struct FoundTag {
    size_t begin = 0;  // byte offsets in the paragraph text; end is past "}}"
    size_t end = 0;
};

struct TagScan {
    std::vector<FoundTag> tags;
    std::vector<size_t> unclosed;  // offsets of "{{" without a matching "}}"
};

class TagSyntax {
  public:
    static TagScan scan(std::string_view paragraphText);
    // Reads "{{ ... }}" as typed; Word's curly quotes and no-break spaces are
    // read as straight quotes and spaces.
    static ParsedTag parse(std::string_view raw, std::optional<TagSyntaxError>& error);
    static std::string normaliseQuotes(std::string_view text);
};

}  // namespace beraad::render
