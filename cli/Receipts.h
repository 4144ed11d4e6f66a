#pragma once
// Receipts the CLI keeps: one JSON file per write (present/TrustJson.h's
// beraad-ontvangstbewijs-v1), named after the stream and the event, e.g.
// document-AM05-convenant-1-7.json, in a folder of their own.

#include <cstddef>
#include <string>

#include "beraad/trust/Receipt.h"

namespace beraad::cli {

// $XDG_DATA_HOME/beraad/<leaf>, else ~/.local/share/beraad/<leaf>.
std::string dataFolder(const std::string& leaf);

// Writes `text` to `path` through a ".deel" file renamed when complete, so
// a reader never sees half a file; creates the folder. Throws
// std::runtime_error naming the file.
void writeFileWhole(const std::string& path, const std::string& text);

// $BERAAD_ONTVANGSTBEWIJZEN, else $XDG_DATA_HOME/beraad/ontvangstbewijzen,
// else ~/.local/share/beraad/ontvangstbewijzen.
std::string defaultReceiptFolder();

// Writes the receipt into `folder` (created when missing) and returns the
// file's path. Throws std::runtime_error naming the file it cannot write.
std::string writeReceipt(const std::string& folder, const trust::Receipt& receipt);

// A file of at most `limit` bytes (a receipt, a kept checkpoint, a key
// file). Throws std::runtime_error naming the `what` and the path when it
// cannot be read or is larger.
std::string readSmallFile(const std::string& path, const std::string& what,
                          std::size_t limit = 1024 * 1024);

// Reads a receipt file. Throws std::runtime_error naming the file and what
// in it cannot be read.
trust::Receipt readReceipt(const std::string& path);

}  // namespace beraad::cli
