"""The ``runs`` table: one row per run into the store, with the gazetteer index it placed documents with.

A store can be filled by several runs with different gazetteers (``dateline run --gazetteer``, an import in
between); each document also carries a ``gazetteer: FINGERPRINT PATH`` note from the geo stage that placed it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.ids import content_id
from dateline.store.duckdb_store import Store

GEO_STAGE = "geo.resolve"


def record_run(store: Store, *, pipeline: str, gazetteer: str | None, documents: int, at: str) -> dict[str, Any]:
    """Add the row of a finished run (``gazetteer``: the index path the settings named, None: the default)."""
    state = None
    if GEO_STAGE in pipeline:
        from dateline.geo.gazetteer import state_of

        state = state_of(gazetteer, build=False)
    row = {"id": content_id(at, pipeline, prefix="run-"), "at": at, "pipeline": pipeline, "documents": documents,
           "gazetteer": state}
    store.con.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?)",
                      [row["id"], at, pipeline, documents, json.dumps(state) if state is not None else None])
    return row


def last_run(store: Store) -> dict[str, Any] | None:
    """The latest run's row (``gazetteer`` decoded), None before any."""
    row = store.con.execute('SELECT id, "at", pipeline, documents, gazetteer FROM runs ORDER BY "at" DESC LIMIT 1').fetchone()
    if row is None:
        return None
    return {"id": row[0], "at": row[1], "pipeline": row[2], "documents": row[3],
            "gazetteer": json.loads(row[4]) if row[4] else None}


def run_gazetteer(store: Store) -> Path | None:
    """The gazetteer index the store's last run placed documents with, when recorded and still there."""
    tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    run = last_run(store) if "runs" in tables else None
    path = ((run or {}).get("gazetteer") or {}).get("path")
    return Path(path) if path and Path(path).is_file() else None


def documents_by_gazetteer(store: Store) -> dict[str, int]:
    """Documents per gazetteer that placed them (the geo stage's note; "" for documents it did not place)."""
    from dateline.geo.stage import NOTE_PREFIX

    counts: dict[str, int] = {}
    for (notes,) in store.con.execute("SELECT notes FROM documents WHERE status = 'ok'").fetchall():
        found = next((n[len(NOTE_PREFIX):] for n in json.loads(notes or "[]") if n.startswith(NOTE_PREFIX)), "")
        counts[found] = counts.get(found, 0) + 1
    return counts
