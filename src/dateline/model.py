"""Dateline's data model: one place for every record that flows through the pipeline.

Standard library only. Records are frozen, slotted dataclasses; sequence fields are tuples so a
record can be hashed, pickled to a worker process, or turned into an Arrow/JSON row without
surprises. Stages never mutate a record: they return a new one with ``dataclasses.replace``.

Provenance rule: every extracted fact carries ``doc``, ``start`` and ``end``, character offsets
(Python ``str`` indices) into ``Document.text``; ``text[start:end]`` is exactly the mention (or the
sentence, for events and figures).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# Document status values.
STATUS_OK = "ok"
STATUS_SKIPPED = "skipped"
STATUS_ERROR = "error"

# Where a publication date came from.
FROM_METADATA = "metadata"
FROM_TEXT = "text"  # a date line, header or dateline of the article text
FROM_URL = "url"  # the article's URL holds the date ("/2011/08/12/", "/2018/apr/05/")
FROM_INFERRED = "inferred"


@dataclass(frozen=True, slots=True)
class Span:
    """A provenance span: ``text[start:end]`` of document ``doc``."""

    doc: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the raw body that cleaning removed, and why."""

    kind: str  # caption | boilerplate | icon_junk | player | related_link | credit | ...
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the language layer, kept so later stages need no spaCy ``Doc``.

    ``head`` is the index of the syntactic head in ``Document.tokens`` (itself for the root).
    """

    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int  # index into Document.sentences


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention found by the language layer (spaCy NER, corrected)."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP, ...
    canonical: str = ""  # canonical name within the document (filled by entities stage)
    entity: str = ""  # corpus-wide entity id (filled when entities are linked across docs)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A normalised temporal expression (TIMEX3 value) anchored to a reference date."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # 2017-04-06, 2017-W13, P3W, PRESENT_REF, ...
    anchor: str | None  # the reference date used (ISO), None when absolute
    rule: str  # which rule produced the value
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER ...


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One resolved (or unresolved) toponym in one document."""

    doc: str
    start: int
    end: int
    text: str
    place: str | None  # Place.id, None when unresolved
    confidence: float
    qualifier: str | None = None  # "west", "old city", "25 km NE of", ...


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place with coordinates (gazetteer entry or derived offset point)."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-2
    feature: str | None  # GeoNames feature class.code, e.g. "P.PPLA"
    geonames_id: int | None
    admin1: str | None
    confidence: float
    radius_km: float | None = None  # for offset points ("25 km north east of Mosul")
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor or target of an event: the phrase as written, its dictionary actor and ACLED ``inter`` code."""

    name: str
    entity: str | None = None
    canonical: str | None = None  # actor dictionary name ("Military Forces of Libya"), None when unknown
    type: int | None = None  # ACLED inter: 1 state forces ... 7 civilians, 8 external/other; 0/None unknown


@dataclass(frozen=True, slots=True)
class EventPlace:
    name: str
    lat: float | None
    lon: float | None
    place: str | None


@dataclass(frozen=True, slots=True)
class Event:
    """A typed event mention (PLOVER type + ACLED sub-event type), with its sources."""

    id: str
    type: str
    trigger: str
    sources: tuple[Span, ...]
    mode: str | None = None
    acled: str | None = None
    actors: tuple[Participant, ...] = ()
    targets: tuple[Participant, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    place: EventPlace | None = None
    fatalities: int | None = None
    modality: str = "asserted"
    summary: str = ""
    story: str | None = None
    confidence: float = 0.0  # calibrated: of events at confidence >= x, about x are real incident records
    reportable: bool = False  # presented as fact: asserted, not background, confidence >= the threshold
    background: bool = False  # happened well before publication, told as history
    admin1: str | None = None  # first-level division of the place, when known
    country: str | None = None  # ISO 3166-1 alpha-2 of the place, when known


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    doc: str
    start: int
    end: int
    text: str
    kind: str  # direct | indirect
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    doc: str
    start: int  # the sentence
    end: int
    value: float
    unit_or_what: str
    as_of: str | None = None
    attributed_to: str | None = None
    conflicts_with: tuple[str, ...] = ()
    cumulative: bool = False  # a running total ("killed since March"), never one incident's toll


@dataclass(frozen=True, slots=True)
class Document:
    """One article as it moves through the pipeline.

    Ingest fills the raw fields; ``clean`` fills ``text``/``removed`` and metadata; ``nlp`` fills
    ``language``, ``sentences``, ``paragraphs`` and ``mentions``; later stages fill the rest.
    """

    id: str
    source: str
    raw: str = ""  # decoded input (HTML or text); dropped before storing
    format: str = "text"  # text | html | json
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    published_from: str | None = None
    language: str = "und"
    text: str = ""
    removed: tuple[Removal, ...] = ()
    status: str = STATUS_OK
    error: str | None = None
    notes: tuple[str, ...] = ()  # non-fatal remarks: "decoded as cp1252", ...
    paragraphs: tuple[tuple[int, int], ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    tokens: tuple[Token, ...] = ()  # worker-local: dropped before a document is stored
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    place_records: tuple[Place, ...] = ()  # the Place rows that ``places`` point to
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity linked across documents."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]
    part_of: str | None = None  # entity id of a parent organisation ("9th division" → Iraqi Army)
    kb: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    docs: tuple[str, ...]
    events: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    story: str
    date: str
    event: str
    text: str
    sources: tuple[Span, ...]


def to_dict(record: Any) -> dict[str, Any]:
    """Convert a record (and nested records) to plain JSON-ready dicts and lists."""
    return _plain(dataclasses.asdict(record))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
