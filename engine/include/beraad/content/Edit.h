#pragma once
// Edits of content through forms (the web front end): each edit names one
// element (its text is replaced) or one attribute (its value is replaced)
// by an XPath the caller builds from the form's own field names, never from
// text a person typed; a removal names one element that goes; an addition
// builds a new part (a lid, an artikel, a partij, an ambitie, an actie) from
// a shape the engine offers. The result is indented content, one element per
// line, with the lines of each edited element and each added part, so the
// schema errors of the edited content (which carry lines) can be shown
// beside their fields.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"

namespace beraad {

// A field of a form for content: what people change most, with the path an
// edit of it takes. A samenwerkingsconvenant: each artikel's titel and
// leden, each partij's naam, soort, rol and vertegenwoordigers, and each
// aandeel of the kostenverdeling. A beleidsagenda: each ambitie's titel and
// omschrijving. An uitvoeringsagenda: each actie's titel, omschrijving,
// trekker, start and end, budget per year and source, and each indicator's
// streefwaarde. A Remove field is a checkbox: ticked, the element its path
// names goes.
struct EditableField {
    enum class Kind { Text, LongText, Choice, Remove };
    std::string group;  // "Artikel 2 Samenstelling en werkwijze", "Kostenverdeling"
    std::string label;  // "Lid 1", "Titel", "Aandeel van uwv (procent)", "Lid 1 verwijderen"
    std::string path;   // for ContentEdit::path or ContentRemoval::path
    std::string value;  // the current text or value; empty for Remove
    Kind kind = Kind::Text;
    std::vector<std::string> choices;  // Choice: the values the schema allows
    std::string renumber;  // Remove: the attribute numbering the siblings 1, 2, … again
};

// One field of a new part: `at` is relative to the part ("naam",
// "@partner", "vertegenwoordiger/functie", "." for the part's own text). A
// fixed field is not shown; it adds an element the schema needs (an empty
// <partners/>) in its place in the order. An optional field left empty
// adds nothing.
struct NewPartField {
    std::string label;
    std::string at;
    std::string value;  // a suggestion (a free id) or the fixed value
    EditableField::Kind kind = EditableField::Kind::Text;
    std::vector<std::string> choices;
    bool fixed = false;
    bool optional = false;  // left empty, its element is not made
};

// A part a person can add: a new `element` as the last of its name under
// the one element `parent` selects, with the next free number in
// `numbered` when that names an attribute, and its fields in the order the
// schema wants them.
struct NewPart {
    std::string group;  // "Artikel 2 Samenstelling en werkwijze", "Nieuw artikel"
    std::string label;  // "Nieuw lid"
    std::string parent;
    std::string element;
    std::string numbered;
    std::vector<NewPartField> fields;
    std::size_t position = 0;  // shown after this many of ContentForm::fields
};

struct ContentForm {
    std::vector<EditableField> fields;
    std::vector<NewPart> parts;
};

// The form for content of `kind`; empty for kinds without one.
Result<ContentForm> contentForm(std::string_view kind, std::string_view xml);

struct ContentEdit {
    std::string path;   // XPath to exactly one element or one attribute ("/a/b[@n='1']/@c")
    std::string value;  // the new text or attribute value, as typed
};

struct ContentRemoval {
    std::string path;      // XPath to exactly one element
    std::string renumber;  // see EditableField::renumber
};

struct ContentAddition {
    NewPart part;
    std::map<std::string, std::string> values;  // per NewPartField::at, as typed
};

struct ContentChange {
    std::vector<ContentEdit> edits;
    std::vector<ContentRemoval> removals;
    std::vector<ContentAddition> additions;
};

struct EditedContent {
    std::string xml;         // indented, one element per line
    std::vector<int> lines;  // per edit: the line of its element (0: removed since)
    std::vector<std::pair<int, int>> partLines;  // per addition: its first and last line
    // Per addition, per field of its part (fixed ones too): the line of the
    // element that holds the field (0: removed since).
    std::vector<std::vector<int>> partFieldLines;
};

// Applies the edits, then the additions, then the removals (all paths are
// read in the content as it was). Refuses (InvalidContent) content that is
// not well-formed and (InvalidInput) a path that selects no node, more than
// one, a node of the wrong kind, an edit of an element that holds other
// elements, or an addition's field path that is not a plain relative path;
// nothing is changed then.
Result<EditedContent> changeContent(std::string_view xml, const ContentChange& change);
// changeContent with edits only.
Result<EditedContent> editContent(std::string_view xml, const std::vector<ContentEdit>& edits);

}  // namespace beraad
