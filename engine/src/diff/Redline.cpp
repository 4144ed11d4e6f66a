// Redline: the newer rendering with the changes from the older one as
// tracked changes. The format-specific markup is in the dialects.
#include "beraad/diff/Redline.h"

#include <libxml/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "diff/Lcs.h"
#include "diff/RedlineDialect.h"
#include "render/PackageRules.h"
#include "package/ZipReader.h"
#include "package/ZipWriter.h"
#include "xml/Xml.h"

namespace beraad::diff {
namespace {

Result<std::vector<package::ZipEntry>> entriesOf(std::string_view bytes, const char* which) {
    auto entries = package::ZipReader::entries(bytes);
    if (!entries)
        return makeError(ErrorCode::InvalidInput,
                         std::string("the ") + which + " rendering is not a readable package",
                         entries.error().details);
    return entries;
}

Result<xml::DocPtr> parsePart(const std::vector<package::ZipEntry>& entries,
                              const std::string& name, const char* which) {
    for (const auto& entry : entries) {
        if (entry.name != name) continue;
        auto data = package::ZipReader::extract(entry);
        if (!data) return data.error();
        auto parsed = xml::parseUntrusted(*data);
        if (!parsed.doc)
            return makeError(ErrorCode::InvalidInput,
                             std::string("the ") + which + " rendering's " + name + " is not XML",
                             parsed.problems);
        return std::move(parsed.doc);
    }
    return makeError(ErrorCode::InvalidInput,
                     std::string("the ") + which + " rendering has no " + name);
}

// Share of the two texts the word diff keeps (Dice coefficient on bytes).
double similarity(const std::string& older, const std::string& newer) {
    std::size_t equal = 0, total = 0;
    for (const auto& segment : diffWords(older, newer)) {
        total += segment.text.size();
        if (segment.op == WordSegment::Op::Equal) equal += segment.text.size();
    }
    return total == 0 ? 1.0 : 2.0 * static_cast<double>(equal) / static_cast<double>(total + equal);
}

// Stretches with more removed x added paragraphs than this are shown as
// deletions and insertions without pairing (the pairing is quadratic).
constexpr std::size_t kMaxPairs = 2500;

// One stretch of removed and added paragraphs between paragraphs that stay.
struct Stretch {
    std::vector<std::size_t> removed, added;          // indexes in the older, newer paragraphs
    std::vector<std::optional<std::size_t>> partner;  // per removed: index into `added`
    std::vector<bool> used;                           // per added
};

// Removed and added paragraphs of a stretch are paired as edits where that
// keeps the most text: an alignment (in document order) that maximises the
// summed similarity of its pairs, counting only pairs that keep at least half
// of their words, or that are both table cell text (a changed value). So when
// one of several similar paragraphs went (a numbered list of parties), the
// others pair with their own new versions rather than with their neighbours.
void pairEdits(Stretch& stretch, const RedlineDialect& dialect, const std::vector<xmlNode*>& a,
               const std::vector<xmlNode*>& b, const std::vector<std::string>& textA,
               const std::vector<std::string>& textB) {
    std::size_t n = stretch.removed.size(), m = stretch.added.size();
    stretch.partner.assign(n, std::nullopt);
    stretch.used.assign(m, false);
    if (n == 0 || m == 0 || n * m > kMaxPairs) return;
    auto score = [&](std::size_t k, std::size_t l) {
        std::size_t i = stretch.removed[k], j = stretch.added[l];
        double value = similarity(textA[i], textB[j]);
        if (dialect.inTableCell(a[i]) && dialect.inTableCell(b[j])) value = std::max(value, 0.5);
        return value >= 0.5 ? value : -1.0;
    };
    std::vector<double> pairScore(n * m);
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t l = 0; l < m; ++l)
            pairScore[k * m + l] = score(k, l);
    // best[k][l]: the best total for removed[k..] and added[l..].
    std::vector<double> best((n + 1) * (m + 1), 0.0);
    auto at = [&](std::size_t k, std::size_t l) -> double& { return best[k * (m + 1) + l]; };
    for (std::size_t k = n; k-- > 0;) {
        for (std::size_t l = m; l-- > 0;) {
            double value = std::max(at(k + 1, l), at(k, l + 1));
            if (pairScore[k * m + l] > 0)
                value = std::max(value, pairScore[k * m + l] + at(k + 1, l + 1));
            at(k, l) = value;
        }
    }
    std::size_t k = 0, l = 0;
    while (k < n && l < m) {
        double paired = pairScore[k * m + l] > 0 ? pairScore[k * m + l] + at(k + 1, l + 1) : -1.0;
        if (paired >= at(k + 1, l) && paired >= at(k, l + 1)) {
            stretch.partner[k] = l;
            stretch.used[l] = true;
            ++k, ++l;
        } else if (at(k + 1, l) >= at(k, l + 1)) {
            ++k;
        } else {
            ++l;
        }
    }
}

bool sameContainer(const xmlNode* older, const xmlNode* newer) {
    return older->parent && newer->parent && xmlStrEqual(older->parent->name, newer->parent->name);
}

// Where a removed paragraph that is no edit goes: before the first added
// paragraph between its paired neighbours that sits in the same kind of
// container (body, table cell, ...), else before the next paired one, else
// before `following` (the next paragraph that stays).
xmlNode* anchorFor(const Stretch& stretch, std::size_t k, const std::vector<xmlNode*>& a,
                   const std::vector<xmlNode*>& b, xmlNode* following) {
    std::size_t lower = 0, upper = stretch.added.size();
    for (std::size_t before = 0; before < k; ++before)
        if (stretch.partner[before]) lower = *stretch.partner[before] + 1;
    for (std::size_t after = k + 1; after < stretch.removed.size(); ++after) {
        if (stretch.partner[after]) {
            upper = *stretch.partner[after];
            break;
        }
    }
    for (std::size_t m = lower; m < upper; ++m) {
        if (sameContainer(a[stretch.removed[k]], b[stretch.added[m]])) return b[stretch.added[m]];
    }
    if (upper < stretch.added.size()) return b[stretch.added[upper]];
    return following;
}

// Table rows of which every paragraph went are deleted as rows where the
// format tracks rows; returns the removed paragraphs (indexes into
// stretch.removed) that were handled so.
std::set<std::size_t> deleteWholeRows(RedlineDialect& dialect, const Stretch& stretch,
                                      const std::vector<xmlNode*>& a,
                                      const std::vector<xmlNode*>& b, xmlNode* following) {
    std::map<const xmlNode*, std::size_t> unpaired;  // older paragraph -> k
    for (std::size_t k = 0; k < stretch.removed.size(); ++k)
        if (!stretch.partner[k]) unpaired[a[stretch.removed[k]]] = k;
    std::set<std::size_t> done;
    std::set<const xmlNode*> rowsSeen;
    for (std::size_t k = 0; k < stretch.removed.size(); ++k) {
        const xmlNode* row = stretch.partner[k] ? nullptr : dialect.rowOf(a[stretch.removed[k]]);
        if (!row || !rowsSeen.insert(row).second) continue;
        std::vector<std::size_t> members;
        for (const xmlNode* paragraph : dialect.rowParagraphs(row)) {
            auto found = unpaired.find(paragraph);
            if (found == unpaired.end()) {
                members.clear();
                break;
            }
            members.push_back(found->second);
        }
        if (members.empty()) continue;
        if (!dialect.insertDeletedRow(row, anchorFor(stretch, k, a, b, following))) continue;
        done.insert(members.begin(), members.end());
    }
    return done;
}

void markStretch(RedlineDialect& dialect, Stretch& stretch, const std::vector<xmlNode*>& a,
                 const std::vector<xmlNode*>& b, const std::vector<std::string>& textA,
                 const std::vector<std::string>& textB, xmlNode* following) {
    pairEdits(stretch, dialect, a, b, textA, textB);
    auto rowsDone = deleteWholeRows(dialect, stretch, a, b, following);
    for (std::size_t k = 0; k < stretch.removed.size(); ++k) {
        std::size_t i = stretch.removed[k];
        if (rowsDone.count(k)) continue;
        if (!stretch.partner[k]) {
            xmlNode* anchor = anchorFor(stretch, k, a, b, following);
            dialect.insertDeleted(a[i], anchor, b.empty() ? nullptr : b.back());
            continue;
        }
        std::size_t j = stretch.added[*stretch.partner[k]];
        if (dialect.plain(a[i]) && dialect.plain(b[j])) {
            dialect.rewrite(b[j], diffWords(textA[i], textB[j]));
        } else {
            dialect.insertDeleted(a[i], b[j], nullptr);
            dialect.markInserted(b[j]);
        }
    }
    for (std::size_t m = 0; m < stretch.added.size(); ++m) {
        if (!stretch.used[m]) dialect.markInserted(b[stretch.added[m]]);
    }
}

// Applies the alignment of the two paragraph lists to the newer document.
void markChanges(RedlineDialect& dialect, const std::vector<xmlNode*>& a,
                 const std::vector<xmlNode*>& b) {
    std::vector<std::string> textA, textB;
    for (const auto* p : a)
        textA.push_back(dialect.text(p));
    for (const auto* p : b)
        textB.push_back(dialect.text(p));
    auto steps = align(a.size(), b.size(),
                       [&](std::size_t i, std::size_t j) { return textA[i] == textB[j]; });
    Stretch stretch;
    auto flush = [&](xmlNode* following) {
        if (!stretch.removed.empty() || !stretch.added.empty())
            markStretch(dialect, stretch, a, b, textA, textB, following);
        stretch = Stretch{};
    };
    for (const auto& step : steps) {
        switch (step.op) {
            case AlignStep::Op::Equal:
                flush(b[step.newer]);
                break;
            case AlignStep::Op::Deleted:
                stretch.removed.push_back(step.older);
                break;
            case AlignStep::Op::Inserted:
                stretch.added.push_back(step.newer);
                break;
        }
    }
    flush(nullptr);
}

}  // namespace

void stripIdentifiers(xmlNode* node, bool (*drop)(const xmlNode*),
                      const std::vector<std::string>& attributes) {
    std::vector<xmlNode*> dropped;
    for (xmlNode* child = node->children; child; child = child->next) {
        if (drop(child)) {
            dropped.push_back(child);
        } else if (child->type == XML_ELEMENT_NODE) {
            stripIdentifiers(child, drop, attributes);
        }
    }
    for (xmlNode* child : dropped) {
        xmlUnlinkNode(child);
        xmlFreeNode(child);
    }
    for (xmlAttr* attr = node->properties; attr;) {
        xmlAttr* next = attr->next;
        std::string name = reinterpret_cast<const char*>(attr->name);
        if (std::find(attributes.begin(), attributes.end(), name) != attributes.end())
            xmlRemoveProp(attr);
        attr = next;
    }
}

std::vector<Chunk> chunksOf(const std::vector<WordSegment>& words,
                            const std::vector<Piece>& pieces) {
    std::vector<Chunk> chunks;
    std::size_t piece = 0, offset = 0;  // position in the newer text
    auto skipEmpty = [&]() {
        while (piece < pieces.size() && offset == pieces[piece].text.size()) {
            ++piece;
            offset = 0;
        }
    };
    auto formatHere = [&]() -> xmlNode* {
        if (pieces.empty()) return nullptr;
        return piece < pieces.size() ? pieces[piece].format : pieces.back().format;
    };
    for (std::size_t index = 0; index < words.size(); ++index) {
        const auto& segment = words[index];
        if (segment.op == WordSegment::Op::Deleted) {
            skipEmpty();
            chunks.push_back({segment.op, segment.text, formatHere(), index});
            continue;
        }
        std::size_t done = 0;
        while (done < segment.text.size()) {
            skipEmpty();
            std::size_t take = segment.text.size() - done;
            if (piece < pieces.size()) take = std::min(take, pieces[piece].text.size() - offset);
            chunks.push_back({segment.op, segment.text.substr(done, take), formatHere(), index});
            done += take;
            offset += take;
        }
    }
    return chunks;
}

Result<Redline> redline(std::string_view older, std::string_view newer,
                        render::TemplateFormat format, const RedlineOptions& options) {
    auto entriesA = entriesOf(older, "older");
    if (!entriesA) return entriesA.error();
    auto entriesB = entriesOf(newer, "newer");
    if (!entriesB) return entriesB.error();

    std::string part = format == render::TemplateFormat::Docx ? "word/document.xml" : "content.xml";
    auto docA = parsePart(*entriesA, part, "older");
    if (!docA) return docA.error();
    auto docB = parsePart(*entriesB, part, "newer");
    if (!docB) return docB.error();

    auto dialect = format == render::TemplateFormat::Docx ? docxDialect(docB.value().get(), options)
                                                          : odtDialect(docB.value().get(), options);
    markChanges(*dialect, dialect->paragraphs(docA.value().get()),
                dialect->paragraphs(docB.value().get()));
    dialect->finish();
    // Copies from the older document brought their own namespace
    // declarations; drop the ones the root already makes (option 1 is
    // libxml2's XML_DOM_RECONNS_REMOVEREDUND, not in its public header).
    xmlDOMWrapReconcileNamespaces(nullptr, xmlDocGetRootElement(docB.value().get()), 1);

    Redline result;
    result.insertions = dialect->insertions;
    result.deletions = dialect->deletions;
    package::ZipWriter zip;
    for (const auto& entry : *entriesB) {
        if (entry.name == part) {
            zip.addDeflated(entry.name, xml::serialize(docB.value().get()), 6);
        } else {
            zip.add(package::PackedEntry{entry.name, entry.method, entry.crc, entry.size,
                                         std::string(entry.raw)});
        }
    }
    result.bytes = zip.finish();
    return result;
}

}  // namespace beraad::diff
