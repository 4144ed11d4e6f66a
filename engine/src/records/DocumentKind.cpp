#include "beraad/records/DocumentKind.h"

namespace beraad {

std::string_view toString(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::Samenwerkingsconvenant:
            return "samenwerkingsconvenant";
        case DocumentKind::Beleidsagenda:
            return "beleidsagenda";
        case DocumentKind::Uitvoeringsagenda:
            return "uitvoeringsagenda";
    }
    return "";
}

std::optional<DocumentKind> parseDocumentKind(std::string_view name) {
    for (auto kind : {DocumentKind::Samenwerkingsconvenant, DocumentKind::Beleidsagenda,
                      DocumentKind::Uitvoeringsagenda}) {
        if (name == toString(kind) || name == idSegment(kind)) return kind;
    }
    return std::nullopt;
}

std::string_view idSegment(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::Samenwerkingsconvenant:
            return "convenant";
        case DocumentKind::Beleidsagenda:
            return "beleidsagenda";
        case DocumentKind::Uitvoeringsagenda:
            return "uitvoeringsagenda";
    }
    return "";
}

}  // namespace beraad
