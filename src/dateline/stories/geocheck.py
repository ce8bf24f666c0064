"""Geography contradictions: a place said to be on a river far from it, or a stated distance/direction
that its coordinates do not bear out. Each flag carries the sentence and the measured evidence.

River lines come through the small :class:`RiverIndex` seam: :class:`GazetteerRivers` reads the geometry
the gazetteer importer stores (``dateline gazetteer import ne_50m_rivers_lake_centerlines.json``);
:class:`GeoJSONRivers` reads a Natural Earth (or any LineString) GeoJSON file directly.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from dateline.geo.gazetteer import haversine_km
from dateline.ids import content_id

log = logging.getLogger(__name__)

RIVER_KM = 30.0  # a city "on" a river lies within this of its centre line (50m lines are generalised)
DISTANCE_ABS_KM = 25.0  # stated distances are rounded; allow this much, or
DISTANCE_REL = 0.5  # this share of the stated distance, whichever is larger
DIRECTION_DEG = 67.5  # a stated compass direction covers ±67.5° (one and a half octants)
NEAR_CHARS = 40  # the place a distance is "of" starts within this many characters
Line = list[tuple[float, float]]  # (lon, lat)

_RIVER_RE = re.compile(
    r"\b(?:on|along|astride|straddl(?:es|ing)|beside)\s+the\s+(?:(?:east|west|north|south)(?:ern)?\s+)?"
    r"(?P<banks>banks?\s+of\s+the\s+)?(?P<river>[A-Z][\w'-]+)(?P<word>\s+[Rr]iver)?")
_DIST_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>km|kilomet(?:re|er)s?|miles?)\s*(?:\([^)]{0,20}\)\s*)?"
    r"(?P<dir>(?:north|south)?[\s-]?(?:east|west)|north|south)?(?:ward)?\s+of\s+", re.IGNORECASE)
_BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
             "west": 270, "northwest": 315}


class RiverIndex(Protocol):
    def lines(self, name: str) -> list[Line]:
        """Centre lines of the river called ``name`` (empty when unknown)."""
        ...


class GeoJSONRivers:
    """Rivers read from a GeoJSON FeatureCollection of LineStrings (Natural Earth centre lines)."""

    def __init__(self, path: str | Path) -> None:
        self._lines: dict[str, list[Line]] = {}
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for feature in data.get("features", ()):
            props = {k.lower(): v for k, v in (feature.get("properties") or {}).items()}
            for name in {props.get("name"), props.get("name_en"), props.get("name_alt")} - {None, ""}:
                self._lines.setdefault(_river_key(str(name)), []).extend(_geometry_lines(feature.get("geometry") or {}))

    def lines(self, name: str) -> list[Line]:
        return self._lines.get(_river_key(name), [])


class GazetteerRivers:
    """Rivers from the gazetteer index (geometry stored by the Natural Earth importer)."""

    def __init__(self, path: str | Path | None) -> None:
        from dateline.geo.gazetteer import Gazetteer

        self._gazetteer = Gazetteer.open(path, build=False)

    def lines(self, name: str) -> list[Line]:
        from dateline.geo.names import name_key

        found: list[Line] = []
        for key in {name_key(name), name_key(name + " river")}:
            for entry, _kind in self._gazetteer.lookup(key):
                if (entry.feature or "").startswith("H.") and (text := self._gazetteer.geometry(entry.id)):
                    found.extend(_geometry_lines(json.loads(text)))
        return found


def default_rivers(gazetteer: str | None) -> RiverIndex | None:
    """The gazetteer's rivers when an index exists, else None (river checks are skipped, logged)."""
    try:
        from dateline.geo.gazetteer import default_index_path

        path = Path(gazetteer) if gazetteer else default_index_path()
        if path.exists():
            return GazetteerRivers(path)
    except Exception as exc:  # an unreadable index must not stop the run; the check is best effort
        log.warning("W602 river geometry unavailable (%s); river checks skipped", exc)
    return None


@dataclass(frozen=True, slots=True)
class PlacedMention:
    start: int
    end: int
    text: str
    place: str
    lat: float
    lon: float
    feature: str | None = None


def check_document(doc: str, text: str, sentences: Sequence[Sequence[int]], mentions: Sequence[PlacedMention],
                   *, rivers: RiverIndex | None, story: str | None = None) -> list[dict[str, Any]]:
    """Geography conflict rows for one document."""
    rows: list[dict[str, Any]] = []
    for start, end in sentences:
        inside = sorted((m for m in mentions if start <= m.start < end), key=lambda m: m.start)
        sentence = text[start:end]
        if rivers is not None:
            rows.extend(_river_flags(doc, story, start, end, sentence, inside, rivers))
        rows.extend(_distance_flags(doc, story, start, end, sentence, inside))
    return rows


def _river_flags(doc: str, story: str | None, start: int, end: int, sentence: str,
                 inside: Sequence[PlacedMention], rivers: RiverIndex) -> list[dict[str, Any]]:
    rows = []
    for match in _RIVER_RE.finditer(sentence):
        if not (match.group("word") or match.group("banks")):
            continue
        river = match.group("river")
        lines = rivers.lines(river)
        city = _last_before(inside, start + match.start(), exclude=river)
        if not lines or city is None:
            continue
        km = min(point_line_km(city.lat, city.lon, line) for line in lines)
        if km > RIVER_KM:
            note = (f"{city.text} ({city.lat:.3f}, {city.lon:.3f}) is said to be on the {river} but lies "
                    f"{km:.0f} km from its centre line (tolerance {RIVER_KM:.0f} km)")
            rows.append(_geo_row(doc, story, "river", f"{city.text} / {river}", start, end, sentence, km, note))
    return rows


def _distance_flags(doc: str, story: str | None, start: int, end: int, sentence: str,
                    inside: Sequence[PlacedMention]) -> list[dict[str, Any]]:
    rows = []
    for match in _DIST_RE.finditer(sentence):
        stated = float(match.group("num")) * (1.609 if match.group("unit").lower().startswith("mile") else 1.0)
        anchor = next((m for m in inside if start + match.end() - 1 <= m.end and m.start <= start + match.end() + NEAR_CHARS
                       and not m.place.startswith("off:")), None)
        subject = _last_before(inside, start + match.start(), exclude="")
        if anchor is None or subject is None or subject.place == anchor.place:
            continue
        actual = haversine_km(anchor.lat, anchor.lon, subject.lat, subject.lon)
        problems = []
        if abs(actual - stated) > max(DISTANCE_ABS_KM, DISTANCE_REL * stated):
            problems.append(f"stated {stated:.0f} km, coordinates give {actual:.0f} km")
        direction = (match.group("dir") or "").lower().replace("-", "").replace(" ", "")
        if direction in _BEARINGS and actual > DISTANCE_ABS_KM:
            bearing = initial_bearing(anchor.lat, anchor.lon, subject.lat, subject.lon)
            off = abs((bearing - _BEARINGS[direction] + 180) % 360 - 180)
            if off > DIRECTION_DEG:
                problems.append(f"stated {direction}, coordinates give a bearing of {bearing:.0f}°")
        if problems:
            note = f"{subject.text} relative to {anchor.text}: " + "; ".join(problems)
            rows.append(_geo_row(doc, story, "distance", f"{subject.text} / {anchor.text}", start, end, sentence, actual, note))
    return rows


def _last_before(inside: Sequence[PlacedMention], pos: int, *, exclude: str) -> PlacedMention | None:
    """The last usable place mention before ``pos`` (settlements, not rivers or the excluded name)."""
    usable = [m for m in inside if m.end <= pos and not (m.feature or "").startswith("H.")
              and not m.place.startswith("off:") and (not exclude or exclude.lower() not in m.text.lower())]
    return usable[-1] if usable else None


def _geo_row(doc: str, story: str | None, kind: str, subject: str, start: int, end: int, sentence: str,
             measured: float, note: str) -> dict[str, Any]:
    return {"id": content_id(doc, kind, str(start), subject, prefix="cf-"), "story": story, "kind": kind,
            "subject": subject, "items": [], "values": [{"doc": doc, "value": round(measured, 1)}],
            "conservative": None, "note": note, "sources": [{"doc": doc, "start": start, "end": end, "text": sentence}]}


def point_line_km(lat: float, lon: float, line: Line) -> float:
    """Distance from a point to a polyline (local equirectangular projection around the point)."""
    kx, ky = 111.32 * math.cos(math.radians(lat)), 110.574
    pts = [((x - lon) * kx, (y - lat) * ky) for x, y in line]
    if len(pts) == 1:
        return math.hypot(*pts[0])
    return min(_segment_distance(a, b) for a, b in zip(pts, pts[1:], strict=False))


def _segment_distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if not length2 else max(0.0, min(1.0, -(a[0] * dx + a[1] * dy) / length2))
    return math.hypot(a[0] + t * dx, a[1] + t * dy)


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Compass bearing (degrees) from point 1 to point 2."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


def _river_key(name: str) -> str:
    key = name.lower().strip()
    return key[:-6].strip() if key.endswith(" river") else key


def _geometry_lines(geometry: Any) -> list[Line]:
    """LineString / MultiLineString (dict) or a bare list of lines → list of (lon, lat) lines."""
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else geometry
    kind = geometry.get("type") if isinstance(geometry, dict) else "MultiLineString"
    if not coords:
        return []
    parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
    return [[(float(p[0]), float(p[1])) for p in part] for part in parts if part]
