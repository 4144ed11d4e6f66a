#pragma once
// Writes a part's rewritten tree as a program: XML text for everything
// fixed, operations for tags, sections and the ids that must stay unique
// when a section repeats.

#include <libxml/tree.h>

#include <vector>

#include "render/Dialect.h"
#include "render/Program.h"
#include "render/WordNumbering.h"

namespace beraad::render {

class OpWriter {
  public:
    OpWriter(const Dialect& dialect, Program& program) : dialect_(dialect), program_(program) {}

    std::vector<Op> write(xmlDoc* doc);

  private:
    void node(xmlNode* node, std::vector<Op>& out, int depth);
    void element(xmlNode* node, std::vector<Op>& out, int depth);
    void attribute(xmlNode* owner, xmlAttr* attr, std::vector<Op>& out, int depth);
    void section(xmlNode* node, std::vector<Op>& out, int depth);
    void value(xmlNode* node, std::vector<Op>& out);
    bool dynamicAttribute(xmlNode* owner, xmlAttr* attr, const std::string& value, Op& op);
    void noteHighest(xmlNode* owner, xmlAttr* attr, const std::string& value);
    static void literal(std::vector<Op>& out, std::string_view text);

    const Dialect& dialect_;
    Program& program_;
    ListRestarts restarts_{nullptr, nullptr};
};

}  // namespace beraad::render
