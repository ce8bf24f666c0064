"""Cross-source event merging: event mentions of one real-world event become one merged event.

Within a story, mentions are blocked by PLOVER type family and by day; a mention joins a merged event
when the types are compatible, the date ranges overlap, the places are near (or unknown) and the actors
are compatible, with at least ``MIN_EVIDENCE`` positive signals. Every reporting sentence is kept in
``sources``; per-source numbers are kept in ``fatalities_by_source`` and the merged ``fatalities`` is the
most conservative (lowest) reported figure, as ACLED codes it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from dateline.events.actors import CROWD_TYPES
from dateline.events.describe import subject_of, summary_line
from dateline.events.incidents import BOMBINGS, PEACEFUL, SUICIDE_BOMB, acled_family
from dateline.geo.gazetteer import haversine_km
from dateline.ids import content_id
from dateline.stories.features import words
from dateline.time.calendar import day_span

DAY_SLACK = 0  # days two reports' dates may lie apart and still be one event: ACLED's unit is one day (a
# slack of one merged consecutive days of a sit-in or a battle and gave the record another day's date)
PLACE_KM = 25.0  # two event places farther apart than this are different events (neighbouring towns are; 50 km
# joined a town and the capital's suburbs)
UNDATED_LOOKBACK_DAYS = 7  # an undated report is about something in the week before publication
MAX_SPAN_DAYS = 7  # coarser dates (a month, a year, "last summer") are never merged: too vague to be the same event
BACKGROUND_DAYS = 60  # an event dated this long before every report of it is background, not news
MIN_EVIDENCE = 2.0
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(slots=True)
class EventRow:
    """One stored event mention with what merging needs from its document."""

    id: str
    doc: str
    story: str
    type: str
    trigger: str = ""
    date: str | None = None
    date_precision: str | None = None
    place: dict[str, Any] | None = None
    actors: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    fatalities: int | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    mode: str | None = None
    acled: str | None = None
    modality: str = "asserted"
    summary: str = ""
    published: str | None = None
    outlet: str | None = None
    original: str = ""  # the document this one copies (itself when not a copy)
    confidence: float = 0.0
    reportable: bool = False
    background: bool = False
    admin1: str | None = None
    country: str | None = None


@dataclass(slots=True)
class _Cluster:
    members: list[EventRow]
    span: tuple[int, int]
    points: list[tuple[float, float]]
    actor_words: set[str]


@cache
def type_family() -> dict[str, str]:
    """PLOVER type → family name (types listed as compatible share a family)."""
    text = resources.files("dateline.stories").joinpath("data/compatible_types.tsv").read_text(encoding="utf-8")
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for line in text.splitlines()[1:]:
        a, _, b = line.partition("\t")
        if a and b:
            parent[find(a.strip())] = find(b.strip())
    return {t: find(t) for t in parent}


def date_span(date: str | None, precision: str | None, published: str | None) -> tuple[int, int] | None:
    """The days an event date covers, as ordinals; undated events borrow the week before publication."""
    span = day_span(date) if date else None
    if span is None and published:
        pub = day_span(published[:10])
        if pub is not None:
            return (pub[1] - UNDATED_LOOKBACK_DAYS, pub[1])
    return span


def merge_events(events: Sequence[EventRow], *, min_evidence: float = MIN_EVIDENCE) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Merge event mentions; return merged-event rows and member event id → merged id."""
    blocks: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for event in events:
        blocks[(event.story, type_family().get(event.type, event.type))].append(event)
    rows: list[dict[str, Any]] = []
    for key in sorted(blocks):
        for cluster in _cluster_block(blocks[key], min_evidence):
            rows.append(merged_row(cluster))
    membership = {m: row["id"] for row in rows for m in row["members"]}
    return rows, membership


def _cluster_block(events: list[EventRow], min_evidence: float) -> list[list[EventRow]]:
    """Greedy single pass in date order; candidates come from day buckets (no all-pairs)."""
    clusters: list[_Cluster] = []
    by_day: dict[int, list[int]] = defaultdict(list)
    spans = {e.id: date_span(e.date, e.date_precision, e.published) for e in events}
    def order(e: EventRow) -> tuple[bool, tuple[int, int], str]:  # day-dated first: vague reports then join them
        span = spans[e.id]
        return (span is None or span[1] - span[0] > MAX_SPAN_DAYS, span or (10**7, 0), e.id)

    for event in sorted(events, key=order):
        span = spans[event.id]
        best, best_score = None, 0.0
        if span is not None and span[1] - span[0] <= MAX_SPAN_DAYS:
            seen: set[int] = set()
            for day in range(span[0] - DAY_SLACK, span[1] + 1 + DAY_SLACK):
                for idx in by_day.get(day, ()):
                    if idx not in seen:
                        seen.add(idx)
                        score = _evidence(event, span, clusters[idx])
                        if score > best_score:
                            best, best_score = idx, score
        if best is None and span is not None and span[1] - span[0] > MAX_SPAN_DAYS:
            best, best_score = _unique_within(event, span, clusters)  # "an air strike earlier this month"
        if best is not None and best_score >= min_evidence:
            _absorb(clusters[best], event)
            continue
        clusters.append(_Cluster([event], span or (0, 0), _points(event), _actor_words(event)))
        if span is not None and span[1] - span[0] <= MAX_SPAN_DAYS:
            for day in range(span[0], span[1] + 1):
                by_day[day].append(len(clusters) - 1)
    return [c.members for c in clusters]


def _unique_within(event: EventRow, span: tuple[int, int], clusters: list[_Cluster]) -> tuple[int | None, float]:
    """A vaguely dated report ("earlier this month") joins the one day-dated record of its period with the same
    sub-event type at the same place (near its point, or a name the gazetteer could not place written alike);
    with none or several it stays apart."""
    points, name = _points(event), _place_name(event)
    if not points and not name:
        return None, 0.0

    def same_place(cluster: _Cluster) -> bool:
        if points:
            return bool(cluster.points) and min(haversine_km(*p, *q) for p in points for q in cluster.points) <= PLACE_KM / 2
        return any(not _points(m) and _place_name(m) == name for m in cluster.members)

    found = [i for i, c in enumerate(clusters)
             if c.span[1] - c.span[0] <= MAX_SPAN_DAYS and span[0] <= c.span[0] and c.span[1] <= span[1]
             and any(m.acled == event.acled for m in c.members) and same_place(c)
             and _evidence(event, span, c) > 0]
    return (found[0], MIN_EVIDENCE) if len(found) == 1 else (None, 0.0)


def _evidence(event: EventRow, span: tuple[int, int], cluster: _Cluster) -> float:
    """How strongly ``event`` is the same as ``cluster``; 0 when something rules it out."""
    if span[0] > cluster.span[1] + DAY_SLACK or span[1] < cluster.span[0] - DAY_SLACK:
        return 0.0
    if (event.modality == "denied") != any(m.modality == "denied" for m in cluster.members):
        return 0.0
    if event.reportable != cluster.members[0].reportable or event.background != cluster.members[0].background:
        return 0.0  # a planned or unsure mention never joins a record presented as fact (nor the reverse)
    if any(m.doc == event.doc for m in cluster.members):
        return 0.0  # the events stage already told this document's incidents apart
    if event.acled and not any(acled_family(m.acled) == acled_family(event.acled) for m in cluster.members if m.acled):
        return 0.0  # EVENT_CODING: one type of interaction; a clash and an air strike are two records
    score = 1.0 if any(m.type == event.type for m in cluster.members) else 0.5
    points = _points(event)
    if points and cluster.points:
        nearest = min(haversine_km(*p, *q) for p in points for q in cluster.points)
        if nearest > PLACE_KM:
            return 0.0
        score += 1.0
    elif _place_name(event) and (names := {_place_name(m) for m in cluster.members} - {""}) \
            and _place_name(event) not in names:
        return 0.0  # a place the gazetteer could not find is not another place the other record names
    actor_words = _actor_words(event)
    if actor_words and cluster.actor_words:
        if not actor_words & cluster.actor_words:
            return 0.0
        score += 1.0
    if span[0] == span[1] == cluster.span[0] == cluster.span[1] and event.date:
        score += 1.0
    if event.trigger and any(m.trigger.lower() == event.trigger.lower() for m in cluster.members):
        score += 0.5
    return score


def _place_name(event: EventRow) -> str:
    return str((event.place or {}).get("name") or "").lower()


def _absorb(cluster: _Cluster, event: EventRow) -> None:
    cluster.members.append(event)
    cluster.points.extend(_points(event))
    cluster.actor_words |= _actor_words(event)


def _points(event: EventRow) -> list[tuple[float, float]]:
    place = event.place or {}
    if place.get("lat") is None or place.get("lon") is None:
        return []
    return [(float(place["lat"]), float(place["lon"]))]


def _actor_words(event: EventRow) -> set[str]:
    found: set[str] = set()
    for actor in event.actors:
        found.update(words(str(actor.get("name") or "")))
        if actor.get("entity"):
            found.add("#" + str(actor["entity"]))
    return found


# -- the merged row -------------------------------------------------------------------------------------
def merged_row(members: list[EventRow]) -> dict[str, Any]:
    """One record for the members: its fields are those of its surest report (a coherent record, not a blend of
    every source), each missing field taken from the surest member that has it; the toll is the most conservative
    one reported (ACLED), every source is kept."""
    seed = members[0]
    ranked = sorted(members, key=lambda m: (not m.reportable, -m.confidence, _PRECISION_RANK.get(m.date_precision or "", 9),
                                            m.id))
    best = ranked[0]
    dated = next((m for m in ranked if m.date), None)
    placed = next((m for m in ranked if m.place), None)
    alike = sorted(ranked, key=lambda m: m.acled != best.acled)  # parties of the record's own kind of report first
    with_actors = next((m for m in alike if m.actors), None)
    own = {_side_key(p) for p in (with_actors.actors if with_actors else [])}
    targeted = [m for m in alike if any(_side_key(t) not in own for t in m.targets)]
    # a party a report names ("were shelling them": the rebels) outweighs one only inferred by convention (the
    # civilians of the country, when another report tells of people hurt): those are the fallback
    targeted = [m for m in targeted if _names_target(m, own)] or targeted
    with_targets = _most_told([m for m in targeted if m.acled == targeted[0].acled] if targeted else [],
                              lambda m: frozenset(_side_key(t) for t in m.targets if _side_key(t) not in own))
    if with_targets:
        targets = [t for t in with_targets.targets if _side_key(t) not in own]
    else:  # two crowds one clause names ("pro-Mubarak demonstrators clashed with anti-government protesters") are
        # both "Rioters (Egypt)" in ACLED's naming, and both sides of the record
        targets = [t for t in (with_actors.targets if with_actors else []) if _crowd(t)]
    acled = _most_specific_bombing(best.acled, members)
    if acled == PEACEFUL:  # ACLED: a peaceful protest has no second actor, whichever report named the police
        targets = []
    by_source = _fatalities_by_source(members)
    values = [s["value"] for s in by_source]
    background = all(m.background or _background(m) for m in members)
    row = {
        "id": content_id(seed.id, prefix="mev-"),
        "story": seed.story,
        "type": best.type,
        "mode": best.mode,
        "acled": acled,
        "trigger": best.trigger or seed.trigger,
        "actors": _union_participants([with_actors.actors]) if with_actors else [],
        "targets": _union_participants([targets]),
        "date": dated.date if dated else None,
        "date_precision": dated.date_precision if dated else None,
        "place": placed.place if placed else None,
        "admin1": placed.admin1 if placed else None,
        "country": placed.country if placed else _most_common([m.country for m in members if m.country]),
        "fatalities": min(values) if values and acled != PEACEFUL else None,  # a peaceful protest has no dead
        "fatalities_by_source": by_source,
        "modality": best.modality or "asserted",
        "summary": "",
        "sources": _sources(members),
        "members": sorted(m.id for m in members),
        "independent_sources": len({m.original or m.doc for m in members}),
        "confidence": max(m.confidence for m in members),
        "reportable": any(m.reportable for m in members) and not background,
        "background": background,
    }
    row["summary"] = _summary(row, best)
    return row


def _names_target(member: EventRow, own: set[str]) -> bool:
    """The report names the party it acted on (a phrase of its text), not only a party inferred by convention."""
    return any(t.get("name") for t in member.targets if _side_key(t) not in own)


def _most_told(ranked: list[EventRow], key: Callable[[EventRow], Hashable]) -> EventRow | None:
    """The surest member (``ranked`` is surest first) of the reading (``key``) that the members' confidences back
    most: when reports of one incident (of one kind) name different parties, the record follows what most of them
    say (three reports of an offensive against Islamic State outweigh one that names another opponent)."""
    if not ranked:
        return None
    weight: dict[Hashable, float] = {}
    for m in ranked:
        weight[key(m)] = weight.get(key(m), 0.0) + m.confidence
    top = max(weight.values())
    return next(m for m in ranked if weight[key(m)] == top)


def _most_specific_bombing(acled: str | None, members: list[EventRow]) -> str | None:
    """One outlet's "a car bomb exploded" and another's "a suicide car bomb": the bomber died in it, a suicide
    bombing (the more specific telling of the same bombing wins)."""
    if acled in BOMBINGS and any(m.acled == SUICIDE_BOMB for m in members):
        return SUICIDE_BOMB
    return acled


def _summary(row: dict[str, Any], best: EventRow) -> str:
    """The merged record's line from its own fields (they come from several members, not all from ``best``)."""
    def shown(side: list[dict[str, Any]]) -> str:
        return str(side[0].get("canonical") or side[0].get("name") or "") if side else ""

    place = row["place"]
    return summary_line(shown(row["actors"]) or subject_of(best.summary, best.trigger), row["trigger"] or "",
                        shown(row["targets"]), place.get("name") if place else None, row["date"], row["fatalities"],
                        row["modality"], background=row["background"])


def _background(event: EventRow) -> bool:
    """Dated well before the report that mentions it ("seized the city in 2014" in a 2017 article)."""
    span = day_span(event.date) if event.date else None
    published = day_span(event.published[:10]) if event.published else None
    return span is not None and published is not None and span[1] < published[0] - BACKGROUND_DAYS


def _fatalities_by_source(members: Iterable[EventRow]) -> list[dict[str, Any]]:
    out = []
    for m in members:
        if m.fatalities is None:
            continue
        span = m.sources[0] if m.sources else {}
        out.append({"doc": m.doc, "outlet": m.outlet, "value": m.fatalities, "event": m.id,
                    "start": span.get("start"), "end": span.get("end"), "duplicate_of": None if m.original == m.doc else m.original})
    return sorted(out, key=lambda s: (s["doc"], s["start"] or 0))


def _sources(members: Iterable[EventRow]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, int, int], dict[str, Any]] = {}
    order: dict[str, str] = {}
    for m in members:
        order[m.doc] = m.published or ""
        for span in m.sources:
            key = (span.get("doc") or m.doc, int(span.get("start") or 0), int(span.get("end") or 0))
            seen.setdefault(key, {"doc": key[0], "start": key[1], "end": key[2], "text": span.get("text", "")})
    return [seen[k] for k in sorted(seen, key=lambda k: (order.get(k[0], ""), k))]


def _crowd(participant: dict[str, Any]) -> bool:
    """Rioters or protesters: parties ACLED names by kind and country, so two distinct crowds share a name."""
    return participant.get("type") in CROWD_TYPES


def _side_key(participant: dict[str, Any]) -> str:
    """Which party a participant is (a party never acts on itself in one record)."""
    return str(participant.get("canonical") or participant.get("name") or "").lower()


def _union_participants(groups: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every participant once: the same dictionary actor, entity or name (first seen wins)."""
    seen: dict[str, dict[str, Any]] = {}
    for group in groups:
        for p in group:
            key = str(p.get("canonical") or p.get("entity") or str(p.get("name", "")).lower())
            seen.setdefault(key, {"name": p.get("name"), "entity": p.get("entity"), "canonical": p.get("canonical"),
                                  "type": p.get("type")})
    return list(seen.values())


def _most_common_place(located: list[EventRow]) -> dict[str, Any] | None:
    if not located:
        return None
    counts = Counter(str(m.place.get("place") or m.place.get("name")) for m in located if m.place)
    top = counts.most_common(1)[0][0]
    return next(m.place for m in located if m.place and str(m.place.get("place") or m.place.get("name")) == top)


def _most_common(values: Sequence[Any]) -> Any:
    if not values:
        return None
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], -values.index(v)))
