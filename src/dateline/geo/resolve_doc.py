"""Resolve the places of one document: recognition → candidates → ranking → qualifiers and offsets."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence

from dateline.clean.comments import comments_start
from dateline.geo.capital import capital_phrases
from dateline.geo.gazetteer import Entry, Gazetteer
from dateline.geo.recognize import ToponymSpan, recognize
from dateline.geo.relative import find_qualifier, find_relative, offset_point, part_of
from dateline.geo.resolve import Toponym, resolve_toponyms
from dateline.model import Document, Place, PlaceMention, Span

_INNER_DIRECTION_RE = re.compile(r"^((?:north|south)?[- ]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?)\s+\S", re.I)
DEMONYM = "demonym"  # qualifier of associative mentions ("Iraqi"): not an event location
NEIGHBOURHOOD_PREFIXES = ("hay ", "hayy ", "hai ")
NEIGHBOURHOOD_CONFIDENCE = 0.5  # share of the base place's confidence an unlisted neighbourhood inherits
PART_NEAR = math.exp(-1.0)  # "Old City" keeps its own gazetteer place only within NEAR_SCALE_KM of the document's places
BASE_CONFIDENCE = 0.5  # a town that can be the base of a part ("the Old City") when the text names none
SHOWN_CANDIDATES = 3  # candidates an unresolved mention lists in its qualifier


def resolve_places(document: Document, gazetteer: Gazetteer, *,
                   spans: Sequence[ToponymSpan] | None = None) -> tuple[tuple[PlaceMention, ...], tuple[Place, ...]]:
    """Place mentions (resolved or not) and the Place records they point to."""
    found = list(spans) if spans is not None else recognize(document, gazetteer)
    toponyms = [Toponym(s.start, s.end, s.text) for s in found]
    resolve_toponyms(gazetteer, document.text, toponyms)
    records: dict[str, Place] = {}
    mentions: list[PlaceMention] = []
    covered = -1  # end of the last qualifier phrase: "Old City" in "Mosul's Old City" is not a place of its own
    for span, toponym in zip(found, toponyms, strict=True):
        if span.start < covered:
            continue
        produced = _mentions(document, span, toponym, toponyms, records)
        covered = max([covered] + [m.end for m in produced if m.end > span.end])
        mentions.extend(produced)
    # A qualifier phrase that starts before its base place ("the Karama district of Mosul") covers names
    # already resolved on their own: those are parts of the base place, not places elsewhere.
    wide = [m for m in mentions if m.qualifier and m.qualifier != DEMONYM]
    mentions = [m for m in mentions if not any(w is not m and w.start <= m.start and m.end <= w.end
                                               and (w.start, w.end) != (m.start, m.end) for w in wide)]
    if spans is None:  # recognition: also the capital a description means ("the Libyan capital")
        for phrase in capital_phrases(document, gazetteer, mentions, records):
            pid = _record(records, phrase.entry, phrase.confidence, document.id, phrase.start, phrase.end, document.text)
            mentions.append(PlaceMention(document.id, phrase.start, phrase.end, phrase.text, pid, phrase.confidence))
    comments = comments_start(document.text) if spans is None else None
    if comments is not None:  # readers' comments help resolve the article's names but place nothing themselves
        mentions = [m for m in mentions if m.start < comments]
    used = {m.place for m in mentions}
    kept = tuple(r for pid, r in records.items() if pid in used)
    return tuple(sorted(mentions, key=lambda m: (m.start, m.end))), kept


def _mentions(document: Document, span: ToponymSpan, toponym: Toponym, toponyms: list[Toponym],
              records: dict[str, Place]) -> list[PlaceMention]:
    text, doc = document.text, document.id
    part = part_of(span.text)
    if part is not None and (toponym.best is None or toponym.signals.get("near", 0.0) < PART_NEAR):
        base = _part_base(part[1], toponym, toponyms)
        if base is not None:  # "the Old City" in a story about Raqqa is Raqqa's, not Jerusalem's
            confidence = round(base.confidence * NEIGHBOURHOOD_CONFIDENCE, 3)
            pid = _record(records, base.best, confidence, doc, span.start, span.end, text)  # type: ignore[arg-type]
            return [PlaceMention(doc, span.start, span.end, span.text, pid, confidence, part[0])]
    if _bare_prefix(toponym) and toponym.best is not None and toponym.signals.get("near", 0.0) < PART_NEAR:
        toponym = dataclasses.replace(toponym, best=None)  # "Hay" far from the story: the word, not Hay, Australia
    if toponym.best is None:
        base = _neighbourhood_base(toponym, toponyms)
        if base is None:
            label = DEMONYM if span.demonym or toponym.demonym else _candidates_label(toponym)
            return [PlaceMention(doc, span.start, span.end, span.text, None, 0.0, label)]
        confidence = round(base.confidence * NEIGHBOURHOOD_CONFIDENCE, 3)
        pid = _record(records, base.best, confidence, doc, span.start, span.end, text)  # type: ignore[arg-type]
        return [PlaceMention(doc, span.start, span.end, span.text, pid, confidence, f"neighbourhood: {span.text}")]
    if span.demonym or toponym.demonym:
        pid = _record(records, toponym.best, toponym.confidence, doc, span.start, span.end, text)
        return [PlaceMention(doc, span.start, span.end, span.text, pid, toponym.confidence, DEMONYM)]
    out = []
    qualifier = find_qualifier(text, span.start, span.end)
    start, end = (qualifier.start, qualifier.end) if qualifier else (span.start, span.end)
    label = qualifier.label if qualifier else _inner_direction(span.text)
    pid = _record(records, toponym.best, toponym.confidence, doc, start, end, text)
    out.append(PlaceMention(doc, start, end, text[start:end], pid, toponym.confidence, label))
    relative = find_relative(text, span.start)
    if relative is not None:
        lat, lon = offset_point(toponym.best.lat, toponym.best.lon, relative.distance_km, relative.bearing)
        name = f"{relative.label} {toponym.best.name}"
        offset_id = "off:" + hashlib.blake2b(f"{pid}|{relative.label}".encode(), digest_size=6).hexdigest()
        span_text = text[relative.start:span.end]
        place = records.get(offset_id)
        mention_span = Span(doc, relative.start, span.end, span_text)
        records[offset_id] = Place(offset_id, name, lat, lon, toponym.best.country, None, None, toponym.best.admin1,
                                   toponym.confidence, radius_km=round(relative.radius_km, 2),
                                   mentions=(place.mentions if place else ()) + (mention_span,))
        out.append(PlaceMention(doc, relative.start, span.end, span_text, offset_id, toponym.confidence, relative.label))
    return out


def _inner_direction(surface: str) -> str | None:
    """A direction word that recognition kept inside the span ("west Mosul" as one entity)."""
    match = _INNER_DIRECTION_RE.match(surface)
    return match.group(1).lower().replace("ern", "") if match else None


def _neighbourhood_base(toponym: Toponym, toponyms: list[Toponym]) -> Toponym | None:
    """The nearest preceding populated place for an unlisted "Hay al-X" neighbourhood (or a bare "Hay",
    the Arabic word for district, cut off from its name: "Hay [district] al-Karama")."""
    if not (toponym.text.lower().startswith(NEIGHBOURHOOD_PREFIXES) or _bare_prefix(toponym)):
        return None
    before = [t for t in toponyms if t.end <= toponym.start and t.best is not None and (t.best.feature or "").startswith("P")]
    return before[-1] if before else None


def _bare_prefix(toponym: Toponym) -> bool:
    return (toponym.text.lower() + " ") in NEIGHBOURHOOD_PREFIXES


def _part_base(named: str | None, toponym: Toponym, toponyms: list[Toponym]) -> Toponym | None:
    """The town a part belongs to: the one it names ("Old City of Raqqa"), else the document's most mentioned
    confident town (the story's town: a Raqqa story mentions Baghdad once and Raqqa throughout); None when none."""
    towns = [t for t in toponyms if t.text != toponym.text and t.best is not None and (t.best.feature or "").startswith("P")
             and t.confidence >= BASE_CONFIDENCE and part_of(t.text) is None]
    if named is not None:
        return next((t for t in towns if t.text == named), None)
    counts = Counter(t.best.id for t in towns if t.best is not None)
    return max(towns, key=lambda t: counts[t.best.id] if t.best else 0, default=None)


def _candidates_label(toponym: Toponym) -> str | None:
    """ "candidates: Al Jazīrah (SD), ..." for a name left unresolved that had some."""
    if not toponym.candidates:
        return None
    names = [f"{c.entry.name} ({c.entry.country or '-'})" for c in toponym.candidates[:SHOWN_CANDIDATES]]
    return "candidates: " + ", ".join(names)


def _record(records: dict[str, Place], entry: Entry, confidence: float, doc: str, start: int, end: int, text: str) -> str:
    pid = entry.place_id
    span = Span(doc, start, end, text[start:end])
    old = records.get(pid)
    records[pid] = Place(pid, entry.name, entry.lat, entry.lon, entry.country, entry.feature, entry.gid, entry.admin1,
                         max(confidence, old.confidence) if old else confidence,
                         mentions=(old.mentions if old else ()) + (span,))
    return pid
