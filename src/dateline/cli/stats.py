"""`dateline stats`: the events broken down by type, dates, country and whether they are presented as fact."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

from dateline.events.confidence import FACT_MODALITIES
from dateline.export.acled_dates import first_and_last_day
from dateline.export.acled_reference import countries, event_types
from dateline.store.duckdb_store import Store
from dateline.store.runs import documents_by_gazetteer, last_run

TOP_COUNTRIES = 10
# the SQL twin of events.confidence.is_reported: the stored flag, or (stores before v2) told as fact, not background
_REPORTABLE = ("coalesce(reportable AND NOT coalesce(background, false), modality IN ({facts}) "
               "AND NOT coalesce(background, false), false)")


@dataclass(slots=True)
class EventBreakdown:
    mentions: int = 0  # rows of ``events``: one per event told in one document
    merged: int | None = None  # rows of ``merged_events`` (None before stories have run)
    total: int = 0
    reportable: int = 0
    by_type: list[tuple[str, str, int, int]] = field(default_factory=list)  # (event type, sub-event type, all, reportable)
    first: str | None = None
    last: str | None = None
    undated: int = 0
    by_country: list[tuple[str, int, int]] = field(default_factory=list)  # (country, all, reportable)


def event_breakdown(store: Store) -> EventBreakdown:
    """Counts over the real-world events (merged ones once stories have run)."""
    con = store.con
    out = EventBreakdown(mentions=_one(con, "SELECT count(*) FROM events"))
    table = store.event_table()
    if table == "merged_events":
        out.merged = _one(con, "SELECT count(*) FROM merged_events")
    facts = ", ".join(f"'{m}'" for m in sorted(FACT_MODALITIES))
    shown = _REPORTABLE.format(facts=facts)
    out.total, out.reportable = con.execute(f'SELECT count(*), count(*) FILTER ({shown}) FROM "{table}"').fetchone()  # type: ignore[misc]
    types = event_types()
    for acled, total, reportable in con.execute(
            f'SELECT coalesce(acled, \'\'), count(*), count(*) FILTER ({shown}) FROM "{table}" GROUP BY 1 ORDER BY 2 DESC, 1').fetchall():
        sub, kind = types.get(acled.lower(), (acled or "(no ACLED type)", ""))
        out.by_type.append((kind, sub, total, reportable))
    spans = []
    for value, count in con.execute(f'SELECT date, count(*) FROM "{table}" GROUP BY 1').fetchall():
        span = first_and_last_day(value)
        if span is None:
            out.undated += count
        else:
            spans.append(span)
    if spans:
        out.first, out.last = min(s[0] for s in spans).isoformat(), max(s[1] for s in spans).isoformat()
    names = countries()
    for code, total, reportable in con.execute(
            f'SELECT coalesce(country, \'\'), count(*), count(*) FILTER ({shown}) FROM "{table}" GROUP BY 1 ORDER BY 2 DESC, 1').fetchall():
        name = names[code].name if code in names else (code or "(unknown)")
        out.by_country.append((name, total, reportable))
    return out


def print_event_breakdown(console: Console, b: EventBreakdown) -> None:
    if b.merged is not None:
        console.print(f"events: {b.mentions} event mentions (one per report of an incident in one document) merged "
                      f"into {b.merged} real-world events (one incident, however many reports); the counts below are "
                      "of the merged events.", soft_wrap=True)
    else:
        console.print(f"events: {b.mentions} event mentions (one per report in one document; stories have not run, "
                      "so nothing is merged across documents).", soft_wrap=True)
    console.print(f"reportable (told as fact, not background, confident enough; what the map and the ACLED export show): "
                  f"{b.reportable} of {b.total}", soft_wrap=True)
    if b.first:
        console.print(f"dates: {b.first} to {b.last}" + (f"; {b.undated} undated" if b.undated else ""))
    types = Table(title="events by type")
    for name, justify in (("event type", "left"), ("sub-event type", "left"), ("all", "right"), ("reportable", "right")):
        types.add_column(name, justify=justify)  # type: ignore[arg-type]
    for kind, sub, total, reportable in b.by_type:
        types.add_row(kind, sub, str(total), str(reportable))
    console.print(types)
    places = Table(title="events by country")
    for name, justify in (("country", "left"), ("all", "right"), ("reportable", "right")):
        places.add_column(name, justify=justify)  # type: ignore[arg-type]
    for name, total, reportable in b.by_country[:TOP_COUNTRIES]:
        places.add_row(name, str(total), str(reportable))
    if len(b.by_country) > TOP_COUNTRIES:
        places.add_row(f"... {len(b.by_country) - TOP_COUNTRIES} more", "", "")
    console.print(places)


def _one(con: Any, sql: str) -> int:
    return int(con.execute(sql).fetchone()[0])


def print_gazetteer(console: Console, store: Store) -> None:
    """The gazetteer index the last run placed documents with, and documents per index when several did."""
    tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    run = last_run(store) if "runs" in tables else None
    state = (run or {}).get("gazetteer")
    if state:
        which = "the shared default index" if state.get("default") else "a named index"
        imported = state.get("imports") or []
        last = f", last {imported[-1]['file']} at {imported[-1]['at']}" if imported else ""
        console.print(f"gazetteer (last run, {run['at']}): {state['path']} ({which}), {state['fingerprint']}; "  # type: ignore[index]
                      f"embedded tier {state.get('embedded_stamp') or '-'}; {len(imported)} imported files{last}",
                      soft_wrap=True, markup=False)
    by_index = documents_by_gazetteer(store)
    if len(by_index) > 1 or (by_index and not state):
        console.print("documents by the gazetteer that placed them: " + "; ".join(
            f"{name or '(not placed)'}: {count}" for name, count in sorted(by_index.items())), soft_wrap=True, markup=False)
