// The redline: tracked changes in both formats that say exactly what changed.
// Accepting every change must give the newer rendering's text and rejecting
// every change the older one's; the tests do both on the XML, independently
// of the engine's own code, and check ODF validity.
#include <gtest/gtest.h>

#include <libxml/tree.h>

#include <cstring>
#include <map>
#include <set>

#include "OoxmlCheck.h"
#include "RenderSupport.h"
#include "TestSupport.h"
#include "beraad/diff/Redline.h"
#include "beraad/render/Render.h"
#include "xml/Xml.h"

namespace beraad {
namespace {

using render::TemplateFormat;

const char* kOlder = R"(<c><titel>Convenant Twente</titel>
<lid>Partijen werken samen.</lid><lid>Het Beraad vergadert ten minste vier keer per jaar.</lid>
<lid>Dit lid vervalt in de nieuwe versie.</lid>
<post jaar="2025" bedrag="50"/><post jaar="2026" bedrag="100"/><post jaar="2027" bedrag="200"/>
<slot>einde</slot></c>)";
const char* kNewer = R"(<c><titel>Convenant Twente</titel>
<lid>Partijen werken nauw samen.</lid><lid>Het Beraad vergadert ten minste zes keer per jaar.</lid>
<lid>Geschillen lossen partijen eerst samen op.</lid>
<post jaar="2026" bedrag="100"/><post jaar="2027" bedrag="250"/><post jaar="2028" bedrag="300"/>
<slot>einde nu</slot></c>)";

std::string bodyFor(TemplateFormat format) {
    if (format == TemplateFormat::Odt) {
        return R"(<text:h text:outline-level="1">{{ titel }}</text:h>)"
               R"(<text:p>{{#each lid}}{{ . }}{{/each}}</text:p>)"
               R"(<table:table table:name="Begroting"><table:table-column table:number-columns-repeated="2"/>)"
               R"(<table:table-row><table:table-cell office:value-type="string"><text:p>{{#each post}}{{ @jaar }}</text:p></table:table-cell>)"
               R"(<table:table-cell office:value-type="string"><text:p>{{ @bedrag }}{{/each}}</text:p></table:table-cell></table:table-row></table:table>)"
               R"(<text:p>Slot: <text:span text:style-name="T2">{{ slot }}</text:span></text:p>)";
    }
    auto p = [](const std::string& text) {
        return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
    };
    return p("{{ titel }}") + p("{{#each lid}}{{ . }}{{/each}}") +
           R"(<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>)"
           R"(<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>)" +
           p("{{#each post}}{{ @jaar }}") +
           R"(</w:tc><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>)" +
           p("{{ @bedrag }}{{/each}}") + R"(</w:tc></w:tr></w:tbl>)" +
           R"(<w:p><w:r><w:t xml:space="preserve">Slot: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{{ slot }}</w:t></w:r></w:p>)";
}

struct Rendered {
    std::string older, newer, redline;
    int insertions = 0, deletions = 0;
};

Rendered renderPair(TemplateFormat format, const char* olderContent = kOlder,
                    const char* newerContent = kNewer) {
    auto tmpl = testing::templateWithBody(format, bodyFor(format));
    Rendered out;
    auto older = render::render(tmpl, olderContent);
    auto newer = render::render(tmpl, newerContent);
    if (!older || !newer) throw std::runtime_error("rendering failed");
    out.older = *older;
    out.newer = *newer;
    auto marked =
        diff::redline(out.older, out.newer, format, {"Secretariaat", "2026-11-28T10:15:00Z"});
    if (!marked) throw std::runtime_error(marked.error().describe());
    out.redline = marked->bytes;
    out.insertions = marked->insertions;
    out.deletions = marked->deletions;
    return out;
}

std::string mainPart(const std::string& package, TemplateFormat format) {
    return testing::unzip(package).files.at(testing::mainPartOf(format));
}

bool named(const xmlNode* node, const char* name) {
    return node->type == XML_ELEMENT_NODE &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

// --- Word: text of w:t / w:delText, paragraph marks; `accept` drops
// deletions, otherwise insertions are dropped.
void wordText(const xmlNode* node, bool accept, bool inIns, bool inDel, std::string& out) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE) {
            bool keep = accept ? !inDel : !inIns;
            if (keep && child->parent &&
                (named(child->parent, "t") || named(child->parent, "delText")))
                out += reinterpret_cast<const char*>(child->content);
            continue;
        }
        if (child->type != XML_ELEMENT_NODE || named(child, "pPr")) continue;
        bool keep = accept ? !inDel : !inIns;
        if (named(child, "tab") && keep) out += '\t';
        if (named(child, "br") && keep) out += '\n';
        wordText(child, accept, inIns || named(child, "ins"), inDel || named(child, "del"), out);
        if (named(child, "p")) {
            bool markIns = false, markDel = false;
            for (const xmlNode* pPr = child->children; pPr; pPr = pPr->next) {
                if (!named(pPr, "pPr")) continue;
                for (const xmlNode* rPr = pPr->children; rPr; rPr = rPr->next) {
                    if (!named(rPr, "rPr")) continue;
                    for (const xmlNode* m = rPr->children; m; m = m->next) {
                        markIns = markIns || named(m, "ins");
                        markDel = markDel || named(m, "del");
                    }
                }
            }
            if (accept ? !markDel : !markIns) out += '\n';
        }
    }
}

// --- ODF: text in document order; `accept` ignores deletion points, otherwise
// text between change-start and change-end is dropped and each deletion
// point gives back its paragraphs (joined by paragraph breaks).
struct OdfWalk {
    bool accept;
    std::map<std::string, const xmlNode*> deletions;
    std::set<std::string> open;
    std::string out;

    void collectRegions(const xmlNode* node) {
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (named(child, "changed-region")) {
                std::string id = xml::attribute(child, "id");
                for (const xmlNode* kind = child->children; kind; kind = kind->next)
                    if (named(kind, "deletion")) deletions[id] = kind;
            } else if (child->type == XML_ELEMENT_NODE) {
                collectRegions(child);
            }
        }
    }

    void walk(const xmlNode* node) {
        for (const xmlNode* child = node->children; child; child = child->next) {
            bool keep = open.empty();
            if (child->type == XML_TEXT_NODE) {
                bool inParagraph =
                    child->parent && (named(child->parent, "p") || named(child->parent, "h") ||
                                      named(child->parent, "span"));
                if (keep && inParagraph) out += reinterpret_cast<const char*>(child->content);
                continue;
            }
            if (child->type != XML_ELEMENT_NODE || named(child, "tracked-changes") ||
                named(child, "automatic-styles"))
                continue;
            std::string id = xml::attribute(child, "change-id");
            if (named(child, "change-start") && !accept) open.insert(id);
            if (named(child, "change-end")) open.erase(id);
            if (named(child, "change") && !accept) {
                const xmlNode* deletion = deletions.at(id);
                bool first = true;
                for (const xmlNode* p = deletion->children; p; p = p->next) {
                    if (!named(p, "p") && !named(p, "h")) continue;
                    if (!first) out += '\n';
                    first = false;
                    OdfWalk inner{true, {}, {}, {}};
                    inner.walk(p);
                    out += inner.out;
                }
            }
            if (named(child, "s") && keep) {
                std::string c = xml::attribute(child, "c");
                out += std::string(c.empty() ? 1 : std::stoul(c), ' ');
            }
            if (named(child, "tab") && keep) out += '\t';
            if (named(child, "line-break") && keep) out += '\n';
            walk(child);
            if ((named(child, "p") || named(child, "h")) && open.empty()) out += '\n';
        }
    }
};

// The text a reader sees after accepting (or rejecting) every change.
std::string resolved(const std::string& package, TemplateFormat format, bool accept) {
    auto parsed = xml::parseUntrusted(mainPart(package, format));
    if (!parsed.doc) return "NOT WELL-FORMED";
    xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    if (format == TemplateFormat::Docx) {
        std::string out;
        wordText(root, accept, false, false, out);
        return out;
    }
    OdfWalk walk{accept, {}, {}, {}};
    walk.collectRegions(root);
    walk.walk(root);
    return walk.out;
}

std::string withoutBlankLines(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (out.empty() || out.back() == '\n')) continue;
        out += text[i];
    }
    return out;
}

class Redline : public ::testing::TestWithParam<TemplateFormat> {};

TEST_P(Redline, AcceptingGivesTheNewerTextAndRejectingTheOlder) {
    auto r = renderPair(GetParam());
    std::string newer = resolved(r.newer, GetParam(), true);
    std::string older = resolved(r.older, GetParam(), true);
    ASSERT_NE(newer, older);
    EXPECT_EQ(resolved(r.redline, GetParam(), true), newer);
    if (GetParam() == TemplateFormat::Docx) {
        EXPECT_EQ(resolved(r.redline, GetParam(), false), older);
    } else {
        // ODF has no tracked table rows: rejecting the inserted row (2028)
        // leaves the row, its cells empty (docs/diff.md, limits).
        EXPECT_EQ(withoutBlankLines(resolved(r.redline, GetParam(), false)),
                  withoutBlankLines(older));
    }
}

TEST_P(Redline, TableRowsThatCameOrWentAreTrackedRowsInWord) {
    if (GetParam() != TemplateFormat::Docx) GTEST_SKIP() << "ODF tracks no table rows";
    auto r = renderPair(GetParam());
    std::string part = mainPart(r.redline, GetParam());
    auto inserted = part.find("<w:trPr><w:ins ");
    ASSERT_NE(inserted, std::string::npos) << part;
    EXPECT_NE(part.find("2028", inserted), std::string::npos);
    EXPECT_EQ(part.find("<w:trPr><w:ins ", inserted + 1), std::string::npos) << "only 2028 is new";
    auto deleted = part.find("<w:trPr><w:del ");
    ASSERT_NE(deleted, std::string::npos) << part;
    EXPECT_LT(part.find(">2025</w:delText>", deleted), part.find(">2026<", deleted));
    EXPECT_EQ(part.find("<w:trPr><w:del ", deleted + 1), std::string::npos) << "only 2025 went";
}

TEST_P(Redline, MarksWordsAndWholeParagraphs) {
    auto r = renderPair(GetParam());
    std::string part = mainPart(r.redline, GetParam());
    EXPECT_GT(r.insertions, 0);
    EXPECT_GT(r.deletions, 0);
    if (GetParam() == TemplateFormat::Docx) {
        EXPECT_NE(part.find("<w:delText xml:space=\"preserve\">vier</w:delText>"),
                  std::string::npos)
            << part;
        EXPECT_NE(part.find("<w:t xml:space=\"preserve\">zes</w:t>"), std::string::npos);
        EXPECT_NE(part.find("w:author=\"Secretariaat\""), std::string::npos);
        EXPECT_NE(part.find("w:date=\"2026-11-28T10:15:00Z\""), std::string::npos);
        EXPECT_NE(part.find(">Dit lid vervalt in de nieuwe versie.</w:delText>"),
                  std::string::npos);
        // The deleted and inserted paragraph marks.
        EXPECT_NE(part.find("<w:rPr><w:del "), std::string::npos);
        EXPECT_NE(part.find("<w:rPr><w:ins "), std::string::npos);
        // The changed "Slot: einde" paragraph keeps its bold run, the
        // inserted word included.
        EXPECT_NE(
            part.find("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">einde</w:t></w:r>"),
            std::string::npos)
            << part;
        EXPECT_NE(
            part.find(
                "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> nu</w:t></w:r></w:ins>"),
            std::string::npos);
    } else {
        EXPECT_NE(part.find("<text:tracked-changes>"), std::string::npos) << part;
        EXPECT_NE(
            part.find(
                "<dc:creator>Secretariaat</dc:creator><dc:date>2026-11-28T10:15:00Z</dc:date>"),
            std::string::npos);
        EXPECT_NE(part.find("<text:p>vier</text:p>"), std::string::npos);
        EXPECT_NE(part.find("Dit lid vervalt in de nieuwe versie.</text:p>"), std::string::npos);
        EXPECT_NE(part.find("<text:change-start "), std::string::npos);
        EXPECT_NE(
            part.find("<text:span text:style-name=\"T2\">einde</text:span><text:change-start"),
            std::string::npos)
            << part;
        EXPECT_NE(
            part.find("<text:span text:style-name=\"T2\"><text:s/>nu</text:span><text:change-end"),
            std::string::npos);
    }
}

TEST_P(Redline, IsAValidPackage) {
    auto r = renderPair(GetParam());
    if (GetParam() == TemplateFormat::Odt && !testing::odfSchemasAvailable())
        GTEST_SKIP() << "../shared/schemas/odf is absent: the ODT redline is not validated";
    auto failures = testing::packageFailures(r.redline, GetParam());
    EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
}

// DESIGN.md: every WordprocessingML part should validate against ECMA-376's
// wml.xsd once Markup Compatibility is applied (tests/support/OoxmlCheck.h).
TEST(RedlineWord, ValidatesAgainstWml) {
    if (!testing::ooxmlSchemasAvailable())
        GTEST_SKIP() << "../shared/schemas/ooxml is absent: the DOCX redline is not validated";
    auto r = renderPair(TemplateFormat::Docx);
    auto problems = testing::validateDocx(r.redline);
    EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST_P(Redline, EqualRenderingsGiveNoChanges) {
    auto tmpl = testing::templateWithBody(GetParam(), bodyFor(GetParam()));
    auto bytes = render::render(tmpl, kOlder);
    ASSERT_TRUE(bytes);
    auto marked = diff::redline(*bytes, *bytes, GetParam(), {"Beraad", "2026-11-28T10:15:00Z"});
    ASSERT_TRUE(marked);
    EXPECT_EQ(marked->insertions + marked->deletions, 0);
    EXPECT_EQ(mainPart(marked->bytes, GetParam()).find("tracked-changes"), std::string::npos);
}

// One party leaves a numbered list: the redline deletes that party and
// renumbers the rest; it does not rewrite each party into its neighbour.
TEST_P(Redline, ARemovedListItemIsDeletedNotRewrittenIntoItsNeighbour) {
    const char* older = R"(<c><titel>Partijen</titel>
<lid>1. Gemeente Enschede, kernpartner, vertegenwoordigd door J. de Vries, wethouder;</lid>
<lid>2. Gemeente Hengelo, kernpartner, vertegenwoordigd door A. Bakker, wethouder;</lid>
<lid>3. UWV, kernpartner, vertegenwoordigd door M. Jansen, regiomanager;</lid>
<lid>4. SBB, kernpartner, vertegenwoordigd door P. Visser, regiodirecteur;</lid><slot>x</slot></c>)";
    const char* newer = R"(<c><titel>Partijen</titel>
<lid>1. Gemeente Enschede, kernpartner, vertegenwoordigd door J. de Vries, wethouder;</lid>
<lid>2. UWV, kernpartner, vertegenwoordigd door M. Jansen, regiomanager;</lid>
<lid>3. SBB, kernpartner, vertegenwoordigd door P. Visser, regiodirecteur;</lid><slot>x</slot></c>)";
    auto r = renderPair(GetParam(), older, newer);
    std::string part = mainPart(r.redline, GetParam());
    EXPECT_NE(part.find("Gemeente Hengelo, kernpartner"), std::string::npos) << part;
    EXPECT_EQ(part.find("Bakker", part.find("Bakker") + 1), std::string::npos)
        << "Hengelo's text is deleted once, not spread over its neighbours";
    // Jansen and Visser stay as they were: only their numbers change.
    EXPECT_EQ(r.deletions, 3) << part;
    EXPECT_EQ(r.insertions, 2) << part;
    EXPECT_EQ(resolved(r.redline, GetParam(), true), resolved(r.newer, GetParam(), true));
    EXPECT_EQ(resolved(r.redline, GetParam(), false), resolved(r.older, GetParam(), true));
}

TEST(RedlineInput, RefusesWhatIsNotAPackage) {
    auto marked = diff::redline("not a zip", "not a zip", TemplateFormat::Odt, {});
    ASSERT_FALSE(marked);
    EXPECT_EQ(marked.error().code, ErrorCode::InvalidInput);
}

INSTANTIATE_TEST_SUITE_P(Formats, Redline,
                         ::testing::Values(TemplateFormat::Docx, TemplateFormat::Odt),
                         [](const auto& info) {
                             return info.param == TemplateFormat::Docx ? "docx" : "odt";
                         });

}  // namespace
}  // namespace beraad
