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
        {2, "workflow: decisions, signatures, transitions, amendments, admissions, definitions",
         R"sql(
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    partner TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('akkoord', 'niet-akkoord', 'onthouding')),
    representative TEXT NOT NULL,
    date TEXT NOT NULL,
    vergadering TEXT NOT NULL,
    agendapunt TEXT NOT NULL,
    remark TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_role TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    FOREIGN KEY (document_id, version) REFERENCES versions(document_id, number)
);
CREATE INDEX decisions_by_document ON decisions(document_id, content_hash, partner);
CREATE TABLE signatures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    partner TEXT NOT NULL,
    signatory TEXT NOT NULL,
    function TEXT NOT NULL,
    place TEXT NOT NULL,
    date TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (document_id, content_hash, partner),
    FOREIGN KEY (document_id, version) REFERENCES versions(document_id, number)
);
CREATE TABLE transitions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL REFERENCES documents(id),
    transition TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    workflow_version INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    time TEXT NOT NULL
);
CREATE INDEX transitions_by_document ON transitions(document_id, id);
CREATE TABLE amendments (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    amends TEXT NOT NULL REFERENCES documents(id),
    base_version INTEGER NOT NULL,
    base_content_hash TEXT NOT NULL,
    FOREIGN KEY (amends, base_version) REFERENCES versions(document_id, number)
);
CREATE INDEX amendments_by_amended ON amendments(amends);
CREATE TABLE admissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region TEXT NOT NULL REFERENCES regions(code),
    partner TEXT NOT NULL,
    admitted INTEGER NOT NULL CHECK (admitted IN (0, 1)),
    rule TEXT NOT NULL,
    explanation TEXT NOT NULL,
    votes TEXT NOT NULL,
    vergadering TEXT NOT NULL,
    agendapunt TEXT NOT NULL,
    date TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    FOREIGN KEY (region, partner) REFERENCES partners(region, key)
);
CREATE TABLE workflow_definitions (
    name TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    xml TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (name, version)
);
CREATE TRIGGER decisions_are_immutable BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
CREATE TRIGGER decisions_are_kept BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are never deleted'); END;
CREATE TRIGGER signatures_are_immutable BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
CREATE TRIGGER signatures_are_kept BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are never deleted'); END;
CREATE TRIGGER transitions_are_immutable BEFORE UPDATE ON transitions
BEGIN SELECT RAISE(ABORT, 'transitions are immutable'); END;
CREATE TRIGGER transitions_are_kept BEFORE DELETE ON transitions
BEGIN SELECT RAISE(ABORT, 'transitions are never deleted'); END;
CREATE TRIGGER admissions_are_immutable BEFORE UPDATE ON admissions
BEGIN SELECT RAISE(ABORT, 'admissions are immutable'); END;
CREATE TRIGGER admissions_are_kept BEFORE DELETE ON admissions
BEGIN SELECT RAISE(ABORT, 'admissions are never deleted'); END;
CREATE TRIGGER workflow_definitions_are_immutable BEFORE UPDATE ON workflow_definitions
BEGIN SELECT RAISE(ABORT, 'workflow definitions are immutable'); END;
)sql"},
        {3, "API tokens", R"sql(
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    region_scope TEXT NOT NULL,
    partner TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TEXT
);
)sql"},
        {4, "signed checkpoints and witness cosignatures", R"sql(
CREATE TABLE checkpoints (
    stream TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 1),
    root_hash TEXT NOT NULL,
    note TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (stream, size)
);
CREATE TABLE cosignatures (
    stream TEXT NOT NULL,
    size INTEGER NOT NULL,
    witness TEXT NOT NULL,
    key_id TEXT NOT NULL,
    line TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (stream, size, witness, key_id),
    FOREIGN KEY (stream, size) REFERENCES checkpoints(stream, size)
);
CREATE TRIGGER checkpoints_are_immutable BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;
CREATE TRIGGER checkpoints_are_kept BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are never deleted'); END;
CREATE TRIGGER cosignatures_are_immutable BEFORE UPDATE ON cosignatures
BEGIN SELECT RAISE(ABORT, 'cosignatures are immutable'); END;
CREATE TRIGGER cosignatures_are_kept BEFORE DELETE ON cosignatures
BEGIN SELECT RAISE(ABORT, 'cosignatures are never deleted'); END;
)sql"},
    };
    return all;
}

}  // namespace beraad::sqlite
