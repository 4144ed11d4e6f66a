#pragma once
// Offline verification of an export bundle (Export.h): needs the bundle
// only, no store and no network. It checks
// - every file against the SHA-256 the manifest lists (and files the
//   manifest does not list, or lists but the bundle lacks);
// - every event stream: sequence numbers, each hash recomputed, each link to
//   the previous hash, and its end against the head the bundle records;
// - every version: its content file against the content hash its record and
//   its event name, and that the content is in canonical form;
// - every MDTO bestand record against the file it describes.
// Each problem names the file and, where there is one, the event or version.

#include <cstdint>
#include <string_view>
#include <vector>

#include "beraad/records/AuditRecords.h"

namespace beraad {

BundleReport verifyBundle(std::string_view zipBytes);

}  // namespace beraad
