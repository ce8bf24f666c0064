"""Geography contradictions: a place said to be on a river far from it, or a stated distance/direction
that its coordinates do not bear out. Each flag carries the sentence and its evidence (``evidence``: what the
text states, what the coordinates give, the place, reference place and geometry used).

River claims, in the phrasings news uses: "X, on the Y", "X lies on the Y river", "X straddles the Y", "X, a
city on the banks of the Y", "along the southern bank of the Y" (the place before), and "the western side of
the Y river" in a sentence about X (the nearest place of the sentence). A river name without the word "river"
counts only when the river index knows it ("on the Euphrates"; not "on the Euphrates Shield front").

River lines come through the small :class:`RiverIndex` seam. By default (:func:`default_rivers`) the lines of
rivers imported into the gazetteer index (``dateline gazetteer import ne_10m_rivers...json``) and those of the
Natural Earth rivers packaged with Dateline (:mod:`dateline.geo.rivers`) count together, so the check works
with no import and an import can only add geometry.
:class:`GeoJSONRivers` reads any LineString GeoJSON file directly.

Distance claims ("Tabqa lies about 50 km west of Raqqa") are measured from the place the claim names (the
geo stage's offset phrase, or the first place after "... km west of"), never from a country or region.
Only settlements (GeoNames class P or S) resolved with confidence >= ``MIN_CONFIDENCE`` take part: a wrongly
placed name must not turn a true sentence into a flag.
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
from dateline.geo.relative import offset_point
from dateline.geo.rivers import packaged_rivers, river_key
from dateline.ids import content_id

log = logging.getLogger(__name__)

RIVER_KM = 30.0  # a city "on" a river lies within this of its centre line (50m lines are generalised)
DISTANCE_ABS_KM = 25.0  # stated distances are rounded; allow this much, or
DISTANCE_REL = 0.5  # this share of the stated distance, whichever is larger
DIRECTION_DEG = 67.5  # a stated compass direction covers ±67.5° (one and a half octants)
NEAR_CHARS = 40  # the place a distance is "of" starts within this many characters
SUBJECT_CHARS = 100  # the place a claim is about ends within this many characters before it
# words that, between a place and a claim, say the claim is about something else ("fled from Homs to camps on
# the Euphrates", "fighting near Tabqa and at a village 20 km east of Raqqa")
_GAP_BREAK = re.compile(r"[;:]|\b(?:and|or|but|from|to|into|towards?|while|whereas|than|then|after|before|via|"
                        r"between|instead)\b", re.IGNORECASE)
AFTER_CHARS = 60  # "on the southern bank of the Y near the village of X": X may follow
MIN_CONFIDENCE = 0.5  # a place resolved less surely than this is not used as evidence
Line = list[tuple[float, float]]  # (lon, lat)

_DIR = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|left|right|opposite)(?:ern)?"
_RUN = r"(?P<run>[A-Z][\w'’-]+(?:\s+(?:al|el|ar|as|ad|[A-Z][\w'’-]+)){0,3})"
_ON_RE = re.compile(
    r"\b(?P<verb>on|along|astride|straddl(?:e|es|ed|ing)|beside)\s+(?P<bank>(?:the|both)\s+(?:" + _DIR + r"\s+)?"
    r"(?:banks?|shores?|sides?|edges?)\s+of\s+)?the\s+" + _RUN)
_SIDE_RE = re.compile(r"\b(?P<side>" + _DIR + r")\s+(?:sides?|banks?|half|part)\s+of\s+the\s+" + _RUN)
# After a bare river name ("on the Euphrates", no "river", no "bank of"), the next word must be one of these (or
# punctuation): "on the Euphrates about 50 km", "on the Euphrates, was"; not "on the Amazon website", "on the
# Euphrates front", "on the Jordan border".
_RIVER_NEXT_OK = frozenset((
    "about", "around", "roughly", "some", "nearly", "just", "only", "in", "at", "near", "and", "or", "which",
    "where", "who", "that", "was", "is", "were", "are", "has", "had", "have", "as", "with", "from", "to",
    "for", "on", "by", "between", "across", "through", "into", "upstream", "downstream", "upriver",
    "downriver", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western", "before", "after", "when", "while", "since", "until", "its",
    "their", "the", "a", "an",
))
_DIST_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>km|kilomet(?:re|er)s?|miles?)\s*(?:\([^)]{0,20}\)\s*)?(?:to\s+the\s+)?"
    r"(?P<dir>(?:north|south)?[\s-]?(?:east|west)|north|south)?(?:ward)?\s+of\s+", re.IGNORECASE)
_OFFSET_LABEL = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*km\s+(?P<dir>[NSEW]{1,3})\s+of$")
_BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
             "west": 270, "northwest": 315}
_ABBREV = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}


class RiverIndex(Protocol):
    def lines(self, name: str) -> list[Line]:
        """Centre lines of the river called ``name`` (empty when unknown)."""
        ...


class GeoJSONRivers:
    """Rivers read from a GeoJSON FeatureCollection of LineStrings (Natural Earth centre lines)."""

    def __init__(self, path: str | Path) -> None:
        self.source = f"GeoJSON file {Path(path).name}"
        self._lines: dict[str, list[Line]] = {}
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for feature in data.get("features", ()):
            props = {k.lower(): v for k, v in (feature.get("properties") or {}).items()}
            for name in {props.get("name"), props.get("name_en"), props.get("name_alt")} - {None, ""}:
                self._lines.setdefault(river_key(str(name)), []).extend(_geometry_lines(feature.get("geometry") or {}))

    def lines(self, name: str) -> list[Line]:
        return self._lines.get(river_key(name), [])


class GazetteerRivers:
    """Rivers from the gazetteer index (geometry stored by the Natural Earth importer)."""

    def __init__(self, path: str | Path | None) -> None:
        from dateline.geo.gazetteer import Gazetteer

        self._gazetteer = Gazetteer.open(path, build=False)
        self.source = f"gazetteer index {self._gazetteer.path} (imported geometry)"

    def lines(self, name: str) -> list[Line]:
        from dateline.geo.names import name_key

        found: list[Line] = []
        for key in {name_key(name), name_key(name + " river")}:
            for entry, _kind in self._gazetteer.lookup(key):
                if (entry.feature or "").startswith("H.") and (text := self._gazetteer.geometry(entry.id)):
                    found.extend(_geometry_lines(json.loads(text)))
        return found


class ChainedRivers:
    """Every index's lines of a river together: an imported Natural Earth file has the Euphrates only where it
    is called "Euphrates" (Iraq), the packaged file merges its Syrian and Turkish segments; a place near any
    line of the river is on it."""

    def __init__(self, indexes: Sequence[RiverIndex]) -> None:
        self.indexes = list(indexes)

    def lines(self, name: str) -> list[Line]:
        return [line for index in self.indexes for line in index.lines(name)]

    def source_of(self, name: str) -> str:
        return "; ".join(_source(index, name) for index in self.indexes if index.lines(name))


def default_rivers(gazetteer: str | None) -> RiverIndex:
    """Rivers imported into the gazetteer index (when it has any) and the packaged Natural Earth rivers."""
    indexes: list[RiverIndex] = []
    try:
        from dateline.geo.gazetteer import default_index_path

        path = Path(gazetteer) if gazetteer else default_index_path()
        if path.exists():
            indexes.append(GazetteerRivers(path))
    except Exception as exc:  # an unreadable index must not stop the run; the packaged rivers remain
        log.warning("W602 imported river geometry unavailable (%s); packaged rivers used", exc)
    return ChainedRivers([*indexes, packaged_rivers()])


@dataclass(frozen=True, slots=True)
class PlacedMention:
    start: int
    end: int
    text: str
    place: str
    lat: float
    lon: float
    feature: str | None = None
    confidence: float = 1.0
    qualifier: str | None = None  # the geo stage's: "50 km W of" on an offset mention, "west", "old city"


def check_document(doc: str, text: str, sentences: Sequence[Sequence[int]], mentions: Sequence[PlacedMention],
                   *, rivers: RiverIndex | None, story: str | None = None) -> list[dict[str, Any]]:
    """Geography conflict rows for one document."""
    rows: list[dict[str, Any]] = []
    mentions = with_repeated_names(text, mentions)
    for start, end in sentences:
        inside = sorted((m for m in mentions if start <= m.start < end), key=lambda m: m.start)
        sentence = text[start:end]
        if rivers is not None:
            rows.extend(_river_flags(doc, story, start, end, sentence, inside, rivers))
        rows.extend(_distance_flags(doc, story, start, end, sentence, inside, mentions))
    return rows


def with_repeated_names(text: str, mentions: Sequence[PlacedMention]) -> list[PlacedMention]:
    """``mentions`` plus the other occurrences of a settlement's name that recognition missed ("Mayadin lies on
    the Euphrates" at a sentence start): one name, one place within a document."""
    known = {m.text: m for m in mentions if _settlement(m) and m.text[:1].isupper() and len(m.text) >= 4}
    covered = [(m.start, m.end) for m in mentions]
    extra = []
    for name, m in known.items():
        for hit in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if not any(a < hit.end() and hit.start() < b for a, b in covered):
                extra.append(PlacedMention(hit.start(), hit.end(), name, m.place, m.lat, m.lon, m.feature,
                                           m.confidence, m.qualifier))
    return sorted([*mentions, *extra], key=lambda m: m.start)


# -- rivers ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RiverClaim:
    start: int  # of the phrase, in the sentence
    end: int
    river: str
    phrase: str
    before_only: bool  # "X, on the Y": the place comes first; "the western side of the Y": any place near
    bank: bool  # "on the southern bank of the Y near X": the place may follow


def river_claims(sentence: str, rivers: RiverIndex) -> list[RiverClaim]:
    """River adjacency claims of a sentence, with the river named as the index knows it."""
    claims: list[RiverClaim] = []
    for regex, before_only in ((_ON_RE, True), (_SIDE_RE, False)):
        for match in regex.finditer(sentence):
            if any(c.start <= match.start("run") < c.end for c in claims):
                continue  # "along the southern bank of the Y" matches both patterns
            river, end = _river_name(sentence, match, rivers)
            if river:
                bank = before_only and bool(match.group("bank"))
                claims.append(RiverClaim(match.start(), end, river, sentence[match.start():end], before_only, bank))
    return claims


def _river_name(sentence: str, match: re.Match[str], rivers: RiverIndex) -> tuple[str | None, int]:
    """The river a matched run of capitalised words names, and where the name (with "river") ends."""
    run, end = match.group("run"), match.end("run")
    words = run.split()
    if words[-1].lower().endswith(("'s", "’s")):
        return None, end  # "on the Amazon's website"
    if words[-1].lower() == "river":
        words = words[:-1]
    else:
        tail = re.match(r"\s+(?P<word>[Rr]iver)\b|\s+(?P<next>[a-z]+)", sentence[end:])
        if tail and tail.group("word"):
            end += tail.end()
        elif tail and not match.groupdict().get("bank") and not match.groupdict().get("side") \
                and tail.group("next") not in _RIVER_NEXT_OK:
            return None, end
    name = " ".join(words)
    if not name or not rivers.lines(name):
        return None, end
    return name, end


def _river_flags(doc: str, story: str | None, start: int, end: int, sentence: str,
                 inside: Sequence[PlacedMention], rivers: RiverIndex) -> list[dict[str, Any]]:
    rows = []
    for claim in river_claims(sentence, rivers):
        city = _claim_subject(inside, start + claim.start, start + claim.end, claim, sentence, start)
        if city is None:
            continue
        km, (lon, lat) = nearest_on_lines(city.lat, city.lon, rivers.lines(claim.river))
        if km <= RIVER_KM:
            continue
        canonical = packaged_rivers().canonical(claim.river)
        source = _source(rivers, claim.river)
        note = (f"{city.text} ({city.lat:.3f}, {city.lon:.3f}) is said to be on the {claim.river} (\"{claim.phrase}\") "
                f"but lies {km:.0f} km from its centre line (nearest point {lat:.3f}, {lon:.3f}; tolerance "
                f"{RIVER_KM:.0f} km; {source})")
        evidence = {"claim": "on the river", "phrase": claim.phrase, "river": canonical or claim.river,
                    "place": _place_evidence(city), "stated_km": 0.0, "computed_km": round(km, 1),
                    "tolerance_km": RIVER_KM, "nearest_point": {"lat": round(lat, 4), "lon": round(lon, 4)},
                    "geometry": source}
        rows.append(_geo_row(doc, story, "river", f"{city.text} / {claim.river}", start, end, sentence, km, note,
                             evidence))
    return rows


def _claim_subject(inside: Sequence[PlacedMention], start: int, end: int, claim: RiverClaim, sentence: str,
                   offset: int) -> PlacedMention | None:
    """The place a river claim is about: the last settlement before it, when nothing between them says the claim
    is about something else; for "the western side of the Y" the nearest one of the sentence; for "on the
    southern bank of the Y" one that follows closely."""
    usable = [m for m in inside if _settlement(m) and river_key(claim.river) not in river_key(m.text)
              and not (start <= m.start < end)]
    before = [m for m in usable if m.end <= start]
    if before and (not claim.before_only or attached(sentence[before[-1].end - offset:start - offset])):
        return before[-1]
    after = [m for m in usable if m.start >= end and (not claim.before_only or m.start - end <= AFTER_CHARS)]
    return after[0] if after and (claim.bank or not claim.before_only) else None


def attached(gap: str) -> bool:
    """Whether the text between a place and a claim lets the claim be about the place ("X, which sits beside
    the dam, on the Y"; not "X to camps on the Y")."""
    return len(gap) <= SUBJECT_CHARS and not _GAP_BREAK.search(gap)


# -- distances and directions ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Reference:
    name: str
    lat: float
    lon: float
    place: str | None
    how: str  # "mention" (the reference's own mention in the document) or "offset" (inverted from the offset point)


def _distance_flags(doc: str, story: str | None, start: int, end: int, sentence: str,
                    inside: Sequence[PlacedMention], everywhere: Sequence[PlacedMention] = ()) -> list[dict[str, Any]]:
    """Distance and direction claims of one sentence (``everywhere``: the document's mentions, where the
    reference place of an offset phrase is found when the sentence names it only inside the phrase)."""
    rows = []
    claims: list[tuple[int, float | None, str | None, Reference]] = []  # (position, stated km, direction, reference)
    for m in inside:
        label = _OFFSET_LABEL.match(m.qualifier or "") if m.place.startswith("off:") else None
        if label is None or m.confidence < MIN_CONFIDENCE:
            continue
        stated, bearing = float(label.group("num")), _ABBREV.get(label.group("dir"))
        name = re.sub(r"^.*?\bof\s+(?:the\s+(?:city|town|village)\s+of\s+)?", "", m.text, flags=re.I).strip()
        claims.append((m.start, stated, label.group("dir"), _reference(name, m, everywhere or inside, stated, bearing)))
    for match in _DIST_RE.finditer(sentence):
        pos = start + match.start()
        if any(m.start <= pos < m.end and m.place.startswith("off:") for m in inside):
            continue  # the geo stage read this phrase as an offset: handled above
        anchor = next((m for m in inside if start + match.end() <= m.start <= start + match.end() + NEAR_CHARS), None)
        if anchor is None or not _settlement(anchor):
            continue  # "50 km north of Syria's border": no point to measure from
        stated = float(match.group("num")) * (1.609 if match.group("unit").lower().startswith("mile") else 1.0)
        direction = (match.group("dir") or "").lower().replace("-", "").replace(" ", "") or None
        claims.append((pos, stated, direction, Reference(anchor.text, anchor.lat, anchor.lon, anchor.place, "mention")))
    for pos, stated, direction, ref in claims:
        subject = next((m for m in reversed(inside) if m.end <= pos and _settlement(m)
                        and m.place != ref.place and m.text != ref.name), None)
        if subject is None or not attached(sentence[subject.end - start:pos - start]):
            continue
        rows.extend(_distance_row(doc, story, start, end, sentence, subject, ref, stated, direction))
    return rows


def _reference(name: str, offset: PlacedMention, inside: Sequence[PlacedMention], stated: float,
               bearing: float | None) -> Reference:
    """The place an offset phrase is measured from: its own mention when the document places it again, else the
    point the offset was computed from (the offset point, moved back)."""
    own = next((m for m in inside if m.text == name and not m.place.startswith("off:") and _settlement(m)), None)
    if own is not None:
        return Reference(name, own.lat, own.lon, own.place, "mention")
    if bearing is None:
        return Reference(name, offset.lat, offset.lon, None, "offset")
    lat, lon = offset_point(offset.lat, offset.lon, stated, (bearing + 180) % 360)
    return Reference(name, lat, lon, None, "offset")


def _distance_row(doc: str, story: str | None, start: int, end: int, sentence: str, subject: PlacedMention,
                  ref: Reference, stated: float | None, direction: str | None) -> list[dict[str, Any]]:
    actual = haversine_km(ref.lat, ref.lon, subject.lat, subject.lon)
    bearing = initial_bearing(ref.lat, ref.lon, subject.lat, subject.lon)
    problems = []
    tolerance = max(DISTANCE_ABS_KM, DISTANCE_REL * stated) if stated is not None else None
    if stated is not None and tolerance is not None and abs(actual - stated) > tolerance:
        problems.append(f"stated {stated:.0f} km, coordinates give {actual:.0f} km")
    wanted = _ABBREV.get(direction or "", _BEARINGS.get(direction or ""))
    off = abs((bearing - wanted + 180) % 360 - 180) if wanted is not None else 0.0
    if wanted is not None and actual > DISTANCE_ABS_KM and off > DIRECTION_DEG:
        problems.append(f"stated {direction}, coordinates give a bearing of {bearing:.0f}°")
    if not problems:
        return []
    note = (f"{subject.text} relative to {ref.name} ({ref.lat:.3f}, {ref.lon:.3f}): " + "; ".join(problems))
    evidence = {"claim": "distance", "place": _place_evidence(subject),
                "reference": {"name": ref.name, "place": ref.place, "lat": round(ref.lat, 4), "lon": round(ref.lon, 4),
                              "from": ref.how},
                "stated_km": stated, "stated_direction": direction, "computed_km": round(actual, 1),
                "computed_bearing": round(bearing), "tolerance_km": tolerance, "tolerance_deg": DIRECTION_DEG}
    return [_geo_row(doc, story, "distance", f"{subject.text} / {ref.name}", start, end, sentence, actual, note, evidence)]


# -- shared ---------------------------------------------------------------------------------------------------
def _settlement(m: PlacedMention) -> bool:
    """A place that is a point (town, site), placed surely enough to be evidence; not offsets, rivers, countries."""
    return (not m.place.startswith("off:") and m.confidence >= MIN_CONFIDENCE
            and (m.feature or "")[:1] in ("P", "S") and m.qualifier != "demonym")


def _place_evidence(m: PlacedMention) -> dict[str, Any]:
    return {"name": m.text, "place": m.place, "lat": round(m.lat, 4), "lon": round(m.lon, 4),
            "feature": m.feature, "confidence": m.confidence}


def _source(rivers: Any, name: str) -> str:
    if hasattr(rivers, "source_of"):
        return str(rivers.source_of(name))
    return str(getattr(rivers, "source", type(rivers).__name__))


def _geo_row(doc: str, story: str | None, kind: str, subject: str, start: int, end: int, sentence: str,
             measured: float, note: str, evidence: dict[str, Any]) -> dict[str, Any]:
    return {"id": content_id(doc, kind, str(start), subject, prefix="cf-"), "story": story, "kind": kind,
            "subject": subject, "items": [], "values": [{"doc": doc, "value": round(measured, 1)}],
            "conservative": None, "note": note, "evidence": evidence,
            "sources": [{"doc": doc, "start": start, "end": end, "text": sentence}]}


def nearest_on_lines(lat: float, lon: float, lines: Sequence[Line]) -> tuple[float, tuple[float, float]]:
    """Distance (km) from a point to the nearest of ``lines`` and that nearest point (lon, lat)."""
    return min((_nearest_on_line(lat, lon, line) for line in lines), key=lambda pair: pair[0])


def point_line_km(lat: float, lon: float, line: Line) -> float:
    """Distance from a point to a polyline (local equirectangular projection around the point)."""
    return _nearest_on_line(lat, lon, line)[0]


def _nearest_on_line(lat: float, lon: float, line: Line) -> tuple[float, tuple[float, float]]:
    kx, ky = 111.32 * math.cos(math.radians(lat)), 110.574
    pts = [((x - lon) * kx, (y - lat) * ky) for x, y in line]
    segments = zip(pts, pts[1:], strict=False) if len(pts) > 1 else [(pts[0], pts[0])]
    best = min((_segment_nearest(a, b) for a, b in segments), key=lambda p: math.hypot(*p))
    return math.hypot(*best), (lon + best[0] / kx, lat + best[1] / ky)


def _segment_nearest(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The point of segment a–b nearest the origin."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if not length2 else max(0.0, min(1.0, -(a[0] * dx + a[1] * dy) / length2))
    return a[0] + t * dx, a[1] + t * dy


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Compass bearing (degrees) from point 1 to point 2."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


def _geometry_lines(geometry: Any) -> list[Line]:
    """LineString / MultiLineString (dict) or a bare list of lines → list of (lon, lat) lines."""
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else geometry
    kind = geometry.get("type") if isinstance(geometry, dict) else "MultiLineString"
    if not coords:
        return []
    parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
    return [[(float(p[0]), float(p[1])) for p in part] for part in parts if part]
