"""An event's date as ACLED writes it: always one day (``event_date``) plus how precise it is (``time_precision``).

ACLED's codebook: 1, the sources give the day; 2, they give a week (or a weekend, or a few days), and the middle
day of it is coded; 3, they give only the month, and its middle day is coded. Dateline's coarser values follow
the same rule: a range of up to a week is precision 2, a longer range or a year is precision 3, each coded as its
middle day (ACLED itself does not code events known only to the year; Dateline keeps them, marked 3).
"""

from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")  # a time after the day (T14:00) is dropped
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
WEEK_DAYS = 7
MID_MONTH = 15  # the codebook: "the month's mid-point"


def acled_date(value: str | None) -> tuple[dt.date | None, int | None]:
    """(the day ACLED would code, time_precision 1–3) for a Dateline date value, or (None, None)."""
    value = (value or "").strip()
    if not value:
        return None, None
    if "/" in value:
        return _range(*value.split("/", 1))
    if _DAY.match(value):
        try:
            return dt.date.fromisoformat(value[:10]), 1
        except ValueError:
            return None, None
    if m := _WEEK.match(value):
        year, week = int(m[1]), int(m[2])
        try:
            # a weekend: its Saturday; a week (Monday to Sunday): its middle day, Thursday
            return dt.date.fromisocalendar(year, week, 6 if m[3] else 4), 2
        except ValueError:
            return None, None
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None, None
        return dt.date(year, month, MID_MONTH), 3
    if m := _YEAR.match(value):
        return dt.date(int(m[1]), 7, 2), 3  # the year's middle day
    return None, None


def _range(start: str, end: str) -> tuple[dt.date | None, int | None]:
    first, _ = acled_date(start)
    last, _ = acled_date(end)
    if first is None or last is None:
        return (first or last), (3 if first or last else None)
    if last < first:
        first, last = last, first
    span = (last - first).days
    middle = first + dt.timedelta(days=span // 2)
    return middle, (1 if span == 0 else 2 if span < WEEK_DAYS else 3)


def first_and_last_day(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date value covers (a week: Monday to Sunday; a year: 1 January to 31 December)."""
    value = (value or "").strip()
    if "/" in value:
        start, end = (first_and_last_day(part) for part in value.split("/", 1))
        return (start[0], end[1]) if start and end else start or end
    day, precision = acled_date(value)
    if day is None:
        return None
    if _YEAR.match(value):
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if _MONTH.match(value):
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return day.replace(day=1), following - dt.timedelta(days=1)
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)) if m[3] else (monday, monday + dt.timedelta(days=6))
    return day, day
