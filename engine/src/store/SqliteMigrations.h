#pragma once
// Numbered schema migrations of the SQLite store. A migration is applied
// once, in its own transaction, and recorded in schema_migrations; shipped
// migrations are never edited, only appended.

#include <vector>

namespace beraad::sqlite {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

const std::vector<Migration>& migrations();

}  // namespace beraad::sqlite
