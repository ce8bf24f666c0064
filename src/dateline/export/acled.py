"""Events as an ACLED-like CSV: one row per event, ACLED's column names and precision codes."""

from __future__ import annotations

import csv
import importlib.resources
import os
from pathlib import Path
from typing import Any

from dateline.events.confidence import is_reported
from dateline.report.data import table_records
from dateline.store.duckdb_store import Store

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
           "actor2", "inter2", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
           "notes", "fatalities", "plover_type", "modality", "confidence", "source_spans")
# ACLED time_precision: 1 = the day is known, 2 = the week (or a few days), 3 = only the month (or year).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "range": 3}


def acled_event_types() -> dict[str, str]:
    """ACLED sub-event type → event type, from export/data/acled_event_types.tsv."""
    text = (importlib.resources.files("dateline.export") / "data" / "acled_event_types.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return {sub.strip().lower(): kind.strip() for sub, kind in rows}


def export_acled_csv(store: Store, path: Path, *, include_unreported: bool = False) -> int:
    """Write the reportable events (or, with ``include_unreported``, every event) to ``path`` as ACLED-like
    CSV; return the number of rows. Reportable: told as fact, not background, confidence at or above the
    threshold (stores from before v2, without the field: asserted and not background)."""
    places = {p["id"]: p for p in table_records(store, "places")}
    outlets = dict(store.con.execute("SELECT id, coalesce(outlet, source) FROM documents").fetchall())
    types = acled_event_types()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for event in store.records(store.event_table()):
            if not include_unreported and not is_reported(event):
                continue
            row = acled_row(event, places=places, outlets=outlets, types=types)
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
    os.replace(tmp, path)
    return count


def acled_row(event: dict[str, Any], *, places: dict[str, dict[str, Any]], outlets: dict[str, str],
              types: dict[str, str]) -> dict[str, Any]:
    """One event → one ACLED-like row."""
    place = event.get("place") or {}
    record = places.get(place.get("place") or "", {})
    actor_items = [a for a in event.get("actors") or [] if a.get("canonical") or a.get("name")]
    target_items = [t for t in event.get("targets") or [] if t.get("canonical") or t.get("name")]
    actors = [a.get("canonical") or a.get("name") for a in actor_items]
    targets = [t.get("canonical") or t.get("name") for t in target_items]
    second = target_items[0] if target_items else (actor_items[1] if len(actor_items) > 1 else {})
    sources = [s for s in event.get("sources") or [] if s.get("doc")]
    date = event.get("date") or ""
    if "/" in date:  # a range ("killed since 6 June"): ACLED codes the latest day with a coarse precision
        date = date.split("/", 1)[1]
    return {
        "event_id_cnty": event["id"],
        "event_date": date,
        "year": date[:4] if date[:4].isdigit() else "",
        "time_precision": TIME_PRECISION.get(event.get("date_precision") or "", 3 if date else ""),
        "event_type": types.get((event.get("acled") or "").lower(), ""),
        "sub_event_type": event.get("acled") or "",
        "actor1": actors[0] if actors else "",
        "inter1": (actor_items[0].get("type") or "") if actor_items else "",
        "actor2": targets[0] if targets else (actors[1] if len(actors) > 1 else ""),
        "inter2": second.get("type") or "" if second else "",
        "country": record.get("country") or event.get("country") or "",
        "admin1": record.get("admin1") or event.get("admin1") or "",
        "location": place.get("name") or "",
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": geo_precision(record) if place.get("lat") is not None else "",
        "source": "; ".join(dict.fromkeys(outlets.get(s["doc"]) or s["doc"] for s in sources)),
        "notes": event.get("summary") or "",
        "fatalities": event.get("fatalities") or 0,  # ACLED writes 0 when no deaths are reported
        "plover_type": event.get("type") or "",
        "modality": event.get("modality") or "",
        "confidence": event.get("confidence") if event.get("confidence") is not None else "",
        "source_spans": "; ".join(f"{s['doc']}:{s['start']}-{s['end']}" for s in sources),
    }


def _cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in untrusted text (CSV injection): prefix a quote."""
    if isinstance(value, str) and value[:1] in FORMULA_START and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def geo_precision(place: dict[str, Any]) -> int:
    """ACLED geo_precision: 1 a town or village, 2 near one (offset point) or a small area, 3 a region or country."""
    feature = (place.get("feature") or "").upper()
    if place.get("radius_km"):
        return 2
    if feature.startswith("P."):
        return 1
    if feature.startswith(("A.", "L.")) or not feature:
        return 3
    return 2
