// Structural and textual diff of two contents.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

#include "beraad/diff/Diff.h"
#include "diff/Lcs.h"
#include "xml/Xml.h"

namespace beraad::diff {
namespace {

// Identity of repeated elements where the schemas give one; the attributes
// are tried in order and the first that every sibling of that name carries,
// with unique values, wins. Elements without one match by position.
const std::map<std::string, std::vector<std::vector<std::string>>>& identityRules() {
    static const std::map<std::string, std::vector<std::vector<std::string>>> rules = {
        {"post", {{"jaar", "bron"}}},
        {"mijlpaal", {{"datum"}}},
        {"kanaal", {{"soort"}}},
        {"analyse", {{"onderwerp"}}},
    };
    return rules;
}
const std::vector<std::vector<std::string>> kGenericIdentity = {{"nummer"}, {"id"}, {"partner"}};

std::string name(const xmlNode* node) {
    return reinterpret_cast<const char*>(node->name);
}

std::vector<const xmlNode*> elementChildren(const xmlNode* node) {
    std::vector<const xmlNode*> result;
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) result.push_back(child);
    }
    return result;
}

std::string collapse(std::string_view text) {
    std::string result;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !result.empty();
        } else {
            if (space) result += ' ';
            space = false;
            result += c;
        }
    }
    return result;
}

std::string directText(const xmlNode* node) {
    std::string text;
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
            text += reinterpret_cast<const char*>(child->content);
    }
    return collapse(text);
}

// Text of an element and its descendants, element texts separated by a space.
std::string deepText(const xmlNode* node) {
    std::string text = directText(node);
    for (const xmlNode* child : elementChildren(node)) {
        std::string inner = deepText(child);
        if (inner.empty()) continue;
        if (!text.empty()) text += ' ';
        text += inner;
    }
    return text;
}

std::vector<std::pair<std::string, std::string>> attributes(const xmlNode* node) {
    std::vector<std::pair<std::string, std::string>> result;
    for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
        std::string attrName = reinterpret_cast<const char*>(attr->name);
        result.emplace_back(attrName, xml::attribute(node, attrName.c_str()));
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::optional<double> number(const std::optional<std::string>& value) {
    if (!value || value->empty()) return std::nullopt;
    const std::string& s = *value;
    std::size_t i = (s[0] == '-') ? 1 : 0;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(s[i]))) {
            digits = true;
        } else if (s[i] == '.' && !dot) {
            dot = true;
        } else {
            return std::nullopt;
        }
    }
    if (!digits) return std::nullopt;
    return std::strtod(s.c_str(), nullptr);
}

// One child in its parent: how it is matched, shown and addressed.
struct Placed {
    const xmlNode* node;
    std::string key;           // matching key among siblings: "nummer=4" or "#2"
    std::string pathSegment;   // "artikel[@nummer='4']", "overweging[2]", "titel"
    std::string labelSegment;  // "artikel 4", "overweging 2", "titel"
    bool repeated;             // keyed or numbered: its container drops out of labels
};

std::vector<Placed> place(const xmlNode* parent) {
    auto children = elementChildren(parent);
    std::map<std::string, std::vector<const xmlNode*>> byName;
    for (const auto* child : children)
        byName[name(child)].push_back(child);

    std::map<std::string, std::vector<std::string>> identity;  // name -> attributes used
    for (const auto& [childName, group] : byName) {
        auto rule = identityRules().find(childName);
        const auto& candidates = rule != identityRules().end() ? rule->second : kGenericIdentity;
        for (const auto& attrs : candidates) {
            std::set<std::string> seen;
            bool usable = true;
            for (const auto* node : group) {
                std::string value;
                for (const auto& attr : attrs) {
                    if (!xmlHasProp(node, BAD_CAST attr.c_str())) usable = false;
                    value += xml::attribute(node, attr.c_str()) + '\x1f';
                }
                if (!usable || !seen.insert(value).second) {
                    usable = false;
                    break;
                }
            }
            if (usable) {
                identity[childName] = attrs;
                break;
            }
        }
    }

    std::vector<Placed> placed;
    std::map<std::string, int> positions;
    for (const auto* child : children) {
        std::string childName = name(child);
        int position = ++positions[childName];
        Placed p{child, childName, childName, childName, false};
        if (auto it = identity.find(childName); it != identity.end()) {
            p.repeated = true;
            for (const auto& attr : it->second) {
                std::string value = xml::attribute(child, attr.c_str());
                p.key += "|" + attr + "=" + value;
                p.pathSegment += "[@" + attr + "='" + value + "']";
                p.labelSegment += " " + value;
            }
        } else {
            p.key += "#" + std::to_string(position);
            if (byName[childName].size() > 1) {
                p.repeated = true;
                p.pathSegment += "[" + std::to_string(position) + "]";
                p.labelSegment += " " + std::to_string(position);
            }
        }
        placed.push_back(std::move(p));
    }
    return placed;
}

struct Where {
    std::string path;
    std::vector<std::string> labels;  // segments; containers of repeated items dropped
};

Where below(const Where& where, const Placed& child) {
    Where next{where.path + "/" + child.pathSegment, where.labels};
    while (child.repeated && !next.labels.empty() &&
           next.labels.back().find(' ') == std::string::npos)
        next.labels.pop_back();
    next.labels.push_back(child.labelSegment);
    return next;
}

std::string joinLabel(const std::vector<std::string>& labels, const std::string& extra = {}) {
    std::string label;
    for (const auto& segment : labels)
        label += (label.empty() ? "" : " / ") + segment;
    if (!extra.empty()) label += (label.empty() ? "" : " / ") + extra;
    return label.empty() ? "(document)" : label;
}

std::string summary(const xmlNode* node) {
    std::string text;
    for (const auto& [attrName, value] : attributes(node))
        text += (text.empty() ? "" : " ") + attrName + "=" + value;
    std::string content = deepText(node);
    if (!content.empty()) text += (text.empty() ? "" : ": ") + content;
    return text;
}

// The amount an added or removed element stands for, when it carries one.
std::optional<double> elementAmount(const xmlNode* node) {
    for (const char* attr : {"bedrag", "waarde", "percentage"}) {
        if (xmlHasProp(node, BAD_CAST attr)) return number(xml::attribute(node, attr));
    }
    return number(directText(node));
}

class StructuralDiff {
  public:
    std::vector<Change> changes;

    void element(const xmlNode* older, const xmlNode* newer, const Where& where) {
        attributesOf(older, newer, where);
        std::string oldText = directText(older), newText = directText(newer);
        if (oldText != newText) {
            add(ChangeKind::Changed, where.path + "/text()", joinLabel(where.labels), oldText,
                newText);
        }
        childrenOf(older, newer, where);
    }

  private:
    void add(ChangeKind kind, std::string path, std::string label, std::optional<std::string> o,
             std::optional<std::string> n) {
        Change change{kind, std::move(path), std::move(label), std::move(o), std::move(n), {}, {}};
        change.oldNumber = number(change.oldValue);
        change.newNumber = number(change.newValue);
        changes.push_back(std::move(change));
    }

    void attributesOf(const xmlNode* older, const xmlNode* newer, const Where& where) {
        auto a = attributes(older), b = attributes(newer);
        std::map<std::string, std::pair<std::optional<std::string>, std::optional<std::string>>>
            all;
        for (const auto& [k, v] : a)
            all[k].first = v;
        for (const auto& [k, v] : b)
            all[k].second = v;
        for (const auto& [attrName, values] : all) {
            if (values.first == values.second) continue;
            ChangeKind kind = !values.first    ? ChangeKind::Added
                              : !values.second ? ChangeKind::Removed
                                               : ChangeKind::Changed;
            add(kind, where.path + "/@" + attrName, joinLabel(where.labels, attrName), values.first,
                values.second);
        }
    }

    void whole(ChangeKind kind, const Placed& child, const Where& where) {
        Where at = below(where, child);
        Change change{kind, at.path, joinLabel(at.labels), {}, {}, {}, {}};
        std::string text = summary(child.node);
        if (kind == ChangeKind::Added) {
            change.newValue = text;
            change.newNumber = elementAmount(child.node);
        } else {
            change.oldValue = text;
            change.oldNumber = elementAmount(child.node);
        }
        changes.push_back(std::move(change));
    }

    void childrenOf(const xmlNode* older, const xmlNode* newer, const Where& where) {
        auto a = place(older), b = place(newer);
        std::map<std::string, std::size_t> inA, inB;
        for (std::size_t i = 0; i < a.size(); ++i)
            inA[a[i].key] = i;
        for (std::size_t j = 0; j < b.size(); ++j)
            inB[b[j].key] = j;
        auto steps = align(a.size(), b.size(),
                           [&](std::size_t i, std::size_t j) { return a[i].key == b[j].key; });
        for (const auto& step : steps) {
            if (step.op == AlignStep::Op::Equal) {
                element(a[step.older].node, b[step.newer].node, below(where, b[step.newer]));
            } else if (step.op == AlignStep::Op::Deleted) {
                // A keyed element that moved is compared where it now stands.
                if (!inB.count(a[step.older].key)) whole(ChangeKind::Removed, a[step.older], where);
            } else if (auto moved = inA.find(b[step.newer].key); moved != inA.end()) {
                element(a[moved->second].node, b[step.newer].node, below(where, b[step.newer]));
            } else {
                whole(ChangeKind::Added, b[step.newer], where);
            }
        }
    }
};

struct Paragraph {
    std::string path;
    std::string label;
    std::string text;
};

bool hasLetter(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || std::isalpha(u);
    });
}

void collectParagraphs(const xmlNode* node, const Where& where, std::vector<Paragraph>& out) {
    std::string text = directText(node);
    if (hasLetter(text)) out.push_back({where.path, joinLabel(where.labels), text});
    for (const auto& child : place(node))
        collectParagraphs(child.node, below(where, child), out);
}

// "overweging" and "overweging[1]" are the same element: a path numbers a
// positional element only while it has siblings of its name.
std::string identityOf(const std::string& path) {
    std::string result;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path.compare(i, 3, "[1]") == 0) {
            i += 2;
            continue;
        }
        result += path[i];
    }
    return result;
}

// Within one stretch of removed and added paragraphs, a removed and an added
// one of the same element (by identity path) are one change.
void pairStretch(const std::vector<Paragraph>& removed, const std::vector<Paragraph>& added,
                 std::vector<ParagraphChange>& out) {
    std::vector<bool> used(added.size(), false);
    std::vector<std::optional<std::size_t>> partner(removed.size());
    for (std::size_t i = 0; i < removed.size(); ++i) {
        for (std::size_t j = 0; j < added.size(); ++j) {
            if (!used[j] && identityOf(added[j].path) == identityOf(removed[i].path)) {
                partner[i] = j, used[j] = true;
                break;
            }
        }
    }
    // Output in the newer document's order, removed paragraphs where they stood.
    std::size_t j = 0;
    for (std::size_t i = 0; i < removed.size(); ++i) {
        if (partner[i]) {
            for (; j < *partner[i]; ++j) {
                if (!used[j])
                    out.push_back(
                        {ChangeKind::Added, added[j].path, added[j].label, {}, added[j].text, {}});
            }
            const auto& a = removed[i];
            const auto& b = added[*partner[i]];
            out.push_back(
                {ChangeKind::Changed, b.path, b.label, a.text, b.text, diffWords(a.text, b.text)});
            j = std::max(j, *partner[i] + 1);
        } else {
            out.push_back(
                {ChangeKind::Removed, removed[i].path, removed[i].label, removed[i].text, {}, {}});
        }
    }
    for (; j < added.size(); ++j) {
        if (!used[j])
            out.push_back(
                {ChangeKind::Added, added[j].path, added[j].label, {}, added[j].text, {}});
    }
}

std::vector<ParagraphChange> textual(const xmlNode* older, const xmlNode* newer) {
    std::vector<Paragraph> a, b;
    collectParagraphs(older, Where{"/" + name(older), {}}, a);
    collectParagraphs(newer, Where{"/" + name(newer), {}}, b);
    auto steps = align(a.size(), b.size(),
                       [&](std::size_t i, std::size_t j) { return a[i].text == b[j].text; });
    std::vector<ParagraphChange> out;
    std::vector<Paragraph> removed, added;
    auto flush = [&]() {
        pairStretch(removed, added, out);
        removed.clear();
        added.clear();
    };
    for (const auto& step : steps) {
        if (step.op == AlignStep::Op::Equal) {
            flush();
        } else if (step.op == AlignStep::Op::Deleted) {
            removed.push_back(a[step.older]);
        } else {
            added.push_back(b[step.newer]);
        }
    }
    flush();
    return out;
}

}  // namespace

std::string_view toString(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::Added:
            return "toegevoegd";
        case ChangeKind::Removed:
            return "verwijderd";
        case ChangeKind::Changed:
            return "gewijzigd";
    }
    return "gewijzigd";
}

Result<ContentDiff> compareContent(std::string_view older, std::string_view newer) {
    auto a = xml::parseUntrusted(older);
    if (!a.doc)
        return makeError(ErrorCode::InvalidContent, "the older content is not XML", a.problems);
    auto b = xml::parseUntrusted(newer);
    if (!b.doc)
        return makeError(ErrorCode::InvalidContent, "the newer content is not XML", b.problems);
    xmlNode* rootA = xmlDocGetRootElement(a.doc.get());
    xmlNode* rootB = xmlDocGetRootElement(b.doc.get());
    if (!rootA || !rootB)
        return makeError(ErrorCode::InvalidContent, "content has no root element");
    xml::stripFormatting(rootA);
    xml::stripFormatting(rootB);
    if (name(rootA) != name(rootB)) {
        return makeError(ErrorCode::InvalidInput, "cannot compare a " + name(rootA) + " with a " +
                                                      name(rootB) + ": the kinds differ");
    }
    ContentDiff diff;
    diff.root = name(rootA);
    StructuralDiff structural;
    structural.element(rootA, rootB, Where{"/" + diff.root, {}});
    diff.changes = std::move(structural.changes);
    diff.paragraphs = textual(rootA, rootB);
    return diff;
}

}  // namespace beraad::diff
