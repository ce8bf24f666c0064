"""The embedded DuckDB store: transactional, idempotent batch writes and reads for exports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline.entities.link import MentionRow
from dateline.model import Document, Entity
from dateline.store.lock import connect
from dateline.store.rows import document_from_row, document_rows
from dateline.store.schema import (
    JSON_COLUMNS,
    PER_DOCUMENT_TABLES,
    SCHEMA_VERSION,
    TABLES,
    arrow_schema,
    columns,
    ddl,
    missing_columns,
)

UPSERT_TABLES = {"places"}  # shared rows keyed by id, written by many documents
# A place's confidence is the highest of its mentions in the whole store, whatever order documents come in.
_PLACE_CONFIDENCE = (
    "UPDATE places SET confidence = m.c FROM (SELECT place, max(confidence) AS c FROM place_mentions "
    "WHERE place IN (SELECT unnest(?)) GROUP BY place) m WHERE places.id = m.place"
)


class Store:
    """One DuckDB file holding every table of OUTPUTS.md. Use as a context manager."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.path, read_only=read_only)  # StoreLocked when another process holds it
        if not read_only:
            for statement in ddl():
                self.con.execute(statement)
            for statement in missing_columns(self._columns()):
                self.con.execute(statement)  # a store from an older Dateline gains the new columns (empty)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    def _columns(self) -> dict[str, set[str]]:
        rows = self.con.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'").fetchall()
        out: dict[str, set[str]] = {}
        for table, column in rows:
            out.setdefault(table, set()).add(column)
        return out

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing ---------------------------------------------------------------------------
    def done_ids(self, ids: Iterable[str], *, pipeline: str) -> set[str]:
        """Ids already stored by the same pipeline with a final status (ok or skipped)."""
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.con.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?)) AND pipeline = ? AND status IN ('ok', 'skipped')",
            [wanted, pipeline],
        ).fetchall()
        return {r[0] for r in rows}

    def write_documents(self, documents: list[Document], *, pipeline: str) -> None:
        """Write (or rewrite) a batch of documents and all their rows in one transaction."""
        if not documents:
            return
        by_table: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        for document in documents:
            for table, rows in document_rows(document, pipeline=pipeline).items():
                by_table[table].extend(rows)
        ids = [d.id for d in documents]
        self.con.execute("BEGIN TRANSACTION")
        try:
            places = {r["id"] for r in by_table["places"]} | {r[0] for r in self.con.execute(
                "SELECT DISTINCT place FROM place_mentions WHERE doc IN (SELECT unnest(?)) AND place IS NOT NULL", [ids]
            ).fetchall()}  # the places these documents point to now, and those they pointed to before
            self.con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [ids])
            for table in PER_DOCUMENT_TABLES:
                self.con.execute(f'DELETE FROM "{table}" WHERE doc IN (SELECT unnest(?))', [ids])
            for table, rows in by_table.items():
                self._insert(table, rows)
            if places:
                self.con.execute(_PLACE_CONFIDENCE, [sorted(places)])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def add_sources(self, pairs: Iterable[tuple[str, str]]) -> None:
        rows = [{"doc": d, "source": s} for d, s in pairs]
        if rows:
            self._insert("sources", rows, verb="INSERT OR IGNORE")

    def _insert(self, table: str, rows: list[dict[str, Any]], *, verb: str = "INSERT") -> None:
        if not rows:
            return
        cols = columns(table)
        if table in UPSERT_TABLES:
            rows = list({r["id"]: r for r in rows}.values())
            verb = "INSERT OR REPLACE"
        arrow = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows], schema=arrow_schema(table))
        self.con.register("_rows", arrow)
        try:
            quoted = ", ".join(f'"{c}"' for c in cols)
            self.con.execute(f'{verb} INTO "{table}" ({quoted}) SELECT {quoted} FROM _rows')
        finally:
            self.con.unregister("_rows")

    def replace_entities(self, entities: list[Entity], assignment: dict[tuple[str, int, int], str]) -> None:
        """Replace the entities table and point every mention at its entity, atomically."""
        rows = [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": json.dumps(list(e.aliases), ensure_ascii=False),
             "part_of": e.part_of, "kb": e.kb}
            for e in entities
        ]
        links = pa.table({
            "doc": [k[0] for k in assignment], "start": [k[1] for k in assignment],
            "end": [k[2] for k in assignment], "entity": list(assignment.values()),
        })
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM entities")
            self._insert("entities", rows)
            self.con.register("_links", links)
            self.con.execute(
                'UPDATE mentions SET entity = l.entity FROM _links l '
                'WHERE mentions.doc = l.doc AND mentions.start = l.start AND mentions."end" = l."end"'
            )
            self.con.unregister("_links")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # -- reading ---------------------------------------------------------------------------
    def mention_rows(self) -> Iterator[MentionRow]:
        cursor = self.con.execute(
            'SELECT doc, start, "end", text, label, canonical FROM mentions ORDER BY doc, start'
        )
        while batch := cursor.fetchmany(10_000):
            for row in batch:
                yield MentionRow(*row)

    def parent_pairs(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.con.execute("SELECT DISTINCT child, parent FROM entity_parents ORDER BY 1, 2").fetchall()]  # type: ignore[misc]

    def records(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of an exported table as OUTPUTS.md shapes them (JSON columns decoded), in id order."""
        query, json_cols = _export_query(table)
        yield from decoded_rows(self.con.execute(query), json_cols)

    def load_documents(self, ids: Iterable[str]) -> list[Document]:
        """Stored documents (cleaned text and metadata, no stage output) in id order."""
        cursor = self.con.execute("SELECT * FROM documents WHERE id IN (SELECT unnest(?)) ORDER BY id", [list(ids)])
        names = [d[0] for d in cursor.description]
        return [document_from_row(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]

    def event_table(self) -> str:
        """The table of real-world events: ``merged_events`` once stories have run, else the per-document mentions."""
        return event_table(self.con)

    def counts(self) -> dict[str, int]:
        existing = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return {t: self.con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # type: ignore[index]
                for t in TABLES if t != "meta" and t in existing}  # a read-only older store lacks newer tables

    def status_counts(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 1").fetchall())  # type: ignore[arg-type]

    def errors(self, limit: int = 50) -> list[tuple[str, str, str]]:
        return self.con.execute(
            "SELECT status, source, error FROM documents WHERE status != 'ok' ORDER BY status, source LIMIT ?", [limit]
        ).fetchall()  # type: ignore[return-value]

    def duplicate_count(self) -> int:
        return self.con.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT doc, count(*) AS n FROM sources GROUP BY doc)"
        ).fetchone()[0]  # type: ignore[index]


def decoded_rows(cursor: duckdb.DuckDBPyConnection, json_cols: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The cursor's rows as dicts, the JSON text of ``json_cols`` decoded; fetched in chunks."""
    names = [d[0] for d in cursor.description]
    wanted = [c for c in json_cols if c in names]
    while batch := cursor.fetchmany(2_000):
        for values in batch:
            record = dict(zip(names, values, strict=True))
            for col in wanted:
                if isinstance(record[col], str):
                    record[col] = json.loads(record[col])
            yield record


def event_table(con: duckdb.DuckDBPyConnection) -> str:
    """``merged_events`` (one row per real-world event, sources from every outlet) when it has rows, else ``events``.

    ``events`` holds one row per event mention in one document; the stories step merges them across sources.
    """
    try:
        merged = con.execute("SELECT count(*) FROM merged_events").fetchone()[0]  # type: ignore[index]
    except duckdb.Error:
        return "events"
    return "merged_events" if merged else "events"


# Exports: internal columns left out, provenance spans gathered from mention tables.
_HIDDEN = {"documents": {"pipeline", "paragraphs", "sentences", "format"}}
_ORDER = {"timeline": 'story, "day", "date", rank', "story_summaries": "story, rank"}


def _export_query(table: str) -> tuple[str, set[str]]:
    json_cols = set(JSON_COLUMNS.get(table, set()))
    if table == "entities":
        query = (
            "SELECT e.id, e.name, e.type, e.aliases, e.part_of, e.kb, "
            "list({'doc': m.doc, 'start': m.start, 'end': m.\"end\", 'text': m.text} ORDER BY m.doc, m.start) AS mentions "
            "FROM entities e LEFT JOIN mentions m ON m.entity = e.id GROUP BY ALL ORDER BY e.id"
        )
        return query, json_cols
    if table == "places":
        query = (
            "SELECT p.*, list({'doc': m.doc, 'start': m.start, 'end': m.\"end\", 'text': m.text} ORDER BY m.doc, m.start) "
            "AS mentions FROM places p LEFT JOIN place_mentions m ON m.place = p.id GROUP BY ALL ORDER BY p.id"
        )
        return query, json_cols
    cols = [c for c in columns(table) if c not in _HIDDEN.get(table, set())]
    order = _ORDER.get(table) or ("id" if "id" in cols else ", ".join(f'"{c}"' for c in cols[:3]))
    quoted = ", ".join(f'"{c}"' for c in cols)
    return f'SELECT {quoted} FROM "{table}" ORDER BY {order}', json_cols
