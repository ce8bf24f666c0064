"""Qualifiers and relative positions around a toponym.

* Relative positions, before the toponym: "25 kilometres north east of Mosul", "1km east of",
  "just northwest of", "a few miles south of" → an offset point computed from the base place, with a
  radius (``radius_km``) saying how vague the statement is.
* Direction qualifiers: "west Mosul", "eastern Mosul" → the base place, qualifier "west".
* Parts: "Mosul's Old City" → the base place, qualifier "old city".
* Districts: "the Karama district of Mosul", "Hay al-Karama" → the base place, qualifier "district: Karama".
The word lists are data (data/directions.tsv, units.tsv, vague_distances.tsv, qualifiers.tsv).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from dateline.geo.gazetteer import read_tsv

RADIUS_FRACTION = 0.2  # a stated distance is taken to be good to ±20% ("25 km" → radius 5 km)
MIN_RADIUS_KM = 1.0
EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Relative:
    start: int  # where the phrase begins (before the toponym)
    distance_km: float
    bearing: float
    radius_km: float
    label: str  # "25 km NE of"


@dataclass(frozen=True, slots=True)
class Qualifier:
    start: int
    end: int
    label: str  # "west", "old city", "district: Karama"


@cache
def _directions() -> dict[str, tuple[float, str]]:
    return {row[0]: (float(row[1]), row[2]) for row in read_tsv("directions.tsv")}


@cache
def _units() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in read_tsv("units.tsv")}


@cache
def _vague() -> dict[str, tuple[float, float]]:
    return {row[0]: (float(row[1]), float(row[2])) for row in read_tsv("vague_distances.tsv")}


@cache
def _parts() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("qualifiers.tsv")}


def part_of(surface: str) -> tuple[str, str | None] | None:
    """A name that is only a part of a town: "the Old City" → ("old city", None);
    "Old City of Raqqa" → ("old city", "Raqqa"); anything else → None."""
    match = re.match(r"^(?:the\s+)?(?P<part>" + _alternation([p for p, kind in _parts().items() if kind == "part"])
                     + r")(?:\s+of\s+(?:the\s+)?(?P<base>[A-Z].*))?$", surface.strip(), re.I)
    return (re.sub(r"\s+", " ", match.group("part").lower()), match.group("base")) if match else None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?") for w in sorted(words, key=len, reverse=True))


@cache
def _relative_re() -> re.Pattern[str]:
    compass = [w for w, (b, _) in _directions().items() if b >= 0 and not w.endswith("ern")]
    return re.compile(
        r"(?:(?P<num>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>" + _alternation(list(_units())) + r")\b\s*"
        r"|(?P<vague>" + _alternation(list(_vague())) + r")\s+(?:(?P<vunit>" + _alternation(list(_units())) + r")\s+)?)?"
        r"(?P<dir>" + _alternation(compass) + r")\s+of\s+(?:the\s+(?:city|town|village)\s+of\s+)?$", re.I)


@cache
def _direction_re() -> re.Pattern[str]:
    return re.compile(r"\b(?P<dir>" + _alternation([w for w in _directions()]) + r")\s+$", re.I)


def find_relative(text: str, start: int) -> Relative | None:
    """A relative-position phrase ending right before ``start``."""
    window_start = max(0, start - 80)
    match = _relative_re().search(text[window_start:start])
    if not match or not (match.group("num") or match.group("vague")):
        return None
    bearing, abbrev = _directions()[_norm_dir(match.group("dir"))]
    if match.group("num"):
        km = float(match.group("num").replace(",", ".")) * _units()[match.group("unit").lower()]
        radius = max(MIN_RADIUS_KM, km * RADIUS_FRACTION)
        label = f"{_fmt(km)} km {abbrev} of"
    else:
        km, radius = _vague()[re.sub(r"\s+", " ", match.group("vague").lower())]
        if match.group("vunit"):
            km, radius = km * _units()[match.group("vunit").lower()], radius * _units()[match.group("vunit").lower()]
        unit = f" {match.group('vunit').lower()}" if match.group("vunit") else ""
        label = f"{match.group('vague').lower()}{unit} {abbrev} of"
    return Relative(window_start + match.start(), km, bearing, radius, label)


def find_qualifier(text: str, start: int, end: int) -> Qualifier | None:
    """A direction word before ("west Mosul"), a part after ("Mosul's Old City"), or a district phrase before."""
    district = re.search(r"\bthe\s+(?:(?:" + _alternation(list(_directions())) + r"|old|new|central|inner)\s+)?"
                         r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?P<kind>district|neighbou?rhood|quarter|area)\s+of\s+$",
                         text[max(0, start - 60):start])
    if district:
        return Qualifier(max(0, start - 60) + district.start("name"), end, f"{district.group('kind').lower()}: {district.group('name')}")
    after = re.match(r"['’]s\s+(?P<part>" + _alternation(list(_parts())) + r")\b", text[end:end + 30], re.I)
    if after:
        return Qualifier(start, end + after.end(), after.group("part").lower())
    before = _direction_re().search(text[max(0, start - 20):start])
    if before and not text[max(0, start - 20):start].rstrip().lower().endswith(" of"):
        word = _norm_dir(before.group("dir"))
        return Qualifier(max(0, start - 20) + before.start("dir"), end, word.replace("ern", "") if word != "central" else word)
    return None


def _norm_dir(word: str) -> str:
    word = re.sub(r"[\s-]+", " ", word.lower())
    table = _directions()
    return word if word in table else word.replace(" ", "-") if word.replace(" ", "-") in table else word.replace(" ", "")


def offset_point(lat: float, lon: float, distance_km: float, bearing: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) on initial bearing ``bearing`` degrees (great circle)."""
    phi1, lam1, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    delta = distance_km / EARTH_KM
    phi2 = math.asin(math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta))
    lam2 = lam1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi1), math.cos(delta) - math.sin(phi1) * math.sin(phi2))
    return round(math.degrees(phi2), 5), round((math.degrees(lam2) + 540) % 360 - 180, 5)


def _fmt(km: float) -> str:
    return f"{km:.0f}" if km >= 10 or km == int(km) else f"{km:.1f}"
