#!/usr/bin/env python3
"""Writes the bad-input corpus: one folder per case under cases/ (see README.md).

The corpus is data kept in the repository: run this after changing it and commit what it
writes. `python3 Tests/Fixtures/bad-input/generate.py` replaces cases/ entirely.
"""
import gzip
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

# The migration every migration case starts from; the runner applies it to the `sqlite`
# database before the case runs (the file must stay byte-identical to base/0001_t.up.sql).
BASE_UP = open(os.path.join(HERE, "base", "0001_t.up.sql"), "rb").read()
BASE_DOWN = open(os.path.join(HERE, "base", "0001_t.down.sql"), "rb").read()
PG_UP = open(os.path.join(HERE, "base", "postgres-0001_t.up.sql"), "rb").read()
PG_DOWN = open(os.path.join(HERE, "base", "postgres-0001_t.down.sql"), "rb").read()

count = 0

# Cases that find a defect not fixed yet: the runner reports them as known failures, not as
# passes, and says when one passes (then delete its line here).
KNOWN = {
}


def case(name, about, run, files=None, database="sqlite", expect="fail", names=(), line=None,
         known=None, setup=None):
    """One case: its files (path -> bytes or str) and its `case` file."""
    global count
    count += 1
    folder = os.path.join(CASES, name)
    assert not os.path.exists(folder), name
    os.makedirs(folder)
    for path, content in (files or {}).items():
        full = os.path.join(folder, path)
        if path.endswith("/"):  # an empty folder: git keeps it by a file .empty, which the runner removes
            os.makedirs(full, exist_ok=True)
            open(os.path.join(full, ".empty"), "wb").close()
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        if len(data) > 100_000:  # large inputs are kept compressed; the runner unpacks them
            full += ".gz"
            data = gzip.compress(data, mtime=0)
        with open(full, "wb") as f:
            f.write(data)
    lines = [f"about: {about}", f"database: {database}"]
    if setup:
        lines.append(f"setup: {setup}")
    lines += [f"run: {run}", f"expect: {expect}"]
    lines += [f"names: {n}" for n in names]
    if line is not None:
        lines.append(f"line: {line}")
    known = known or KNOWN.get(name)
    if known:
        lines.append(f"known: {known}")
    with open(os.path.join(folder, "case"), "w") as f:
        f.write("\n".join(lines) + "\n")


# --- migration files (SQLite) -------------------------------------------------------------------

def migration(name, about, up, down=b"DROP TABLE u;\n", stem="0002_bad", command="migrate up",
              expect="fail", names=None, line=None, known=None, extra=None, database="sqlite"):
    files = {"migrations/0001_t.up.sql": BASE_UP, "migrations/0001_t.down.sql": BASE_DOWN}
    if up is not None:
        files[f"migrations/{stem}.up.sql"] = up
    if down is not None:
        files[f"migrations/{stem}.down.sql"] = down
    files.update(extra or {})
    if names is None:
        names = [f"{stem}.up.sql"]
    case(name, about, f"{command} --database DB --migrations migrations", files, database=database,
         expect=expect, names=names, line=line, known=known)


def b(s):
    return s.encode() if isinstance(s, str) else s


readers = [
    # name, about, content, line
    ("nul-in-statement", "a NUL byte inside a statement (would truncate DELETE … WHERE)", b"DELETE FROM t\0 WHERE id = 2;\n", 1),
    ("nul-line-3", "a NUL byte on line 3", b"-- first\n-- second\nUPDATE t SET note = 'x'\0 WHERE id = 1;\n", 3),
    ("nul-at-end", "a NUL byte as the file's last byte", b"DELETE FROM t WHERE id = 3;\n\0", 2),
    ("nul-in-comment", "a NUL byte inside a comment", b"-- a comment \0 here\nDELETE FROM t WHERE id = 3;\n", 1),
    ("nul-in-string", "a NUL byte inside a string literal", b"INSERT INTO t VALUES (9, 'a\0b');\n", 1),
    ("invalid-utf8-statement", "bytes that are not UTF-8 inside a statement", b"INSERT INTO t VALUES (9, '\xff\xfe');\n", 1),
    ("invalid-utf8-comment", "bytes that are not UTF-8 inside a comment", b"-- caf\xe9\nDELETE FROM t WHERE id = 3;\n", 1),
    ("invalid-utf8-overlong", "an overlong UTF-8 encoding of '/'", b"DELETE FROM t WHERE id = 3;\nSELECT '\xc0\xaf';\n", 2),
    ("invalid-utf8-surrogate", "a UTF-8-encoded lone surrogate", b"SELECT 1;\nSELECT 2;\nSELECT '\xed\xa0\x80';\n", 3),
    ("invalid-utf8-truncated", "a UTF-8 sequence cut short at the end of the file", b"DELETE FROM t WHERE id = 3;\nSELECT '\xe2\x82", 2),
    ("unterminated-quote", "an unterminated string literal", b"DELETE FROM t WHERE id = 3;\nINSERT INTO t VALUES (9, 'oops);\n", 2),
    ("unterminated-double-quote", "an unterminated quoted identifier", b"DELETE FROM t WHERE id = 3;\nCREATE TABLE \"u (id INTEGER);\n", 2),
    ("unterminated-block-comment", "an unterminated /* comment", b"DELETE FROM t WHERE id = 3;\n/* never closed\nDELETE FROM t;\n", 2),
    ("unterminated-bracket-identifier", "an unterminated [identifier]", b"DELETE FROM t WHERE id = 3;\nSELECT [id FROM t;\n", 2),
    ("unterminated-backtick", "an unterminated `identifier`", b"DELETE FROM t WHERE id = 3;\nSELECT `id FROM t;\n", 2),
]
for name, about, content, line in readers:
    migration(f"migration-{name}", about, content, line=line)
    migration(f"migration-{name}-dry-run", about + " (migrate up --dry-run)", content, command="migrate up --dry-run", line=line)
    migration(f"migration-{name}-validate", about + " (migrate validate)", content, command="migrate validate", line=line)

transaction_control = [
    ("begin-commit", "the file's own BEGIN; … COMMIT; inside a transactional migration", "BEGIN;\nDELETE FROM t WHERE id = 3;\nCOMMIT;\n", 1),
    ("commit-midway", "a COMMIT half-way through", "DELETE FROM t WHERE id = 3;\nCOMMIT;\nCREATE TABLE u (id INTEGER);\n", 2),
    ("rollback", "a ROLLBACK inside a transactional migration", "CREATE TABLE u (id INTEGER);\nROLLBACK;\n", 2),
    ("end", "END (SQLite's COMMIT) inside a transactional migration", "CREATE TABLE u (id INTEGER);\nEND;\n", 2),
    ("end-transaction", "END TRANSACTION inside a transactional migration", "CREATE TABLE u (id INTEGER);\nEND TRANSACTION;\n", 2),
    ("savepoint", "a SAVEPOINT inside a transactional migration", "SAVEPOINT s1;\nCREATE TABLE u (id INTEGER);\nRELEASE s1;\n", 1),
    ("begin-immediate", "BEGIN IMMEDIATE inside a transactional migration", "BEGIN IMMEDIATE;\nCREATE TABLE u (id INTEGER);\nCOMMIT;\n", 1),
    ("begin-lowercase", "begin transaction; in lower case", "-- hand-written\nbegin transaction;\ncreate table u (id integer);\ncommit;\n", 2),
    ("commit-after-comment", "COMMIT after a comment on the same line", "CREATE TABLE u (id INTEGER); /* done */ COMMIT;\n", 1),
]
for name, about, content, line in transaction_control:
    migration(f"migration-txn-{name}", about, content, line=line)
    migration(f"migration-txn-{name}-validate", about + " (migrate validate)", content, command="migrate validate", line=line)

# Valid after all: words that look like transaction control where they are not.
migration("migration-trigger-begin-end-valid", "valid after all: a trigger body's BEGIN … END is not transaction control",
          "CREATE TABLE u (id INTEGER);\nCREATE TRIGGER u_t AFTER INSERT ON u BEGIN UPDATE t SET note = 'x' WHERE id = 1; END;\n", expect="0", names=[])
migration("migration-commit-in-string-valid", "valid after all: 'COMMIT' inside a string literal",
          "CREATE TABLE u (id INTEGER, note TEXT);\nINSERT INTO u VALUES (1, 'COMMIT;');\n", expect="0", names=[])
migration("migration-begin-in-comment-valid", "valid after all: BEGIN; inside a comment",
          "-- BEGIN;\n/* COMMIT; */\nCREATE TABLE u (id INTEGER);\n", expect="0", names=[])
migration("migration-crlf-valid", "valid after all: CRLF line endings", "CREATE TABLE u (id INTEGER);\r\nINSERT INTO u VALUES (1);\r\n", expect="0", names=[])
migration("migration-column-named-end-valid", "valid after all: a column named \"end\"", "CREATE TABLE u (id INTEGER, \"end\" TEXT);\n", expect="0", names=[])

migration("migration-no-transaction-line-2", "the -- meridian:no-transaction directive on line 2, where it is not read",
          "-- creates u\n-- meridian:no-transaction\nCREATE TABLE u (id INTEGER);\nBEGIN;\n", line=2)
migration("migration-no-transaction-misspelled", "a misspelled directive (-- meridian:no-transactions) and a COMMIT",
          "-- meridian:no-transactions\nCREATE TABLE u (id INTEGER);\nCOMMIT;\n", line=None)
migration("migration-no-transaction-after-sql", "the directive after the first statement",
          "CREATE TABLE u (id INTEGER);\n-- meridian:no-transaction\nCOMMIT;\n", line=None)

# Names and folder layout.
migration("migration-duplicate-version", "two migrations with version 0002",
          "CREATE TABLE u (id INTEGER);\n", extra={"migrations/0002_other.up.sql": "CREATE TABLE v (id INTEGER);\n", "migrations/0002_other.down.sql": "DROP TABLE v;\n"},
          names=["0002"])
migration("migration-duplicate-version-padding", "versions 2 and 0002",
          "CREATE TABLE u (id INTEGER);\n", extra={"migrations/2_other.up.sql": "CREATE TABLE v (id INTEGER);\n", "migrations/2_other.down.sql": "DROP TABLE v;\n"},
          names=["2_other"])
migration("migration-uppercase-extension", "a file named …UP.SQL beside the others, skipped without a word",
          None, down=None, extra={"migrations/0002_upper.UP.SQL": "DELETE FROM t;\n", "migrations/0002_upper.DOWN.SQL": "SELECT 1;\n"},
          names=["0002_upper"])
migration("migration-mixed-case-extension", "a file named …Up.sql",
          None, down=None, extra={"migrations/0002_mixed.Up.sql": "DELETE FROM t;\n", "migrations/0002_mixed.down.sql": "SELECT 1;\n"},
          names=["0002_mixed.Up.sql"])
migration("migration-folder-named-like-file", "a folder named 0002_dir.up.sql",
          None, down=None, extra={"migrations/0002_dir.up.sql/": "", "migrations/0002_dir.down.sql": "SELECT 1;\n"},
          names=["0002_dir.up.sql"])
migration("migration-down-without-up", "a down file whose up is missing",
          None, stem="0002_orphan", down="DROP TABLE u;\n", names=["0002_orphan"])
migration("migration-up-sql-typo", "a file named 0002_x.up.sq (typo)",
          None, down=None, extra={"migrations/0002_typo.up.sq": "DELETE FROM t;\n", "migrations/0002_typo.down.sql": "SELECT 1;\n"},
          names=["0002_typo"])
migration("migration-empty-up", "an empty up file (0 bytes)", "", names=["0002_bad.up.sql"])
migration("migration-comments-only-up", "an up file with only comments", "-- TODO: write this\n/* later */\n", names=["0002_bad.up.sql"])
migration("migration-semicolons-only-up", "an up file with only semicolons and blanks", "\n;\n ;;\n", names=["0002_bad.up.sql"])
migration("migration-whitespace-only-up", "an up file of blank lines", "\n\n   \n\t\n", names=["0002_bad.up.sql"])

# Statements that fail half-way: nothing of the migration may stay.
migration("migration-fails-halfway-missing-table", "the second statement names a missing table",
          "CREATE TABLE u (id INTEGER);\nINSERT INTO nosuch VALUES (1);\n", line=2)
migration("migration-fails-halfway-unique", "a duplicate key on line 3 after a delete",
          "DELETE FROM t WHERE id = 3;\nUPDATE t SET note = 'changed';\nINSERT INTO t VALUES (1, 'dup');\n", line=3)
migration("migration-fails-halfway-syntax", "a syntax error on line 5",
          "CREATE TABLE u (id INTEGER);\nINSERT INTO u VALUES (1);\nDELETE FROM t;\n\nSELEC 1;\n", line=5)
migration("migration-fails-halfway-not-null", "a NOT NULL violation after a create",
          "CREATE TABLE u (id INTEGER NOT NULL);\nINSERT INTO u VALUES (NULL);\n", line=2)
migration("migration-fails-halfway-check", "a CHECK violation after a create",
          "CREATE TABLE u (n INTEGER CHECK (n > 0));\nINSERT INTO u VALUES (1);\nINSERT INTO u VALUES (-1);\n", line=3)
migration("migration-fails-halfway-drop-missing", "DROP TABLE of a missing table after a delete",
          "DELETE FROM t;\nDROP TABLE nosuch;\n", line=2)
migration("migration-fails-halfway-alter", "ALTER TABLE on a missing column after an insert",
          "INSERT INTO t VALUES (4, 'four');\nALTER TABLE t RENAME COLUMN nosuch TO other;\n", line=2)
migration("migration-dot-command", "a sqlite3 shell dot-command", "DELETE FROM t WHERE id = 3;\n.tables\n", line=2)
migration("migration-psql-meta-command", "a psql meta-command", "DELETE FROM t WHERE id = 3;\n\\set ON_ERROR_STOP on\n", line=2)
migration("migration-huge-statement", "a 300 KiB statement that fails: the message stays short",
          "DELETE FROM t WHERE id = 3;\nSELECT '" + "x" * 300_000 + "' FROM nosuch;\n", line=2)
migration("migration-bom-then-error", "a UTF-8 BOM and a failing statement",
          b"\xef\xbb\xbfDELETE FROM t WHERE id = 3;\nINSERT INTO nosuch VALUES (1);\n", line=2)

# An applied migration that changed (drift).
case("migration-drift", "an applied migration edited afterwards", "migrate up --database DB --migrations migrations",
     {"migrations/0001_t.up.sql": BASE_UP + b"-- edited\n", "migrations/0001_t.down.sql": BASE_DOWN,
      "migrations/0002_next.up.sql": "DELETE FROM t;\n", "migrations/0002_next.down.sql": "SELECT 1;\n"},
     names=["0001_t"])
case("migration-drift-deleted", "an applied migration's file deleted", "migrate up --database DB --migrations migrations",
     {"migrations/0002_next.up.sql": "DELETE FROM t;\n", "migrations/0002_next.down.sql": "SELECT 1;\n"},
     names=["0001"])

# Down files.
for name, about, content, line in [
    ("nul", "a NUL byte in the down file", b"DELETE FROM t\0 WHERE id = 2;\nDROP TABLE t;\n", 1),
    ("invalid-utf8", "bytes that are not UTF-8 in the down file", b"DROP TABLE t; -- \xff\n", 1),
    ("commit", "a COMMIT inside a transactional down", "DELETE FROM t;\nCOMMIT;\nDROP TABLE t;\n", 2),
    ("fails-halfway", "the down's second statement fails", "DELETE FROM t;\nDROP TABLE nosuch;\n", 2),
    ("unterminated-quote", "an unterminated string in the down", "DELETE FROM t WHERE note = 'x;\n", 1),
]:
    case(f"migration-down-{name}", about, "migrate down --database DB --migrations migrations",
         {"migrations/0001_t.up.sql": BASE_UP, "migrations/0001_t.down.sql": b(content)},
         names=["0001_t.down.sql"], line=line)
case("migration-down-empty", "an empty down file: migrate down must not record a rollback it did not make",
     "migrate down --database DB --migrations migrations",
     {"migrations/0001_t.up.sql": BASE_UP, "migrations/0001_t.down.sql": ""}, names=["0001_t.down.sql"])
case("migration-down-missing", "no down file for the applied migration", "migrate down --database DB --migrations migrations",
     {"migrations/0001_t.up.sql": BASE_UP}, names=["0001_t"])
# Other layouts the reader knows (dbmate, Diesel).
case("migration-dbmate-no-markers", "a dbmate-style NNNN_name.sql without -- migrate:up",
     "migrate up --database DB --migrations migrations",
     {"migrations/0001_t.up.sql": BASE_UP, "migrations/0001_t.down.sql": BASE_DOWN,
      "migrations/0002_plain.sql": "DELETE FROM t;\n"}, names=["0002_plain.sql"])
case("migration-dbmate-nul", "a dbmate file with a NUL byte (on a new database, which must not be created)",
     "migrate up --database sqlite:new.sqlite --migrations migrations",
     {"migrations/0001_t.sql": b"-- migrate:up\nCREATE TABLE t (id INTEGER);\n-- migrate:down\nDROP TABLE t;\n",
      "migrations/0002_d.sql": b"-- migrate:up\nDELETE FROM t\0 WHERE id = 2;\n-- migrate:down\nSELECT 1;\n"},
     database="none", names=["0002_d.sql"], line=2)
case("migration-diesel-nul", "a Diesel-style up.sql with a NUL byte (on a new database, which must not be created)",
     "migrate up --database sqlite:new.sqlite --migrations migrations",
     {"migrations/0001_t/up.sql": "CREATE TABLE t (id INTEGER);\n", "migrations/0001_t/down.sql": "DROP TABLE t;\n",
      "migrations/0002_d/up.sql": b"DELETE FROM t\0 WHERE id = 2;\n", "migrations/0002_d/down.sql": "SELECT 1;\n"},
     database="none", names=["up.sql"], line=1)
case("migration-folder-missing", "--migrations names a folder that does not exist",
     "migrate up --database DB --migrations nosuch", {}, names=["nosuch"])
case("migration-folder-is-file", "--migrations names a file",
     "migrate up --database DB --migrations afile.sql", {"afile.sql": "SELECT 1;\n"}, names=["afile.sql"])

# --- fixtures (seed, on the reference schema) -----------------------------------------------

SIGN = {"id": 9001, "name": "Test sign", "sign_type": "solar_eclipse", "description": "d",
        "observable_event_type": None, "created_at": "2024-06-01T00:00:00.000000Z"}
QUAKE = {"id": "00ecb75a-a844-5995-bce5-dc8f61920001", "usgs_id": "bad-input-1", "magnitude": 8.0,
         "magnitude_type": "mw", "depth_km": 10.0, "occurred_at": "2001-02-02T00:00:00.000000Z",
         "place": "somewhere", "properties": {}, "location": {"type": "Point", "coordinates": [109.7, 34.5]},
         "created_at": "2024-06-01T00:00:00.000000Z", "updated_at": "2024-06-01T00:00:00.000000Z"}


def fixture(name, about, content, names=("bad.json",), line=None, expect="fail", known=None):
    case(f"fixture-{name}", about, "seed --database DB --fixtures fixtures",
         {"fixtures/bad.json": b(content)}, database="reference", expect=expect, names=list(names), line=line, known=known)


def rows(table, *rs):
    return json.dumps({"table": table, "rows": list(rs)}, ensure_ascii=False) + "\n"


def sign(**changes):
    r = dict(SIGN); r.update(changes)
    return {k: v for k, v in r.items() if v is not DROP}


def quake(**changes):
    r = dict(QUAKE); r.update(changes)
    return {k: v for k, v in r.items() if v is not DROP}


DROP = object()
fixture("invalid-json-truncated", "JSON cut off half-way", rows("celestial_signs", sign())[:60])
fixture("invalid-json-trailing-comma", "a trailing comma", '{"table": "celestial_signs", "rows": [{"id": 9001,}]}\n')
fixture("invalid-json-single-quotes", "single-quoted strings", "{'table': 'celestial_signs', 'rows': []}\n")
fixture("invalid-json-line-3", "a syntax error on line 3", '{\n  "table": "celestial_signs",\n  "rows": [ {"id": 9001 "name": "x"} ]\n}\n', line=3)
fixture("empty-file", "an empty file", "")
fixture("whitespace-file", "a file of blanks", "\n  \n")
fixture("nul-raw", "a raw NUL byte inside a string", rows("celestial_signs", sign(name="a\0b")).replace("\\u0000", "\0").encode())
fixture("nul-escaped", "a \\u0000 escape inside a text value", rows("celestial_signs", sign(name="a\u0000b")))
fixture("nul-between-tokens", "a raw NUL byte between tokens", b'{"table": "celestial_signs",\0 "rows": []}\n')
fixture("invalid-utf8", "bytes that are not UTF-8 in a string", rows("celestial_signs", sign(name="XX")).encode().replace(b"XX", b"\xff\xfe"))
fixture("lone-surrogate-escape", "a lone surrogate escape \\ud800", rows("celestial_signs", sign(name="SURR")).replace("SURR", "\\ud800"))
fixture("top-level-array", "a top-level array instead of an object", "[]\n")
fixture("top-level-string", "a top-level string", '"celestial_signs"\n')
fixture("missing-table-key", "no \"table\" key", '{"rows": []}\n')
fixture("missing-rows-key", "no \"rows\" key", '{"table": "celestial_signs"}\n')
fixture("rows-not-array", "\"rows\" is an object", '{"table": "celestial_signs", "rows": {"id": 1}}\n')
fixture("row-not-object", "a row that is a number", '{"table": "celestial_signs", "rows": [42]}\n')
fixture("table-not-string", "\"table\" is a number", '{"table": 7, "rows": []}\n')
fixture("unknown-table", "a table the schema does not have", rows("nosuch_table", {"id": 1}), names=("bad.json", "nosuch_table"))
fixture("unknown-column", "a column the table does not have", rows("celestial_signs", sign(colour="red")), names=("bad.json", "colour"))
fixture("missing-primary-key", "a row without its primary key", rows("celestial_signs", sign(id=DROP)), names=("bad.json", "id"))
fixture("string-for-int", "a string where the id is an integer", rows("celestial_signs", sign(id="9001")), names=("bad.json", "id"))
fixture("float-for-int", "1.5 where an integer goes", rows("celestial_signs", sign(id=1.5)), names=("bad.json", "id"))
fixture("bool-for-int", "true where an integer goes", rows("celestial_signs", sign(id=True)), names=("bad.json", "id"))
fixture("int-for-text", "a number where text goes", rows("celestial_signs", sign(name=12)), names=("bad.json", "name"))
fixture("object-for-text", "an object where text goes", rows("celestial_signs", sign(name={"a": 1})), names=("bad.json", "name"))
fixture("int-too-large", "2^63 in an integer column", rows("celestial_signs", sign()).replace("9001", "9223372036854775808"), names=("bad.json", "id"))
fixture("int-400-digits", "a 400-digit integer in an integer column", rows("celestial_signs", sign()).replace("9001", "9" * 400), names=("bad.json", "id"))
fixture("double-1e400", "1e400 in a double column (stored as Infinity)", rows("earthquakes", quake()).replace("8.0", "1e400"), names=("bad.json", "magnitude"))
fixture("double-minus-1e400", "-1e400 in a double column", rows("earthquakes", quake()).replace("8.0", "-1e400"), names=("bad.json", "magnitude"))
fixture("double-400-digits", "a 400-digit integer in a double column", rows("earthquakes", quake()).replace("8.0", "9" * 400), names=("bad.json", "magnitude"))
fixture("double-nan-literal", "NaN (not JSON) in a double column", rows("earthquakes", quake()).replace("8.0", "NaN"))
fixture("double-infinity-literal", "Infinity (not JSON) in a double column", rows("earthquakes", quake()).replace("8.0", "Infinity"))
fixture("double-string", "a string in a double column", rows("earthquakes", quake(magnitude="eight")), names=("bad.json", "magnitude"))
fixture("double-1e-400", "1e-400 in a double column (would be stored as 0)", rows("earthquakes", quake()).replace("8.0", "1e-400"), names=("bad.json", "magnitude"))
fixture("uuid-malformed", "a malformed UUID", rows("earthquakes", quake(id="not-a-uuid")), names=("bad.json", "id"))
fixture("uuid-too-short", "a UUID missing a digit", rows("earthquakes", quake(id="00ecb75a-a844-5995-bce5-dc8f6192000")), names=("bad.json", "id"))
fixture("timestamp-malformed", "a timestamp that is not one", rows("earthquakes", quake(occurred_at="yesterday")), names=("bad.json", "occurred_at"))
fixture("timestamp-feb-30", "February 30th", rows("earthquakes", quake(occurred_at="2001-02-30T00:00:00.000000Z")), names=("bad.json", "occurred_at"))
fixture("timestamp-hour-25", "hour 25", rows("earthquakes", quake(occurred_at="2001-02-02T25:00:00.000000Z")), names=("bad.json", "occurred_at"))
fixture("timestamp-number", "a number where a timestamp goes", rows("earthquakes", quake(occurred_at=981072000)), names=("bad.json", "occurred_at"))
fixture("geometry-linestring", "a LineString in a Point column", rows("earthquakes", quake(location={"type": "LineString", "coordinates": [[0, 0], [1, 1]]})), names=("bad.json", "location"))
fixture("geometry-longitude-200", "longitude 200", rows("earthquakes", quake(location={"type": "Point", "coordinates": [200.0, 34.5]})), names=("bad.json", "location"))
fixture("geometry-latitude-100", "latitude 100", rows("earthquakes", quake(location={"type": "Point", "coordinates": [109.7, 100.0]})), names=("bad.json", "location"))
fixture("geometry-string-coordinates", "coordinates as strings", rows("earthquakes", quake(location={"type": "Point", "coordinates": ["109.7", "34.5"]})), names=("bad.json", "location"))
fixture("geometry-one-coordinate", "a point with one coordinate", rows("earthquakes", quake(location={"type": "Point", "coordinates": [109.7]})), names=("bad.json", "location"))
fixture("geometry-no-coordinates", "a point without coordinates", rows("earthquakes", quake(location={"type": "Point"})), names=("bad.json", "location"))
fixture("geometry-wkt-string", "WKT text where GeoJSON goes", rows("earthquakes", quake(location="POINT(109.7 34.5)")), names=("bad.json", "location"))
fixture("geometry-unknown-type", "an unknown GeoJSON type", rows("earthquakes", quake(location={"type": "Blob", "coordinates": [1, 2]})), names=("bad.json", "location"))
fixture("geometry-1e400", "a coordinate of 1e400", rows("earthquakes", quake()).replace("109.7", "1e400"), names=("bad.json", "location"))
fixture("null-not-null", "null in a NOT NULL column", rows("earthquakes", quake(occurred_at=None)), names=("bad.json", "occurred_at"))
fixture("enum-not-allowed", "a value outside the enum", rows("celestial_signs", sign(sign_type="rainbow")), names=("bad.json", "sign_type"))
fixture("json-not-object-text", "valid after all: a JSON column holding a string", rows("earthquakes", quake(properties="text")), expect="0", names=())
fixture("duplicate-key-in-file", "the same primary key twice in one file", rows("celestial_signs", sign(), sign(name="twin")), names=("bad.json", "9001"))
fixture("duplicate-json-key", "the same JSON key twice in a row", '{"table": "celestial_signs", "rows": [{"id": 9001, "id": 9002, "name": "x", "sign_type": "solar_eclipse", "description": "d", "created_at": "2024-06-01T00:00:00.000000Z"}]}\n')
fixture("deep-nesting", "10,000 nested arrays (a stack overflow in a recursive reader)", '{"table": "earthquakes", "rows": [' + "[" * 10000 + "]" * 10000 + "]}\n")
fixture("deep-nesting-json-column", "a JSON column 5,000 levels deep", rows("earthquakes", quake(properties="DEEP")).replace('"DEEP"', "[" * 5000 + "]" * 5000), names=("bad.json",))
fixture("huge-string", "a 5 MiB text value", rows("celestial_signs", sign(name="x" * (5 << 20))), expect="0", names=())
fixture("good-then-bad-row", "a good row then a bad one: nothing may stay", rows("celestial_signs", sign(), sign(id=9002, sign_type="rainbow")), names=("bad.json", "sign_type"))
fixture("bom", "valid after all: a UTF-8 BOM before the JSON", b"\xef\xbb\xbf" + rows("celestial_signs", sign()).encode(), expect="0", names=())
case("fixture-two-files-second-bad", "a good file and a bad one: nothing may stay", "seed --database DB --fixtures fixtures",
     {"fixtures/a.json": rows("celestial_signs", sign()), "fixtures/b.json": rows("earthquakes", quake(magnitude="x"))},
     database="reference", names=["b.json"])
case("fixture-folder-missing", "--fixtures names a folder that does not exist", "seed --database DB --fixtures nosuch",
     {}, database="reference", names=["nosuch"])
case("fixture-folder-empty", "valid after all: an empty --fixtures folder (the summary says 0 rows in 0 tables)", "seed --database DB --fixtures fixtures",
     {"fixtures/": ""}, database="reference", expect="0")

# --- CSV (load csv) -------------------------------------------------------------------------------

HEADER = "time,latitude,longitude,depth,mag,magType,nst,gap,dmin,rms,net,id,updated,place,type,horizontalError,depthError,magError,magNst,status,locationSource,magSource"
ROW = '2024-01-01T07:10:09.476Z,37.4873,137.2710,10,7.5,mww,,38,0.659,0.84,us,us6000m0xl,2024-03-26T16:29:45.254Z,"2024 Noto Peninsula, Japan Earthquake",earthquake,6.58,1.788,0.034,82,reviewed,us,us'
ROW2 = '2024-01-01T07:18:43.035Z,37.2458,136.7625,10,5.5,mww,,63,1.119,0.69,us,us6000m0xt,2024-03-09T01:37:18.040Z,"7 km NE of Anamizu, Japan",earthquake,4.82,1.875,0.061,26,reviewed,us,us'


def field(row, index, value):
    """ROW with field `index` (0-based, the quoted place counts as one) replaced."""
    head, place, tail = row.partition('"')[0], '"' + row.split('"')[1] + '"', row.split('"')[2]
    fields = head.rstrip(",").split(",") + [place] + tail.lstrip(",").split(",")
    fields[index] = value
    return ",".join(fields)


def csv(name, about, content, line=None, names=("events.csv",), expect="fail", args="", known=None):
    case(f"csv-{name}", about, f"load csv events.csv --database DB{args}", {"events.csv": b(content)},
         database="reference", expect=expect, names=list(names), line=line, known=known)


def body(*lines):
    return "\n".join((HEADER,) + lines) + "\n"


csv("ragged-short-row", "a row with fewer fields than the header", body(ROW, ",".join(ROW.split(",")[:10])), line=3)
csv("ragged-long-row", "a row with more fields than the header", body(ROW, ROW2 + ",extra"), line=3)
csv("bad-latitude", "a latitude that is not a number", body(ROW, field(ROW2, 1, "abc")), line=3)
csv("latitude-91", "latitude 91", body(ROW, field(ROW2, 1, "91")), line=3)
csv("longitude-181", "longitude 181", body(ROW, field(ROW2, 2, "181")), line=3)
csv("mag-1e400", "magnitude 1e400", body(ROW, field(ROW2, 4, "1e400")), line=3)
csv("mag-nan", "magnitude NaN", body(ROW, field(ROW2, 4, "NaN")), line=3)
csv("mag-inf", "magnitude inf", body(ROW, field(ROW2, 4, "inf")), line=3)
csv("mag-hex", "magnitude 0x10", body(ROW, field(ROW2, 4, "0x10")), line=3)
csv("mag-empty", "an empty magnitude (required)", body(ROW, field(ROW2, 4, "")), line=3)
csv("depth-1e400", "depth 1e400", body(ROW, field(ROW2, 3, "1e400")), line=3)
csv("depth-text", "depth 'deep'", body(ROW, field(ROW2, 3, "deep")), line=3)
csv("gap-400-digits", "valid after all: a 400-digit gap goes into the properties JSON as written", body(ROW, field(ROW2, 7, "9" * 400)), expect="0", names=())
csv("time-malformed", "a time that is not one", body(ROW, field(ROW2, 0, "yesterday")), line=3)
csv("time-feb-30", "February 30th", body(ROW, field(ROW2, 0, "2024-02-30T00:00:00.000Z")), line=3)
csv("time-empty", "an empty time", body(ROW, field(ROW2, 0, "")), line=3)
csv("updated-malformed", "an updated that is not a time", body(ROW, field(ROW2, 12, "soon")), line=3)
csv("id-empty", "an empty id", body(ROW, field(ROW2, 11, "")), line=3)
csv("type-empty", "an empty type (counted as ignored: a silent skip)", body(ROW, field(ROW2, 14, "")), line=3)
csv("type-empty-row-of-commas", "a row of 21 commas", body(ROW, "," * 21), line=3)
csv("nul-in-field", "a NUL byte in a field", body(ROW, field(ROW2, 13, '"Anamizu\0Japan"')).encode(), line=3)
csv("nul-in-header", "a NUL byte in the header", body(ROW).replace("place", "pl\0ace").encode(), line=1)
csv("nul-at-end", "a NUL byte as the last byte", (body(ROW) + "\0").encode(), line=3)
csv("invalid-utf8-place", "bytes that are not UTF-8 in the place", body(ROW, field(ROW2, 13, '"Anamizu XX"')).encode().replace(b"XX", b"\xff\xfe"), line=3)
csv("invalid-utf8-header", "bytes that are not UTF-8 in the header", body(ROW).encode().replace(b"magType", b"mag\xffType"), line=1)
csv("huge-field", "a 2 MiB field (past the record limit)", body(ROW, field(ROW2, 13, '"' + "x" * (2 << 20) + '"')), line=3)
csv("huge-unquoted-field", "a 2 MiB unquoted field", body(ROW, field(ROW2, 13, "x" * (2 << 20))), line=3)
csv("unterminated-quote", "a quote never closed", body(ROW, field(ROW2, 13, '"Anamizu')), line=3)
csv("quote-inside-field", "a quote in the middle of an unquoted field", body(ROW, field(ROW2, 13, 'Ana"mizu')), line=3)
csv("text-after-closing-quote", "text after a closing quote", body(ROW, field(ROW2, 13, '"Anamizu"x')), line=3)
csv("missing-mag-column", "a header without mag", body(ROW).replace(",mag,", ",magnitude,"), names=("events.csv", "mag"))
csv("missing-id-column", "a header without id", body(ROW).replace(",id,", ",ident,"), names=("events.csv", "id"))
csv("duplicate-column", "the header names latitude twice", body(ROW).replace("longitude", "latitude"), names=("events.csv", "latitude"))
csv("empty-file", "an empty file", "")
csv("blank-line-only", "a file holding one line break", "\n")
csv("not-csv", "a JSON file given as CSV", '{"type": "FeatureCollection", "features": []}\n')
csv("bad-then-good", "a bad row first: nothing loads", body(field(ROW, 1, "abc"), ROW2), line=2)
csv("bom-valid", "valid after all: a UTF-8 BOM before the header", b"\xef\xbb\xbf" + body(ROW, ROW2).encode(), expect="0", names=())
csv("crlf-valid", "valid after all: CRLF line endings", body(ROW, ROW2).replace("\n", "\r\n"), expect="0", names=())
csv("header-only-valid", "valid after all: a header and no rows", body(), expect="0", names=())
csv("on-error-unknown", "--on-error with an unknown policy", body(ROW), args=" --on-error maybe", names=("maybe",))
case("csv-file-missing", "a CSV file that does not exist", "load csv nosuch.csv --database DB", {}, database="reference", names=["nosuch.csv"])
case("csv-file-is-folder", "a folder given as the CSV file", "load csv events.csv --database DB", {"events.csv/": ""}, database="reference", names=["events.csv"])

# --- schema files (schema validate, migrate generate) ---------------------------------------------

GOOD_SCHEMA = open(os.path.join(HERE, "base", "schema.yaml")).read()
PROJECT = {
    "migrations-sqlite/0001_initial.up.sql": open(os.path.join(HERE, "base", "project-sqlite-0001.up.sql")).read(),
    "migrations-sqlite/0001_initial.down.sql": 'DROP TABLE "notes";\n',
    "migrations-postgres/0001_initial.up.sql": open(os.path.join(HERE, "base", "project-postgres-0001.up.sql")).read(),
    "migrations-postgres/0001_initial.down.sql": 'DROP TABLE "notes";\n',
}


def schema(name, about, content, line=None, names=("schema.yaml",), generate=True, expect="fail", known=None,
           generate_names=None, generate_expect=None, generate_line="same"):
    case(f"schema-{name}", about, "schema validate schema.yaml", {"schema.yaml": b(content)},
         database="none", expect=expect, names=list(names), line=line, known=known)
    if generate:
        files = dict(PROJECT); files["schema.yaml"] = b(content)
        case(f"schema-{name}-generate", about + " (migrate generate)", "migrate generate change --root .", files,
             database="none", expect=generate_expect or expect, names=list(generate_names or names),
             line=line if generate_line == "same" else generate_line, known=known)


schema("yaml-unclosed-bracket", "an unclosed flow mapping", GOOD_SCHEMA.replace("{type: int}", "{type: int"), line=5)
schema("yaml-tab-indent", "a tab used for indentation", GOOD_SCHEMA.replace("    primary_key", "\tprimary_key"), line=7)
schema("yaml-bad-indent", "a key indented wrongly", GOOD_SCHEMA.replace("    primary_key", "   primary_key"), line=7)
schema("yaml-unterminated-string", "an unterminated quoted string", GOOD_SCHEMA.replace("{type: text, nullable: true}", '{type: "text, nullable: true}'), names=("schema.yaml", "quoted"))
schema("yaml-duplicate-key", "the same column twice", GOOD_SCHEMA.replace("      score:", "      title: {type: int}\n      score:"), names=("schema.yaml", "title"))
schema("empty-file", "an empty schema file: valid for schema validate (no tables); migrate generate refuses to drop the table", "", expect="0",
       generate_expect="fail", generate_names=("drop", "notes"))
schema("not-a-mapping", "a YAML list at the top", "- notes\n- users\n")
schema("nul", "a NUL byte in the schema", GOOD_SCHEMA.replace("title:", "ti\0tle:").encode(), line=5)
schema("invalid-utf8", "bytes that are not UTF-8", GOOD_SCHEMA.encode().replace(b"title", b"t\xffitle"), line=5)
schema("unknown-top-key", "an unknown top-level key", GOOD_SCHEMA + "tabels: {}\n", names=("schema.yaml", "tabels"))
schema("unknown-table-key", "an unknown key in a table", GOOD_SCHEMA.replace("    primary_key", "    primary_kee: [id]\n    primary_key"), names=("schema.yaml", "primary_kee"))
schema("unknown-column-key", "an unknown key in a column", GOOD_SCHEMA.replace("{type: int}", "{type: int, nulable: true}"), names=("schema.yaml", "nulable"))
schema("bad-type", "an unknown type", GOOD_SCHEMA.replace("{type: int}", "{type: integer}"), names=("schema.yaml", "integer"))
schema("missing-type", "a column without a type", GOOD_SCHEMA.replace("{type: text, nullable: true}", "{nullable: true}"), names=("schema.yaml", "title"))
schema("decimal-no-scale", "decimal(5) without a scale", GOOD_SCHEMA.replace("{type: double, nullable: true}", "{type: decimal(5), nullable: true}"), names=("schema.yaml", "decimal"))
schema("decimal-scale-over-precision", "decimal(2,5)", GOOD_SCHEMA.replace("{type: double, nullable: true}", "{type: \"decimal(2,5)\", nullable: true}"), names=("schema.yaml", "decimal"))
schema("geometry-bad-subtype", "geometry(Blob)", GOOD_SCHEMA.replace("{type: double, nullable: true}", "{type: \"geometry(Blob, 4326)\", nullable: true}"), names=("schema.yaml", "Blob"))
schema("enum-no-values", "an enum without values", GOOD_SCHEMA.replace("{type: double, nullable: true}", "{type: enum, nullable: true}"), names=("schema.yaml", "score"))
schema("primary-key-missing-column", "a primary key on a missing column", GOOD_SCHEMA.replace("primary_key: [id]", "primary_key: [ident]"), names=("schema.yaml", "ident"))
schema("foreign-key-missing-table", "a foreign key to a missing table", GOOD_SCHEMA + "    foreign_keys:\n    - {columns: [id], references: users(id)}\n", names=("schema.yaml", "users"))
schema("index-missing-column", "an index on a missing column", GOOD_SCHEMA + "    indexes:\n    - {columns: [nosuch]}\n", names=("schema.yaml", "nosuch"))
schema("table-no-columns", "a table without columns", "tables:\n  empty_table:\n    columns: {}\n", names=("schema.yaml", "empty_table"))
schema("default-wrong-type", "a text default in an int column", GOOD_SCHEMA.replace("{type: double, nullable: true}", "{type: int, default: \"abc\"}"), names=("schema.yaml", "score"))
schema("renamed-from-missing", "renamed_from a column that no longer exists: valid for schema validate (a rename already applied); migrate generate refuses to drop score", GOOD_SCHEMA.replace("      score: {type: double, nullable: true}", "      points: {type: double, nullable: true, renamed_from: nosuch}"), expect="0", names=(),
       generate_expect="fail", generate_names=("score", "renamed_from"))
schema("renamed-from-twice", "two columns renamed from the same one", GOOD_SCHEMA.replace("      score: {type: double, nullable: true}", "      a: {type: double, nullable: true, renamed_from: score}\n      b: {type: double, nullable: true, renamed_from: score}"), names=("schema.yaml", "score"))
schema("renamed-from-existing", "renamed_from a column that still exists", GOOD_SCHEMA.replace("      score: {type: double, nullable: true}", "      score: {type: double, nullable: true}\n      score2: {type: double, nullable: true, renamed_from: score}"), names=("schema.yaml", "score"))
schema("renamed-from-not-string", "renamed_from a list", GOOD_SCHEMA.replace("      score: {type: double, nullable: true}", "      points: {type: double, nullable: true, renamed_from: [score]}"), names=("schema.yaml",), line=6)
schema("table-renamed-from-missing", "valid after all: a table renamed_from a table that no longer exists (a rename already applied)", GOOD_SCHEMA.replace("  notes:\n", "  notes:\n    renamed_from: nosuch\n"), expect="0", names=())
schema("identifier-with-quote", "a table name with a quote: valid for schema validate; migrate generate refuses to drop notes", GOOD_SCHEMA.replace("  notes:", "  \"no'tes\":"), expect="0", names=(),
       generate_expect="fail", generate_names=("no'tes", "renamed_from"))
schema("billion-laughs", "YAML aliases that expand a billion times",
       "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\ntables: *i\n",
       generate=False)
schema("deep-nesting", "10,000 nested flow sequences", "tables: " + "[" * 10000 + "]" * 10000 + "\n", generate=False)
schema("valid", "valid after all: the base schema", GOOD_SCHEMA, expect="0", names=(), generate=False)
case("schema-file-missing", "a schema file that does not exist", "schema validate nosuch.yaml", {}, database="none", names=["nosuch.yaml"])
case("schema-generate-schema-missing", "migrate generate with no schema file", "migrate generate change --root .",
     {k: v for k, v in PROJECT.items()}, database="none", names=["schema.yaml"])

# --fill on a column that becomes NOT NULL.
NOT_NULL = GOOD_SCHEMA.replace("{type: text, nullable: true}", "{type: text}")
for name, value in [("no-equals", "notes.title"), ("no-column", "notes=1"), ("empty-expression", "notes.title="),
                    ("unknown-table", "nosuch.title='x'"), ("unknown-column", "notes.nosuch='x'"), ("empty", ""),
                    ("unterminated-quote", "notes.title='x"), ("statement-injection", "notes.title='x'; DROP TABLE notes")]:
    files = dict(PROJECT); files["schema.yaml"] = NOT_NULL
    case(f"cli-fill-{name}", f"--fill {value!r}", f"migrate generate change --root . --fill \"{value}\"", files,
         database="none", names=[value.split("=")[0] or "fill"] if value else ["fill"])

# --- command-line values ---------------------------------------------------------------------------

MIG = {"migrations/0001_t.up.sql": BASE_UP, "migrations/0001_t.down.sql": BASE_DOWN}
for name, run, names in [
    ("steps-minus-1", "migrate down --steps -1", ["-1"]),
    ("steps-zero", "migrate down --steps 0", ["0"]),
    ("steps-text", "migrate down --steps two", ["two"]),
    ("steps-huge", "migrate down --steps 99999999999999999999", ["99999999999999999999"]),
    ("steps-and-to", "migrate down --steps 1 --to 0", ["steps"]),
    ("up-to-unknown", "migrate up --to 0099", ["0099"]),
    ("up-to-text", "migrate up --to latest", ["latest"]),
    ("down-to-unknown", "migrate down --to 0099", ["0099"]),
    ("down-to-negative", "migrate down --to -3", ["--to"]),
    ("force-unknown", "migrate force 0099", ["0099"]),
    ("force-text", "migrate force abc", ["abc"]),
    ("unknown-option", "migrate up --stpes 1", ["stpes"]),
]:
    case(f"cli-{name}", f"{run}: a value that is not one", f"{run} --database DB --migrations migrations", MIG, names=names)
for name, run, names in [
    ("generate-scale-unknown", "fixtures generate --scale gigantic", ["gigantic"]),
    ("generate-negative-rows", "fixtures generate --earthquakes -5", ["-5"]),
    ("generate-seed-text", "fixtures generate --seed xyz --scale tiny", ["xyz"]),
    ("generate-batch-zero", "fixtures generate --scale tiny --batch 0", ["--batch"]),
    ("near-latitude-91", "near --lat 91 --lon 0 --km 10", ["91"]),
    ("near-longitude-nan", "near --lat 0 --lon nan --km 10", ["nan"]),
    ("near-km-negative", "near --lat 0 --lon 0 --km -1", ["-1"]),
    ("near-km-1e400", "near --lat 0 --lon 0 --km 1e400", ["--km"]),
    ("near-limit-negative", "near --lat 0 --lon 0 --km 10 --limit -1", ["-1"]),
    ("load-type-empty", "load csv events.csv --type ''", ["type"]),
]:
    files = {"events.csv": body(ROW)} if "load" in name else {}
    case(f"cli-{name}", f"{run}: a value that is not one", f"{run} --database DB", files, database="reference", names=names)

# --- database URLs ---------------------------------------------------------------------------------

for name, url, names, files in [
    ("sqlite-empty-path", "sqlite:", ["sqlite:"], {}),
    ("sqlite-missing-folder", "sqlite:nosuch/dir/x.sqlite", ["nosuch/dir"], {}),
    ("sqlite-is-folder", "sqlite:adir", ["adir"], {"adir/": ""}),
    ("sqlite-text-file", "sqlite:notes.txt", ["notes.txt"], {"notes.txt": "these are not a database\n" * 300}),
    ("sqlite-truncated-header", "sqlite:half.db", ["half.db"], {"half.db": b"SQLite format 3\0" + b"\x10\x00" + b"\0" * 30}),
    ("sqlite-bad-mode", "sqlite:x.sqlite?mode=bogus", ["mode"], {}),
    ("unknown-scheme", "mysql://root@127.0.0.1/db", ["mysql"], {}),
    ("ftp-scheme", "ftp://example.org/db", ["ftp"], {}),
    ("no-scheme-word", "celestial", ["celestial"], {}),
    ("empty-url", "", ["database"], {}),
    ("postgres-bad-port", "postgresql://u@127.0.0.1:99999/db", ["99999"], {}),
    ("postgres-unreachable", "postgresql://u@127.0.0.1:1/db?connect_timeout=2", ["127.0.0.1"], {}),
    ("postgres-bad-bracket", "postgresql://u@[::1/db", ["connection string"], {}),
    ("postgres-bad-sslmode", "postgresql://u@127.0.0.1:1/db?sslmode=bogus", ["sslmode"], {}),
    ("postgres-unknown-parameter", "postgresql://u@127.0.0.1:1/db?colour=red", ["colour"], {}),
]:
    for command in ["migrate status --migrations migrations", "query \"SELECT count(*) FROM sqlite_master\"", "migrate up --migrations migrations"]:
        word = command.split()[0] + ("-" + command.split()[1] if command.startswith("migrate") else "")
        f = dict(MIG); f.update(files)
        case(f"url-{name}-{word}", f"--database {url!r} ({command.split(' --')[0]})", f"{command} --database \"{url}\"", f,
             database="none", names=names)

# --- PostgreSQL (each case costs a database; keep these few) ---------------------------------------

PG = {"migrations/0001_t.up.sql": PG_UP, "migrations/0001_t.down.sql": PG_DOWN}
for name, about, content, line in [
    ("nul", "a NUL byte in a migration (PostgreSQL)", b"DELETE FROM t\0 WHERE id = 2;\n", 1),
    ("commit", "a COMMIT inside a transactional migration (PostgreSQL)", "DELETE FROM t WHERE id = 3;\nCOMMIT;\nCREATE TABLE u (id bigint);\n", 2),
    ("fails-halfway", "the third statement fails (PostgreSQL)", "CREATE TABLE u (id bigint);\nDELETE FROM t;\nINSERT INTO nosuch VALUES (1);\n", 3),
    ("unterminated-dollar-quote", "an unterminated $$ body (PostgreSQL)", "DELETE FROM t WHERE id = 3;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n", 2),
    ("invalid-utf8", "bytes that are not UTF-8 (PostgreSQL)", b"DELETE FROM t WHERE id = 3;\nSELECT '\xff';\n", 2),
]:
    f = dict(PG); f.update({"first/0001_t.up.sql": PG_UP, "first/0001_t.down.sql": PG_DOWN}); f["migrations/0002_bad.up.sql"] = b(content); f["migrations/0002_bad.down.sql"] = "SELECT 1;\n"
    case(f"postgres-migration-{name}", about, "migrate up --database DB --migrations migrations", f, database="postgres",
         setup="migrate up --database DB --migrations first", names=["0002_bad.up.sql"], line=line)
f = dict(PG); f["fixtures/bad.json"] = rows("t", {"id": 9, "note": "x"}, {"id": 10, "note": 5})
case("postgres-fixture-wrong-type", "a good row then a number in a text column (PostgreSQL)", "seed --database DB --fixtures fixtures", f,
     database="postgres", setup="migrate up --database DB --migrations migrations", names=["bad.json", "note"])

missing = set(KNOWN) - set(os.listdir(CASES))
assert not missing, f"KNOWN names cases that do not exist: {missing}"
print(f"{count} cases in {CASES}")
