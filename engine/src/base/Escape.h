#pragma once
// Escaping for the XML the renderer writes.

#include <string>
#include <string_view>

namespace beraad {

// The entity for a character that must be escaped, or null. Attribute
// values also escape quotes and the white space that attribute-value
// normalisation would otherwise fold.
inline const char* escapeFor(char c, bool inAttribute) {
    switch (c) {
        case '&':
            return "&amp;";
        case '<':
            return "&lt;";
        case '>':
            return "&gt;";
        case '\r':
            return "&#13;";
        case '"':
            return inAttribute ? "&quot;" : nullptr;
        case '\n':
            return inAttribute ? "&#10;" : nullptr;
        case '\t':
            return inAttribute ? "&#9;" : nullptr;
        default:
            return nullptr;
    }
}

inline void appendEscaped(std::string& out, std::string_view text, bool inAttribute) {
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char* replacement = escapeFor(text[i], inAttribute);
        if (replacement == nullptr) continue;
        out.append(text.data() + start, i - start);
        out.append(replacement);
        start = i + 1;
    }
    out.append(text.data() + start, text.size() - start);
}

inline void appendEscapedText(std::string& out, std::string_view text) {
    appendEscaped(out, text, false);
}

inline void appendEscapedAttribute(std::string& out, std::string_view text) {
    appendEscaped(out, text, true);
}

// The first code point XML 1.0 cannot carry (or that is not valid UTF-8),
// as "U+0001"; empty when every character is allowed.
inline std::string firstForbiddenCharacter(std::string_view text) {
    auto hex = [](unsigned long value) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "U+%04lX", value);
        return std::string(buffer);
    };
    for (size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return hex(byte);
            ++i;
            continue;
        }
        size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
        if (length == 0 || byte > 0xF4 || i + length > text.size()) return "invalid UTF-8";
        unsigned long code = byte & (0x7F >> length);
        for (size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return "invalid UTF-8";
            code = (code << 6) | (next & 0x3F);
        }
        bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                        (length == 4 && code < 0x10000);
        if (overlong || code > 0x10FFFF) return "invalid UTF-8";
        if ((code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF) {
            return hex(code);
        }
        i += length;
    }
    return {};
}

}  // namespace beraad
