#include "render/TagSyntax.h"

#include <cctype>

namespace beraad::render {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

// Splits at '|' outside quotes, brackets and parentheses; an XPath union
// therefore has to stand in parentheses: {{ (a | b) }}.
std::vector<std::string_view> splitPipes(std::string_view text) {
    std::vector<std::string_view> parts;
    char quote = 0;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '(' || c == '[') {
            ++depth;
        } else if (c == ')' || c == ']') {
            --depth;
        } else if (c == '|' && depth == 0) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(text.substr(start));
    return parts;
}

bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

std::optional<FormatterCall> parseFormatter(std::string_view text, std::string& problem) {
    text = trim(text);
    FormatterCall call;
    call.text = std::string(text);
    size_t i = 0;
    while (i < text.size() && isNameChar(text[i]))
        ++i;
    call.name = std::string(text.substr(0, i));
    if (call.name.empty()) {
        problem = "a formatter name is expected after '|'";
        return std::nullopt;
    }
    std::string_view rest = trim(text.substr(i));
    if (rest.empty()) return call;
    if (rest.front() != '(' || rest.back() != ')') {
        problem = "formatter '" + call.name + "' is followed by '" + std::string(rest) +
                  "'; arguments go in parentheses, e.g. join(\", \")";
        return std::nullopt;
    }
    std::string_view inner = trim(rest.substr(1, rest.size() - 2));
    while (!inner.empty()) {
        if (inner.front() == '"' || inner.front() == '\'') {
            size_t close = inner.find(inner.front(), 1);
            if (close == std::string_view::npos) {
                problem = "an argument of '" + call.name + "' has no closing quote";
                return std::nullopt;
            }
            call.arguments.emplace_back(inner.substr(1, close - 1));
            inner = trim(inner.substr(close + 1));
        } else {
            size_t j = 0;
            while (j < inner.size() &&
                   (std::isdigit(static_cast<unsigned char>(inner[j])) || inner[j] == '-')) {
                ++j;
            }
            if (j == 0) {
                problem = "arguments of '" + call.name + "' are quoted text or whole numbers";
                return std::nullopt;
            }
            call.arguments.emplace_back(inner.substr(0, j));
            inner = trim(inner.substr(j));
        }
        if (inner.empty()) break;
        if (inner.front() != ',') {
            problem = "arguments of '" + call.name + "' are separated by commas";
            return std::nullopt;
        }
        inner = trim(inner.substr(1));
        if (inner.empty()) {
            problem = "an argument of '" + call.name + "' is missing after ','";
            return std::nullopt;
        }
    }
    return call;
}

bool startsWithWord(std::string_view text, std::string_view word) {
    if (!text.starts_with(word)) return false;
    return text.size() == word.size() ||
           std::isspace(static_cast<unsigned char>(text[word.size()]));
}

}  // namespace

TagScan TagSyntax::scan(std::string_view text) {
    TagScan scan;
    size_t at = 0;
    while (true) {
        size_t open = text.find("{{", at);
        if (open == std::string_view::npos) break;
        size_t close = text.find("}}", open + 2);
        size_t nextOpen = text.find("{{", open + 2);
        if (close == std::string_view::npos || nextOpen < close) {
            scan.unclosed.push_back(open);
            if (close == std::string_view::npos) break;
            at = nextOpen;
            continue;
        }
        scan.tags.push_back({open, close + 2});
        at = close + 2;
    }
    return scan;
}

std::string TagSyntax::normaliseQuotes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0xE2 && i + 2 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) == 0x80) {
            auto last = static_cast<unsigned char>(text[i + 2]);
            if (last >= 0x9C && last <= 0x9F) {  // “ ” „ ‟
                out.push_back('"');
                i += 2;
                continue;
            }
            if (last >= 0x98 && last <= 0x9B) {  // ‘ ’ ‚ ‛
                out.push_back('\'');
                i += 2;
                continue;
            }
        }
        if (byte == 0xC2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            out.push_back(' ');  // no-break space
            ++i;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

ParsedTag TagSyntax::parse(std::string_view raw, std::optional<TagSyntaxError>& error) {
    ParsedTag tag;
    std::string normalised = normaliseQuotes(raw);
    std::string_view inner(normalised);
    if (inner.starts_with("{{")) inner.remove_prefix(2);
    if (inner.ends_with("}}")) inner.remove_suffix(2);
    inner = trim(inner);
    if (inner.empty()) {
        error = TagSyntaxError{"empty-tag", "the tag holds no expression"};
        return tag;
    }
    if (inner.front() == '#') {
        std::string_view rest = trim(inner.substr(1));
        if (startsWithWord(rest, "each")) {
            tag.kind = TagKind::Each;
            rest = trim(rest.substr(4));
        } else if (startsWithWord(rest, "if")) {
            tag.kind = TagKind::If;
            rest = trim(rest.substr(2));
        } else {
            error = TagSyntaxError{"unknown-section", "a section starts with #each or #if, not '" +
                                                          std::string(inner) + "'"};
            return tag;
        }
        if (rest.empty()) {
            error = TagSyntaxError{"empty-tag", "the section names no XPath"};
            return tag;
        }
        tag.expression = std::string(rest);
        return tag;
    }
    if (inner.front() == '/') {
        // "/each" and "/if" close sections; any other leading '/' starts an absolute XPath.
        std::string_view rest = trim(inner.substr(1));
        if (rest == "each") {
            tag.kind = TagKind::EndEach;
            return tag;
        }
        if (rest == "if") {
            tag.kind = TagKind::EndIf;
            return tag;
        }
    }
    if (inner == "else") {
        tag.kind = TagKind::Else;
        return tag;
    }
    auto parts = splitPipes(inner);
    tag.kind = TagKind::Value;
    tag.expression = std::string(trim(parts.front()));
    if (tag.expression.empty()) {
        error = TagSyntaxError{"empty-tag", "the tag holds no XPath before '|'"};
        return tag;
    }
    for (size_t i = 1; i < parts.size(); ++i) {
        std::string problem;
        auto call = parseFormatter(parts[i], problem);
        if (!call) {
            error = TagSyntaxError{"formatter-arguments", problem};
            return tag;
        }
        tag.formatters.push_back(std::move(*call));
    }
    return tag;
}

}  // namespace beraad::render
