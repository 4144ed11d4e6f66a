#include "base/Text.h"

#include <cstdio>

namespace beraad::text {
namespace {

constexpr unsigned long kInvalid = 0xFFFFFFFF;

// The code point at `i` and its length in bytes; kInvalid for bytes that are
// no well-formed UTF-8.
std::pair<unsigned long, size_t> decode(std::string_view text, size_t i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) return {byte, 1};
    size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
    if (length == 0 || byte > 0xF4 || i + length > text.size()) return {kInvalid, 1};
    unsigned long code = byte & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
        auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return {kInvalid, 1};
        code = (code << 6) | (next & 0x3F);
    }
    bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                    (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {kInvalid, 1};
    return {code, length};
}

bool isBidiControl(unsigned long code) {
    return (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

std::string name(unsigned long code) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04lX", code);
    return buffer;
}

}  // namespace

std::optional<std::string> problem(std::string_view text, Lines lines) {
    size_t position = 0;
    for (size_t i = 0; i < text.size();) {
        auto [code, length] = decode(text, i);
        ++position;
        std::string at = " at character " + std::to_string(position);
        if (code == kInvalid) return "invalid UTF-8" + at;
        bool lineBreak = code == '\t' || code == '\n' || code == '\r';
        if ((code < 0x20 && !(lineBreak && lines == Lines::Allowed)) ||
            (code >= 0x7F && code <= 0x9F)) {
            return "the control character " + name(code) + at;
        }
        if (code == 0xFFFE || code == 0xFFFF) return "the non-character " + name(code) + at;
        if (isBidiControl(code)) {
            return "the bidirectional control " + name(code) + at +
                   ", which makes the text display otherwise than it reads";
        }
        i += length;
    }
    return std::nullopt;
}

std::optional<ErrorDetail> bidiControl(std::string_view text) {
    int line = 1;
    for (size_t i = 0; i < text.size();) {
        auto [code, length] = decode(text, i);
        if (code == '\n') ++line;
        if (code != kInvalid && isBidiControl(code)) {
            return ErrorDetail{"the content holds the bidirectional control " + name(code) +
                                   ", which makes the text display otherwise than it reads",
                               line, "inhoud"};
        }
        i += length;
    }
    return std::nullopt;
}

FieldCheck& FieldCheck::add(const std::string& field, std::string_view text, Lines lines) {
    std::size_t budget = lines == Lines::Single ? kMaxLineCharacters : kMaxTextCharacters;
    // Counted in characters (UTF-8 lead bytes) after a cheap bound in bytes.
    if (text.size() > budget) {
        std::size_t characters = 0;
        for (char byte : text)
            if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) ++characters;
        if (characters > budget) {
            problems_.push_back({field + " is " + std::to_string(characters) +
                                     " characters long, more than the " + std::to_string(budget) +
                                     " allowed",
                                 std::nullopt, field});
            return *this;
        }
    }
    if (auto found = problem(text, lines)) {
        problems_.push_back({field + " holds " + *found, std::nullopt, field});
    }
    return *this;
}

}  // namespace beraad::text
