#include "beraad/render/Template.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "render/CompiledTemplate.h"
#include "render/PackageRules.h"
#include "render/PartCompiler.h"
#include "xml/Xml.h"

namespace beraad::render {
namespace {

namespace fs = std::filesystem;

constexpr int kStaticCompressionLevel = 6;

Error invalid(const std::string& why) {
    return makeError(ErrorCode::InvalidInput, "the template cannot be used: " + why);
}

Result<std::string> readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, "cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// An unpacked package: every regular file below the folder, by its path
// relative to it (version-control and desktop litter left out; _rels/.rels kept).
Result<std::vector<SourceEntry>> readFolder(const fs::path& folder) {
    std::vector<SourceEntry> entries;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(folder, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (!it->is_regular_file()) continue;
        std::string name = fs::relative(it->path(), folder).generic_string();
        std::string file = it->path().filename().string();
        if (file == ".gitkeep" || file == ".gitignore" || file == ".DS_Store") continue;
        auto data = readFile(it->path());
        if (!data) return data.error();
        entries.push_back({name, std::move(data.value()), std::nullopt, true, false, false});
    }
    if (error) return invalid("cannot read folder " + folder.string() + ": " + error.message());
    // A stable order, with the entries readers look for first in front.
    std::sort(entries.begin(), entries.end(), [](const SourceEntry& a, const SourceEntry& b) {
        auto rank = [](const std::string& name) {
            return name == "mimetype" ? 0 : name == "[Content_Types].xml" ? 1 : 2;
        };
        return std::make_pair(rank(a.name), a.name) < std::make_pair(rank(b.name), b.name);
    });
    return entries;
}

std::optional<TemplateFormat> detect(std::vector<SourceEntry>& entries) {
    if (SourceEntry* mimetype = findEntry(entries, "mimetype")) {
        if (!loadData(*mimetype)) return std::nullopt;
        std::string type = mimetype->data;
        while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) {
            type.pop_back();
        }
        if (type == "application/vnd.oasis.opendocument.text" ||
            type == "application/vnd.oasis.opendocument.text-template") {
            return TemplateFormat::Odt;
        }
        return std::nullopt;
    }
    if (findEntry(entries, "[Content_Types].xml") != nullptr) return TemplateFormat::Docx;
    return std::nullopt;
}

}  // namespace

class TemplateBuilder {
  public:
    static Result<Template> make(std::vector<SourceEntry> entries, std::string name);
};

Result<Template> TemplateBuilder::make(std::vector<SourceEntry> entries, std::string name) {
    xml::initialize();
    auto format = detect(entries);
    if (!format) {
        return invalid(name +
                       " is neither a WordprocessingML (.docx) nor an ODF text (.odt) "
                       "package");
    }
    auto prepared =
        *format == TemplateFormat::Docx ? DocxRules::prepare(entries) : OdtRules::prepare(entries);
    if (!prepared) return prepared.error();

    auto compiled = std::make_shared<Template::Compiled>();
    compiled->format = *format;
    compiled->name = std::move(name);
    Dialect dialect(*format);
    for (SourceEntry& entry : entries) {
        if (!entry.numbering) continue;
        if (auto loaded = loadData(entry); !loaded) return loaded.error();
        auto numbering = readWordNumbering(entry.name, entry.data);
        if (!numbering) return numbering.error();
        if (!numbering.value()) continue;
        compiled->program.highest[static_cast<size_t>(Counter::List)] =
            numbering.value()->highestNumId;
        compiled->program.numbering = std::move(numbering.value());
    }
    PartCompiler compiler(dialect, compiled->program, compiled->problems, compiled->tags);
    for (SourceEntry& entry : entries) {
        Template::Compiled::Item item;
        item.name = entry.name;
        item.numbering = entry.numbering && compiled->program.numbering.has_value();
        if (entry.rendered) {
            if (auto loaded = loadData(entry); !loaded) return loaded.error();
            if (compiler.compile(entry.name, entry.data)) {
                item.part = static_cast<int>(compiled->program.parts.size()) - 1;
            }
        } else if (entry.zipped && !entry.changed) {
            const package::ZipEntry& zipped = *entry.zipped;
            item.packed = package::PackedEntry{entry.name, zipped.method, zipped.crc, zipped.size,
                                               std::string(zipped.raw)};
        } else if (entry.stored) {
            item.packed = package::ZipWriter::store(entry.name, entry.data);
        } else {
            item.packed = package::ZipWriter::pack(entry.name, entry.data, kStaticCompressionLevel);
        }
        compiled->items.push_back(std::move(item));
    }
    return Template(std::move(compiled));
}

Result<Template> Template::load(const std::filesystem::path& path) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
        auto entries = readFolder(path);
        if (!entries) return entries.error();
        return TemplateBuilder::make(std::move(entries.value()), path.filename().string());
    }
    auto bytes = readFile(path);
    if (!bytes) return bytes.error();
    return fromPackage(bytes.value(), path.filename().string());
}

Result<Template> Template::fromPackage(std::string_view bytes, std::string name) {
    auto zipEntries = package::ZipReader::entries(bytes);
    if (!zipEntries) return zipEntries.error();
    std::vector<SourceEntry> entries;
    for (package::ZipEntry& zipped : zipEntries.value()) {
        entries.push_back({zipped.name, {}, zipped, false, false, false});
    }
    return TemplateBuilder::make(std::move(entries), std::move(name));
}

TemplateFormat Template::format() const {
    return compiled_->format;
}
const std::string& Template::name() const {
    return compiled_->name;
}
const std::vector<TemplateProblem>& Template::problems() const {
    return compiled_->problems;
}
const std::vector<TagUse>& Template::tags() const {
    return compiled_->tags;
}

std::string_view extensionFor(TemplateFormat format) {
    return format == TemplateFormat::Docx ? ".docx" : ".odt";
}

}  // namespace beraad::render
