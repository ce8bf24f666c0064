"""The full-text index beside the store: SQLite FTS5 (standard library) over articles, events, entities, places.

``dateline.duckdb`` gets ``dateline.search.sqlite`` next to it. Each indexed text has two columns: ``body`` (the
words, case and diacritics folded by FTS5's unicode61 tokenizer: Mayādīn is found as Mayadin) and ``fold`` (their
transliteration keys, :mod:`dateline.store.textfold`: Al-Mayadeen finds it too). Queries match ``body`` first
(weighted higher) and ``fold`` as a fallback; entity aliases widen a query (SDF → Syrian Democratic Forces).

The index records a stamp of the store parts it was built from (:func:`store_stamp`); :func:`refresh` brings it
up to date (new articles added, the smaller tables rebuilt when they changed) and is run after every pipeline run
and review; :func:`is_fresh` tells a reader whether the answer is current, so it is never stale silently. DuckDB's
own ``fts`` extension is not used: it is downloaded at run time and rebuilt whole after every write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb

from dateline.store.duckdb_store import event_table
from dateline.store.textfold import folded_text

INDEX_VERSION = "2"  # 2: event types left out of the words
TOKENIZER = "unicode61 remove_diacritics 2"
CHUNK = 2_000
# per part: the store rows it comes from and a cheap signature of their content
_STAMPS = {
    # ids are content hashes; ``pipeline`` changes when a document is cleaned again (its text may change with it)
    "docs": "SELECT count(*), coalesce(bit_xor(hash(id, pipeline, title)), 0) FROM documents WHERE status = 'ok'",
    "entities": "SELECT count(*), coalesce(bit_xor(hash(id, name, aliases)), 0) FROM entities",
    "places": "SELECT count(*), coalesce(bit_xor(hash(id, name, country)), 0) FROM places",
}
_EVENT_STAMP = ("SELECT count(*), coalesce(bit_xor(hash(id, type, acled, actors, targets, date, place, fatalities, "
                "modality, reportable, review, summary, country)), 0) FROM \"{table}\"")
_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS docs (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, sig INTEGER, published TEXT)",
    # contentless: the article texts stay in the store (snippets are cut from them there)
    f"CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(body, fold, content='', tokenize='{TOKENIZER}')",
    "CREATE TABLE IF NOT EXISTS events (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, date TEXT, country TEXT, "
    "type TEXT, acled TEXT, modality TEXT, reportable INTEGER, fatalities INTEGER, confidence REAL, record TEXT)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS event_fts USING fts5(body, fold, actors, actors_fold, tokenize='{TOKENIZER}')",
    "CREATE TABLE IF NOT EXISTS entities (rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, type TEXT, aliases TEXT)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS entity_fts USING fts5(body, fold, tokenize='{TOKENIZER}')",
    "CREATE TABLE IF NOT EXISTS places (rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, country TEXT, admin1 TEXT, "
    "lat REAL, lon REAL, names TEXT)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS place_fts USING fts5(body, fold, tokenize='{TOKENIZER}')",
    # every name an entity goes by (normalised phrase → entity), to widen queries: SDF → Syrian Democratic Forces
    "CREATE TABLE IF NOT EXISTS aliases (phrase TEXT, entity TEXT)",
    "CREATE INDEX IF NOT EXISTS aliases_phrase ON aliases (phrase)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
)


def index_path(store_path: str | Path) -> Path:
    """Where the index of the store at ``store_path`` lives: beside it, ``NAME.search.sqlite``."""
    path = Path(store_path)
    return path.with_name(path.stem + ".search.sqlite")


def connect(path: Path, *, write: bool = False) -> sqlite3.Connection:
    """A connection to the index (WAL: readers go on reading while a refresh writes)."""
    con = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
    if write:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        for statement in _DDL:
            con.execute(statement)
    return con


# -- freshness ------------------------------------------------------------------------------------------------
def store_stamp(con: duckdb.DuckDBPyConnection, parts: tuple[str, ...] = ("docs", "events", "entities", "places"),
                ) -> dict[str, str]:
    """A signature of each indexed part of the store (changes whenever its rows do)."""
    out = {"version": INDEX_VERSION}
    queries = {**_STAMPS, "events": _EVENT_STAMP.format(table=event_table(con))}
    for part in parts:
        query = queries[part]
        try:
            row = con.execute(query).fetchone()
        except duckdb.Error:  # a store from before a column existed: index what is there
            row = None
        out[part] = f"{row[0]}:{row[1]}" if row else "0:0"
    return out


def index_stamp(index: sqlite3.Connection) -> dict[str, str]:
    try:
        return {k: v for k, v in index.execute("SELECT key, value FROM meta")}
    except sqlite3.Error:
        return {}


def is_fresh(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Whether the index at ``path`` was built from the store as it is now."""
    if not path.exists():
        return False
    with closing(connect(path)) as index:
        have = index_stamp(index)
    want = store_stamp(con)
    return all(have.get(k) == v for k, v in want.items())


# -- building -------------------------------------------------------------------------------------------------
def refresh(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, int]:
    """Bring the index at ``path`` up to date with the store read through ``con``; return rows (re)indexed by part."""
    want = store_stamp(con)
    done: dict[str, int] = {}
    with closing(connect(path, write=True)) as index:
        have = index_stamp(index)
        if have.get("version") != INDEX_VERSION:
            index.execute("INSERT INTO doc_fts (doc_fts) VALUES ('delete-all')")
            for table in ("docs", "events", "event_fts", "entities", "entity_fts", "places", "place_fts",
                          "aliases", "meta"):
                index.execute(f"DELETE FROM {table}")
            have = {}
        for part, build in (("docs", _docs), ("events", _events), ("entities", _entities), ("places", _places)):
            if have.get(part) != want[part]:
                index.execute("BEGIN")
                try:
                    done[part] = build(con, index)
                    index.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [part, want[part]])
                    index.execute("COMMIT")
                except BaseException:
                    index.execute("ROLLBACK")
                    raise
        index.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", [INDEX_VERSION])
    return done


def _docs(con: duckdb.DuckDBPyConnection, index: sqlite3.Connection) -> int:
    """Articles: new ones added; when one changed or went, the article index is rebuilt (contentless FTS5
    cannot delete a row without its old text)."""
    stored = dict(con.execute("SELECT id, hash(pipeline, title) FROM documents WHERE status = 'ok'").fetchall())
    indexed = dict(index.execute("SELECT id, sig FROM docs").fetchall())
    stale = any(_signed(stored.get(i)) != s for i, s in indexed.items())
    if stale:
        index.execute("DELETE FROM docs")
        index.execute("INSERT INTO doc_fts (doc_fts) VALUES ('delete-all')")
        indexed = {}
    new = [i for i in stored if i not in indexed]
    count = 0
    for chunk in _chunks(sorted(new), CHUNK):
        rows = con.execute("SELECT id, hash(pipeline, title), published, title, text FROM documents "
                           "WHERE id IN (SELECT unnest(?))", [chunk]).fetchall()
        for doc, sig, published, title, text in rows:
            cursor = index.execute("INSERT INTO docs (id, sig, published) VALUES (?, ?, ?)", [doc, _signed(sig), published])
            body = f"{title or ''}\n{text or ''}"
            index.execute("INSERT INTO doc_fts (rowid, body, fold) VALUES (?, ?, ?)",
                          [cursor.lastrowid, body, folded_text(body)])
            count += 1
    return count


def _signed(value: int | None) -> int | None:
    """DuckDB's unsigned 64-bit hash as SQLite's signed integer."""
    if value is None:
        return None
    return value - (1 << 64) if value >= 1 << 63 else value


def _events(con: duckdb.DuckDBPyConnection, index: sqlite3.Connection, ids: Iterable[str] | None = None) -> int:
    """Event records (all of them, or the rows ``ids``: after a review)."""
    table = event_table(con)
    if ids is None:
        index.execute("DELETE FROM events")
        index.execute("DELETE FROM event_fts")
        cursor = con.execute(f'SELECT * FROM "{table}"')
    else:
        wanted = sorted(set(ids))
        for (rowid,) in index.execute(f"SELECT rowid FROM events WHERE id IN ({','.join('?' * len(wanted))})",
                                      wanted).fetchall():
            index.execute("DELETE FROM events WHERE rowid = ?", [rowid])
            index.execute("DELETE FROM event_fts WHERE rowid = ?", [rowid])
        cursor = con.execute(f'SELECT * FROM "{table}" WHERE id IN (SELECT unnest(?))', [wanted])
    names = [d[0] for d in cursor.description]
    count = 0
    while batch := cursor.fetchmany(CHUNK):
        for values in batch:
            row = dict(zip(names, values, strict=True))
            record = _event_record(row)
            actors = " ; ".join(_participants(record["actors"]) + _participants(record["targets"]))
            place = record["place"] or {}
            # what a person would type to find it (its type and sub-event type are filters, not words)
            body = " \n ".join(str(x) for x in (record.get("summary"), record.get("trigger"), place.get("name"),
                                                  *(s.get("text") or "" for s in record["sources"])) if x)
            cur = index.execute(
                "INSERT INTO events (id, date, country, type, acled, modality, reportable, fatalities, confidence, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row["id"], row.get("date"), row.get("country"), row.get("type"), row.get("acled"), row.get("modality"),
                 None if row.get("reportable") is None else int(bool(row["reportable"])), row.get("fatalities"),
                 row.get("confidence"), json.dumps(record, ensure_ascii=False)])
            index.execute("INSERT INTO event_fts (rowid, body, fold, actors, actors_fold) VALUES (?, ?, ?, ?, ?)",
                          [cur.lastrowid, body, folded_text(body), actors, folded_text(actors)])
            count += 1
    return count


def update_events(con: duckdb.DuckDBPyConnection, path: Path, ids: Iterable[str]) -> None:
    """Re-index the event records ``ids`` (after a review changed them, merged them away or split them off)."""
    if not path.exists():
        return
    with closing(connect(path, write=True)) as index:
        fresh = index_stamp(index).get("events")
        index.execute("BEGIN")
        try:
            _events(con, index, ids)
            if fresh is not None:  # the rest of the event index was current: it is again
                index.execute("INSERT OR REPLACE INTO meta VALUES ('events', ?)", [store_stamp(con, ("events",))["events"]])
            index.execute("COMMIT")
        except BaseException:
            index.execute("ROLLBACK")
            raise


_EVENT_FIELDS = ("id", "type", "acled", "mode", "trigger", "date", "date_precision", "fatalities", "modality", "summary",
                 "story", "confidence", "reportable", "background", "review", "admin1", "country")


def _event_record(row: dict[str, Any]) -> dict[str, Any]:
    """What a search hit shows of an event (JSON columns decoded)."""
    out = {k: row.get(k) for k in _EVENT_FIELDS}
    for key in ("actors", "targets", "sources", "place"):
        value = row.get(key)
        out[key] = json.loads(value) if isinstance(value, str) else value
    for key in ("actors", "targets", "sources"):
        out[key] = out[key] or []
    return out


def _participants(items: list[dict[str, Any]]) -> list[str]:
    out = []
    for item in items or []:
        for key in ("name", "canonical"):
            if item.get(key) and item[key] not in out:
                out.append(str(item[key]))
    return out


def _entities(con: duckdb.DuckDBPyConnection, index: sqlite3.Connection) -> int:
    from dateline.store.textfold import words

    index.execute("DELETE FROM entities")
    index.execute("DELETE FROM entity_fts")
    index.execute("DELETE FROM aliases")
    count = 0
    for entity, name, kind, aliases in con.execute("SELECT id, name, type, aliases FROM entities ORDER BY id").fetchall():
        forms = [name, *(a for a in (json.loads(aliases) if aliases else []) if a != name)]
        body = " ; ".join(f for f in forms if f)
        cur = index.execute("INSERT INTO entities (id, name, type, aliases) VALUES (?, ?, ?, ?)",
                            [entity, name, kind, json.dumps(forms[1:], ensure_ascii=False)])
        index.execute("INSERT INTO entity_fts (rowid, body, fold) VALUES (?, ?, ?)", [cur.lastrowid, body, folded_text(body)])
        phrases = {" ".join(w for _, _, w in words(f)) for f in forms if f} - {""}
        index.executemany("INSERT INTO aliases VALUES (?, ?)", [(p, entity) for p in sorted(phrases)])
        count += 1
    return count


def _places(con: duckdb.DuckDBPyConnection, index: sqlite3.Connection) -> int:
    """Places, found by their name and by every form the articles wrote it in."""
    index.execute("DELETE FROM places")
    index.execute("DELETE FROM place_fts")
    count = 0
    rows = con.execute(
        "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, list(DISTINCT m.text) FROM places p "
        "LEFT JOIN place_mentions m ON m.place = p.id GROUP BY ALL ORDER BY p.id").fetchall()
    for place, name, country, admin1, lat, lon, forms in rows:
        names = [name, *sorted({f for f in forms or [] if f and f != name})]
        body = " ; ".join(n for n in names if n)
        cur = index.execute("INSERT INTO places (id, name, country, admin1, lat, lon, names) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [place, name, country, admin1, lat, lon, json.dumps(names[1:], ensure_ascii=False)])
        index.execute("INSERT INTO place_fts (rowid, body, fold) VALUES (?, ?, ?)", [cur.lastrowid, body, folded_text(body)])
        count += 1
    return count


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for at in range(0, len(items), size):
        yield items[at:at + size]
