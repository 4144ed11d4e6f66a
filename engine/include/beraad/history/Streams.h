#pragma once
// The names of the event log's streams: one per document, one per region,
// and one for the system (loading of reference data).

#include <string>

namespace beraad {

std::string documentStream(const std::string& documentId);  // "document:AM05-convenant-1"
std::string regionStream(const std::string& code);          // "regio:AM05"
inline constexpr const char* kSystemStream = "systeem";

}  // namespace beraad
