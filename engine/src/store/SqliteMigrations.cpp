#include "store/SqliteMigrations.h"

namespace beraad::sqlite {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all{
        {1, "reference data, documents, versions, event log", R"sql(
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    centrumgemeente TEXT NOT NULL,
    confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    source TEXT NOT NULL,
    remark TEXT NOT NULL DEFAULT ''
);
CREATE TABLE budget_years (
    year INTEGER PRIMARY KEY,
    impulsbudget INTEGER NOT NULL CHECK (impulsbudget >= 0),
    structural INTEGER NOT NULL CHECK (structural >= 0),
    source TEXT NOT NULL,
    reference_date TEXT NOT NULL
);
CREATE TABLE partners (
    region TEXT NOT NULL REFERENCES regions(code),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT NOT NULL,
    representatives TEXT NOT NULL,
    PRIMARY KEY (region, key)
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    region TEXT NOT NULL REFERENCES regions(code),
    kind TEXT NOT NULL,
    serial INTEGER NOT NULL,
    title TEXT NOT NULL,
    beleidsagenda_id TEXT REFERENCES documents(id),
    state TEXT NOT NULL,
    workflow TEXT NOT NULL,
    workflow_version INTEGER NOT NULL,
    latest_version INTEGER NOT NULL,
    latest_content_hash TEXT NOT NULL,
    period_start TEXT,
    period_end TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (region, kind, serial)
);
CREATE INDEX documents_by_region ON documents(region, kind, state);
CREATE TABLE versions (
    document_id TEXT NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    parent INTEGER,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    author TEXT NOT NULL,
    role TEXT NOT NULL,
    time TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (document_id, number),
    FOREIGN KEY (document_id, parent) REFERENCES versions(document_id, number)
);
CREATE TABLE events (
    stream TEXT NOT NULL,
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    time TEXT NOT NULL,
    payload TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (stream, sequence)
);
CREATE TABLE stream_heads (
    stream TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END;
CREATE TRIGGER events_are_immutable BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
CREATE TRIGGER events_are_kept BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are never deleted'); END;
)sql"},
    };
    return all;
}

}  // namespace beraad::sqlite
