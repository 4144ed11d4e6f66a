// Engine facade: rendering a version with its kind's shipped template.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

#include "beraad/Engine.h"
#include "beraad/base/Resources.h"
#include "beraad/base/Sha256.h"
#include "beraad/render/Render.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"
#include "engine/RenderContext.h"
#include "package/ZipWriter.h"
#include "workflow/Catalog.h"

namespace beraad {

using detail::guarded;

namespace {

namespace fs = std::filesystem;

struct LoadedTemplate {
    std::shared_ptr<const render::Template> tmpl;
    std::string name;     // "samenwerkingsconvenant/odt"
    std::string version;  // "sha256:…"
    std::string source;   // "ingebouwd" or a path
};

std::string formatFolder(render::TemplateFormat format) {
    return format == render::TemplateFormat::Odt ? "odt" : "docx";
}

std::string contentTypeFor(render::TemplateFormat format) {
    return format == render::TemplateFormat::Odt
               ? "application/vnd.oasis.opendocument.text"
               : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

// The embedded unpacked sources of a template, packed as the format asks
// (ODF: mimetype first and stored).
std::optional<std::string> packEmbedded(const std::string& prefix) {
    package::ZipWriter zip;
    bool any = false;
    if (auto mimetype = resources::find(prefix + "mimetype")) {
        zip.add(package::ZipWriter::store("mimetype", *mimetype));
        any = true;
    }
    for (const auto& [path, data] : resources::all()) {
        if (path.substr(0, prefix.size()) != prefix) continue;
        std::string name(path.substr(prefix.size()));
        if (name == "mimetype") continue;
        zip.addDeflated(name, data, 6);
        any = true;
    }
    if (!any) return std::nullopt;
    return zip.finish();
}

std::string shortHash(std::string_view bytes) {
    return "sha256:" + sha256Hex(bytes).substr(0, 12);
}

std::string packageHash(const fs::path& path) {
    if (!fs::is_directory(path)) {
        std::ifstream in(path, std::ios::binary);
        return shortHash(std::string(std::istreambuf_iterator<char>(in), {}));
    }
    std::string all;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        all += fs::relative(file, path).generic_string() + '\n' +
               std::string(std::istreambuf_iterator<char>(in), {});
    }
    return shortHash(all);
}

// A template in the override folder: <kind>/<format>/ unpacked, or <kind>.<format>.
std::optional<fs::path> overridePath(const std::string& kind, render::TemplateFormat format) {
    const char* folder = std::getenv("BERAAD_TEMPLATES");
    if (!folder || !*folder) return std::nullopt;
    fs::path unpacked = fs::path(folder) / kind / formatFolder(format);
    if (fs::is_directory(unpacked)) return unpacked;
    fs::path packed = fs::path(folder) / (kind + "." + formatFolder(format));
    if (fs::is_regular_file(packed)) return packed;
    return std::nullopt;
}

Result<LoadedTemplate> loadOverride(const fs::path& path, const std::string& name) {
    auto loaded = render::Template::load(path);
    if (!loaded) return loaded.error();
    return LoadedTemplate{std::make_shared<const render::Template>(std::move(loaded.value())), name,
                          packageHash(path), path.string()};
}

// Embedded templates are packed and compiled once per process.
Result<LoadedTemplate> loadEmbedded(const std::string& kind, render::TemplateFormat format) {
    static std::mutex mutex;
    static std::map<std::string, LoadedTemplate> cache;
    std::string name = kind + "/" + formatFolder(format);
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
    auto bytes = packEmbedded("templates/" + name + "/");
    if (!bytes) return makeError(ErrorCode::NotFound, "no template is shipped for " + name);
    auto loaded = render::Template::fromPackage(*bytes, name);
    if (!loaded) return loaded.error();
    LoadedTemplate result{std::make_shared<const render::Template>(std::move(loaded.value())), name,
                          shortHash(*bytes), "ingebouwd"};
    cache.emplace(name, result);
    return result;
}

Result<LoadedTemplate> templateFor(const std::string& kind, render::TemplateFormat format) {
    if (auto path = overridePath(kind, format))
        return loadOverride(*path, kind + "/" + formatFolder(format));
    return loadEmbedded(kind, format);
}

// Everything the context needs, read in one transaction.
Result<detail::RenderFacts> gatherFacts(Store& store, const trust::KeyFolder* keys,
                                        const Actor& actor, const std::string& documentId,
                                        std::optional<std::int64_t> number) {
    auto tx = store.beginRead();
    auto document = tx->findDocument(documentId);
    if (!document) return detail::notFound("document " + documentId);
    if (!actor.mayAccess(document->region)) return detail::hiddenDocument(*document);
    std::int64_t wanted = number.value_or(document->latestVersion);
    auto version = tx->findVersion(documentId, wanted);
    if (!version)
        return detail::notFound("version " + std::to_string(wanted) + " of " + documentId);
    auto region = tx->findRegion(document->region);
    if (!region) return detail::notFound("region " + document->region);

    detail::RenderFacts facts;
    facts.document = *document;
    facts.version = *version;
    facts.region = *region;
    auto definition = workflow::catalog::find(*tx, document->workflow, document->workflowVersion);
    if (!definition) return definition.error();
    const auto* state = definition.value()->state(document->state);
    // A version that is not the latest, or a state that still allows edits, is a draft.
    facts.isConcept = (state && state->editable) || version->number != document->latestVersion;
    facts.budget = tx->listBudget();
    facts.partners = tx->listPartners(document->region);
    // Only signatures the document's chain records are printed.
    auto chain = detail::chainReader(*tx, keys).document(documentId);
    if (!chain) return chain.error();
    for (const auto& signature : chain->signatures) {
        if (signature.contentHash == version->contentHash && signature.status != "gerectificeerd")
            facts.signatures.push_back(signature);
    }
    if (document->beleidsagendaId) {
        auto agenda = tx->findDocument(*document->beleidsagendaId);
        if (!agenda) return detail::notFound("beleidsagenda " + *document->beleidsagendaId);
        auto latest = tx->findVersion(agenda->id, agenda->latestVersion);
        if (!latest) return makeError(ErrorCode::Integrity, agenda->id + " has no latest version");
        facts.beleidsagendaContent = latest->content;
    }
    return facts;
}

}  // namespace

Result<std::string> Engine::renderContext(const Actor& actor, const std::string& documentId,
                                          std::optional<std::int64_t> version) {
    return guarded([&]() -> Result<std::string> {
        auto facts = gatherFacts(*store_, keys_.get(), actor, documentId, version);
        if (!facts) return facts.error();
        facts.value().templateLabel = facts->document.kind;
        return detail::buildRenderContext(*facts);
    });
}

Result<RenderedDocument> Engine::renderVersion(const Actor& actor, const std::string& documentId,
                                               std::optional<std::int64_t> version,
                                               render::TemplateFormat format) {
    return guarded([&]() -> Result<RenderedDocument> {
        auto facts = gatherFacts(*store_, keys_.get(), actor, documentId, version);
        if (!facts) return facts.error();
        auto loaded = templateFor(facts->document.kind, format);
        if (!loaded) return loaded.error();
        facts.value().templateLabel = loaded->name + " " + loaded->version;
        auto context = detail::buildRenderContext(*facts);
        if (!context) return context.error();
        auto bytes = render::render(*loaded->tmpl, *context);
        if (!bytes) return bytes.error();

        RenderedDocument rendered;
        rendered.bytes = std::move(bytes.value());
        rendered.documentId = facts->document.id;
        rendered.version = facts->version.number;
        rendered.fileName = facts->document.id + "-v" + std::to_string(facts->version.number) +
                            std::string(render::extensionFor(format));
        rendered.contentType = contentTypeFor(format);
        rendered.templateName = loaded->name;
        rendered.templateVersion = loaded->version;
        rendered.templateSource = loaded->source;
        return rendered;
    });
}

}  // namespace beraad
