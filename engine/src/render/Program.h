#pragma once
// A compiled part: literal XML text interleaved with the operations that
// insert values, repeat sections and keep ids unique. Rendering a part runs
// its operations and appends to one output string, so its cost grows with
// the output, not with the template's DOM.

#include <libxml/xpath.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/TagSyntax.h"
#include "render/WordNumbering.h"

namespace beraad::render {

enum class OpKind : uint8_t {
    Literal,       // text: XML written as is
    Value,         // expression + formatters, written as escaped text
    Each,          // body repeated per selected node; fallback when none
    If,            // body or otherwise
    FreshNumber,   // a new number from counter `counter` (drawing, content-control ids)
    FreshHex,      // a new 8-digit hex id (w14:paraId, w14:textId)
    BookmarkId,    // a new bookmark id; text = the template's id; `opens` starts a pair
    UniqueName,    // text = the template's name; the first copy keeps it, later ones get _2, _3
    PairedName,    // the name given to the most recent UniqueName with the same text
    ListInstance,  // text = a restarting list's numId in the template: its numId in this copy
};

enum class TextMode : uint8_t { Docx, Odt };

enum class Counter : uint8_t { Drawing, Bookmark, ContentControl, ParagraphId, List, Count };

struct XPathFree {
    void operator()(xmlXPathCompExpr* expression) const { xmlXPathFreeCompExpr(expression); }
};

// A path of plain child names, optionally ending in an attribute
// ("naam", "partijen/partij", "@regio", "."), which the renderer walks
// itself: the result is the one XPath gives, without its allocations.
struct SimpleStep {
    enum Kind : uint8_t { Self, Child, Attribute } kind = Child;
    std::string name;
};

struct Expression {
    std::string source;
    std::unique_ptr<xmlXPathCompExpr, XPathFree> compiled;
    bool simple = false;
    std::vector<SimpleStep> steps;
};

// Where a tag stands, for messages.
struct TagSite {
    std::string part;
    int paragraph = 0;
    std::string tag;
};

struct Op {
    OpKind kind = OpKind::Literal;
    TextMode mode = TextMode::Docx;
    Counter counter = Counter::Drawing;
    bool needsList = false;
    bool opens = false;
    uint32_t expression = 0;
    uint32_t site = 0;
    std::string text;  // literal, original id or name, or (Value) the text element prefix
    std::vector<FormatterCall> formatters;
    std::vector<Op> body;
    std::vector<Op> otherwise;
    std::string fallback;
    std::vector<std::string> restarts;  // (Each) numIds of lists that start again in every copy
};

struct PartProgram {
    std::string name;
    std::vector<Op> ops;
    size_t templateSize = 0;
};

struct Program {
    std::vector<Expression> expressions;
    std::vector<TagSite> sites;
    std::vector<PartProgram> parts;
    // The highest id of each counter found in the template; fresh ids start above.
    uint64_t highest[static_cast<size_t>(Counter::Count)] = {};
    // Word's numbering part, when it declares lists that restart (WordNumbering.h).
    std::optional<WordNumbering> numbering;
};

}  // namespace beraad::render
