// Engine facade: comparing two versions, as a diff and as a redline.
#include "beraad/Engine.h"
#include "beraad/diff/Redline.h"
#include "engine/EngineSupport.h"

namespace beraad {

using detail::guarded;

namespace {

struct VersionPair {
    Version from;
    Version to;
    std::string kind;
};

Result<VersionPair> choosePair(Engine& engine, const Actor& actor, const std::string& documentId,
                               std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
    auto document = engine.document(actor, documentId);
    if (!document) return document.error();
    std::int64_t newer = to.value_or(document->latestVersion);
    std::int64_t older = from.value_or(newer - 1);
    if (older < 1) {
        return makeError(ErrorCode::InvalidInput,
                         "version " + std::to_string(newer) + " of " + documentId +
                             " has no earlier version to compare with; name one (--van)");
    }
    auto olderVersion = engine.version(actor, documentId, older);
    if (!olderVersion) return olderVersion.error();
    auto newerVersion = engine.version(actor, documentId, newer);
    if (!newerVersion) return newerVersion.error();
    return VersionPair{olderVersion.value(), newerVersion.value(), document->kind};
}

}  // namespace

Result<VersionDiff> Engine::diffVersions(const Actor& actor, const std::string& documentId,
                                         std::optional<std::int64_t> from,
                                         std::optional<std::int64_t> to) {
    return guarded([&]() -> Result<VersionDiff> {
        auto pair = choosePair(*this, actor, documentId, from, to);
        if (!pair) return pair.error();
        auto compared = diff::compareContent(pair->from.content, pair->to.content);
        if (!compared) return compared.error();
        return VersionDiff{documentId, pair->kind, pair->from, pair->to,
                           std::move(compared.value())};
    });
}

Result<RedlineDocument> Engine::redlineVersions(const Actor& actor, const std::string& documentId,
                                                std::optional<std::int64_t> from,
                                                std::optional<std::int64_t> to,
                                                render::TemplateFormat format) {
    return guarded([&]() -> Result<RedlineDocument> {
        auto pair = choosePair(*this, actor, documentId, from, to);
        if (!pair) return pair.error();
        auto older = renderVersion(actor, documentId, pair->from.number, format);
        if (!older) return older.error();
        auto newer = renderVersion(actor, documentId, pair->to.number, format);
        if (!newer) return newer.error();

        diff::RedlineOptions options;
        options.author = pair->to.number == pair->from.number + 1 ? pair->to.author : "Beraad";
        options.date = pair->to.time;
        auto marked = diff::redline(older->bytes, newer->bytes, format, options);
        if (!marked) return marked.error();

        RedlineDocument result;
        result.rendered = std::move(newer.value());
        result.rendered.bytes = std::move(marked.value().bytes);
        result.rendered.fileName = documentId + "-v" + std::to_string(pair->to.number) +
                                   "-t.o.v.-v" + std::to_string(pair->from.number) +
                                   std::string(render::extensionFor(format));
        result.fromVersion = pair->from.number;
        result.author = options.author;
        result.date = options.date;
        result.insertions = marked->insertions;
        result.deletions = marked->deletions;
        return result;
    });
}

}  // namespace beraad
