"""Events and places as one GeoJSON FeatureCollection (RFC 7946: WGS84, [lon, lat])."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.events.confidence import is_reported
from dateline.report.data import table_records
from dateline.store.duckdb_store import Store


def export_geojson(store: Store, path: Path, *, include_unreported: bool = False) -> int:
    """Write events (the reportable ones unless ``include_unreported``) and places that have coordinates to
    ``path``; return the number of features."""
    features = [*event_features(store, include_unreported=include_unreported), *place_features(store)]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
    os.replace(tmp, path)
    return len(features)


def point(lat: Any, lon: Any) -> dict[str, Any] | None:
    """A GeoJSON Point, or None for missing or out-of-range coordinates."""
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def event_features(store: Store, *, include_unreported: bool = False) -> Iterator[dict[str, Any]]:
    for event in store.records(store.event_table()):
        if not include_unreported and not is_reported(event):
            continue
        place = event.get("place") or {}
        geometry = point(place.get("lat"), place.get("lon"))
        if geometry is None:
            continue
        sources = event.get("sources") or []
        properties = {
            "kind": "event", "id": event["id"], "type": event.get("type"), "acled": event.get("acled"),
            "date": event.get("date"), "date_precision": event.get("date_precision"),
            "summary": event.get("summary"), "trigger": event.get("trigger"),
            "actors": "; ".join(a.get("canonical") or a["name"] for a in event.get("actors") or [] if a.get("name")),
            "targets": "; ".join(t.get("canonical") or t["name"] for t in event.get("targets") or [] if t.get("name")),
            "confidence": event.get("confidence"), "reportable": event.get("reportable"),
            "place": place.get("name"), "place_id": place.get("place"), "fatalities": event.get("fatalities"),
            "modality": event.get("modality"), "story": event.get("story"),
            # flat columns for GIS tools, and the full spans as JSON text
            "doc": sources[0]["doc"] if sources else None,
            "start": sources[0]["start"] if sources else None,
            "end": sources[0]["end"] if sources else None,
            "sources": json.dumps(sources, ensure_ascii=False),
        }
        yield {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": properties}


def place_features(store: Store) -> Iterator[dict[str, Any]]:
    for place in table_records(store, "places"):
        geometry = point(place.get("lat"), place.get("lon"))
        if geometry is None:
            continue
        mentions = [m for m in place.get("mentions") or [] if m and m.get("doc")]
        properties = {
            "kind": "place", "id": place["id"], "name": place.get("name"), "country": place.get("country"),
            "feature": place.get("feature"), "geonames_id": place.get("geonames_id"), "admin1": place.get("admin1"),
            "confidence": place.get("confidence"), "radius_km": place.get("radius_km"), "mention_count": len(mentions),
            "sources": json.dumps(mentions[:100], ensure_ascii=False),
        }
        yield {"type": "Feature", "id": place["id"], "geometry": geometry, "properties": properties}
