#pragma once
// Compiles one XML part of a template (word/document.xml, content.xml, ...):
// finds the tags in each paragraph's text, however the editor split them
// over runs, reads them, checks the XPath and formatters, matches the
// sections, lays them out and writes the part as a program. Every problem is
// collected; a part with problems yields no program.

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/render/Template.h"
#include "render/Dialect.h"
#include "render/DomEdit.h"
#include "render/Program.h"
#include "xml/Xml.h"

namespace beraad::render {

class PartCompiler {
  public:
    PartCompiler(const Dialect& dialect, Program& program, std::vector<TemplateProblem>& problems,
                 std::vector<TagUse>& tags)
        : dialect_(dialect), program_(program), problems_(problems), tags_(tags) {}

    // Adds the part's program to the Program; false when the part has problems.
    bool compile(const std::string& part, std::string_view xml);

  private:
    struct Paragraph {
        xmlNode* node;
        int number;
        std::vector<xmlNode*> texts;
    };
    struct Section {
        TagNode* open;
        TagNode* elseTag;
        TagNode* close;
    };

    bool compileTree(const std::string& part, std::string_view xml);
    void collectParagraphs(xmlNode* node, std::vector<Paragraph>& paragraphs, int current);
    void findTags(Paragraph& paragraph);
    TagNode* isolate(Paragraph& paragraph, const std::string& text,
                     const std::vector<size_t>& offsets, size_t begin, size_t end);
    std::vector<TagNode*> inDocumentOrder(xmlNode* root);
    void check(TagNode& tag);
    std::vector<Section> matchSections(const std::vector<TagNode*>& ordered);
    void problem(const std::string& code, const std::string& message, uint32_t site);

    const Dialect& dialect_;
    Program& program_;
    std::vector<TemplateProblem>& problems_;
    std::vector<TagUse>& tags_;
    std::string part_;
    std::deque<TagNode> tagNodes_;
    std::deque<SectionMarker> markers_;
    size_t problemsBefore_ = 0;
};

}  // namespace beraad::render
