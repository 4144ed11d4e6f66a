#pragma once
// Dutch formatting of values: dates ("1 januari 2026", "01-01-2026"),
// amounts ("€ 1.234.567,89", "€ 910.129"), percentages ("12,5%"), numbers
// ("1.234,5"), case, and joining a list. Numbers are handled as decimal text,
// so amounts are rounded exactly (half away from zero), never through binary
// floating point.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/TagSyntax.h"

namespace beraad::render {

// What a tag's XPath produced: one text, or the texts of every selected
// node (kept when a formatter such as join needs the whole list).
struct Value {
    std::vector<std::string> items;
    bool list = false;
    const std::string& first() const;
};

struct FormatterError {
    std::string code;  // "unknown-formatter", "formatter-arguments", "formatter-input"
    std::string message;
};

class Formatters {
  public:
    // Checks name and arguments when the template is compiled.
    static std::optional<FormatterError> check(const FormatterCall& call);
    // True when the formatter reads every selected node, not only the first.
    static bool takesList(const FormatterCall& call);
    static std::optional<FormatterError> apply(const FormatterCall& call, Value& value);

    static std::optional<std::string> longDate(std::string_view isoDate);
    static std::optional<std::string> shortDate(std::string_view isoDate);
    // `decimals` < 0 keeps the decimals the input has (trailing zeros dropped).
    static std::optional<std::string> number(std::string_view decimal, int decimals);
    static std::optional<std::string> euro(std::string_view decimal, bool wholeEuros);
    static std::optional<std::string> percent(std::string_view decimal, int decimals);
    static std::string upper(std::string_view text);
    static std::string lower(std::string_view text);
    static std::vector<std::string_view> names();
};

}  // namespace beraad::render
