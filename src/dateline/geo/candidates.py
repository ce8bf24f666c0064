"""Candidate places for a toponym: exact, alternate-name, transliteration-skeleton and fuzzy matches.

Every candidate carries ``match`` in 0–1, how well the surface form matches the entry's name:
``MATCH_*`` below. Fuzzy matches (rapidfuzz over skeletons sharing a prefix) are only tried when
nothing matched exactly, and only above ``FUZZY_MIN_RATIO``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from dateline.geo.gazetteer import (
    NAME_ALIAS,
    NAME_ALT,
    NAME_ASCII,
    NAME_PRIMARY,
    NAME_SHORT,
    Entry,
    Gazetteer,
)
from dateline.geo.names import name_key, skeleton

MATCH_BY_KIND = {NAME_PRIMARY: 1.0, NAME_ALIAS: 1.0, NAME_ASCII: 0.95, NAME_ALT: 0.85, NAME_SHORT: 0.7}
MATCH_SKELETON = 0.7
MATCH_FUZZY = 0.55  # times the ratio (0-1)
FUZZY_MIN_RATIO = 90  # rapidfuzz ratio on skeletons; 90 keeps "Qaraqosh"/"Qaraqush" and drops unrelated names
MAX_CANDIDATES = 60
_STRIP_PREFIX = re.compile(r"^(the|downtown|greater|central|metro|metropolitan|(?:north|south)?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?)\s+", re.I)
_STRIP_SUFFIX = re.compile(r"\s+(city|town|village|area|region|governorate|province)$", re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    match: float


def candidates(gazetteer: Gazetteer, surface: str, *, fuzzy: bool = True) -> list[Candidate]:
    """Candidates for one surface form, best match per place, most important first."""
    best: dict[int, Candidate] = {}
    for variant, penalty in _variants(surface):
        key = name_key(variant)
        if not key:
            continue
        for entry, kind in gazetteer.lookup(key):
            _keep(best, entry, MATCH_BY_KIND.get(kind, 0.85) * penalty)
        if best:
            break
    if not best or max(c.match for c in best.values()) < MATCH_BY_KIND[NAME_ASCII]:
        # no place has this as its own name ("Kufra" is only an alternate name of a Turkish town): the
        # transliteration variants of a place's own name compete ("Al Kufrah")
        key = name_key(surface)
        skel = skeleton(key)
        if len(skel) >= 4:
            for entry, _kind in gazetteer.lookup_skeleton(skel):
                if not _country(entry):
                    _keep(best, entry, MATCH_SKELETON)
        if not best and fuzzy:
            for other in gazetteer.similar_skeletons(skel):
                ratio = fuzz.ratio(skel, other)
                if ratio >= FUZZY_MIN_RATIO:
                    for entry, _kind in gazetteer.lookup_skeleton(other):
                        if not _country(entry):
                            _keep(best, entry, MATCH_FUZZY * ratio / 100)
    ranked = sorted(best.values(), key=lambda c: (-c.match, -c.entry.population))
    return ranked[:MAX_CANDIDATES]


def _country(entry: Entry) -> bool:
    """Countries are written one way in English news (or under a listed alternate name): a transliteration
    skeleton or a fuzzy match that lands on one is a town's name ("Al-Romaniya", a Raqqa district, is not
    Romania)."""
    return (entry.feature or "").startswith("A.PCL")


def _variants(surface: str) -> list[tuple[str, float]]:
    out = [(surface, 1.0)]
    stripped = _STRIP_SUFFIX.sub("", _STRIP_PREFIX.sub("", surface))
    if stripped != surface and stripped:
        out.append((stripped, 0.9))
    if surface.endswith(" Co."):  # "Loudon Co." → "Loudon County"
        out.append((surface[:-4] + " County", 1.0))
    if surface.endswith(("'s", "’s")):
        out.append((surface[:-2], 1.0))
    return out


def _keep(best: dict[int, Candidate], entry: Entry, match: float) -> None:
    old = best.get(entry.id)
    if old is None or match > old.match:
        best[entry.id] = Candidate(entry, match)
