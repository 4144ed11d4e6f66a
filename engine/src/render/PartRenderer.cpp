#include "render/PartRenderer.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/Escape.h"
#include "xml/Xml.h"

namespace beraad::render {
namespace {

std::string numberText(double number) {
    if (number == 0) return "0";
    char buffer[512];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
    if (result.ec != std::errc()) return std::to_string(number);
    return std::string(buffer, result.ptr);
}

std::string nodeText(xmlNode* node) {
    xmlChar* text = xmlXPathCastNodeToString(node);
    std::string value = text != nullptr ? reinterpret_cast<const char*>(text) : "";
    xmlFree(text);
    return value;
}

// Most values need nothing done: printable ASCII without markup
// characters, and in ODF no space that text:s must carry (leading, or a
// run of them).
bool plainText(std::string_view text, TextMode mode) {
    for (char c : text) {
        if (c < 0x20 || c > 0x7E || c == '&' || c == '<' || c == '>') return false;
    }
    if (mode == TextMode::Odt && !text.empty()) {
        if (text.front() == ' ' || text.find("  ") != std::string_view::npos) return false;
    }
    return true;
}

struct ObjectFree {
    void operator()(xmlXPathObject* object) const { xmlXPathFreeObject(object); }
};
using Object = std::unique_ptr<xmlXPathObject, ObjectFree>;

}  // namespace

PartRenderer::PartRenderer(const Program& program, const ContentTree& content, xmlDoc* dom,
                           const RenderOptions& options)
    : program_(program), content_(content), options_(options) {
    if (dom != nullptr) context_ = xmlXPathNewContext(dom);
    current_ = content.documentElement();
    for (size_t i = 0; i < static_cast<size_t>(Counter::Count); ++i) {
        next_[i] = program.highest[i] + 1;
    }
}

PartRenderer::~PartRenderer() {
    if (context_ != nullptr) xmlXPathFreeContext(context_);
}

bool PartRenderer::needsXPath(const Program& program) {
    return std::any_of(program.expressions.begin(), program.expressions.end(),
                       [](const Expression& expression) { return !expression.simple; });
}

constexpr size_t kChunk = 64 * 1024;

void PartRenderer::render(const PartProgram& part, const Sink& sink) {
    xml::ErrorCollector collector(xpathErrors_);
    std::string out;
    // A chunk ends at the first op past kChunk: room for that op's output
    // too, so that the buffer rarely grows (and is copied) on the way.
    out.reserve(std::min(kChunk, 2 * part.templateSize) + 16 * 1024);
    sink_ = &sink;
    run(part.ops, out);
    sink(out);
    sink_ = nullptr;
}

std::string PartRenderer::render(const PartProgram& part) {
    std::string whole;
    render(part, [&](std::string_view chunk) { whole.append(chunk); });
    return whole;
}

void PartRenderer::run(const std::vector<Op>& ops, std::string& out) {
    for (const Op& op : ops) {
        if (out.size() >= kChunk && sink_ != nullptr) {
            (*sink_)(out);
            out.clear();
        }
        switch (op.kind) {
            case OpKind::Literal:
                out += op.text;
                break;
            case OpKind::Value:
                value(op, out);
                break;
            case OpKind::Each:
                each(op, out);
                break;
            case OpKind::If:
                condition(op, out);
                break;
            case OpKind::FreshNumber:
                out += std::to_string(next_[static_cast<size_t>(op.counter)]++);
                break;
            case OpKind::FreshHex: {
                char buffer[16];
                uint64_t id = next_[static_cast<size_t>(op.counter)]++ & 0x7fffffff;
                std::snprintf(buffer, sizeof buffer, "%08llX", static_cast<unsigned long long>(id));
                out += buffer;
                break;
            }
            case OpKind::BookmarkId:
                if (op.opens) {
                    uint64_t id = next_[static_cast<size_t>(Counter::Bookmark)]++;
                    bookmarkIds_[op.text] = id;
                    out += std::to_string(id);
                } else if (auto it = bookmarkIds_.find(op.text); it != bookmarkIds_.end()) {
                    out += std::to_string(it->second);
                } else {
                    appendEscapedAttribute(out, op.text);
                }
                break;
            case OpKind::UniqueName: {
                std::string name = uniqueName(op.text);
                appendEscapedAttribute(out, name);
                lastNames_[op.text] = std::move(name);
                break;
            }
            case OpKind::PairedName: {
                auto it = lastNames_.find(op.text);
                appendEscapedAttribute(out, it != lastNames_.end() ? it->second : op.text);
                break;
            }
            case OpKind::ListInstance:
                listInstance(op.text, out);
                break;
        }
    }
}

// Inside a section that owns the list's restart, the first copy keeps the
// template's list and every later copy gets a new w:num cloned from it, so
// its numbering starts again. Outside such a section the paragraph keeps the
// template's numId.
void PartRenderer::listInstance(const std::string& numId, std::string& out) {
    ListCopy& list = lists_[numId];
    if (list.owners == 0) {
        appendEscapedAttribute(out, numId);
        return;
    }
    if (list.pending || list.current.empty()) {
        if (!list.used) {
            list.current = numId;
            list.used = true;
        } else {
            uint64_t fresh = next_[static_cast<size_t>(Counter::List)]++;
            listClones_.emplace_back(fresh, numId);
            list.current = std::to_string(fresh);
        }
        list.pending = false;
    }
    appendEscapedAttribute(out, list.current);
}

std::string PartRenderer::uniqueName(const std::string& name) {
    uint64_t count = ++nameCounts_[name];
    if (count == 1) return name;
    return name + "_" + std::to_string(count);
}

void PartRenderer::select(const Expression& expression, std::vector<ContentTree::Index>& out,
                          bool firstOnly) const {
    using Kind = ContentTree::Kind;
    out.clear();
    if (firstOnly && expression.steps.size() == 1 && expression.steps[0].kind != SimpleStep::Self) {
        // The common case, "naam" or "@nummer": the first match among the
        // current node's children or attributes.
        const ContentTree::Node& node = content_.node(current_);
        if (node.kind != Kind::Element) return;
        const SimpleStep& step = expression.steps[0];
        bool attribute = step.kind == SimpleStep::Attribute;
        for (auto c = attribute ? node.firstAttribute : node.firstChild; c != ContentTree::kNone;
             c = content_.node(c).nextSibling) {
            const ContentTree::Node& child = content_.node(c);
            if ((attribute || child.kind == Kind::Element) && !child.qualified &&
                child.name == step.name) {
                out.push_back(c);
                return;
            }
        }
        return;
    }
    out.push_back(current_);
    std::vector<ContentTree::Index>& next = selectScratch_;
    for (size_t i = 0; i < expression.steps.size(); ++i) {
        const SimpleStep& step = expression.steps[i];
        bool last = i + 1 == expression.steps.size();
        next.clear();
        for (ContentTree::Index index : out) {
            const ContentTree::Node& node = content_.node(index);
            if (step.kind == SimpleStep::Self) {
                next.push_back(index);
            } else if (node.kind != Kind::Element) {
                continue;
            } else if (step.kind == SimpleStep::Attribute) {
                for (auto a = node.firstAttribute; a != ContentTree::kNone;
                     a = content_.node(a).nextSibling) {
                    const ContentTree::Node& attribute = content_.node(a);
                    if (!attribute.qualified && attribute.name == step.name) next.push_back(a);
                }
            } else {
                for (auto c = node.firstChild; c != ContentTree::kNone;
                     c = content_.node(c).nextSibling) {
                    const ContentTree::Node& child = content_.node(c);
                    if (child.kind == Kind::Element && !child.qualified &&
                        child.name == step.name) {
                        next.push_back(c);
                        if (last && firstOnly) break;
                    }
                }
            }
            if (last && firstOnly && !next.empty()) break;
        }
        out.swap(next);
        if (out.empty()) return;
    }
}

xmlXPathObject* PartRenderer::evaluate(const Op& op) {
    const ContentTree::Node& current = content_.node(current_);
    if (context_ == nullptr || current.dom == nullptr) {
        // The renderer chose the compact tree for a program of plain paths only.
        problem(
            op, "xpath-evaluation",
            "'" + program_.expressions[op.expression].source + "' needs XPath (internal error)");
        return nullptr;
    }
    context_->node = static_cast<xmlNode*>(current.dom);
    context_->contextSize = currentSize_;
    context_->proximityPosition = currentPosition_;
    size_t before = xpathErrors_.size();
    xmlXPathObject* result =
        xmlXPathCompiledEval(program_.expressions[op.expression].compiled.get(), context_);
    if (result == nullptr) {
        std::string message =
            "'" + program_.expressions[op.expression].source + "' cannot be evaluated";
        if (xpathErrors_.size() > before) message += " (" + xpathErrors_[before].message + ")";
        problem(op, "xpath-evaluation", message);
    }
    if (xpathErrors_.size() > 64) xpathErrors_.clear();
    return result;
}

bool PartRenderer::toValue(const Op& op, xmlXPathObject* result, Value& value) {
    switch (result->type) {
        case XPATH_NODESET: {
            xmlNodeSet* nodes = result->nodesetval;
            if (nodes == nullptr || nodes->nodeNr == 0) {
                if (options_.missingValuesAsEmpty) {
                    value.items = {std::string()};
                    return false;  // nothing to format
                }
                problem(op, "missing-value",
                        "'" + program_.expressions[op.expression].source +
                            "' selects nothing in the content");
                return false;
            }
            int count = op.needsList ? nodes->nodeNr : 1;
            for (int i = 0; i < count; ++i)
                value.items.push_back(nodeText(nodes->nodeTab[i]));
            value.list = op.needsList;
            return true;
        }
        case XPATH_STRING:
            value.items = {reinterpret_cast<const char*>(result->stringval)};
            return true;
        case XPATH_NUMBER:
            if (std::isnan(result->floatval) || std::isinf(result->floatval)) {
                problem(op, "not-a-number",
                        "'" + program_.expressions[op.expression].source +
                            "' gives no number (NaN or infinity)");
                return false;
            }
            value.items = {numberText(result->floatval)};
            return true;
        case XPATH_BOOLEAN:
            value.items = {result->boolval ? "true" : "false"};
            return true;
        default:
            problem(op, "xpath-evaluation",
                    "'" + program_.expressions[op.expression].source + "' gives no text");
            return false;
    }
}

void PartRenderer::value(const Op& op, std::string& out) {
    const Expression& expression = program_.expressions[op.expression];
    if (expression.simple) {
        select(expression, nodes_, !op.needsList);
        if (nodes_.empty()) {
            if (!options_.missingValuesAsEmpty) {
                problem(op, "missing-value",
                        "'" + expression.source + "' selects nothing in the content");
            }
            return;
        }
        std::string_view first = content_.stringValue(nodes_.front(), scratch_);
        if (op.formatters.empty()) {
            writeText(op, first, out);
            return;
        }
        Value value{{std::string(first)}, op.needsList};
        for (size_t i = 1; i < nodes_.size(); ++i)
            value.items.emplace_back(content_.stringValue(nodes_[i], scratch_));
        formatAndWrite(op, value, out);
        return;
    }
    Object result(evaluate(op));
    if (!result) return;
    Value value;
    if (toValue(op, result.get(), value)) {
        formatAndWrite(op, value, out);
    } else if (!value.items.empty()) {
        writeText(op, value.first(), out);
    }
}

void PartRenderer::formatAndWrite(const Op& op, Value& value, std::string& out) {
    for (const FormatterCall& call : op.formatters) {
        if (auto error = Formatters::apply(call, value)) {
            problem(op, error->code, error->message);
            return;
        }
    }
    if (value.items.empty()) return;
    writeText(op, value.first(), out);
}

void PartRenderer::each(const Op& op, std::string& out) {
    const Expression& expression = program_.expressions[op.expression];
    std::vector<ContentTree::Index> items;
    if (expression.simple) {
        select(expression, items, false);
        repeat(op, items.data(), static_cast<int>(items.size()), out);
        return;
    }
    Object result(evaluate(op));
    if (!result) return;
    if (result->type != XPATH_NODESET) {
        problem(op, "not-a-node-set",
                "#each needs nodes to repeat over; '" + program_.expressions[op.expression].source +
                    "' gives a single value");
        return;
    }
    xmlNodeSet* nodes = result->nodesetval;
    int count = nodes != nullptr ? nodes->nodeNr : 0;
    items.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        auto index = ContentTree::indexOf(nodes->nodeTab[i]);
        if (!index) {
            problem(op, "not-a-node-set",
                    "#each cannot repeat over namespace nodes; '" +
                        program_.expressions[op.expression].source + "' selects them");
            return;
        }
        items.push_back(*index);
    }
    repeat(op, items.data(), count, out);
}

void PartRenderer::repeat(const Op& op, const ContentTree::Index* items, int count,
                          std::string& out) {
    if (count == 0) {
        out += op.fallback;
        return;
    }
    ContentTree::Index node = current_;
    int size = currentSize_;
    int position = currentPosition_;
    for (int i = 0; i < count; ++i) {
        current_ = items[i];
        currentSize_ = count;
        currentPosition_ = i + 1;
        for (const std::string& numId : op.restarts) {
            lists_[numId].pending = true;
            ++lists_[numId].owners;
        }
        run(op.body, out);
        for (const std::string& numId : op.restarts)
            --lists_[numId].owners;
    }
    current_ = node;
    currentSize_ = size;
    currentPosition_ = position;
}

void PartRenderer::condition(const Op& op, std::string& out) {
    const Expression& expression = program_.expressions[op.expression];
    if (expression.simple) {  // a node-set is true when it is not empty
        select(expression, nodes_, true);
        run(nodes_.empty() ? op.otherwise : op.body, out);
        return;
    }
    Object result(evaluate(op));
    if (!result) return;
    bool holds = xmlXPathCastToBoolean(result.get()) != 0;
    run(holds ? op.body : op.otherwise, out);
}

// Escapes the value; line breaks and tabs become the format's own elements,
// and in ODF runs of spaces become text:s so that they survive.
void PartRenderer::writeText(const Op& op, std::string_view text, std::string& out) {
    if (plainText(text, op.mode)) {
        out.append(text);
        return;
    }
    std::string forbidden = firstForbiddenCharacter(text);
    if (!forbidden.empty()) {
        problem(op, "invalid-character",
                "the value holds a character XML cannot carry (" + forbidden + ")");
        return;
    }
    const std::string& p = op.text;
    size_t start = 0;
    auto flush = [&](size_t upTo) { appendEscapedText(out, text.substr(start, upTo - start)); };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c != '\n' && c != '\r' && c != '\t' && !(c == ' ' && op.mode == TextMode::Odt)) {
            continue;
        }
        if (c == ' ') {
            size_t run = 1;
            while (i + run < text.size() && text[i + run] == ' ')
                ++run;
            if (run == 1 && i > 0) continue;  // a single inner space needs nothing
            flush(i);
            size_t extra = run;
            if (i > 0) {
                out += ' ';
                --extra;
            }
            out += "<" + p + "s";
            if (extra > 1) out += " " + p + "c=\"" + std::to_string(extra) + "\"";
            out += "/>";
            i += run - 1;
            start = i + 1;
            continue;
        }
        flush(i);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
        const char* element = c == '\t' ? "tab" : (op.mode == TextMode::Docx ? "br" : "line-break");
        if (op.mode == TextMode::Docx) {
            out += "</" + p + "t><" + p + element + "/><" + p + "t xml:space=\"preserve\">";
        } else {
            out += "<" + p + element + "/>";
        }
    }
    flush(text.size());
}

void PartRenderer::problem(const Op& op, const std::string& code, const std::string& message) {
    auto key = std::make_pair(op.site, code);
    auto it = problems_.find(key);
    if (it != problems_.end()) {
        ++it->second.count;
        return;
    }
    const TagSite& site = program_.sites[op.site];
    problems_[key] = Seen{{code, site.part, site.paragraph, site.tag, message}, 1};
}

size_t PartRenderer::partOrder(const std::string& part) const {
    for (size_t i = 0; i < program_.parts.size(); ++i) {
        if (program_.parts[i].name == part) return i;
    }
    return program_.parts.size();
}

std::vector<TemplateProblem> PartRenderer::problems() const {
    std::vector<TemplateProblem> out;
    for (const auto& [key, seen] : problems_) {
        TemplateProblem problem = seen.problem;
        if (seen.count > 1) problem.message += " (" + std::to_string(seen.count) + " times)";
        out.push_back(std::move(problem));
    }
    std::stable_sort(out.begin(), out.end(),
                     [&](const TemplateProblem& a, const TemplateProblem& b) {
                         return std::make_pair(partOrder(a.part), a.paragraph) <
                                std::make_pair(partOrder(b.part), b.paragraph);
                     });
    return out;
}

}  // namespace beraad::render
