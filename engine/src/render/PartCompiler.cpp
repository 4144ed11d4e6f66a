#include "render/PartCompiler.h"

#include <algorithm>
#include <cctype>

#include "render/Formatters.h"
#include "render/OpWriter.h"
#include "render/SectionLayout.h"

namespace beraad::render {
namespace {

bool isOpen(TagKind kind) {
    return kind == TagKind::Each || kind == TagKind::If;
}
bool isClose(TagKind kind) {
    return kind == TagKind::EndEach || kind == TagKind::EndIf;
}
const char* keyword(TagKind kind) {
    return kind == TagKind::Each || kind == TagKind::EndEach ? "each" : "if";
}

bool isNameStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// Recognises "a/b/c", "a/@b", "@b" and "." (names without prefixes).
bool simplePath(const std::string& source, std::vector<SimpleStep>& steps) {
    std::string_view text(source);
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text == ".") {
        steps.push_back({SimpleStep::Self, {}});
        return true;
    }
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('/', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view step = text.substr(start, end - start);
        SimpleStep::Kind kind = SimpleStep::Child;
        if (!step.empty() && step.front() == '@') {
            if (end != text.size()) return false;  // an attribute ends the path
            kind = SimpleStep::Attribute;
            step.remove_prefix(1);
        }
        if (step.empty() || !isNameStart(step.front())) return false;
        for (char c : step) {
            if (!isNameChar(c)) return false;
        }
        steps.push_back({kind, std::string(step)});
        start = end + 1;
    }
    return true;
}

void preserveSpace(const Dialect& dialect, xmlNode* textNode) {
    if (dialect.format() == TemplateFormat::Docx && textNode->parent != nullptr) {
        xmlNodeSetSpacePreserve(textNode->parent, 1);
    }
}

}  // namespace

void PartCompiler::problem(const std::string& code, const std::string& message, uint32_t site) {
    const TagSite& where = program_.sites[site];
    problems_.push_back({code, where.part, where.paragraph, where.tag, message});
}

bool PartCompiler::compile(const std::string& part, std::string_view xml) {
    bool compiled = compileTree(part, xml);
    // Report this part's problems in reading order.
    std::stable_sort(problems_.begin() + static_cast<std::ptrdiff_t>(problemsBefore_),
                     problems_.end(), [](const TemplateProblem& a, const TemplateProblem& b) {
                         return a.paragraph < b.paragraph;
                     });
    return compiled;
}

bool PartCompiler::compileTree(const std::string& part, std::string_view xml) {
    part_ = part;
    problemsBefore_ = problems_.size();
    auto parsed = xml::parseUntrusted(xml);
    if (!parsed.doc) {
        std::string message = "the part is not well-formed XML";
        if (!parsed.problems.empty()) {
            const auto& first = parsed.problems.front();
            message += ": " + first.message;
            if (first.line) message += " (line " + std::to_string(*first.line) + ")";
        }
        problems_.push_back({"malformed-part", part, 0, {}, message});
        return false;
    }
    xmlDoc* doc = parsed.doc.get();
    xmlNode* root = xmlDocGetRootElement(doc);

    std::vector<Paragraph> paragraphs;
    collectParagraphs(root, paragraphs, -1);
    for (Paragraph& paragraph : paragraphs)
        findTags(paragraph);

    std::vector<TagNode*> ordered = inDocumentOrder(root);
    for (TagNode* tag : ordered) {
        const TagSite& site = program_.sites[tag->site];
        TagUse use{site.part,        site.paragraph,         site.tag,
                   tag->parsed.kind, tag->parsed.expression, {}};
        for (const auto& call : tag->parsed.formatters)
            use.formatters.push_back(call.text);
        tags_.push_back(std::move(use));
        check(*tag);
    }
    std::vector<Section> sections = matchSections(ordered);
    if (problems_.size() != problemsBefore_) return false;

    SectionLayout layout(dialect_);
    for (const Section& section : sections) {
        SectionMarker& marker = markers_.emplace_back();
        marker.open = section.open;
        auto trouble = layout.place(*section.open, section.elseTag, *section.close, marker);
        if (trouble) problem(trouble->code, trouble->message, trouble->tag->site);
    }
    if (problems_.size() != problemsBefore_) return false;

    OpWriter writer(dialect_, program_);
    PartProgram compiled;
    compiled.name = part;
    compiled.templateSize = xml.size();
    compiled.ops = writer.write(doc);
    program_.parts.push_back(std::move(compiled));
    return true;
}

// Paragraphs in document order, numbered from 1, each with the text nodes
// that make up its text (nested paragraphs of text boxes keep their own).
void PartCompiler::collectParagraphs(xmlNode* node, std::vector<Paragraph>& paragraphs,
                                     int current) {
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            if (dialect_.isParagraph(child)) {
                int number = static_cast<int>(paragraphs.size()) + 1;
                paragraphs.push_back({child, number, {}});
                collectParagraphs(child, paragraphs, number - 1);
            } else {
                collectParagraphs(child, paragraphs, current);
            }
        } else if (current >= 0 && dialect_.isParagraphText(child)) {
            paragraphs[static_cast<size_t>(current)].texts.push_back(child);
        }
    }
}

void PartCompiler::findTags(Paragraph& paragraph) {
    std::string text;
    std::vector<size_t> offsets;
    for (xmlNode* node : paragraph.texts) {
        offsets.push_back(text.size());
        text += dom::content(node);
    }
    if (text.find("{{") == std::string::npos) return;
    TagScan scan = TagSyntax::scan(text);
    for (size_t at : scan.unclosed) {
        std::string shown = text.substr(at, 40);
        while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) {
            shown.pop_back();  // never cut a character in two
        }
        if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
        problems_.push_back({"unclosed-tag", part_, paragraph.number, shown,
                             "'{{' has no matching '}}' in the same paragraph"});
    }
    // Right to left, so that earlier offsets stay valid while nodes change.
    for (auto it = scan.tags.rbegin(); it != scan.tags.rend(); ++it) {
        TagNode* tag = isolate(paragraph, text, offsets, it->begin, it->end);
        std::string raw = text.substr(it->begin, it->end - it->begin);
        tag->site = static_cast<uint32_t>(program_.sites.size());
        program_.sites.push_back({part_, paragraph.number, raw});
        std::optional<TagSyntaxError> error;
        tag->parsed = TagSyntax::parse(raw, error);
        if (error) {
            tag->valid = false;
            problem(error->code, error->message, tag->site);
        }
    }
}

// Gathers the tag's text, wherever it was split, into one text node of its
// own inside the run where the tag starts, so the value takes that run's
// formatting.
TagNode* PartCompiler::isolate(Paragraph& paragraph, const std::string& text,
                               const std::vector<size_t>& offsets, size_t begin, size_t end) {
    auto locate = [&](size_t offset) {
        size_t index = static_cast<size_t>(
            std::upper_bound(offsets.begin(), offsets.end(), offset) - offsets.begin());
        return index - 1;
    };
    size_t first = locate(begin);
    size_t last = locate(end - 1);
    xmlNode* start = paragraph.texts[first];
    std::string startText = dom::content(start);
    size_t local = begin - offsets[first];
    std::string before = startText.substr(0, local);
    std::string after;
    if (first == last) {
        after = startText.substr(std::min(startText.size(), end - offsets[first]));
    } else {
        for (size_t i = first + 1; i < last; ++i) {
            xmlNodeSetContent(paragraph.texts[i], BAD_CAST "");
        }
        xmlNode* final = paragraph.texts[last];
        std::string finalText = dom::content(final);
        xmlNodeSetContent(
            final,
            BAD_CAST finalText.substr(std::min(finalText.size(), end - offsets[last])).c_str());
        preserveSpace(dialect_, final);
    }
    xmlNodeSetContent(start, BAD_CAST before.c_str());
    preserveSpace(dialect_, start);

    std::string raw = text.substr(begin, end - begin);
    xmlNode* tagText = xmlNewDocText(start->doc, BAD_CAST raw.c_str());
    dom::insertAfter(start, tagText);
    if (!after.empty())
        dom::insertAfter(tagText, xmlNewDocText(start->doc, BAD_CAST after.c_str()));

    TagNode& tag = tagNodes_.emplace_back();
    tag.node = tagText;
    tagText->_private = &tag;
    return &tag;
}

std::vector<TagNode*> PartCompiler::inDocumentOrder(xmlNode* root) {
    std::vector<TagNode*> ordered;
    auto visit = [&](auto&& self, xmlNode* node) -> void {
        for (xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (TagNode* tag = dom::tagOf(child)) {
                tag->order = static_cast<uint32_t>(ordered.size());
                ordered.push_back(tag);
            } else if (child->type == XML_ELEMENT_NODE) {
                self(self, child);
            }
        }
    };
    visit(visit, root);
    return ordered;
}

void PartCompiler::check(TagNode& tag) {
    if (!tag.valid) return;
    TagKind kind = tag.parsed.kind;
    if (kind != TagKind::Value && kind != TagKind::Each && kind != TagKind::If) return;
    for (const auto& call : tag.parsed.formatters) {
        if (auto error = Formatters::check(call)) {
            tag.valid = false;
            problem(error->code, error->message, tag.site);
        }
    }
    std::vector<ErrorDetail> errors;
    xmlXPathCompExpr* compiled = nullptr;
    {
        xml::ErrorCollector collector(errors);
        compiled = xmlXPathCompile(BAD_CAST tag.parsed.expression.c_str());
    }
    if (compiled == nullptr) {
        tag.valid = false;
        std::string message = "'" + tag.parsed.expression + "' is not a valid XPath 1.0 expression";
        if (!errors.empty()) message += " (" + errors.front().message + ")";
        problem("xpath-syntax", message, tag.site);
        return;
    }
    tag.expression = static_cast<uint32_t>(program_.expressions.size());
    Expression expression;
    expression.source = tag.parsed.expression;
    expression.compiled.reset(compiled);
    expression.simple = simplePath(expression.source, expression.steps);
    program_.expressions.push_back(std::move(expression));
}

std::vector<PartCompiler::Section> PartCompiler::matchSections(
    const std::vector<TagNode*>& ordered) {
    std::vector<Section> open;
    std::vector<Section> done;
    for (TagNode* tag : ordered) {
        TagKind kind = tag->parsed.kind;
        if (isOpen(kind)) {
            open.push_back({tag, nullptr, nullptr});
        } else if (kind == TagKind::Else) {
            if (open.empty() || open.back().open->parsed.kind != TagKind::If) {
                problem("misplaced-else", "{{else}} stands outside any {{#if}}", tag->site);
            } else if (open.back().elseTag != nullptr) {
                problem("misplaced-else", "this {{#if}} already has an {{else}}", tag->site);
            } else {
                open.back().elseTag = tag;
            }
        } else if (isClose(kind)) {
            TagKind opening = kind == TagKind::EndEach ? TagKind::Each : TagKind::If;
            auto match = std::find_if(open.rbegin(), open.rend(), [&](const Section& section) {
                return section.open->parsed.kind == opening;
            });
            if (match == open.rend()) {
                if (open.empty()) {
                    problem("unopened-section",
                            std::string("{{/") + keyword(kind) + "}} closes no open section",
                            tag->site);
                } else {
                    const TagSite& site = program_.sites[open.back().open->site];
                    problem("mismatched-section",
                            std::string("{{/") + keyword(kind) + "}} cannot close " + site.tag +
                                " (paragraph " + std::to_string(site.paragraph) +
                                "), which needs {{/" + keyword(open.back().open->parsed.kind) +
                                "}}",
                            tag->site);
                }
                continue;
            }
            // Sections opened after the one this tag closes were never closed.
            size_t index = static_cast<size_t>(open.rend() - match) - 1;
            for (size_t i = open.size() - 1; i > index; --i) {
                problem("unclosed-section",
                        program_.sites[open[i].open->site].tag + " has no {{/" +
                            keyword(open[i].open->parsed.kind) + "}} before " +
                            program_.sites[tag->site].tag,
                        open[i].open->site);
            }
            Section section = open[index];
            open.resize(index);
            section.close = tag;
            done.push_back(section);
        }
    }
    for (const Section& section : open) {
        problem("unclosed-section",
                program_.sites[section.open->site].tag + " has no {{/" +
                    keyword(section.open->parsed.kind) + "}}",
                section.open->site);
    }
    // Outer sections first: their layout may cut paragraphs the inner ones stand in.
    std::sort(done.begin(), done.end(),
              [](const Section& a, const Section& b) { return a.open->order < b.open->order; });
    return done;
}

}  // namespace beraad::render
