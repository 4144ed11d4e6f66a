#pragma once
// Runs a compiled part against one content document. One PartRenderer
// serves a whole render: the ids it hands out stay unique across parts.

#include <libxml/xpath.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "beraad/render/Render.h"
#include "render/ContentTree.h"
#include "render/Formatters.h"
#include "render/Program.h"

namespace beraad::render {

class PartRenderer {
  public:
    // `dom` is the libxml2 document the tree mirrors (ContentTree::fromDom),
    // needed when the program has XPath beyond plain paths; null otherwise.
    PartRenderer(const Program& program, const ContentTree& content, xmlDoc* dom,
                 const RenderOptions& options);
    // Whether a render of this program needs the libxml2 document.
    static bool needsXPath(const Program& program);
    ~PartRenderer();
    PartRenderer(const PartRenderer&) = delete;
    PartRenderer& operator=(const PartRenderer&) = delete;

    // Renders the part; its text goes to `sink` in chunks of about 64 KiB,
    // so output of any size streams into the package without being held
    // whole.
    using Sink = std::function<void(std::string_view)>;
    void render(const PartProgram& part, const Sink& sink);
    std::string render(const PartProgram& part);
    // Problems met so far, each (tag, code) once with how often it occurred.
    std::vector<TemplateProblem> problems() const;
    // Lists started again in copies of sections: (new numId, template numId).
    const std::vector<std::pair<uint64_t, std::string>>& listClones() const { return listClones_; }

  private:
    void run(const std::vector<Op>& ops, std::string& out);
    void value(const Op& op, std::string& out);
    void each(const Op& op, std::string& out);
    void condition(const Op& op, std::string& out);
    void writeText(const Op& op, std::string_view text, std::string& out);
    void repeat(const Op& op, const ContentTree::Index* items, int count, std::string& out);
    xmlXPathObject* evaluate(const Op& op);
    // Nodes a simple path selects from the current node, in document order.
    void select(const Expression& expression, std::vector<ContentTree::Index>& out,
                bool firstOnly) const;
    void formatAndWrite(const Op& op, Value& value, std::string& out);
    bool toValue(const Op& op, xmlXPathObject* result, Value& value);
    void problem(const Op& op, const std::string& code, const std::string& message);
    std::string uniqueName(const std::string& name);
    void listInstance(const std::string& numId, std::string& out);
    size_t partOrder(const std::string& part) const;

    const Program& program_;
    const ContentTree& content_;
    const RenderOptions& options_;
    xmlXPathContext* context_ = nullptr;  // null without a libxml2 document
    ContentTree::Index current_ = ContentTree::kNone;
    int currentSize_ = 1;
    int currentPosition_ = 1;
    uint64_t next_[static_cast<size_t>(Counter::Count)] = {};
    std::map<std::string, uint64_t> bookmarkIds_;
    std::map<std::string, uint64_t> nameCounts_;
    std::map<std::string, std::string> lastNames_;
    struct ListCopy {
        std::string current;   // the numId paragraphs of this copy use
        bool pending = false;  // a new copy began: the next paragraph starts the list again
        bool used = false;     // the template's own numId has been handed out
        int owners = 0;        // copies of sections owning its restart now running
    };
    std::map<std::string, ListCopy> lists_;
    std::vector<std::pair<uint64_t, std::string>> listClones_;
    struct Seen {
        TemplateProblem problem;
        size_t count = 0;
    };
    std::map<std::pair<uint32_t, std::string>, Seen> problems_;
    std::vector<ErrorDetail> xpathErrors_;
    const Sink* sink_ = nullptr;
    std::vector<ContentTree::Index> nodes_;
    mutable std::vector<ContentTree::Index> selectScratch_;
    std::string scratch_;
};

}  // namespace beraad::render
