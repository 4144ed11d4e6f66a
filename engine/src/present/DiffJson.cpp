// The JSON form of a diff between two versions.
#include "beraad/present/Json.h"

namespace beraad::present {
namespace {

std::string_view segmentName(diff::WordSegment::Op op) {
    switch (op) {
        case diff::WordSegment::Op::Equal:
            return "gelijk";
        case diff::WordSegment::Op::Deleted:
            return "verwijderd";
        case diff::WordSegment::Op::Inserted:
            return "toegevoegd";
    }
    return "gelijk";
}

// The fields a structural and a text change share.
Poco::JSON::Object changeJson(diff::ChangeKind kind, const std::string& label,
                              const std::string& path, const std::optional<std::string>& oldValue,
                              const std::optional<std::string>& newValue) {
    Poco::JSON::Object object;
    object.set("wijziging", std::string(diff::toString(kind)));
    object.set("label", label);
    object.set("pad", path);
    if (oldValue) object.set("oud", *oldValue);
    if (newValue) object.set("nieuw", *newValue);
    return object;
}

Poco::JSON::Object toJson(const diff::Change& change) {
    auto object =
        changeJson(change.kind, change.label, change.path, change.oldValue, change.newValue);
    if (change.oldNumber) object.set("oudGetal", *change.oldNumber);
    if (change.newNumber) object.set("nieuwGetal", *change.newNumber);
    if (change.oldNumber && change.newNumber)
        object.set("verschil", *change.newNumber - *change.oldNumber);
    return object;
}

Poco::JSON::Object toJson(const diff::ParagraphChange& paragraph) {
    auto object = changeJson(paragraph.kind, paragraph.label, paragraph.path, paragraph.oldText,
                             paragraph.newText);
    if (paragraph.kind == diff::ChangeKind::Changed) {
        Poco::JSON::Array words;
        for (const auto& segment : paragraph.words) {
            Poco::JSON::Object item;
            item.set("soort", std::string(segmentName(segment.op)));
            item.set("tekst", segment.text);
            words.add(item);
        }
        object.set("woorden", words);
    }
    return object;
}

}  // namespace

Poco::JSON::Object toJson(const VersionDiff& versionDiff) {
    Poco::JSON::Object object;
    object.set("document", versionDiff.documentId);
    object.set("soort", versionDiff.kind);
    object.set("van", toJson(versionDiff.from, false));
    object.set("naar", toJson(versionDiff.to, false));
    object.set("gelijk", versionDiff.diff.empty());
    Poco::JSON::Array changes;
    for (const auto& change : versionDiff.diff.changes)
        changes.add(toJson(change));
    object.set("structuur", changes);
    Poco::JSON::Array paragraphs;
    for (const auto& paragraph : versionDiff.diff.paragraphs)
        paragraphs.add(toJson(paragraph));
    object.set("tekst", paragraphs);
    return object;
}

}  // namespace beraad::present
