#pragma once
// The embedded store: one SQLite file in WAL mode with synchronous=FULL,
// foreign keys on, a busy timeout, and numbered migrations recorded in the
// table schema_migrations. Versions and events are additionally protected by
// triggers that refuse UPDATE and DELETE.

#include <chrono>
#include <memory>
#include <string>

#include "beraad/store/Store.h"

namespace beraad {

struct SqliteOptions {
    std::string path;  // created (with its folder) when missing
    std::chrono::milliseconds busyTimeout{5000};
};

// Opens (and migrates) the store; throws StoreError when the file cannot be
// opened or is not a Beraad store of a supported version.
std::unique_ptr<Store> openSqliteStore(const SqliteOptions& options);

// The highest migration this build knows.
int sqliteSchemaVersion();

// Default location: $BERAAD_STORE, else $XDG_DATA_HOME/beraad/beraad.sqlite,
// else ~/.local/share/beraad/beraad.sqlite.
std::string defaultStorePath();

}  // namespace beraad
