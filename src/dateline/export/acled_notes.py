"""ACLED's ``notes`` (a one-sentence description written from the record's fields, not copied from the article)
and ``tags`` (crowd size of demonstrations, as the reporting sentences give it)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from dateline.export.acled_dates import acled_date

_NO_ARTICLE = {"arrests", "looting/property destruction", "sexual violence", "disrupted weapons use", "other",
               "mob violence", "government regains territory", "non-state actor overtakes territory",
               "non-violent transfer of territory"}
_RELATION = {"Battles": "against", "Explosions/Remote violence": "on", "Violence against civilians": "on"}
_CROWD = re.compile(
    r"\b((?:tens of |several |a few |many )?(?:thousands|hundreds|dozens)|several (?:hundred|thousand)|"
    r"(?:about|around|some|nearly|almost|more than|over|at least|up to) \d[\d,]*|\d[\d,]*)\s+(?:of\s+)?"
    r"(?:people|protesters|protestors|demonstrators|residents|students|workers|women|men|supporters|activists|"
    r"mourners|marchers)\b", re.IGNORECASE)
DEMONSTRATIONS = ("Protests", "Riots")


def describe(*, date: str | None, precision: str | None, sub_event_type: str, event_type: str, actor1: str,
             actor2: str, location: str, admin1: str, country: str, fatalities: int | None, modality: str | None) -> str:
    """One sentence: when, what, by and against whom, where, and the toll."""
    what = sub_event_type.lower() or "an event"
    if sub_event_type and what not in _NO_ARTICLE:
        what = ("an " if what[0] in "aeiou" else "a ") + what
    parts = [f"{_when(date, precision)}, {what}"]
    if actor1:
        parts.append(f" by {actor1}")
    if actor2:
        parts.append(f" {_RELATION.get(event_type, 'involving')} {actor2}")
    where = ", ".join(dict.fromkeys(p for p in (location, admin1, country) if p))
    if where:
        parts.append(f" in {where}")
    if fatalities:
        parts.append(f"; {fatalities} reported killed")
    if modality and modality not in ("asserted", "attributed"):
        parts.append(f" ({modality})")
    return "".join(parts) + "."


def _when(date: str | None, precision: str | None) -> str:
    value = (date or "").strip()
    if "/" in value:
        first, _ = acled_date(value.split("/", 1)[0])
        last, _ = acled_date(value.split("/", 1)[1])
        if first and last:
            return f"Between {_day(first, with_year=first.year != last.year)} and {_day(last)}"
    day, code = acled_date(value)
    if day is None:
        return "On an unreported date"
    if precision == "year" or re.fullmatch(r"\d{4}", value):
        return f"In {day.year}"
    if code == 3:
        return f"In {day:%B} {day.year}"
    if code == 2:
        monday = day - dt.timedelta(days=day.weekday())
        return f"In the week of {_day(monday)}"
    return f"On {_day(day)}"


def _day(day: dt.date, *, with_year: bool = True) -> str:
    return f"{day.day} {day:%B}" + (f" {day.year}" if with_year else "")


def crowd_tag(event_type: str, sentences: Iterable[str]) -> str:
    """ACLED's crowd size tag for a demonstration: the size as reported ("crowd size=hundreds"), or "no report"."""
    if event_type not in DEMONSTRATIONS:
        return ""
    for text in sentences:
        if m := _CROWD.search(text or ""):
            return f"crowd size={m.group(1).lower()}"
    return "crowd size=no report"
