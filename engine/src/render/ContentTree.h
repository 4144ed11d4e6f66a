#pragma once
// The content a render reads, as a compact tree: one array of nodes whose
// names and text point into the content text (or into a small arena where a
// reference was decoded). The renderer walks it for plain paths ("naam",
// "partijen/partij", "@regio"), which is most of what templates ask.
//
// Two ways to build it:
// - parse(): a strict reader for the XML that content is (UTF-8, no DOCTYPE,
//   no namespaces). It declines anything else, well-formed or not, and then
//   libxml2 decides: it never accepts what libxml2 would refuse, and gives
//   the tree libxml2's parser would give. It takes a third of the work of
//   building and freeing a libxml2 document (14 M against 45 M instructions
//   for the bench's 5,000 rows), which is what makes large tables cheap.
// - fromDom(): mirrors a libxml2 document, when a template uses XPath beyond
//   plain paths; every node then knows its libxml2 node and the reverse
//   (xmlNode::_private), so XPath results map back onto the tree.

#include <libxml/tree.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beraad::render {

class ContentTree {
  public:
    using Index = uint32_t;
    static constexpr Index kNone = 0;  // node 0 is the document, never a child or sibling

    enum class Kind : uint8_t { Document, Element, Attribute, Text, Other };

    struct Node {
        std::string_view name;  // element or attribute name; empty otherwise
        std::string_view text;  // text, attribute value, comment or PI content
        Index firstChild = kNone;
        Index nextSibling = kNone;
        Index firstAttribute = kNone;  // attributes are chained by nextSibling
        Kind kind = Kind::Other;
        bool qualified = false;  // in a namespace: plain paths never select it
        void* dom = nullptr;     // the libxml2 node (fromDom only)
    };

    // Limits beyond which parse() declines, below libxml2's own (depth 256,
    // 10 MB text), so that libxml2 reports what exceeds them.
    static constexpr int kMaxDepth = 200;
    static constexpr size_t kMaxText = 5'000'000;
    static constexpr size_t kMaxInput = 8'000'000;

    // nullopt: declined (malformed, or a feature this reader leaves to libxml2).
    static std::optional<ContentTree> parse(std::string_view xml);
    // The doc must outlive the tree; its nodes' _private are set.
    static ContentTree fromDom(xmlDoc* doc);

    ContentTree(ContentTree&&) = default;
    ContentTree& operator=(ContentTree&&) = default;

    const Node& node(Index index) const { return nodes_[index]; }
    Index documentElement() const { return documentElement_; }
    size_t size() const { return nodes_.size(); }
    // The node of a libxml2 node (fromDom only); nullopt for nodes without
    // one (namespace nodes).
    static std::optional<Index> indexOf(const xmlNode* dom);

    // The XPath string value: an element's is its descendant text in order.
    // Returns a view of the node's own text when it has one piece, else
    // builds it in scratch.
    std::string_view stringValue(Index index, std::string& scratch) const;

  private:
    ContentTree() = default;
    class Parser;
    void appendText(Index index, std::string& out) const;

    std::vector<Node> nodes_;
    Index documentElement_ = kNone;
    // Decoded text. parse() sizes it to the input up front (decoded text is
    // never longer) and it never moves, so views into it stay valid when the
    // tree does; fromDom() copies values that libxml2 holds in pieces.
    struct Arena {
        std::unique_ptr<char[]> bytes;
        size_t size = 0;
        size_t capacity = 0;
        std::string_view from(size_t start) const { return {bytes.get() + start, size - start}; }
        void push_back(char c) { bytes[size++] = c; }
        void append(std::string_view text) {
            std::copy(text.begin(), text.end(), bytes.get() + size);
            size += text.size();
        }
    };
    Arena arena_;
    std::vector<std::unique_ptr<std::string>> copies_;
};

}  // namespace beraad::render
