"""Typed tables: the store's JSON text columns as Arrow/Parquet structs and lists, and lat/lon columns on events.

The store keeps nested values as JSON text (one schema for every writer); exports and the Python API turn them
into real types here, with DuckDB's ``json_transform``, so pandas, polars, DuckDB or Arrow read a list of actors
as a list of structs, never a string to parse. A value that does not fit its declared shape becomes NULL.
"""

from __future__ import annotations

import pyarrow as pa

from dateline.store.duckdb_store import Store, _export_query

_SPAN = '{"doc": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "text": "VARCHAR"}'
_PARTICIPANTS = '[{"name": "VARCHAR", "entity": "VARCHAR", "canonical": "VARCHAR", "type": "INTEGER"}]'
_PLACE = '{"name": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE", "place": "VARCHAR"}'
_STRINGS = '["VARCHAR"]'
_EVENT = {"actors": _PARTICIPANTS, "targets": _PARTICIPANTS, "place": _PLACE, "sources": f"[{_SPAN}]"}
_BY_SOURCE = ('[{"doc": "VARCHAR", "outlet": "VARCHAR", "value": "DOUBLE", "figure": "VARCHAR", "event": "VARCHAR", '
              '"start": "INTEGER", "end": "INTEGER", "duplicate_of": "VARCHAR"}]')
# table → JSON column → the DuckDB JSON structure it is read as
STRUCTURES: dict[str, dict[str, str]] = {
    "documents": {"removed": '[{"kind": "VARCHAR", "text": "VARCHAR"}]', "notes": _STRINGS},
    "entities": {"aliases": _STRINGS},
    "events": _EVENT,
    "merged_events": {**_EVENT, "fatalities_by_source": _BY_SOURCE, "members": _STRINGS},
    "figures": {"conflicts_with": _STRINGS},
    "stories": {"docs": _STRINGS, "events": _STRINGS, "outlets": _STRINGS},
    "timeline": {"sources": f"[{_SPAN}]"},
    "story_summaries": {"sources": f"[{_SPAN}]"},
    "conflicts": {"items": _STRINGS, "values": _BY_SOURCE, "sources": f"[{_SPAN}]"},
}
EVENT_TABLES = ("events", "merged_events")


def typed_query(table: str) -> str:
    """The export query of ``table`` with its JSON columns typed (and, for events, ``lat``/``lon`` from the place)."""
    query, _ = _export_query(table)
    structures = STRUCTURES.get(table, {})
    if not structures:
        return query
    replaced = ", ".join(f"json_transform(\"{col}\", '{shape}') AS \"{col}\"" for col, shape in structures.items())
    typed = f"SELECT * REPLACE ({replaced}) FROM ({query})"
    if table in EVENT_TABLES:
        return f"SELECT *, place.lat AS lat, place.lon AS lon FROM ({typed})"
    return typed


def typed_table(store: Store, table: str) -> pa.Table:
    """``table`` as an Arrow table with typed nested columns."""
    cursor = store.con.cursor()  # its own result: the store's connection may hold an unfinished one
    try:
        relation = cursor.sql(typed_query(table))
        to_arrow = getattr(relation, "to_arrow_table", None) or relation.arrow  # DuckDB ≥ 1.4 / before
        return to_arrow()
    finally:
        cursor.close()
