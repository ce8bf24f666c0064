"""Conflicts between sources: differing figures and fatality counts, and geography contradictions.

Figures conflict when two documents of one story give different values for the same thing (same
normalised ``unit_or_what``) at the same time (same ``as_of``, or publication dates within a day when
neither says), and the values are within a factor of ``MAX_RATIO`` of each other (further apart they count
different things; ``BARE_NOUN_RATIO`` when the unit is a bare noun such as "civilians"). The story summary states the most conservative (lowest) value and notes the range.
Geography checks live in :mod:`dateline.stories.geocheck`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.ids import content_id
from dateline.stories.features import parse_day, words

SAME_TIME_DAYS = 1  # figures without ``as_of`` are "the same time" when published within a day
MAX_RATIO = 5.0  # reports of one quantity differ, but not by more than this factor: 6 and 160,000 "civilians" are two things
BARE_NOUN_RATIO = 1.5  # ... and for a bare noun ("civilians", "families"), which may count anything


@dataclass(frozen=True, slots=True)
class FigureRow:
    id: str
    doc: str
    start: int
    end: int
    value: float
    unit_or_what: str
    as_of: str | None
    published: str | None
    story: str
    original: str  # the document this one copies (itself when not a copy)


def unit_key(unit: str) -> str:
    """Normalised "what is counted": content words, crude singular, sorted."""
    return " ".join(sorted({w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words(unit)}))


def figure_conflicts(figures: Sequence[FigureRow]) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Conflict rows and figure id → ids of the figures it conflicts with (both ways)."""
    groups: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
    for fig in figures:
        key = unit_key(fig.unit_or_what)
        if key:
            groups[(fig.story, key)].append(fig)
    links: dict[str, set[str]] = defaultdict(set)
    rows = []
    for (story, key), group in sorted(groups.items()):
        for cluster in _same_time_clusters(group):
            values = [f.value for f in cluster if f.value > 0]
            # "civilians" alone says who is counted, not what happened to them: only near-equal counts compare
            ratio = MAX_RATIO if all(len(f.unit_or_what.split()) >= 2 for f in cluster) else BARE_NOUN_RATIO
            comparable = bool(values) and max(values) <= ratio * min(values)
            if comparable and len(set(values)) > 1 and len({f.original for f in cluster}) > 1:
                _link(cluster, links)
                rows.append(_conflict_row(story, key, cluster))
    return rows, {k: sorted(v) for k, v in links.items()}


def _same_time_clusters(group: list[FigureRow]) -> list[list[FigureRow]]:
    """Split a (story, thing) group into runs of figures about the same moment."""
    def moment(f: FigureRow) -> int:
        return parse_day(f.as_of) or parse_day(f.published) or 0

    ordered = sorted(group, key=lambda f: (moment(f), f.id))
    clusters: list[list[FigureRow]] = []
    for fig in ordered:
        if clusters and moment(fig) - moment(clusters[-1][0]) <= SAME_TIME_DAYS:
            clusters[-1].append(fig)
        else:
            clusters.append([fig])
    return clusters


def _link(cluster: list[FigureRow], links: dict[str, set[str]]) -> None:
    for a in cluster:
        for b in cluster:
            if a.value != b.value and a.original != b.original:
                links[a.id].add(b.id)


def _conflict_row(story: str, key: str, cluster: list[FigureRow]) -> dict[str, Any]:
    values = sorted({f.value for f in cluster})
    label = cluster[0].unit_or_what
    note = (f"sources disagree on {label}: " + ", ".join(_fmt(v) for v in values)
            + f"; most conservative: {_fmt(values[0])}")
    return {
        "id": content_id(story, "figure", *sorted(f.id for f in cluster), prefix="cf-"),
        "story": story, "kind": "figure", "subject": label,
        "items": sorted(f.id for f in cluster),
        "values": [{"doc": f.doc, "value": f.value, "figure": f.id} for f in cluster],
        "conservative": values[0], "note": note,
        "sources": [{"doc": f.doc, "start": f.start, "end": f.end} for f in cluster],
    }


def fatality_conflicts(merged: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Merged events whose independent sources give different fatality counts."""
    rows = []
    for event in merged:
        by_source = [s for s in event.get("fatalities_by_source", ()) if not s.get("duplicate_of")]
        values = sorted({s["value"] for s in by_source})
        if len(values) < 2:
            continue
        per_doc = "; ".join(f"{s.get('outlet') or s['doc']}: {s['value']}" for s in by_source)
        rows.append({
            "id": content_id(event["id"], "fatalities", prefix="cf-"),
            "story": event["story"], "kind": "fatalities", "subject": f"{event['type']} {event.get('date') or ''}".strip(),
            "items": [event["id"]], "values": by_source, "conservative": float(values[0]),
            "note": f"fatalities reported as {', '.join(str(v) for v in values)} ({per_doc}); most conservative: {values[0]}",
            "sources": [{"doc": s["doc"], "start": s["start"], "end": s["end"]} for s in by_source],
        })
    return rows


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
