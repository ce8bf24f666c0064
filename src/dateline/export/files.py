"""Write store tables as JSONL, CSV or Parquet files (atomically: a reader never sees half a file)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from dateline.export.typed import typed_query
from dateline.store.duckdb_store import Store, _export_query

FORMATS = ("jsonl", "csv", "parquet")
# The files `dateline run` writes (OUTPUTS.md), in order: file stem → table. ``events`` are the real-world
# events after cross-source merging (see ``Store.event_table``); ``event_mentions`` one row per reporting document.
OUTPUT_FILES = {
    "documents": "documents", "entities": "entities", "times": "times", "places": "places", "events": "events",
    "event_mentions": "events", "quotes": "quotes", "figures": "figures", "stories": "stories",
    "timeline": "timeline", "conflicts": "conflicts",
}
OUTPUT_TABLES = tuple(OUTPUT_FILES)


def export_table(store: Store, table: str, path: Path, fmt: str) -> int:
    """Write one table to ``path`` in ``fmt``; return the number of rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "jsonl":
        count = 0
        with open(tmp, "w", encoding="utf-8") as handle:
            for record in store.records(table):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    elif fmt in ("csv", "parquet"):
        # Parquet: nested values as typed structs and lists (and lat/lon on events); CSV: JSON text
        query = typed_query(table) if fmt == "parquet" else _export_query(table)[0]
        if table in ("entities", "places") and fmt == "csv":
            query = f"SELECT * REPLACE (to_json(mentions)::VARCHAR AS mentions) FROM ({query})"
        options = "(FORMAT CSV, HEADER)" if fmt == "csv" else "(FORMAT PARQUET)"
        store.con.execute(f"COPY ({query}) TO '{_sql_path(tmp)}' {options}")
        count = store.con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]  # type: ignore[index]
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    os.replace(tmp, path)
    return int(count)


def export_all(store: Store, out_dir: Path, fmt: str = "jsonl", *, tables: tuple[str, ...] = OUTPUT_TABLES) -> dict[str, int]:
    """Write every output file whose table exists in the store; return rows per file name."""
    written: dict[str, int] = {}
    existing = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for stem in tables:
        table = table_for(store, stem)
        if table in existing:
            path = out_dir / f"{stem}.{fmt}"
            written[path.name] = export_table(store, table, path, fmt)
    return written


def table_for(store: Store, name: str) -> str:
    """The table behind an output file name (``events`` → merged events once stories have run)."""
    if name == "events":
        return store.event_table()
    return OUTPUT_FILES.get(name, name)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
