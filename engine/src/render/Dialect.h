#pragma once
// What WordprocessingML and ODF text call their paragraphs, runs, rows and
// list items, and how a value is written into their text. The compiler and
// the layout of sections ask these questions instead of naming elements.

#include <libxml/tree.h>

#include <string>

#include "beraad/render/Template.h"

namespace beraad::render {

namespace ns {
inline constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kW14 = "http://schemas.microsoft.com/office/word/2010/wordml";
inline constexpr const char* kWp =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr const char* kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
inline constexpr const char* kTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
inline constexpr const char* kDraw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
inline constexpr const char* kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
inline constexpr const char* kManifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
inline constexpr const char* kXml = "http://www.w3.org/XML/1998/namespace";
}  // namespace ns

bool isElement(const xmlNode* node, const char* ns, const char* name);
bool inNamespace(const xmlNode* node, const char* ns);

class Dialect {
  public:
    explicit Dialect(TemplateFormat format) : format_(format) {}
    TemplateFormat format() const { return format_; }

    bool isParagraph(const xmlNode* node) const;
    bool isRow(const xmlNode* node) const;
    bool isCell(const xmlNode* node) const;
    bool isTable(const xmlNode* node) const;
    bool isListItem(const xmlNode* node) const;
    // A text node that belongs to its paragraph's text (w:t in Word; text
    // directly in text:p, text:h, text:span, text:a in ODF).
    bool isParagraphText(const xmlNode* textNode) const;
    // Elements that can be cut in two at a point inside them: paragraphs
    // and the inline wrappers of text (runs, hyperlinks, spans, ...).
    bool isSplittable(const xmlNode* node) const;
    // Word's property children (w:pPr, w:rPr, ...): copied to both halves
    // of a split, ignored when asking whether a half holds anything.
    bool isProperties(const xmlNode* node) const;
    // Structure that holds nothing by itself (a paragraph, a run, a w:t, a
    // spell-check mark, a table row or cell, a list item): a unit made of
    // only these, with no text, is empty.
    bool isTransparent(const xmlNode* node) const;

  private:
    TemplateFormat format_;
};

}  // namespace beraad::render
