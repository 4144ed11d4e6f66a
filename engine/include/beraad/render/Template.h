#pragma once
// A document template: an ordinary .docx or .odt (or the folder of its
// unpacked sources) with tags in its text, compiled once and rendered many
// times. Loading fails only when the package itself is unusable (not a zip,
// neither WordprocessingML nor ODF text, a part that is not well-formed);
// mistakes in the tags are kept as problems, reported all at once by lint()
// and refused by render(). A loaded Template is immutable and may be shared
// between threads.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Result.h"

namespace beraad::render {

enum class TemplateFormat { Docx, Odt };

// One mistake in a template, or one value that could not be rendered.
// `code` is stable (see docs/templates.md); `part` is the package part
// ("word/document.xml", "word/header1.xml", "content.xml", "styles.xml");
// `paragraph` counts the part's paragraphs from 1 in document order;
// `tag` is the tag exactly as the author typed it.
struct TemplateProblem {
    std::string code;
    std::string part;
    int paragraph = 0;
    std::string tag;
    std::string message;
};

enum class TagKind { Value, Each, If, Else, EndEach, EndIf };

// A tag as it stands in the template, for listing.
struct TagUse {
    std::string part;
    int paragraph = 0;
    std::string tag;  // as typed
    TagKind kind = TagKind::Value;
    std::string expression;               // the XPath, quotes normalised; empty for else/close
    std::vector<std::string> formatters;  // as written, e.g. "join(\", \")"
};

class Template {
  public:
    // A .docx/.dotx/.odt/.ott file, or a folder holding an unpacked package.
    static Result<Template> load(const std::filesystem::path& path);
    // The bytes of a .docx or .odt package; `name` is used in messages.
    static Result<Template> fromPackage(std::string_view bytes, std::string name = "template");

    TemplateFormat format() const;
    const std::string& name() const;
    const std::vector<TemplateProblem>& problems() const;
    const std::vector<TagUse>& tags() const;

    struct Compiled;  // private representation
    const Compiled& compiled() const { return *compiled_; }

  private:
    friend class TemplateBuilder;
    explicit Template(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}
    std::shared_ptr<const Compiled> compiled_;
};

// The file extension a rendered document of this format carries (".docx", ".odt").
std::string_view extensionFor(TemplateFormat format);

}  // namespace beraad::render
