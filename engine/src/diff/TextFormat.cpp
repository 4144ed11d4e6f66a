// The readable form of a content diff.
#include <cmath>
#include <sstream>

#include "beraad/diff/Diff.h"

namespace beraad::diff {
namespace {

std::string quoted(const std::optional<std::string>& value) {
    return value ? "\"" + *value + "\"" : "(none)";
}

std::string signedNumber(double value) {
    std::ostringstream out;
    out.precision(15);
    out << (value >= 0 ? "+" : "") << value;
    return out.str();
}

std::string words(const std::vector<WordSegment>& segments) {
    std::string text;
    for (const auto& segment : segments) {
        switch (segment.op) {
            case WordSegment::Op::Equal:
                text += segment.text;
                break;
            case WordSegment::Op::Deleted:
                text += "[-" + segment.text + "-]";
                break;
            case WordSegment::Op::Inserted:
                text += "{+" + segment.text + "+}";
                break;
        }
    }
    return text;
}

}  // namespace

std::string formatText(const ContentDiff& diff) {
    std::ostringstream out;
    if (diff.empty()) {
        out << "no differences\n";
        return out.str();
    }
    out << "structure: " << diff.changes.size() << " change(s)\n";
    for (const auto& change : diff.changes) {
        out << "  " << toString(change.kind) << "  " << change.label << ": ";
        if (change.kind == ChangeKind::Changed) {
            out << quoted(change.oldValue) << " -> " << quoted(change.newValue);
            if (change.oldNumber && change.newNumber)
                out << " (" << signedNumber(*change.newNumber - *change.oldNumber) << ")";
        } else {
            out << quoted(change.kind == ChangeKind::Added ? change.newValue : change.oldValue);
        }
        out << '\n';
    }
    out << "text: " << diff.paragraphs.size() << " paragraph(s)\n";
    for (const auto& paragraph : diff.paragraphs) {
        out << "@@ " << paragraph.label << " (" << toString(paragraph.kind) << ")\n";
        switch (paragraph.kind) {
            case ChangeKind::Added:
                out << "+ " << *paragraph.newText << '\n';
                break;
            case ChangeKind::Removed:
                out << "- " << *paragraph.oldText << '\n';
                break;
            case ChangeKind::Changed:
                out << "  " << words(paragraph.words) << '\n';
                break;
        }
    }
    return out.str();
}

}  // namespace beraad::diff
