#pragma once
// Helpers of the audit tests: a store with a document history, bundles
// opened and rewritten file by file (for tampering), the MDTO schema.

#include <string>
#include <utility>
#include <vector>

namespace beraad::testing {

// The files of a zip package, in package order.
using BundleFiles = std::vector<std::pair<std::string, std::string>>;

BundleFiles unzipBundle(const std::string& zip);
std::string zipBundle(const BundleFiles& files);
std::string& fileIn(BundleFiles& files, const std::string& path);
std::vector<std::string> lines(const std::string& text);
std::string joinLines(const std::vector<std::string>& lines);

// Problems of an MDTO document against ../shared/schemas/mdto (one string
// per problem); "schema absent" when the schema is not there.
bool mdtoSchemaAvailable();
std::vector<std::string> validateMdto(const std::string& xml);

}  // namespace beraad::testing
