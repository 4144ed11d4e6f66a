// beraad template lint / tags: check a template before it is used, and list
// the tags it holds. FILE is a .docx/.dotx/.odt/.ott or the folder of an
// unpacked package; DIR is searched for both (e.g. a BERAAD_TEMPLATES folder).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <filesystem>

#include "Cli.h"
#include "Output.h"
#include "beraad/render/Render.h"

namespace beraad::cli {
namespace {

namespace fs = std::filesystem;

bool isPackageFile(const fs::path& path) {
    static const std::vector<std::string> extensions{".docx", ".dotx", ".odt", ".ott"};
    return std::find(extensions.begin(), extensions.end(), path.extension().string()) !=
           extensions.end();
}

bool isUnpackedPackage(const fs::path& folder) {
    return fs::exists(folder / "word" / "document.xml") || fs::exists(folder / "content.xml");
}

// The templates FILE or DIR names, in a stable order.
std::vector<fs::path> templatesIn(const fs::path& root) {
    if (!fs::is_directory(root) || isUnpackedPackage(root)) return {root};
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
         ++it) {
        if (it->is_directory() && isUnpackedPackage(it->path())) {
            found.push_back(it->path());
            it.disable_recursion_pending();
        } else if (it->is_regular_file() && isPackageFile(it->path())) {
            found.push_back(it->path());
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

// The templates, loaded; a template that cannot be loaded fails the command.
Result<std::vector<std::pair<std::string, render::Template>>> loadTemplates(
    const po::variables_map& options) {
    fs::path root = options["path"].as<std::string>();
    if (!fs::exists(root)) {
        return makeError(ErrorCode::NotFound, "no template at '" + root.string() + "'");
    }
    auto paths = templatesIn(root);
    if (paths.empty()) {
        return makeError(ErrorCode::NotFound,
                         "no .docx, .dotx, .odt or .ott template (file or "
                         "unpacked folder) in '" +
                             root.string() + "'");
    }
    std::vector<std::pair<std::string, render::Template>> templates;
    for (const auto& path : paths) {
        auto loaded = render::Template::load(path);
        if (!loaded) return loaded.error();
        templates.emplace_back(path.string(), std::move(loaded).value());
    }
    return templates;
}

std::string formatName(render::TemplateFormat format) {
    return format == render::TemplateFormat::Odt ? "odt" : "docx";
}

// {"sjabloon": path, "formaat": ..., <member>: [items as JSON]} for --json.
template <typename Item>
Poco::JSON::Object templateEntry(const std::string& path, const render::Template& tmpl,
                                 const char* member, const std::vector<Item>& items) {
    Poco::JSON::Object entry;
    entry.set("sjabloon", path);
    entry.set("formaat", formatName(tmpl.format()));
    Poco::JSON::Array array;
    for (const auto& item : items)
        array.add(present::toJson(item));
    entry.set(member, array);
    return entry;
}

std::string place(const std::string& part, int paragraph, const std::string& tag) {
    std::string text = part + ", paragraph " + std::to_string(paragraph);
    if (!tag.empty()) text += ", " + tag;
    return text;
}

int lintTemplates(Context& context, const po::variables_map& options) {
    auto templates = loadTemplates(options);
    if (!templates) return context.fail(templates.error());
    size_t problemCount = 0;
    Poco::JSON::Array list;
    for (const auto& [path, tmpl] : *templates) {
        auto problems = render::lint(tmpl);
        problemCount += problems.size();
        if (context.json()) {
            list.add(templateEntry(path, tmpl, "problemen", problems));
            continue;
        }
        if (problems.empty()) {
            context.out() << path << ": ok (" << tmpl.tags().size() << " tags)\n";
            continue;
        }
        context.out() << path << ": " << problems.size() << " problem"
                      << (problems.size() == 1 ? "" : "s") << "\n";
        for (const auto& problem : problems) {
            context.out() << "  " << problem.code << "  "
                          << place(problem.part, problem.paragraph, problem.tag) << ": "
                          << problem.message << "\n";
        }
    }
    if (context.json()) {
        Poco::JSON::Object object;
        object.set("foutloos", problemCount == 0);
        object.set("sjablonen", list);
        printJson(context.out(), object);
    } else if (problemCount > 0) {
        context.err() << "beraad: " << problemCount << " template problem"
                      << (problemCount == 1 ? "" : "s")
                      << " (docs/templates.md explains the codes)\n";
    }
    return problemCount == 0 ? kSuccess : kInvalid;
}

int listTemplateTags(Context& context, const po::variables_map& options) {
    auto templates = loadTemplates(options);
    if (!templates) return context.fail(templates.error());
    Poco::JSON::Array list;
    for (const auto& [path, tmpl] : *templates) {
        auto tags = render::listTags(tmpl);
        if (context.json()) {
            list.add(templateEntry(path, tmpl, "tags", tags));
            continue;
        }
        context.out() << path << " (" << tags.size() << " tags)\n";
        std::vector<std::vector<std::string>> rows{
            {"  DEEL", "ALINEA", "SOORT", "TAG", "EXPRESSIE", "FORMATTERS"}};
        for (const auto& tag : tags) {
            std::string formatters;
            for (const auto& formatter : tag.formatters)
                formatters += (formatters.empty() ? "" : " | ") + formatter;
            rows.push_back({"  " + tag.part, std::to_string(tag.paragraph),
                            std::string(render::toString(tag.kind)), tag.tag, tag.expression,
                            formatters});
        }
        printTable(context.out(), rows);
    }
    if (context.json()) printJson(context.out(), list);
    return kSuccess;
}

void pathArgument(po::options_description& options,
                  po::positional_options_description& positional) {
    options.add_options()("path", po::value<std::string>()->required(),
                          "a .docx/.dotx/.odt/.ott, the folder of an unpacked one, or a folder "
                          "holding templates");
    positional.add("path", 1);
}

}  // namespace

std::vector<Command> templateCommands() {
    return {
        {"template lint",
         "check a template (or every template in a folder); exit 6 with every problem listed",
         "  beraad template lint convenant.docx\n"
         "  beraad template lint templates/          # every template under the folder\n"
         "  beraad template lint mijn-sjabloon.odt --json",
         pathArgument, lintTemplates},
        {"template tags", "list every tag of a template: part, paragraph, kind, XPath, formatters",
         "  beraad template tags templates/samenwerkingsconvenant/odt", pathArgument,
         listTemplateTags},
    };
}

}  // namespace beraad::cli
