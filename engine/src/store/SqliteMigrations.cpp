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
        {5, "every history row references the event that records it; triggers refuse rows without",
         R"sql(
ALTER TABLE regions ADD COLUMN event_sequence INTEGER;
ALTER TABLE partners ADD COLUMN event_sequence INTEGER;
ALTER TABLE documents ADD COLUMN event_sequence INTEGER;
ALTER TABLE decisions ADD COLUMN event_sequence INTEGER;
ALTER TABLE signatures ADD COLUMN event_sequence INTEGER;
ALTER TABLE transitions ADD COLUMN event_sequence INTEGER;
ALTER TABLE admissions ADD COLUMN event_sequence INTEGER;
ALTER TABLE api_tokens ADD COLUMN event_sequence INTEGER;

DROP TRIGGER decisions_are_immutable;
DROP TRIGGER signatures_are_immutable;
DROP TRIGGER transitions_are_immutable;
DROP TRIGGER admissions_are_immutable;

UPDATE decisions SET event_sequence = (
    SELECT e.sequence FROM events e
    WHERE e.stream = 'document:' || decisions.document_id AND e.kind = 'besluit-vastgelegd'
      AND json_extract(e.payload, '$.besluit') = decisions.id);
UPDATE signatures SET event_sequence = (
    SELECT MIN(e.sequence) FROM events e
    WHERE e.stream = 'document:' || signatures.document_id
      AND e.kind = 'ondertekening-vastgelegd'
      AND json_extract(e.payload, '$.partner') = signatures.partner
      AND json_extract(e.payload, '$.inhoudHash') = signatures.content_hash);
WITH numbered_rows AS (
    SELECT id, document_id, ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY id) AS n
    FROM transitions),
numbered_events AS (
    SELECT stream, sequence, ROW_NUMBER() OVER (PARTITION BY stream ORDER BY sequence) AS n
    FROM events WHERE kind IN ('overgang', 'workflow-gemigreerd'))
UPDATE transitions SET event_sequence = (
    SELECT numbered_events.sequence FROM numbered_rows JOIN numbered_events
        ON numbered_events.stream = 'document:' || numbered_rows.document_id
       AND numbered_events.n = numbered_rows.n
    WHERE numbered_rows.id = transitions.id);
WITH numbered_rows AS (
    SELECT id, region, ROW_NUMBER() OVER (PARTITION BY region ORDER BY id) AS n FROM admissions),
numbered_events AS (
    SELECT stream, sequence, ROW_NUMBER() OVER (PARTITION BY stream ORDER BY sequence) AS n
    FROM events WHERE kind IN ('strategisch-partner-toegelaten', 'toelating-afgewezen'))
UPDATE admissions SET event_sequence = (
    SELECT numbered_events.sequence FROM numbered_rows JOIN numbered_events
        ON numbered_events.stream = 'regio:' || numbered_rows.region
       AND numbered_events.n = numbered_rows.n
    WHERE numbered_rows.id = admissions.id);
UPDATE documents SET event_sequence = (
    SELECT MAX(e.sequence) FROM events e
    WHERE e.stream = 'document:' || documents.id
      AND e.kind IN ('document-aangemaakt', 'versie-toegevoegd', 'overgang',
                     'workflow-gemigreerd'));
UPDATE partners SET event_sequence = (
    SELECT MAX(e.sequence) FROM events e
    WHERE e.stream = 'regio:' || partners.region
      AND ((e.kind IN ('partner-geregistreerd', 'partner-gewijzigd')
            AND json_extract(e.payload, '$.partner.sleutel') = partners.key)
        OR (e.kind = 'strategisch-partner-toegelaten'
            AND json_extract(e.payload, '$.partner') = partners.key)));
UPDATE regions SET event_sequence = COALESCE(
    (SELECT MAX(e.sequence) FROM events e
     WHERE e.stream = 'regio:' || regions.code AND e.kind = 'centrumgemeente-gecorrigeerd'),
    (SELECT MIN(e.sequence) FROM events e
     WHERE e.stream = 'systeem' AND e.kind = 'referentiedata-geladen'));
UPDATE api_tokens SET event_sequence = (
    SELECT e.sequence FROM events e
    WHERE e.stream = 'systeem' AND e.kind = 'token-uitgegeven'
      AND json_extract(e.payload, '$.token') = api_tokens.id);

CREATE UNIQUE INDEX decisions_by_event ON decisions(document_id, event_sequence);
CREATE UNIQUE INDEX signatures_by_event ON signatures(document_id, event_sequence);
CREATE UNIQUE INDEX transitions_by_event ON transitions(document_id, event_sequence);
CREATE UNIQUE INDEX admissions_by_event ON admissions(region, event_sequence);
CREATE UNIQUE INDEX api_tokens_by_event ON api_tokens(event_sequence);

-- The log: an event extends its stream at the head, and the head follows the log.
CREATE TRIGGER events_extend_the_head BEFORE INSERT ON events
WHEN NEW.sequence <> COALESCE((SELECT sequence FROM stream_heads WHERE stream = NEW.stream), 0) + 1
  OR NEW.previous_hash <> COALESCE((SELECT hash FROM stream_heads WHERE stream = NEW.stream),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'an event extends its stream at the head'); END;
CREATE TRIGGER stream_heads_start_with_the_first_event BEFORE INSERT ON stream_heads
WHEN NEW.sequence <> 1 OR NOT EXISTS (
    SELECT 1 FROM events WHERE stream = NEW.stream AND sequence = 1 AND hash = NEW.hash)
BEGIN SELECT RAISE(ABORT, 'a stream head names the stream''s newest event'); END;
CREATE TRIGGER stream_heads_follow_the_log BEFORE UPDATE ON stream_heads
WHEN NEW.stream <> OLD.stream OR NEW.sequence <> OLD.sequence + 1 OR NOT EXISTS (
    SELECT 1 FROM events WHERE stream = NEW.stream AND sequence = NEW.sequence AND hash = NEW.hash)
BEGIN SELECT RAISE(ABORT, 'a stream head names the stream''s newest event'); END;
CREATE TRIGGER stream_heads_are_kept BEFORE DELETE ON stream_heads
BEGIN SELECT RAISE(ABORT, 'stream heads are never deleted'); END;
CREATE TRIGGER checkpoints_cover_events BEFORE INSERT ON checkpoints
WHEN NEW.size > COALESCE((SELECT sequence FROM stream_heads WHERE stream = NEW.stream), 0)
BEGIN SELECT RAISE(ABORT, 'a checkpoint covers events the stream holds'); END;

-- Reference data: loaded once, with its event; a correction only with its event.
CREATE TRIGGER regions_need_their_event BEFORE INSERT ON regions
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'systeem'
    AND e.sequence = NEW.event_sequence AND e.kind = 'referentiedata-geladen')
BEGIN SELECT RAISE(ABORT, 'a region is loaded only with the referentiedata-geladen event'); END;
CREATE TRIGGER regions_change_with_their_event BEFORE UPDATE ON regions
WHEN NEW.code <> OLD.code OR NEW.name <> OLD.name OR NOT EXISTS (
    SELECT 1 FROM events e WHERE e.stream = 'regio:' || NEW.code
       AND e.sequence = NEW.event_sequence AND e.kind = 'centrumgemeente-gecorrigeerd'
       AND json_extract(e.payload, '$.nieuw') = NEW.centrumgemeente
       AND json_extract(e.payload, '$.bron') = NEW.source)
BEGIN SELECT RAISE(ABORT, 'a region changes only with its centrumgemeente-gecorrigeerd event'); END;
CREATE TRIGGER regions_are_kept BEFORE DELETE ON regions
BEGIN SELECT RAISE(ABORT, 'regions are never deleted'); END;
CREATE TRIGGER budget_years_need_their_event BEFORE INSERT ON budget_years
WHEN NOT EXISTS (SELECT 1 FROM events WHERE stream = 'systeem' AND kind = 'referentiedata-geladen')
BEGIN SELECT RAISE(ABORT, 'budget years are loaded only with the referentiedata-geladen event'); END;
CREATE TRIGGER budget_years_are_immutable BEFORE UPDATE ON budget_years
BEGIN SELECT RAISE(ABORT, 'budget years are immutable'); END;
CREATE TRIGGER budget_years_are_kept BEFORE DELETE ON budget_years
BEGIN SELECT RAISE(ABORT, 'budget years are never deleted'); END;

CREATE TRIGGER partners_need_their_event BEFORE INSERT ON partners
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'regio:' || NEW.region
    AND e.sequence = NEW.event_sequence AND e.kind IN ('partner-geregistreerd', 'partner-gewijzigd')
    AND json_extract(e.payload, '$.partner.sleutel') = NEW.key
    AND json_extract(e.payload, '$.partner.naam') = NEW.name
    AND json_extract(e.payload, '$.partner.soort') = NEW.kind
    AND json_extract(e.payload, '$.partner.rol') = NEW.role)
BEGIN SELECT RAISE(ABORT, 'a partner is registered only with its partner-geregistreerd event'); END;
CREATE TRIGGER partners_change_with_their_event BEFORE UPDATE ON partners
WHEN NEW.region <> OLD.region OR NEW.key <> OLD.key
  OR NEW.event_sequence IS NULL OR NEW.event_sequence <= COALESCE(OLD.event_sequence, 0)
  OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'regio:' || NEW.region
    AND e.sequence = NEW.event_sequence
    AND ((e.kind IN ('partner-geregistreerd', 'partner-gewijzigd')
          AND json_extract(e.payload, '$.partner.sleutel') = NEW.key
          AND json_extract(e.payload, '$.partner.naam') = NEW.name
          AND json_extract(e.payload, '$.partner.soort') = NEW.kind
          AND json_extract(e.payload, '$.partner.rol') = NEW.role)
      OR (e.kind = 'strategisch-partner-toegelaten'
          AND json_extract(e.payload, '$.partner') = NEW.key
          AND NEW.role = 'strategisch-partner' AND NEW.name = OLD.name AND NEW.kind = OLD.kind
          AND NEW.representatives = OLD.representatives)))
BEGIN SELECT RAISE(ABORT, 'a partner changes only with the event that records the change'); END;
CREATE TRIGGER partners_are_kept BEFORE DELETE ON partners
BEGIN SELECT RAISE(ABORT, 'partners are never deleted'); END;

-- Documents: created and changed only with the document stream's event.
CREATE TRIGGER documents_need_their_event BEFORE INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.id
    AND e.sequence = NEW.event_sequence AND e.kind = 'document-aangemaakt'
    AND json_extract(e.payload, '$.regio') = NEW.region
    AND json_extract(e.payload, '$.soort') = NEW.kind
    AND json_extract(e.payload, '$.status') = NEW.state
    AND json_extract(e.payload, '$.workflowVersie') = NEW.workflow_version
    AND json_extract(e.payload, '$.versie') = NEW.latest_version
    AND json_extract(e.payload, '$.inhoudHash') = NEW.latest_content_hash)
BEGIN SELECT RAISE(ABORT, 'a document is created only with its document-aangemaakt event'); END;
CREATE TRIGGER documents_change_with_their_event BEFORE UPDATE ON documents
WHEN NEW.id <> OLD.id OR NEW.region <> OLD.region OR NEW.kind <> OLD.kind
  OR NEW.serial <> OLD.serial OR NEW.created_at <> OLD.created_at
  OR NEW.beleidsagenda_id IS NOT OLD.beleidsagenda_id
  OR NEW.event_sequence IS NULL OR NEW.event_sequence <= COALESCE(OLD.event_sequence, 0)
  OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.id
    AND e.sequence = NEW.event_sequence
    AND CASE e.kind
        WHEN 'versie-toegevoegd' THEN
            json_extract(e.payload, '$.versie') = NEW.latest_version
            AND json_extract(e.payload, '$.inhoudHash') = NEW.latest_content_hash
            AND NEW.state = OLD.state AND NEW.workflow_version = OLD.workflow_version
        WHEN 'overgang' THEN
            json_extract(e.payload, '$.van') = OLD.state
            AND json_extract(e.payload, '$.naar') = NEW.state
            AND NEW.latest_version = OLD.latest_version
            AND NEW.latest_content_hash = OLD.latest_content_hash
        WHEN 'workflow-gemigreerd' THEN
            json_extract(e.payload, '$.vanToestand') = OLD.state
            AND json_extract(e.payload, '$.naarToestand') = NEW.state
            AND json_extract(e.payload, '$.naarVersie') = NEW.workflow_version
            AND NEW.latest_version = OLD.latest_version
        ELSE 0 END)
BEGIN SELECT RAISE(ABORT, 'a document changes only with the event that records the change'); END;
CREATE TRIGGER documents_are_kept BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;
CREATE TRIGGER versions_need_their_event BEFORE INSERT ON versions
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.document_id
    AND e.kind IN ('document-aangemaakt', 'versie-toegevoegd')
    AND json_extract(e.payload, '$.versie') = NEW.number
    AND json_extract(e.payload, '$.inhoudHash') = NEW.content_hash)
BEGIN SELECT RAISE(ABORT, 'a version is stored only with the event that records it'); END;
CREATE TRIGGER amendments_need_their_event BEFORE INSERT ON amendments
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.document_id
    AND e.kind = 'document-aangemaakt'
    AND json_extract(e.payload, '$.wijzigt') = NEW.amends
    AND json_extract(e.payload, '$.basisVersie') = NEW.base_version
    AND json_extract(e.payload, '$.basisInhoudHash') = NEW.base_content_hash)
BEGIN SELECT RAISE(ABORT, 'a wijziging is recorded only with its document-aangemaakt event'); END;
CREATE TRIGGER amendments_are_immutable BEFORE UPDATE ON amendments
BEGIN SELECT RAISE(ABORT, 'amendments are immutable'); END;
CREATE TRIGGER amendments_are_kept BEFORE DELETE ON amendments
BEGIN SELECT RAISE(ABORT, 'amendments are never deleted'); END;

-- Workflow history: each row with its own event, never changed.
CREATE TRIGGER decisions_need_their_event BEFORE INSERT ON decisions
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.document_id
    AND e.sequence = NEW.event_sequence AND e.kind = 'besluit-vastgelegd'
    AND json_extract(e.payload, '$.besluit') = NEW.id
    AND json_extract(e.payload, '$.partner') = NEW.partner
    AND json_extract(e.payload, '$.uitkomst') = NEW.verdict
    AND json_extract(e.payload, '$.versie') = NEW.version
    AND json_extract(e.payload, '$.inhoudHash') = NEW.content_hash)
BEGIN SELECT RAISE(ABORT, 'a decision is recorded only with its besluit-vastgelegd event'); END;
CREATE TRIGGER decisions_are_immutable BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
CREATE TRIGGER signatures_need_their_event BEFORE INSERT ON signatures
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.document_id
    AND e.sequence = NEW.event_sequence AND e.kind = 'ondertekening-vastgelegd'
    AND json_extract(e.payload, '$.partner') = NEW.partner
    AND json_extract(e.payload, '$.versie') = NEW.version
    AND json_extract(e.payload, '$.inhoudHash') = NEW.content_hash
    AND json_extract(e.payload, '$.ondertekenaar') = NEW.signatory
    AND json_extract(e.payload, '$.datum') = NEW.date)
BEGIN SELECT RAISE(ABORT, 'a signature is recorded only with its ondertekening-vastgelegd event'); END;
CREATE TRIGGER signatures_are_immutable BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
CREATE TRIGGER transitions_need_their_event BEFORE INSERT ON transitions
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.document_id
    AND e.sequence = NEW.event_sequence AND e.kind IN ('overgang', 'workflow-gemigreerd')
    AND COALESCE(json_extract(e.payload, '$.naar'),
                 json_extract(e.payload, '$.naarToestand')) = NEW.to_state
    AND COALESCE(json_extract(e.payload, '$.van'),
                 json_extract(e.payload, '$.vanToestand')) = NEW.from_state)
BEGIN SELECT RAISE(ABORT, 'a transition is recorded only with its overgang event'); END;
CREATE TRIGGER transitions_are_immutable BEFORE UPDATE ON transitions
BEGIN SELECT RAISE(ABORT, 'transitions are immutable'); END;
CREATE TRIGGER admissions_need_their_event BEFORE INSERT ON admissions
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'regio:' || NEW.region
    AND e.sequence = NEW.event_sequence
    AND e.kind IN ('strategisch-partner-toegelaten', 'toelating-afgewezen')
    AND json_extract(e.payload, '$.partner') = NEW.partner
    AND json_extract(e.payload, '$.toegelaten') = NEW.admitted
    AND json_extract(e.payload, '$.datum') = NEW.date)
BEGIN SELECT RAISE(ABORT, 'an admission is recorded only with its event'); END;
CREATE TRIGGER admissions_are_immutable BEFORE UPDATE ON admissions
BEGIN SELECT RAISE(ABORT, 'admissions are immutable'); END;
CREATE TRIGGER workflow_definitions_need_their_event BEFORE INSERT ON workflow_definitions
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'systeem'
    AND e.kind = 'workflow-definitie-geregistreerd'
    AND json_extract(e.payload, '$.naam') = NEW.name
    AND json_extract(e.payload, '$.versie') = NEW.version)
BEGIN SELECT RAISE(ABORT, 'a workflow definition is registered only with its event'); END;
CREATE TRIGGER workflow_definitions_are_kept BEFORE DELETE ON workflow_definitions
BEGIN SELECT RAISE(ABORT, 'workflow definitions are never deleted'); END;

-- Tokens: issued with their event; only revoked afterwards, with its event.
CREATE TRIGGER api_tokens_need_their_event BEFORE INSERT ON api_tokens
WHEN NEW.revoked_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'systeem'
    AND e.sequence = NEW.event_sequence AND e.kind = 'token-uitgegeven'
    AND json_extract(e.payload, '$.token') = NEW.id
    AND json_extract(e.payload, '$.geheimHash') = NEW.secret_hash
    AND json_extract(e.payload, '$.persoon') = NEW.person
    AND json_extract(e.payload, '$.rol') = NEW.role
    AND json_extract(e.payload, '$.scope') = NEW.region_scope
    AND json_extract(e.payload, '$.partner') IS NEW.partner)
BEGIN SELECT RAISE(ABORT, 'a token is issued only with its token-uitgegeven event'); END;
CREATE TRIGGER api_tokens_are_only_revoked BEFORE UPDATE ON api_tokens
WHEN OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
  OR NEW.id <> OLD.id OR NEW.secret_hash <> OLD.secret_hash OR NEW.person <> OLD.person
  OR NEW.role <> OLD.role OR NEW.region_scope <> OLD.region_scope
  OR NEW.partner IS NOT OLD.partner OR NEW.event_sequence IS NOT OLD.event_sequence
  OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'systeem'
      AND e.kind = 'token-ingetrokken' AND json_extract(e.payload, '$.token') = NEW.id)
BEGIN SELECT RAISE(ABORT, 'a token is only revoked, with its token-ingetrokken event'); END;
CREATE TRIGGER api_tokens_are_kept BEFORE DELETE ON api_tokens
BEGIN SELECT RAISE(ABORT, 'tokens are never deleted'); END;
)sql"},
        {6, "tokens expire and record their last use", R"sql(
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
DROP TRIGGER api_tokens_need_their_event;
CREATE TRIGGER api_tokens_need_their_event BEFORE INSERT ON api_tokens
WHEN NEW.revoked_at IS NOT NULL OR NEW.last_used_at IS NOT NULL
  OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'systeem'
    AND e.sequence = NEW.event_sequence AND e.kind = 'token-uitgegeven'
    AND json_extract(e.payload, '$.token') = NEW.id
    AND json_extract(e.payload, '$.geheimHash') = NEW.secret_hash
    AND json_extract(e.payload, '$.persoon') = NEW.person
    AND json_extract(e.payload, '$.rol') = NEW.role
    AND json_extract(e.payload, '$.scope') = NEW.region_scope
    AND json_extract(e.payload, '$.partner') IS NEW.partner
    AND json_extract(e.payload, '$.verloopt') IS NEW.expires_at)
BEGIN SELECT RAISE(ABORT, 'a token is issued only with its token-uitgegeven event'); END;
DROP TRIGGER api_tokens_are_only_revoked;
CREATE TRIGGER api_tokens_are_only_revoked_or_used BEFORE UPDATE ON api_tokens
WHEN NEW.id <> OLD.id OR NEW.secret_hash <> OLD.secret_hash OR NEW.person <> OLD.person
  OR NEW.role <> OLD.role OR NEW.region_scope <> OLD.region_scope
  OR NEW.partner IS NOT OLD.partner OR NEW.event_sequence IS NOT OLD.event_sequence
  OR NEW.expires_at IS NOT OLD.expires_at
  OR (NEW.revoked_at IS NOT OLD.revoked_at AND (OLD.revoked_at IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM events e WHERE e.stream = 'systeem'
         AND e.kind = 'token-ingetrokken' AND json_extract(e.payload, '$.token') = NEW.id)))
BEGIN SELECT RAISE(ABORT, 'a token is only revoked, with its token-ingetrokken event, or used'); END;
)sql"},
        {7, "idempotency keys: the first answer to a write, kept for a day", R"sql(
CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER,
    headers TEXT NOT NULL DEFAULT '{}',
    body BLOB NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_by_expiry ON idempotency_keys (expires_at);
)sql"},
        {8, "uittreding: a partner leaves the Beraad with its partner-uitgetreden event", R"sql(
ALTER TABLE partners ADD COLUMN left_on TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN leave_reason TEXT NOT NULL DEFAULT '';
DROP TRIGGER partners_need_their_event;
CREATE TRIGGER partners_need_their_event BEFORE INSERT ON partners
WHEN NEW.left_on <> '' OR NEW.leave_reason <> ''
  OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'regio:' || NEW.region
    AND e.sequence = NEW.event_sequence AND e.kind IN ('partner-geregistreerd', 'partner-gewijzigd')
    AND json_extract(e.payload, '$.partner.sleutel') = NEW.key
    AND json_extract(e.payload, '$.partner.naam') = NEW.name
    AND json_extract(e.payload, '$.partner.soort') = NEW.kind
    AND json_extract(e.payload, '$.partner.rol') = NEW.role)
BEGIN SELECT RAISE(ABORT, 'a partner is registered only with its partner-geregistreerd event'); END;
DROP TRIGGER partners_change_with_their_event;
CREATE TRIGGER partners_change_with_their_event BEFORE UPDATE ON partners
WHEN NEW.region <> OLD.region OR NEW.key <> OLD.key
  OR NEW.event_sequence IS NULL OR NEW.event_sequence <= COALESCE(OLD.event_sequence, 0)
  OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'regio:' || NEW.region
    AND e.sequence = NEW.event_sequence
    AND ((e.kind IN ('partner-geregistreerd', 'partner-gewijzigd')
          AND json_extract(e.payload, '$.partner.sleutel') = NEW.key
          AND json_extract(e.payload, '$.partner.naam') = NEW.name
          AND json_extract(e.payload, '$.partner.soort') = NEW.kind
          AND json_extract(e.payload, '$.partner.rol') = NEW.role
          AND NEW.left_on = OLD.left_on AND NEW.leave_reason = OLD.leave_reason)
      OR (e.kind = 'strategisch-partner-toegelaten'
          AND json_extract(e.payload, '$.partner') = NEW.key
          AND NEW.role = 'strategisch-partner' AND NEW.name = OLD.name AND NEW.kind = OLD.kind
          AND NEW.representatives = OLD.representatives
          AND NEW.left_on = OLD.left_on AND NEW.leave_reason = OLD.leave_reason)
      OR (e.kind = 'partner-uitgetreden' AND OLD.left_on = ''
          AND json_extract(e.payload, '$.partner') = NEW.key
          AND json_extract(e.payload, '$.datum') = NEW.left_on
          AND json_extract(e.payload, '$.reden') = NEW.leave_reason
          AND NEW.role = OLD.role AND NEW.name = OLD.name AND NEW.kind = OLD.kind
          AND NEW.representatives = OLD.representatives)))
BEGIN SELECT RAISE(ABORT, 'a partner changes only with the event that records the change'); END;
)sql"},
        {9, "rectificaties: a decision or signature may correct an earlier one", R"sql(
ALTER TABLE decisions ADD COLUMN rectifies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN reason TEXT NOT NULL DEFAULT '';
DROP TRIGGER decisions_need_their_event;
CREATE TRIGGER decisions_need_their_event BEFORE INSERT ON decisions
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.document_id
    AND e.sequence = NEW.event_sequence AND e.kind = 'besluit-vastgelegd'
    AND json_extract(e.payload, '$.besluit') = NEW.id
    AND json_extract(e.payload, '$.partner') = NEW.partner
    AND json_extract(e.payload, '$.uitkomst') = NEW.verdict
    AND json_extract(e.payload, '$.versie') = NEW.version
    AND json_extract(e.payload, '$.inhoudHash') = NEW.content_hash
    AND COALESCE(json_extract(e.payload, '$.rectificeert'), 0) = NEW.rectifies)
BEGIN SELECT RAISE(ABORT, 'a decision is recorded only with its besluit-vastgelegd event'); END;
-- A corrected signature is a second row of the same party on the same hash:
-- the table is rebuilt without its UNIQUE constraint.
CREATE TABLE signatures_rectifiable (
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
    event_sequence INTEGER,
    rectifies INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (document_id, version) REFERENCES versions(document_id, number)
);
INSERT INTO signatures_rectifiable (id, document_id, version, content_hash, partner, signatory,
    function, place, date, recorded_by, recorded_at, event_sequence)
SELECT id, document_id, version, content_hash, partner, signatory, function, place, date,
    recorded_by, recorded_at, event_sequence FROM signatures;
DROP TABLE signatures;
ALTER TABLE signatures_rectifiable RENAME TO signatures;
CREATE UNIQUE INDEX signatures_by_event ON signatures(document_id, event_sequence);
CREATE INDEX signatures_by_document ON signatures(document_id, content_hash, partner);
CREATE TRIGGER signatures_need_their_event BEFORE INSERT ON signatures
WHEN NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = 'document:' || NEW.document_id
    AND e.sequence = NEW.event_sequence AND e.kind = 'ondertekening-vastgelegd'
    AND json_extract(e.payload, '$.partner') = NEW.partner
    AND json_extract(e.payload, '$.versie') = NEW.version
    AND json_extract(e.payload, '$.inhoudHash') = NEW.content_hash
    AND json_extract(e.payload, '$.ondertekenaar') = NEW.signatory
    AND json_extract(e.payload, '$.datum') = NEW.date
    AND COALESCE(json_extract(e.payload, '$.rectificeert'), 0) = NEW.rectifies)
BEGIN SELECT RAISE(ABORT, 'a signature is recorded only with its ondertekening-vastgelegd event'); END;
CREATE TRIGGER signatures_are_immutable BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
CREATE TRIGGER signatures_are_kept BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures are never deleted'); END;
)sql"},
        {10, "web sessions (operational, not history)", R"sql(
-- A session of the web front end: only the SHA-256 of its secret is kept,
-- with the token it was started with (by its hash) and its expiry.
CREATE TABLE web_sessions (
    id_hash TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_at);
)sql"},
    };
    return all;
}

}  // namespace beraad::sqlite
