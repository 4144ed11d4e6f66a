#!/usr/bin/env python3
"""Rewrites a stream the way a careful forger with the store file would.

Usage: rewrite_chain.py STORE STREAM SEQUENCE OLD NEW

Replaces OLD by NEW in the payload of event SEQUENCE of STREAM, recomputes
that event's hash, every later link and hash, and the stream head with the
recipe docs/architecture.md publishes, and removes the stream's signed
checkpoints, dropping the store's triggers first. What is left is a history
whose hash chain checks: only a checkpoint or receipt kept from before, or
a witness, can tell.
"""
import hashlib
import sqlite3
import sys

FIELDS = ["stream", "sequence", "kind", "actor", "role", "time", "payload", "previous_hash"]
NAMES = ["stream", "sequence", "kind", "actor", "role", "time", "payload", "previousHash"]


def event_hash(row):
    record = b"beraad-event-v1\n"
    for name, value in zip(NAMES, row):
        data = str(value).encode("utf-8")
        record += name.encode() + b":" + str(len(data)).encode() + b":" + data + b"\n"
    return hashlib.sha256(record).hexdigest()


def main():
    store, stream, sequence, old, new = sys.argv[1:6]
    sequence = int(sequence)
    db = sqlite3.connect(store)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f'DROP TRIGGER "{name}"')
    rows = db.execute(
        "SELECT " + ", ".join(FIELDS) + " FROM events WHERE stream = ? ORDER BY sequence",
        (stream,)).fetchall()
    previous = None
    for row in rows:
        row = list(row)
        if row[1] < sequence:
            previous = db.execute("SELECT hash FROM events WHERE stream = ? AND sequence = ?",
                                  (stream, row[1])).fetchone()[0]
            continue
        if row[1] == sequence:
            if old not in row[6]:
                sys.exit(f"'{old}' is not in the payload of event {sequence}")
            row[6] = row[6].replace(old, new, 1)
        if previous is not None:
            row[7] = previous
        digest = event_hash(row)
        db.execute("UPDATE events SET payload = ?, previous_hash = ?, hash = ? "
                   "WHERE stream = ? AND sequence = ?", (row[6], row[7], digest, stream, row[1]))
        previous = digest
    db.execute("UPDATE stream_heads SET hash = ? WHERE stream = ?", (previous, stream))
    db.execute("DELETE FROM cosignatures WHERE stream = ?", (stream,))
    db.execute("DELETE FROM checkpoints WHERE stream = ?", (stream,))
    db.commit()


if __name__ == "__main__":
    main()
