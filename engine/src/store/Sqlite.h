#pragma once
// Thin RAII wrappers over the SQLite C API, private to the SQLite store.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

#include "beraad/store/Store.h"

namespace beraad::sqlite {

[[noreturn]] void fail(sqlite3* db, int code, const std::string& what);

class Connection {
  public:
    Connection(const std::string& path, int busyTimeoutMs);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* handle() const { return db_; }
    void exec(const std::string& sql);

  private:
    sqlite3* db_ = nullptr;
};

class Statement {
  public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bindNull(int index);

    // Steps once: true while a row is available.
    bool step();
    // Steps to completion of a statement that returns no rows.
    void run();

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::int64_t integer(int column) const;
    bool isNull(int column) const;

  private:
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
    std::string sql_;
};

}  // namespace beraad::sqlite
