#include "store/Sqlite.h"

namespace beraad::sqlite {

void fail(sqlite3* db, int code, const std::string& what) {
    std::string message = what + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw StoreError(StoreError::Kind::Busy, message);
        case SQLITE_CONSTRAINT:
            throw StoreError(StoreError::Kind::Constraint, message);
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
            throw StoreError(StoreError::Kind::Io, message);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw StoreError(StoreError::Kind::Corrupt, message);
        default:
            throw StoreError(StoreError::Kind::Other, message);
    }
}

Connection::Connection(const std::string& path, int busyTimeoutMs) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (code != SQLITE_OK) {
        std::string message = "cannot open store " + path;
        if (db_ != nullptr) {
            message += ": " + std::string(sqlite3_errmsg(db_));
            sqlite3_close(db_);
            db_ = nullptr;
        }
        throw StoreError(StoreError::Kind::Io, message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busyTimeoutMs);
}

Connection::~Connection() {
    if (db_ != nullptr) sqlite3_close_v2(db_);
}

void Connection::exec(const std::string& sql) {
    char* error = nullptr;
    int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
        std::string message = error != nullptr ? error : sqlite3_errstr(code);
        sqlite3_free(error);
        fail(nullptr, code, "'" + sql.substr(0, 60) + "' failed: " + message);
    }
}

Statement::Statement(sqlite3* db, const char* sql) : db_(db), sql_(sql) {
    int code = sqlite3_prepare_v2(db_, sql, -1, &statement_, nullptr);
    if (code != SQLITE_OK) fail(db_, code, "cannot prepare '" + sql_ + "'");
}

Statement::~Statement() {
    sqlite3_finalize(statement_);
}

Statement& Statement::bind(int index, const std::string& value) {
    int code = sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                                 SQLITE_TRANSIENT);
    if (code != SQLITE_OK) fail(db_, code, "cannot bind parameter");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    int code = sqlite3_bind_int64(statement_, index, value);
    if (code != SQLITE_OK) fail(db_, code, "cannot bind parameter");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, *value) : bindNull(index);
}

Statement& Statement::bindNull(int index) {
    int code = sqlite3_bind_null(statement_, index);
    if (code != SQLITE_OK) fail(db_, code, "cannot bind parameter");
    return *this;
}

bool Statement::step() {
    int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    fail(db_, code, "statement failed");
}

void Statement::run() {
    while (step()) {
    }
}

std::string Statement::text(int column) const {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    if (value == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(value),
                       static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::string> Statement::optionalText(int column) const {
    if (isNull(column)) return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(statement_, column);
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

}  // namespace beraad::sqlite
