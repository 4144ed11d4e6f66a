// The renderer's own content reader (ContentTree::parse) against libxml2:
// whatever it accepts, libxml2 must accept and read into the same tree; what
// is malformed it must decline. A mutation fuzzer tries to break both
// promises with inputs built from the characters that matter to XML.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "render/ContentTree.h"
#include "xml/Xml.h"

namespace beraad::testing {
namespace {

using render::ContentTree;
using Kind = ContentTree::Kind;

// Elements with their attributes in order, and text with adjacent pieces
// joined (libxml2 keeps comments between pieces as nodes; the renderer's
// string values skip them, so the dump does too).
void dump(const ContentTree& tree, ContentTree::Index index, std::string& out) {
    const ContentTree::Node& node = tree.node(index);
    if (node.kind == Kind::Element) {
        out += "<" + std::string(node.name);
        if (node.qualified) out += " [ns]";
        for (auto a = node.firstAttribute; a != ContentTree::kNone; a = tree.node(a).nextSibling) {
            out +=
                " " + std::string(tree.node(a).name) + "=[" + std::string(tree.node(a).text) + "]";
        }
        out += ">";
    }
    bool inText = false;
    for (auto c = node.firstChild; c != ContentTree::kNone; c = tree.node(c).nextSibling) {
        const ContentTree::Node& child = tree.node(c);
        if (child.kind == Kind::Text) {
            if (!inText) out += "T[";
            out += child.text;
            inText = true;
            continue;
        }
        if (child.kind == Kind::Other) continue;
        if (inText) out += "]";
        inText = false;
        dump(tree, c, out);
    }
    if (inText) out += "]";
    if (node.kind == Kind::Element) out += "</>";
}

std::string dump(const ContentTree& tree) {
    std::string out;
    dump(tree, 0, out);
    return out;
}

struct Both {
    std::optional<ContentTree> own;
    xml::Parsed libxml;
    std::optional<ContentTree> mirrored;
};

Both readBoth(std::string_view text) {
    Both both;
    both.own = ContentTree::parse(text);
    both.libxml = xml::parseUntrustedReadOnly(text);
    if (both.libxml.doc) both.mirrored = ContentTree::fromDom(both.libxml.doc.get());
    return both;
}

std::string printable(std::string_view text) {
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
            out += buffer;
        } else {
            out += c;
        }
    }
    return out;
}

// Accepted here means accepted by libxml2 with the same tree.
::testing::AssertionResult agrees(std::string_view text) {
    Both both = readBoth(text);
    if (!both.own) return ::testing::AssertionSuccess();
    if (!both.mirrored) {
        return ::testing::AssertionFailure()
               << "accepted what libxml2 refuses: " << printable(text) << "\n  libxml2: "
               << (both.libxml.problems.empty() ? "?" : both.libxml.problems.front().message);
    }
    std::string own = dump(*both.own);
    std::string mirrored = dump(*both.mirrored);
    if (own != mirrored) {
        return ::testing::AssertionFailure()
               << "different trees for " << printable(text) << "\n  own:     " << printable(own)
               << "\n  libxml2: " << printable(mirrored);
    }
    return ::testing::AssertionSuccess();
}

const std::vector<std::string>& wellFormed() {
    static const std::vector<std::string> documents = {
        "<a/>",
        "<a></a>",
        "<?xml version=\"1.0\"?><a/>",
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<a/>\n",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><a x=\"1\" y='2'>t</a>",
        "\n <!-- before --> <?pi data?> <a/> <!-- after --><?end?>\n ",
        "<a>  <b>x</b>\n\t<c/>  </a>",
        "<a b = \"1\"\n c\t=\t'2' >x</a >",
        "<a>&lt;&gt;&amp;&apos;&quot;</a>",
        "<a>&#65;&#x42;&#xe9;&#233;&#x1F600;&#9;&#13;&#10;</a>",
        "<a v=\"&lt;&#10;&#9;&#13;x\"/>",
        "<a v=\"line\none\ttab\r\ncrlf\rcr\"/>",
        "<a>line\r\nnext\rcr</a>",
        "<a><![CDATA[<not> & markup]]></a>",
        "<a>x<![CDATA[y]]>z</a>",
        "<a>x<!-- c -->y<?p q?>z</a>",
        "<a><![CDATA[a\r\nb]]>&amp;<![CDATA[]]></a>",
        "<a>\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80</a>",
        "<a v='\xC3\xA9 \"q\"'/>",
        "<a>]]</a>",
        "<a>]></a>",
        "<a>a > b</a>",
        "<a v='a>b'/>",
        "<a.b-c_d x.y='1' _z='2'/>",
        "<a><b><c><d>deep</d></c></b></a>",
        "<r><rij><naam>Partner 1</naam><bedrag>1000.5</bedrag></rij></r>",
        "<a><!----></a>",
        "<a><?p?></a>",
        "<a v=''/>",
        "<a>\x7F\xC2\x80\xC2\x9F</a>",
    };
    return documents;
}

TEST(ContentTree, ReadsWellFormedContentAsLibxml2Does) {
    for (const std::string& text : wellFormed()) {
        Both both = readBoth(text);
        ASSERT_TRUE(both.mirrored) << "test data must be well-formed: " << printable(text);
        ASSERT_TRUE(both.own) << "declined: " << printable(text);
        EXPECT_EQ(dump(*both.own), dump(*both.mirrored)) << printable(text);
    }
}

TEST(ContentTree, StringValuesJoinDescendantText) {
    auto tree = ContentTree::parse("<a>x<b>y<!--no-->z</b><![CDATA[&]]><c v='1'/></a>");
    ASSERT_TRUE(tree);
    std::string scratch;
    EXPECT_EQ(tree->stringValue(tree->documentElement(), scratch), "xyz&");
    auto b = tree->node(tree->node(tree->documentElement()).firstChild).nextSibling;
    EXPECT_EQ(tree->stringValue(b, scratch), "yz");
}

TEST(ContentTree, DeclinesMalformedInput) {
    const std::vector<std::string> malformed = {
        "",
        "   ",
        "text",
        "<a>",
        "<a></b>",
        "<a><b></a></b>",
        "<a/><b/>",
        "<a/>text",
        "<a x=1/>",
        "<a x='1' x='2'/>",
        "<a x='1'y='2'/>",
        "<a x='<'/>",
        "<a x='&'/>",
        "<a>&</a>",
        "<a>&foo;</a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#x110000;</a>",
        "<a>&#;</a>",
        "<a>&#x;</a>",
        "<a>]]></a>",
        "<a><!-- a -- b --></a>",
        "<a><!-- a ---></a>",
        "<a><![CDATA[x]></a>",
        "<a>\x01</a>",
        std::string("<a>\0</a>", 8),
        "<a>\xC3</a>",
        "<a>\xC0\x80</a>",
        "<a>\xED\xA0\x80</a>",
        "<a>\xEF\xBF\xBF</a>",
        "<a>\xF5\x80\x80\x80</a>",
        " <?xml version='1.0'?><a/>",
        "<?xml version='1.0'?><?xml version='1.0'?><a/>",
        "<a><?xml x?></a>",
        "<1a/>",
        "<a></a >x",
        "<a>< b/></a>",
        "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
    };
    for (const std::string& text : malformed) {
        EXPECT_FALSE(ContentTree::parse(text)) << "accepted: " << printable(text);
        EXPECT_FALSE(xml::parseUntrustedReadOnly(text).doc)
            << "test data must be malformed: " << printable(text);
    }
}

// Well-formed, but left to libxml2: namespaces, other encodings, a byte
// order mark, non-ASCII names, deep nesting, huge text.
TEST(ContentTree, LeavesWhatItDoesNotReadToLibxml2) {
    const std::vector<std::string> elsewhere = {
        "<a xmlns='urn:x'/>",
        "<x:a xmlns:x='urn:x'/>",
        "<a xmlns:x='urn:x' x:b='1'/>",
        "<?xml version='1.0' encoding='ISO-8859-1'?><a/>",
        "\xEF\xBB\xBF<a/>",
        "<caf\xC3\xA9/>",
        "<?xml version='1.0' encoding='UTF-8'standalone='yes'?><a/>",  // libxml2 is lenient
    };
    for (const std::string& text : elsewhere) {
        EXPECT_TRUE(agrees(text));
    }
    std::string deep;
    for (int i = 0; i <= ContentTree::kMaxDepth; ++i)
        deep += "<d>";
    for (int i = 0; i <= ContentTree::kMaxDepth; ++i)
        deep += "</d>";
    EXPECT_FALSE(ContentTree::parse(deep));
    EXPECT_TRUE(xml::parseUntrustedReadOnly(deep).doc);
    EXPECT_FALSE(ContentTree::parse("<a xmlns='urn:x'/>"));
    EXPECT_FALSE(ContentTree::parse("\xEF\xBB\xBF<a/>"));
    EXPECT_FALSE(ContentTree::parse("<a>" + std::string(ContentTree::kMaxText + 1, 'x') + "</a>"));
}

TEST(ContentTree, MirrorsLibxml2NodesBothWays) {
    auto parsed = xml::parseUntrustedReadOnly("<a x='1'><b>t</b><!--c--></a>");
    ASSERT_TRUE(parsed.doc);
    ContentTree tree = ContentTree::fromDom(parsed.doc.get());
    for (ContentTree::Index i = 0; i < tree.size(); ++i) {
        auto* dom = static_cast<xmlNode*>(tree.node(i).dom);
        ASSERT_NE(dom, nullptr);
        EXPECT_EQ(ContentTree::indexOf(dom), i);
    }
    EXPECT_EQ(tree.node(tree.documentElement()).name, "a");
}

// Random edits of well-formed documents, with the tokens XML parsers get
// wrong. Deterministic (fixed seed) and bounded.
TEST(ContentTree, FuzzedInputNeverAcceptedWhereLibxml2Differs) {
    std::vector<std::string> seeds = wellFormed();
    std::filesystem::path models =
        std::filesystem::path(BERAAD_SOURCE_DIR) / "templates/voorbeelden";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(models)) {
        if (entry.path().extension() != ".xml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        seeds.push_back(text.str());
    }
    const std::vector<std::string> tokens = {
        "<",
        ">",
        "&",
        ";",
        "&amp;",
        "&#",
        "&#x",
        "&#65;",
        "&lt;",
        "]]>",
        "<![CDATA[",
        "]]",
        "<!--",
        "-->",
        "--",
        "<?",
        "?>",
        "<?xml ",
        "\"",
        "'",
        "=",
        " ",
        "\r",
        "\n",
        "\t",
        "/",
        "</",
        "/>",
        ":",
        "xmlns",
        "x:",
        "\xC3\xA9",
        "\xC3",
        "\x80",
        "\x01",
        "\x7F",
        "<a>",
        "</a>",
        "<b x='1'>",
        "</b>",
        "<!DOCTYPE a>",
        "\xEF\xBB\xBF",
        "\xED\xA0\x80",
        "a",
        "1",
        "-",
        ".",
    };
    // BERAAD_FUZZ_ROUNDS and BERAAD_FUZZ_SEED run it longer or elsewhere by hand.
    auto setting = [](const char* name, unsigned long fallback) {
        const char* value = std::getenv(name);
        return value != nullptr ? std::stoul(value) : fallback;
    };
    std::mt19937 random(static_cast<unsigned>(setting("BERAAD_FUZZ_SEED", 20261129)));
    auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
    const int kRounds = static_cast<int>(setting("BERAAD_FUZZ_ROUNDS", 40000));
    int accepted = 0;
    int failures = 0;
    for (int round = 0; round < kRounds && failures < 5; ++round) {
        std::string text = seeds[pick(seeds.size())];
        int edits = pick(2) == 0 ? 1 : 1 + static_cast<int>(pick(3));
        for (int e = 0; e < edits; ++e) {
            size_t at = pick(text.size() + 1);
            switch (pick(4)) {
                case 0:
                    text.insert(at, tokens[pick(tokens.size())]);
                    break;
                case 1:
                    if (at < text.size()) text.erase(at, 1 + pick(4));
                    break;
                case 2:
                    if (at < text.size()) text[at] = tokens[pick(tokens.size())][0];
                    break;
                default: {
                    size_t from = pick(text.size() + 1);
                    text.insert(at, text.substr(from, pick(12)));
                    break;
                }
            }
        }
        auto verdict = agrees(text);
        if (!verdict) {
            ++failures;
            ADD_FAILURE() << verdict.message();
        }
        if (ContentTree::parse(text)) ++accepted;
    }
    // The fuzzer must also reach the accepting side often enough to mean something.
    EXPECT_GT(accepted, kRounds / 50) << accepted << " of " << kRounds << " accepted";
    std::printf("fuzzed %d inputs, %d accepted by both readers alike\n", kRounds, accepted);
}

}  // namespace
}  // namespace beraad::testing
