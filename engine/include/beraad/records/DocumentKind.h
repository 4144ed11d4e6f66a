#pragma once

#include <optional>
#include <string_view>

namespace beraad {

enum class DocumentKind { Samenwerkingsconvenant, Beleidsagenda, Uitvoeringsagenda };

// "samenwerkingsconvenant", "beleidsagenda", "uitvoeringsagenda": the name of
// the kind in the REST API, the CLI and as the root element of its content.
std::string_view toString(DocumentKind kind);
std::optional<DocumentKind> parseDocumentKind(std::string_view name);

// Short form used in document ids ("convenant", "beleidsagenda", ...).
std::string_view idSegment(DocumentKind kind);

}  // namespace beraad
