"""Store → the JSON the report's script reads (the same shapes as OUTPUTS.md, plus a few counts)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

from dateline.report.charts import chart_data
from dateline.store.duckdb_store import Store
from dateline.store.schema import TABLES

# Tables the report shows; missing ones (stages not run yet) become empty lists.
REPORT_TABLES = ("events", "places", "quotes", "figures", "entities", "stories", "timeline")
# Columns of tables not declared in schema.TABLES that hold JSON text.
_LOOSE_JSON = {"docs", "events", "sources", "actors", "targets", "place", "conflicts_with", "aliases", "mentions"}
DOC_FIELDS = ("id", "title", "outlet", "url", "published", "source", "status")


def existing_tables(store: Store) -> set[str]:
    """Names of the tables present in the store's file."""
    return {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def table_records(store: Store, table: str, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of ``table`` (at most ``limit``) as OUTPUTS.md records, or [] when the table does not exist."""
    if table not in existing_tables(store):
        return []
    rows = store.records(table) if table in TABLES else _loose_records(store, table)
    return list(islice(rows, limit))


def _loose_records(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Rows of a table schema.py does not (yet) declare: JSON-looking columns decoded."""
    cursor = store.con.execute(f'SELECT * FROM "{table}"')  # name comes from REPORT_TABLES, not input
    names = [d[0] for d in cursor.description]
    for values in cursor.fetchall():  # stories/timeline: small tables
        record = dict(zip(names, values, strict=True))
        for key in _LOOSE_JSON & record.keys():
            value = record[key]
            if isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(json.JSONDecodeError):
                    record[key] = json.loads(value)
        yield record


def report_data(store: Store, *, with_text: bool = True, limit: int | None = None,
                with_charts: bool = False) -> dict[str, Any]:
    """Everything the report shows (at most ``limit`` rows a table).

    ``with_text=False`` leaves article texts out (the web app loads them one at a time); ``with_charts`` adds
    ``charts``, the per-day counts of every event (see ``store_charts``).
    """
    data: dict[str, Any] = {name: table_records(store, name, limit=limit) for name in REPORT_TABLES}
    data["events"] = table_records(store, store.event_table(), limit=limit)
    _attach_summaries(store, data["stories"])
    data["entities"] = [_entity_summary(e) for e in data["entities"]]
    data["documents"] = list(islice(_documents(store, with_text=with_text), limit))
    data["counts"] = _counts(store)
    if with_charts:
        data["charts"] = chart_data(data["events"], data["places"]) if limit is None else store_charts(store)
    return data


def store_charts(store: Store) -> dict[str, Any]:
    """Chart counts over every event and place of the store (no row cap), reading only the columns they use."""
    table, present = store.event_table(), existing_tables(store)
    if table not in present:
        return chart_data([], [])
    cols = {r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
    wanted = [c for c in ("date", "type", "fatalities", "reportable", "actors", "admin1", "country") if c in cols]
    place = ", json_extract_string(place, '$.place'), json_extract_string(place, '$.name')" if "place" in cols else ""
    where = " WHERE reportable IS NOT FALSE" if "reportable" in cols else ""
    cursor = store.con.execute(f'SELECT {", ".join(wanted)}{place} FROM "{table}"{where}')  # names from the lists above
    events = []
    for values in cursor.fetchall():
        event = dict(zip(wanted, values, strict=False))
        if place:
            event["place"] = {"place": values[-2], "name": values[-1]}
        if isinstance(event.get("actors"), str):
            event["actors"] = json.loads(event["actors"] or "[]")
        events.append(event)
    places = []
    if "places" in present:
        places = [dict(zip(("id", "country", "admin1"), r, strict=True))
                  for r in store.con.execute("SELECT id, country, admin1 FROM places").fetchall()]
    return chart_data(events, places)


def _attach_summaries(store: Store, stories: list[dict[str, Any]]) -> None:
    """Give each story its cited summary sentences (``summary``: text, ``summary_sentences``: with sources)."""
    by_story: dict[str, list[dict[str, Any]]] = {}
    for row in table_records(store, "story_summaries"):
        by_story.setdefault(row["story"], []).append(row)
    for story in stories:
        sentences = sorted(by_story.get(story.get("id") or "", []), key=lambda r: r.get("rank") or 0)
        if sentences:
            story["summary_sentences"] = sentences
            story["summary"] = " ".join(r["text"] for r in sentences)


def _counts(store: Store) -> dict[str, int]:
    present = existing_tables(store)
    tables = {name: store.event_table() if name == "events" else name for name in (*REPORT_TABLES, "documents")}
    return {name: int(store.con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # type: ignore[index]
            for name, table in tables.items() if name in present}


def _entity_summary(entity: dict[str, Any]) -> dict[str, Any]:
    mentions = [m for m in entity.get("mentions") or [] if m and m.get("doc")]
    return {**entity, "mentions": mentions, "count": len(mentions), "docs": len({m["doc"] for m in mentions})}


def _documents(store: Store, *, with_text: bool) -> Iterator[dict[str, Any]]:
    cols = ", ".join(f'"{c}"' for c in (*DOC_FIELDS, "text") if with_text or c != "text")
    cursor = store.con.execute(f"SELECT {cols} FROM documents WHERE status = 'ok' ORDER BY published, id")
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(2_000):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def dumps_for_html(value: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>', '&' or line separators can end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text
