#pragma once
// What the redline needs to know of one package format: where the main body
// is, what its paragraphs are and say, and how tracked changes are written.

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <vector>

#include "beraad/diff/Diff.h"
#include "beraad/diff/Redline.h"
#include "beraad/render/Template.h"

namespace beraad::diff {

// A stretch of a paragraph's text with one formatting: a DOCX run's w:rPr, an
// ODT text:span (null: the paragraph's own formatting).
struct Piece {
    std::string text;
    xmlNode* format = nullptr;
};

// A word segment cut where the formatting of the newer paragraph changes.
// Deleted text takes the formatting of the newer text at its place.
struct Chunk {
    WordSegment::Op op;
    std::string text;
    xmlNode* format;
    std::size_t segment;  // index into the word segments
};
std::vector<Chunk> chunksOf(const std::vector<WordSegment>& words,
                            const std::vector<Piece>& pieces);

// Prepares a paragraph copied from the older document: removes the elements
// `drop` names (bookmarks) and the attributes named in `attributes` (ids), so
// that it repeats no identifier of the newer document.
void stripIdentifiers(xmlNode* node, bool (*drop)(const xmlNode*),
                      const std::vector<std::string>& attributes);

class RedlineDialect {
  public:
    virtual ~RedlineDialect() = default;

    // The paragraphs of the main body in document order (not those nested in
    // another paragraph: text boxes, notes).
    virtual std::vector<xmlNode*> paragraphs(xmlDoc* doc) const = 0;
    virtual std::string text(const xmlNode* paragraph) const = 0;
    // Whether a paragraph holds only text in runs (spans), so its words can
    // be rewritten without losing anything but per-run formatting.
    virtual bool plain(const xmlNode* paragraph) const = 0;
    virtual bool inTableCell(const xmlNode* paragraph) const = 0;

    // Changes to the newer document `doc`.
    virtual void markInserted(xmlNode* paragraph) = 0;
    // Places `older` (a paragraph of the older document) as deleted before
    // `anchor`, or after `last` when there is no anchor.
    virtual void insertDeleted(const xmlNode* older, xmlNode* anchor, xmlNode* last) = 0;
    virtual void rewrite(xmlNode* paragraph, const std::vector<WordSegment>& words) = 0;
    // A format that tracks table rows: the older table row holding
    // `paragraph`, and placing a whole older row as deleted before the row
    // of `anchor` (or at the end of the table just before it). Returns false
    // where it cannot, and the paragraphs are then deleted one by one.
    virtual const xmlNode* rowOf(const xmlNode*) const { return nullptr; }
    virtual std::vector<xmlNode*> rowParagraphs(const xmlNode*) const { return {}; }
    virtual bool insertDeletedRow(const xmlNode*, xmlNode*) { return false; }
    // Called once after every change was made.
    virtual void finish() {}

    int insertions = 0;
    int deletions = 0;
};

std::unique_ptr<RedlineDialect> docxDialect(xmlDoc* newer, const RedlineOptions& options);
std::unique_ptr<RedlineDialect> odtDialect(xmlDoc* newer, const RedlineOptions& options);

}  // namespace beraad::diff
