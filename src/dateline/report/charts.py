"""Counts for the report's charts: events and fatalities per day, in total and by type, actor and region.

The browser draws these (uPlot) and re-bins them into weeks or months for long spans; the counts are
made here, from every event in the store, so the app's charts are exact even where its event list is capped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

TOP = 8  # series per breakdown; the rest are summed as OTHER
OTHER = "other"
UNKNOWN = "unknown"
NO_ACTOR = "(no actor named)"
_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def event_day(value: str | None) -> str | None:
    """The first day an event's date can mean, ISO: '2017-06' → '2017-06-01', '2017-W22' → that week's Monday.

    A range ('2017-06-01/2017-06-05') counts on its first day; an unparseable date gives None.
    """
    text = (value or "").strip()
    if week := _WEEK.match(text):
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        except ValueError:
            return None
    if not (day := _DAY.match(text)):
        return None
    try:
        return dt.date(int(day[1]), int(day[2] or 1), int(day[3] or 1)).isoformat()
    except ValueError:
        return None


def actor_names(event: Mapping[str, Any]) -> list[str]:
    """The event's actors (not targets), dictionary name first, each once."""
    names = [(a.get("canonical") or a.get("name") or "").strip() for a in event.get("actors") or [] if a]
    return list(dict.fromkeys(n for n in names if n))


def region(event: Mapping[str, Any], places: Mapping[str, Mapping[str, Any]]) -> str:
    """The event's first-level region: admin1 with its country ('SY 04'; the event's own, else its place's), else
    the country, else the place name, else 'unknown'."""
    ref = event.get("place") or {}
    place = places.get(ref.get("place") or "") or {}
    country = event.get("country") or place.get("country")
    admin1 = event.get("admin1") or place.get("admin1")
    if country and admin1:
        return f"{country} {admin1}"
    return str(country or ref.get("name") or UNKNOWN)


def chart_data(events: Iterable[Mapping[str, Any]], places: Iterable[Mapping[str, Any]], *,
               top: int = TOP) -> dict[str, Any]:
    """Per-day counts of the reportable events with a date.

    ``{"days": [...], "total": {"events": [...], "fatalities": [...]}, "by_type" | "by_actor" | "by_region":
    {"keys": [...], "events": [[...] per key], "fatalities": [[...] per key]}}``; lists align with ``days``.
    An event with several actors counts once for each.
    """
    by_id = {p["id"]: p for p in places if p.get("id")}
    rows = []
    for event in events:
        day = event_day(event.get("date"))
        if day is None or event.get("reportable") is False:
            continue
        killed = event.get("fatalities") or 0
        rows.append((day, killed, {"by_type": [event.get("type") or UNKNOWN],
                                   "by_actor": actor_names(event) or [NO_ACTOR],
                                   "by_region": [region(event, by_id)]}))
    days = sorted({day for day, _, _ in rows})
    index = {day: i for i, day in enumerate(days)}
    data: dict[str, Any] = {"days": days, "total": _series(rows, index, lambda keys: [None])[None]}
    for name in ("by_type", "by_actor", "by_region"):
        counts = Counter(key for _, _, keys in rows for key in keys[name])
        ranked = sorted(counts, key=lambda key: (-counts[key], key))[:top]  # ties by name: any row order gives the same
        kept = set(ranked)
        series = _series(rows, index, lambda keys, n=name, k=kept: [key if key in k else OTHER for key in keys[n]])
        order = ranked + ([OTHER] if OTHER in series and OTHER not in kept else [])
        data[name] = {"keys": order, "events": [series[k]["events"] for k in order],
                      "fatalities": [series[k]["fatalities"] for k in order]}
    return data


def _series(rows: list[tuple[str, int, dict[str, list[str]]]], index: Mapping[str, int],
            keys_of: Any) -> dict[Any, dict[str, list[int]]]:
    """{key: {"events": counts per day, "fatalities": sums per day}} with each row counted once per key."""
    series: dict[Any, dict[str, list[int]]] = defaultdict(
        lambda: {"events": [0] * len(index), "fatalities": [0] * len(index)})
    for day, killed, keys in rows:
        for key in dict.fromkeys(keys_of(keys)):
            series[key]["events"][index[day]] += 1
            series[key]["fatalities"][index[day]] += killed
    if not series:
        series[None]  # noqa: B018 - create the empty total
    return series
