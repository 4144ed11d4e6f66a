#pragma once
// The rules each package format brings beyond its parts' text: which parts
// hold tags, and the fixed parts rewritten once when a template is loaded.
//  - WordprocessingML: the main document, headers, footers, footnotes and
//    endnotes are rendered; settings.xml gets w:updateFields so fields such
//    as a table of contents refresh on open; a .dotx becomes a document.
//  - ODF text: content.xml and styles.xml (headers, footers) are rendered;
//    `mimetype` comes first and is stored; the manifest lists every file.

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <vector>

#include "beraad/base/Result.h"
#include "beraad/render/Template.h"
#include "package/ZipReader.h"

namespace beraad::render {

struct SourceEntry {
    std::string name;
    std::string data;
    std::optional<package::ZipEntry> zipped;  // the packed bytes, reusable while data is unchanged
    bool changed = false;
    bool rendered = false;
    bool stored = false;     // written without compression
    bool numbering = false;  // Word's numbering part (lists may restart, WordNumbering.h)
};

class DocxRules {
  public:
    static Result<void> prepare(std::vector<SourceEntry>& entries);
};

class OdtRules {
  public:
    static Result<void> prepare(std::vector<SourceEntry>& entries);
};

// Helpers shared by the rules.
SourceEntry* findEntry(std::vector<SourceEntry>& entries, const std::string& name);
Result<void> loadData(SourceEntry& entry);

}  // namespace beraad::render
