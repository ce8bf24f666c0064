"""Events as an ACLED CSV: ACLED's 31 columns, in ACLED's order and with ACLED's conventions, then Dateline's own.

What each column holds and how it is derived is in ``COLUMN_NOTES`` (and the README); the reference tables are
in export/data/ (``acled_reference``), dates follow the codebook's precision rules (``acled_dates``).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dateline.events.confidence import is_reported
from dateline.export.acled_dates import acled_date
from dateline.export.acled_notes import crowd_tag, describe
from dateline.export.acled_reference import (
    INTER_LABELS,
    Country,
    countries,
    disorder_types,
    event_types,
    interaction,
    interaction_label,
    joined_scale,
    outlet_scales,
)
from dateline.export.admin import AdminNames
from dateline.report.data import table_records
from dateline.store.duckdb_store import Store

# ACLED's columns (the codebook's order since its 2023 revision).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# Dateline's columns after ACLED's: the record's id in the other files, its PLOVER type, how it was told, how sure,
# the date as the text gave it, and the provenance of every reporting sentence (doc:start-end).
EXTRA_COLUMNS = ("dateline_id", "plover_type", "modality", "confidence", "reportable", "date_as_reported",
                 "source_spans")
COLUMNS = (*ACLED_COLUMNS, *EXTRA_COLUMNS)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UNNAMED_OUTLET = "Unnamed outlet"
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
CIVILIANS = 7
# An event whose first actor the text does not name: ACLED's generic actor for its type, with that actor's inter code.
UNNAMED_ACTOR = {"Battles": ("Unidentified Armed Group", 3), "Explosions/Remote violence": ("Unidentified Armed Group", 3),
                 "Violence against civilians": ("Unidentified Armed Group", 3), "Protests": ("Protesters", 6),
                 "Riots": ("Rioters", 5)}


@dataclass(slots=True)
class AcledContext:
    """What every row needs besides its event: places, document outlets, admin names, outlet scales, a timestamp."""

    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)  # document id → outlet name (never a file path)
    admin: AdminNames | None = None
    scales: dict[str, str] = field(default_factory=dict)
    timestamp: int = 0
    inter_labels: bool = False  # inter1/inter2/interaction as ACLED's text labels (its data since 2024), not codes


def export_acled_csv(store: Store, path: Path, *, include_unreported: bool = False, gazetteer: Path | str | None = None,
                     outlet_scale_file: Path | None = None, inter_labels: bool = False) -> int:
    """Write the reportable events (with ``include_unreported``, every event) to ``path``; return the row count.

    Reportable: told as fact, not background, confidence at or above the threshold (stores from before v2,
    without the field: asserted and not background). ``gazetteer``: the index admin names come from (default:
    the one ``dateline run`` uses)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in acled_rows(store, include_unreported=include_unreported, gazetteer=gazetteer,
                              outlet_scale_file=outlet_scale_file, inter_labels=inter_labels):
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
    os.replace(tmp, path)
    return count


def acled_rows(store: Store, *, include_unreported: bool = False, gazetteer: Path | str | None = None,
               outlet_scale_file: Path | None = None, inter_labels: bool = False) -> Iterator[dict[str, Any]]:
    """The ACLED rows of the store's events (reportable ones unless ``include_unreported``), in id order."""
    with AdminNames(_gazetteer_path(gazetteer)) as admin:
        context = AcledContext(places={p["id"]: p for p in table_records(store, "places")}, outlets=document_outlets(store),
                               admin=admin, scales=outlet_scales(outlet_scale_file), timestamp=_store_time(store),
                               inter_labels=inter_labels)
        for event in store.records(store.event_table()):
            if include_unreported or is_reported(event):
                yield acled_row(event, context)


def document_outlets(store: Store) -> dict[str, str]:
    """Document id → the outlet that published it: its name, else its web host, else ``UNNAMED_OUTLET``."""
    rows = store.con.execute("SELECT id, outlet, url FROM documents").fetchall()
    return {doc: (outlet or "").strip() or urlsplit(url or "").hostname or UNNAMED_OUTLET for doc, outlet, url in rows}


def acled_row(event: dict[str, Any], context: AcledContext) -> dict[str, Any]:
    """One event → one row of ``COLUMNS``."""
    sub, kind = event_types().get((event.get("acled") or "").lower(), (event.get("acled") or "", ""))
    place = event.get("place") or {}
    record = context.places.get(place.get("place") or "", {})
    iso2 = event.get("country") or record.get("country") or ""
    country = countries().get(iso2)
    side1, side2 = _sides(event, kind)
    actor1, inter1 = side1[0] if side1 else _unnamed(kind, country)
    actor2, inter2 = side2[0] if side2 else _unnamed_victims(kind, country)
    day, precision = acled_date(event.get("date"))
    lat, lon = place.get("lat"), place.get("lon")
    located = isinstance(lat, (int, float)) and isinstance(lon, (int, float))
    admin = context.admin
    admin1 = event.get("admin1") or (admin.admin1(iso2, record.get("admin1")) if admin else None) or ""
    admin2 = (admin.admin2(record.get("geonames_id"), iso2, lat, lon) if admin and located else None) or ""
    sources = [s for s in event.get("sources") or [] if s.get("doc")]
    outlets = list(dict.fromkeys(context.outlets.get(s["doc"], UNNAMED_OUTLET) for s in sources))
    fatalities = event.get("fatalities") or 0  # ACLED writes 0 when no deaths are reported
    row = {
        "event_id_cnty": event_id_cnty(event["id"], country),
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": precision or "",
        "disorder_type": disorder_types().get(sub.lower(), ""),
        "event_type": kind,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": "; ".join(name for name, _ in side1[1:]),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "; ".join(name for name, _ in side2[1:]),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2) if inter1 else 0,
        "civilian_targeting": "Civilian targeting" if _targets_civilians(kind, sub, inter2) else "",
        "iso": country.iso if country else "",
        "region": country.region if country else "",
        "country": country.name if country else iso2,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": "",
        "location": place.get("name") or "",
        "latitude": lat if located else "",
        "longitude": lon if located else "",
        "geo_precision": geo_precision(record) if located else "",
        "source": "; ".join(outlets),
        "source_scale": joined_scale({s for o in outlets if (s := _scale(o, context.scales))}),
        "notes": describe(date=event.get("date"), precision=event.get("date_precision"), sub_event_type=sub,
                          event_type=kind, actor1=actor1, actor2=actor2, location=place.get("name") or "",
                          admin1=admin1, country=country.name if country else iso2, fatalities=fatalities,
                          modality=event.get("modality")),
        "fatalities": fatalities,
        "tags": crowd_tag(kind, (s.get("text") or "" for s in sources)),
        "timestamp": context.timestamp,
        "dateline_id": event["id"],
        "plover_type": event.get("type") or "",
        "modality": event.get("modality") or "",
        "confidence": event.get("confidence") if event.get("confidence") is not None else "",
        "reportable": bool(is_reported(event)),
        "date_as_reported": event.get("date") or "",
        "source_spans": "; ".join(f"{s['doc']}:{s['start']}-{s['end']}" for s in sources),
    }
    if context.inter_labels:
        row.update(inter1=INTER_LABELS.get(inter1, ""), inter2=INTER_LABELS.get(inter2, ""),
                   interaction=interaction_label(inter1, inter2) if inter1 else "")
    return row


def event_id_cnty(event_id: str, country: Country | None) -> str:
    """ACLED's shape (country letters, then a number) from the stable Dateline id: the ISO 3166 alpha-3 code and
    the id's first 12 hex digits as a decimal number (``dateline_id`` keeps the id itself)."""
    digits = event_id.rsplit("-", 1)[-1]
    try:
        number = int(digits[:12], 16)
    except ValueError:
        number = int.from_bytes(event_id.encode("utf-8")[-6:].rjust(6, b"\0"), "big")
    return f"{country.iso3 if country else 'XXX'}{number}"


def _sides(event: dict[str, Any], kind: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(side 1, side 2) as (name, inter code) lists, each without repeats: actors, then targets. A battle told with
    both parties as actors and no target has the second party as its other side."""
    side1 = _named(event.get("actors"))
    side2 = [a for a in _named(event.get("targets")) if a[0] not in {n for n, _ in side1}]
    if not side2 and kind == "Battles" and len(side1) > 1:
        side2 = [side1.pop(1)]
    return side1, side2


def _named(items: Any) -> list[tuple[str, int]]:
    out: dict[str, int] = {}
    for item in items or []:
        name = (item.get("canonical") or item.get("name") or "").strip()
        if name and name not in out:
            out[name] = int(item.get("type") or 0)
    return list(out.items())


def _unnamed(kind: str, country: Country | None) -> tuple[str, int]:
    if kind not in UNNAMED_ACTOR:
        return "", 0
    name, inter = UNNAMED_ACTOR[kind]
    return (f"{name} ({country.name})" if country else name), inter


def _unnamed_victims(kind: str, country: Country | None) -> tuple[str, int]:
    """Violence against civilians always has civilians on its other side (ACLED: "Civilians (Country)")."""
    if kind != "Violence against civilians":
        return "", 0
    return (f"Civilians ({country.name})" if country else "Civilians"), CIVILIANS


def _targets_civilians(kind: str, sub: str, inter2: int) -> bool:
    """ACLED's civilian_targeting: every violence against civilians, and remote violence, mob violence or excessive
    force whose other side is civilians."""
    if kind == "Violence against civilians":
        return True
    return inter2 == CIVILIANS and (kind in ("Explosions/Remote violence", "Riots")
                                    or sub == "Excessive force against protesters")


def _scale(outlet: str, scales: dict[str, str]) -> str:
    key = outlet.lower()
    return scales.get(key) or scales.get(key.removeprefix("www.")) or ""


def _store_time(store: Store) -> int:
    """When the store was last written (ACLED's timestamp: the row's last update), as Unix seconds."""
    try:
        return int(os.stat(store.path).st_mtime)
    except OSError:
        return 0


def _gazetteer_path(path: Path | str | None) -> Path | None:
    if path is not None:
        return Path(path)
    from dateline.geo.gazetteer import default_index_path

    return default_index_path()


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


def acled_event_types() -> dict[str, str]:
    """ACLED sub-event type (lower-cased) → event type, from export/data/acled_event_types.tsv."""
    return {key: kind for key, (_sub, kind) in event_types().items()}
