#include "render/ContentTree.h"

#include <array>
#include <cstring>

namespace beraad::render {
namespace {

// Character classes, one table lookup each.
enum : uint8_t {
    kSpace = 1,
    kNameStart = 2,    // ASCII letters and '_' (no ':': names with prefixes are libxml2's)
    kNameChar = 4,     // the above, digits, '-' and '.'
    kTextSpecial = 8,  // what ends or changes plain character data: < & ] CR
};

constexpr std::array<uint8_t, 256> classes() {
    std::array<uint8_t, 256> table{};
    for (char c : {' ', '\n', '\t', '\r'})
        table[static_cast<uint8_t>(c)] |= kSpace;
    for (int c = 0; c < 256; ++c) {
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (letter) table[c] |= kNameStart | kNameChar;
        if ((c >= '0' && c <= '9') || c == '-' || c == '.') table[c] |= kNameChar;
    }
    for (char c : {'<', '&', ']', '\r'})
        table[static_cast<uint8_t>(c)] |= kTextSpecial;
    return table;
}

constexpr std::array<uint8_t, 256> kClasses = classes();

bool is(char c, uint8_t kind) {
    return (kClasses[static_cast<uint8_t>(c)] & kind) != 0;
}

bool isSpace(char c) {
    return is(c, kSpace);
}

bool isNameStart(char c) {
    return is(c, kNameStart);
}

bool isNameChar(char c) {
    return is(c, kNameChar);
}

bool isLegalCodePoint(uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Every byte sequence is UTF-8 for a character XML 1.0 allows.
bool legalCharacters(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        // Eight plain ASCII bytes at a time: no high bit, none below 0x20.
        if (i + 8 <= n) {
            uint64_t word;
            std::memcpy(&word, s + i, 8);
            constexpr uint64_t kHigh = 0x8080808080808080ull;
            constexpr uint64_t kSpaces = 0x2020202020202020ull;
            if (((word | ((word - kSpaces) & ~word)) & kHigh) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
            ++i;
            continue;
        }
        size_t length;
        uint32_t code;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
            code = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            code = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + length > n) return false;
        for (size_t k = 1; k < length; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            code = (code << 6) | (s[i + k] & 0x3F);
        }
        bool shortest =
            (length == 2) || (length == 3 && code >= 0x800) || (length == 4 && code >= 0x10000);
        if (!shortest || !isLegalCodePoint(code)) return false;
        i += length;
    }
    return true;
}

template <typename Out>
void appendUtf8(Out& out, uint32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

// "lt;", "#233;", "#xE9;" after an '&': the character, appended.
template <typename Out>
bool appendReference(std::string_view reference, Out& out) {
    if (reference == "lt") {
        out.push_back('<');
    } else if (reference == "gt") {
        out.push_back('>');
    } else if (reference == "amp") {
        out.push_back('&');
    } else if (reference == "apos") {
        out.push_back('\'');
    } else if (reference == "quot") {
        out.push_back('"');
    } else if (reference.size() >= 2 && reference[0] == '#') {
        bool hex = reference[1] == 'x';
        std::string_view digits = reference.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > 8) return false;
        uint32_t code = 0;
        for (char c : digits) {
            uint32_t digit;
            if (c >= '0' && c <= '9') {
                digit = static_cast<uint32_t>(c - '0');
            } else if (hex && c >= 'a' && c <= 'f') {
                digit = static_cast<uint32_t>(c - 'a' + 10);
            } else if (hex && c >= 'A' && c <= 'F') {
                digit = static_cast<uint32_t>(c - 'A' + 10);
            } else {
                return false;
            }
            code = code * (hex ? 16 : 10) + digit;
        }
        if (!isLegalCodePoint(code)) return false;
        appendUtf8(out, code);
    } else {
        return false;  // an entity of a DTD, which content has none of
    }
    return true;
}

}  // namespace

// A strict reader: anything outside the XML content is written in, or any
// doubt, declines (returns false) and libxml2 takes over.
class ContentTree::Parser {
  public:
    Parser(std::string_view xml, ContentTree& tree) : s_(xml), tree_(tree) {}

    bool run() {
        // Larger content is left to libxml2, whose limits (such as 10 MB of
        // distinct names) then cannot be reached here unnoticed.
        if (s_.size() > kMaxInput || !legalCharacters(s_)) return false;
        tree_.arena_.bytes = std::make_unique_for_overwrite<char[]>(s_.size());
        tree_.arena_.capacity = s_.size();
        tree_.nodes_.reserve(s_.size() / 16 + 4);
        tree_.nodes_.push_back(Node{{}, {}, kNone, kNone, kNone, Kind::Document, false, nullptr});
        if (!declaration() || !misc()) return false;
        if (!startsWith("<") || p_ + 1 >= s_.size() || !isNameStart(s_[p_ + 1])) return false;
        if (!elements()) return false;
        return misc() && p_ == s_.size();
    }

  private:
    struct Open {
        Index node;
        std::string_view name;
        Index lastChild;
    };

    bool startsWith(std::string_view text) const { return s_.substr(p_).starts_with(text); }

    bool skipSpace() {
        size_t start = p_;
        while (p_ < s_.size() && isSpace(s_[p_]))
            ++p_;
        return p_ > start;
    }

    bool name(std::string_view& out) {
        size_t start = p_;
        if (p_ >= s_.size() || !isNameStart(s_[p_])) return false;
        while (p_ < s_.size() && isNameChar(s_[p_]))
            ++p_;
        // A colon (namespaces) or any non-ASCII name character: libxml2's.
        if (p_ < s_.size() && (s_[p_] == ':' || static_cast<unsigned char>(s_[p_]) >= 0x80)) {
            return false;
        }
        out = s_.substr(start, p_ - start);
        return out.size() <= 1000;
    }

    bool quoted(std::string_view& out) {
        if (p_ >= s_.size() || (s_[p_] != '"' && s_[p_] != '\'')) return false;
        size_t end = s_.find(s_[p_], p_ + 1);
        if (end == std::string_view::npos) return false;
        out = s_.substr(p_ + 1, end - p_ - 1);
        p_ = end + 1;
        return true;
    }

    bool equals() {
        skipSpace();
        if (p_ >= s_.size() || s_[p_] != '=') return false;
        ++p_;
        skipSpace();
        return true;
    }

    // <?xml version="1.0" encoding="UTF-8" standalone="yes"?>, or nothing.
    bool declaration() {
        if (!startsWith("<?xml") || p_ + 5 >= s_.size() || !isSpace(s_[p_ + 5])) return true;
        p_ += 5;
        std::string_view key;
        std::string_view value;
        skipSpace();
        if (!name(key) || key != "version" || !equals() || !quoted(value) || value != "1.0") {
            return false;
        }
        bool spaced = skipSpace();
        if (spaced && startsWith("encoding")) {
            if (!name(key) || key != "encoding" || !equals() || !quoted(value)) return false;
            if (value != "UTF-8" && value != "utf-8") return false;
            spaced = skipSpace();
        }
        if (spaced && startsWith("standalone")) {
            if (!name(key) || key != "standalone" || !equals() || !quoted(value)) return false;
            if (value != "yes" && value != "no") return false;
            skipSpace();
        }
        if (!startsWith("?>")) return false;
        p_ += 2;
        return true;
    }

    // Whitespace, comments and processing instructions around the root.
    bool misc() {
        for (;;) {
            skipSpace();
            if (startsWith("<!--")) {
                if (!comment()) return false;
            } else if (startsWith("<?")) {
                if (!instruction()) return false;
            } else {
                return true;
            }
        }
    }

    bool comment() {
        size_t end = s_.find("--", p_ + 4);
        if (end == std::string_view::npos || end + 2 >= s_.size() || s_[end + 2] != '>') {
            return false;  // unterminated, or "--" inside
        }
        p_ = end + 3;
        return true;
    }

    bool instruction() {
        p_ += 2;
        std::string_view target;
        if (!name(target)) return false;
        if (target.size() == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' &&
            (target[2] | 0x20) == 'l') {
            return false;  // reserved
        }
        if (startsWith("?>")) {
            p_ += 2;
            return true;
        }
        if (!skipSpace()) return false;
        size_t end = s_.find("?>", p_);
        if (end == std::string_view::npos) return false;
        p_ = end + 2;
        return true;
    }

    Index add(Node node) {
        if (tree_.nodes_.size() >= 0xfffffff0u) return kNone;
        tree_.nodes_.push_back(node);
        return static_cast<Index>(tree_.nodes_.size() - 1);
    }

    void link(Open& parent, Index child) {
        if (parent.lastChild == kNone) {
            tree_.nodes_[parent.node].firstChild = child;
        } else {
            tree_.nodes_[parent.lastChild].nextSibling = child;
        }
        parent.lastChild = child;
    }

    // Decodes references and line ends of raw text into the arena (an
    // attribute value also turns white space into spaces).
    bool decodeInto(std::string_view raw, bool attribute) {
        Arena& out = tree_.arena_;
        for (size_t i = 0; i < raw.size(); ++i) {
            char c = raw[i];
            if (c == '&') {
                size_t end = raw.find(';', i + 1);
                if (end == std::string_view::npos || end - i > 12) return false;
                if (!appendReference(raw.substr(i + 1, end - i - 1), out)) return false;
                i = end;
            } else if (c == '\r') {
                if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
                out.push_back(attribute ? ' ' : '\n');
            } else if (attribute && (c == '\n' || c == '\t')) {
                out.push_back(' ');
            } else {
                out.push_back(c);
            }
        }
        return true;
    }

    static bool plain(std::string_view raw, bool attribute) {
        for (char c : raw) {
            if (c == '&' || c == '\r' || (attribute && (c == '\n' || c == '\t'))) return false;
        }
        return true;
    }

    // Text as it stands in the arena from `start` on.
    std::string_view arenaFrom(size_t start) const { return tree_.arena_.from(start); }

    bool fits(size_t more) const { return tree_.arena_.size + more <= tree_.arena_.capacity; }

    // A piece of character data (raw text, or a CDATA section's content):
    // joined to the text node before it, as libxml2 joins them.
    // `direct`: nothing in raw to decode, so the node can point into the source.
    bool text(Open& parent, std::string_view raw, bool cdata, bool direct) {
        if (raw.empty()) return true;
        Index last = parent.lastChild;
        if (last != kNone && tree_.nodes_[last].kind == Kind::Text) {
            // The joined text goes to the arena, where the previous piece
            // already ends unless it still points into the source.
            Node& previous = tree_.nodes_[last];
            bool inArena = last == arenaTail_;
            size_t start = inArena ? tree_.arena_.size - previous.text.size() : tree_.arena_.size;
            if (!fits((inArena ? 0 : previous.text.size()) + raw.size())) return false;
            if (!inArena) tree_.arena_.append(previous.text);
            if (!append(raw, cdata)) return false;
            previous.text = arenaFrom(start);
            arenaTail_ = last;
            return previous.text.size() <= kMaxText;
        }
        std::string_view value = raw;
        if (!direct) {
            if (!fits(raw.size())) return false;
            size_t start = tree_.arena_.size;
            if (!append(raw, cdata)) return false;
            value = arenaFrom(start);
        }
        if (value.size() > kMaxText) return false;
        Index node = add(Node{{}, value, kNone, kNone, kNone, Kind::Text, false, nullptr});
        if (node == kNone) return false;
        link(parent, node);
        if (!direct) arenaTail_ = node;
        return true;
    }

    bool append(std::string_view raw, bool cdata) {
        if (!cdata) return decodeInto(raw, false);
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\r') {
                if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
                tree_.arena_.push_back('\n');
            } else {
                tree_.arena_.push_back(raw[i]);
            }
        }
        return true;
    }

    // A start tag at p_ ('<' then a name): the element and its attributes.
    // Sets `empty` for <name/>.
    bool startTag(std::vector<Open>& open, bool& empty) {
        ++p_;
        std::string_view elementName;
        if (!name(elementName)) return false;
        Index element =
            add(Node{elementName, {}, kNone, kNone, kNone, Kind::Element, false, nullptr});
        if (element == kNone) return false;
        if (open.empty()) {
            tree_.nodes_[0].firstChild = element;
            tree_.documentElement_ = element;
        } else {
            link(open.back(), element);
        }
        Index lastAttribute = kNone;
        int count = 0;
        for (;;) {
            bool spaced = skipSpace();
            char c = p_ < s_.size() ? s_[p_] : '\0';
            if (c == '/' && p_ + 1 < s_.size() && s_[p_ + 1] == '>') {
                p_ += 2;
                empty = true;
                break;
            }
            if (c == '>') {
                ++p_;
                empty = false;
                break;
            }
            std::string_view key;
            std::string_view raw;
            if (!spaced || !name(key) || key == "xmlns" || !equals() || !quoted(raw)) return false;
            if (raw.find('<') != std::string_view::npos || ++count > 256) return false;
            for (Index a = tree_.nodes_[element].firstAttribute; a != kNone;
                 a = tree_.nodes_[a].nextSibling) {
                if (tree_.nodes_[a].name == key) return false;  // twice
            }
            std::string_view value = raw;
            if (!plain(raw, true)) {
                if (!fits(raw.size())) return false;
                size_t start = tree_.arena_.size;
                if (!decodeInto(raw, true)) return false;
                value = arenaFrom(start);
                arenaTail_ = kNone;
            }
            if (value.size() > kMaxText) return false;
            Index attribute =
                add(Node{key, value, kNone, kNone, kNone, Kind::Attribute, false, nullptr});
            if (attribute == kNone) return false;
            if (lastAttribute == kNone) {
                tree_.nodes_[element].firstAttribute = attribute;
            } else {
                tree_.nodes_[lastAttribute].nextSibling = attribute;
            }
            lastAttribute = attribute;
        }
        if (!empty) {
            if (static_cast<int>(open.size()) >= kMaxDepth) return false;
            open.push_back({element, elementName, kNone});
        }
        return true;
    }

    // The root element and everything in it.
    bool elements() {
        std::vector<Open> open;
        bool empty = false;
        if (!startTag(open, empty)) return false;
        const size_t n = s_.size();
        while (!open.empty()) {
            // Character data up to the next '<': plain unless it holds a
            // reference or a CR; "]]>" may not appear in it.
            size_t i = p_;
            bool plainText = true;
            for (; i < n; ++i) {
                char c = s_[i];
                if (!is(c, kTextSpecial)) continue;
                if (c == '<') break;
                if (c == ']' && s_.substr(i, 3) == "]]>") return false;
                if (c != ']') plainText = false;
            }
            if (i == n) return false;
            if (i > p_) {
                if (!text(open.back(), s_.substr(p_, i - p_), false, plainText)) return false;
                p_ = i;
            }
            char next = p_ + 1 < n ? s_[p_ + 1] : '\0';
            if (isNameStart(next)) {
                if (!startTag(open, empty)) return false;
            } else if (next == '/') {
                p_ += 2;
                std::string_view closing;
                if (!name(closing) || closing != open.back().name) return false;
                skipSpace();
                if (p_ >= n || s_[p_] != '>') return false;
                ++p_;
                open.pop_back();
            } else if (startsWith("<!--")) {
                if (!comment()) return false;
            } else if (startsWith("<![CDATA[")) {
                size_t end = s_.find("]]>", p_ + 9);
                if (end == std::string_view::npos) return false;
                std::string_view raw = s_.substr(p_ + 9, end - p_ - 9);
                if (!text(open.back(), raw, true, raw.find('\r') == std::string_view::npos)) {
                    return false;
                }
                p_ = end + 3;
            } else if (next == '?') {
                if (!instruction()) return false;
            } else {
                return false;
            }
        }
        return true;
    }

    std::string_view s_;
    size_t p_ = 0;
    ContentTree& tree_;
    Index arenaTail_ = kNone;  // the text node whose text ends the arena
};

std::optional<ContentTree> ContentTree::parse(std::string_view xml) {
    ContentTree tree;
    Parser parser(xml, tree);
    if (!parser.run()) return std::nullopt;
    return tree;
}

namespace {

void setIndex(void*& slot, ContentTree::Index index) {
    slot = reinterpret_cast<void*>(static_cast<uintptr_t>(index) + 1);
}

}  // namespace

std::optional<ContentTree::Index> ContentTree::indexOf(const xmlNode* dom) {
    if (dom == nullptr || dom->type == XML_NAMESPACE_DECL) return std::nullopt;
    auto slot = reinterpret_cast<uintptr_t>(dom->_private);
    if (slot == 0) return std::nullopt;
    return static_cast<Index>(slot - 1);
}

ContentTree ContentTree::fromDom(xmlDoc* doc) {
    ContentTree tree;
    tree.nodes_.push_back(Node{{}, {}, kNone, kNone, kNone, Kind::Document, false, doc});
    setIndex(doc->_private, 0);
    auto text = [&](xmlNode* node) -> std::string_view {
        return node->content != nullptr ? reinterpret_cast<const char*>(node->content) : "";
    };
    auto chars = [](const xmlChar* name) -> std::string_view {
        return name != nullptr ? reinterpret_cast<const char*>(name) : "";
    };
    // Adds a node after `last` in a chain that starts at `first` (children or
    // attributes) and ties it to its libxml2 node both ways. The chain is
    // linked before the push, which may move the nodes `first` refers into.
    auto append = [&](const Node& node, void*& privateSlot, Index& first, Index& last) {
        auto index = static_cast<Index>(tree.nodes_.size());
        (last == kNone ? first : tree.nodes_[last].nextSibling) = index;
        last = index;
        setIndex(privateSlot, index);
        tree.nodes_.push_back(node);
        return index;
    };
    // Depth is bounded by libxml2's parser (256), so recursion is safe.
    auto walk = [&](auto&& self, xmlNode* parent, Index parentIndex) -> void {
        Index last = kNone;
        for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
            Node node;
            node.dom = child;
            switch (child->type) {
                case XML_ELEMENT_NODE:
                    node.kind = Kind::Element;
                    node.name = chars(child->name);
                    node.qualified = child->ns != nullptr;
                    break;
                case XML_TEXT_NODE:
                case XML_CDATA_SECTION_NODE:
                    node.kind = Kind::Text;
                    node.text = text(child);
                    break;
                default:
                    node.kind = Kind::Other;
                    node.name = chars(child->name);
                    node.text = text(child);
                    break;
            }
            Index index = append(node, child->_private, tree.nodes_[parentIndex].firstChild, last);
            if (child->type != XML_ELEMENT_NODE) continue;
            if (parentIndex == 0 && tree.documentElement_ == kNone) tree.documentElement_ = index;
            Index lastAttribute = kNone;
            for (xmlAttr* attr = child->properties; attr != nullptr; attr = attr->next) {
                Node attribute;
                attribute.kind = Kind::Attribute;
                attribute.name = chars(attr->name);
                attribute.qualified = attr->ns != nullptr;
                attribute.dom = attr;
                xmlNode* value = attr->children;
                if (value == nullptr) {
                    attribute.text = {};
                } else if (value->next == nullptr && value->type == XML_TEXT_NODE) {
                    attribute.text = text(value);
                } else {
                    xmlChar* joined = xmlNodeListGetString(doc, value, 1);
                    tree.copies_.push_back(std::make_unique<std::string>(
                        joined != nullptr ? reinterpret_cast<const char*>(joined) : ""));
                    xmlFree(joined);
                    attribute.text = *tree.copies_.back();
                }
                append(attribute, attr->_private, tree.nodes_[index].firstAttribute, lastAttribute);
            }
            self(self, child, index);
        }
    };
    walk(walk, reinterpret_cast<xmlNode*>(doc), 0);
    return tree;
}

std::string_view ContentTree::stringValue(Index index, std::string& scratch) const {
    const Node& node = nodes_[index];
    if (node.kind != Kind::Element && node.kind != Kind::Document) return node.text;
    Index child = node.firstChild;
    if (child == kNone) return {};
    if (nodes_[child].kind == Kind::Text && nodes_[child].nextSibling == kNone) {
        return nodes_[child].text;
    }
    scratch.clear();
    appendText(index, scratch);
    return scratch;
}

void ContentTree::appendText(Index index, std::string& out) const {
    for (Index child = nodes_[index].firstChild; child != kNone;
         child = nodes_[child].nextSibling) {
        const Node& node = nodes_[child];
        if (node.kind == Kind::Text) {
            out.append(node.text);
        } else if (node.kind == Kind::Element) {
            appendText(child, out);
        }
    }
}

}  // namespace beraad::render
