// The JSON form of a diff between two versions (issue 8).
#include "beraad/present/Json.h"

namespace beraad::present {
namespace {

Poco::JSON::Object versionSummary(const Version& version) {
    Poco::JSON::Object object;
    object.set("nummer", version.number);
    object.set("inhoudHash", version.contentHash);
    object.set("auteur", version.author);
    object.set("tijdstip", version.time);
    object.set("bericht", version.message);
    return object;
}

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

Poco::JSON::Object toJson(const diff::Change& change) {
    Poco::JSON::Object object;
    object.set("wijziging", std::string(diff::toString(change.kind)));
    object.set("label", change.label);
    object.set("pad", change.path);
    if (change.oldValue) object.set("oud", *change.oldValue);
    if (change.newValue) object.set("nieuw", *change.newValue);
    if (change.oldNumber) object.set("oudGetal", *change.oldNumber);
    if (change.newNumber) object.set("nieuwGetal", *change.newNumber);
    if (change.oldNumber && change.newNumber)
        object.set("verschil", *change.newNumber - *change.oldNumber);
    return object;
}

Poco::JSON::Object toJson(const diff::ParagraphChange& paragraph) {
    Poco::JSON::Object object;
    object.set("wijziging", std::string(diff::toString(paragraph.kind)));
    object.set("label", paragraph.label);
    object.set("pad", paragraph.path);
    if (paragraph.oldText) object.set("oud", *paragraph.oldText);
    if (paragraph.newText) object.set("nieuw", *paragraph.newText);
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
    object.set("van", versionSummary(versionDiff.from));
    object.set("naar", versionSummary(versionDiff.to));
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
