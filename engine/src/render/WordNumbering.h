#pragma once
// Numbered lists in WordprocessingML restart per copy of a section.
//
// Word numbers every paragraph that names the same w:num (numId) as one
// list. A template says a list starts again at 1 by giving it a w:num of
// its own with a w:lvlOverride/w:startOverride (what "Restart numbering"
// makes). When such a list begins inside a repeated section, and that
// section holds more than the list's own paragraphs (a heading, a table
// cell, ...), every copy of the section gets a fresh w:num cloned from the
// template's, so each copy's list starts again; the first copy keeps the
// template's numId. A section that repeats the list items themselves keeps
// one list. Lists numbered through a paragraph style are left as they are.

#include <libxml/tree.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "beraad/base/Result.h"

namespace beraad::render {

struct WordNumbering {
    std::string part;  // "word/numbering.xml"
    // The part's text split where new w:num elements go (after the last w:num).
    std::string before;
    std::string after;
    // numId -> the children of its w:num, for lists that restart.
    std::map<std::string, std::string> restarting;
    uint64_t highestNumId = 0;

    // One fresh w:num for each clone (new numId, template numId).
    std::string render(const std::vector<std::pair<uint64_t, std::string>>& clones) const;
};

// Reads the numbering part; nullopt when it declares no restarting list.
Result<std::optional<WordNumbering>> readWordNumbering(const std::string& part,
                                                       const std::string& xml);

// Which sections of one part own the restart of which lists.
class ListRestarts {
  public:
    // `numbering` may be null (no restarting list): then nothing restarts.
    ListRestarts(const WordNumbering* numbering, xmlNode* root);

    // The restarting numIds whose first paragraph in the part lies inside
    // `section`, where `section` also holds a paragraph outside that list.
    std::vector<std::string> ownedBy(const xmlNode* section) const;
    bool restarting(const std::string& numId) const;

  private:
    const WordNumbering* numbering_;
    std::map<std::string, const xmlNode*> firstParagraph_;
};

// The numId a paragraph is numbered with ("" when none).
std::string numIdOfParagraph(const xmlNode* paragraph);

}  // namespace beraad::render
