"""Calendar arithmetic and TIMEX3 value formatting (standard library only)."""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date, timedelta
from functools import lru_cache

SEASON_OF_MONTH = {
    12: "WI",
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
}
SEASON_ORDER = ("WI", "SP", "SU", "FA")  # winter is counted with the year its January falls in
# The precision a TIMEX3 value carries, by how it is written.
GRANULARITY_DAYS = {"D": 1, "W": 7, "M": 31, "Q": 92, "Y": 366, "DE": 3660, "CE": 36600}


def fmt_day(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def fmt_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, amount: int, code: str) -> date:
    """``day`` moved by ``amount`` units (``D W M Q Y DE CE``; clock units count as days)."""
    if code in ("D", "H", "S", "WE"):
        return day + timedelta(days=amount if code == "D" else 0)
    if code in ("W", "2W"):
        return day + timedelta(weeks=amount * (2 if code == "2W" else 1))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(code, 0)
    return add_months(day, amount * months)


def value_at(day: date, code: str) -> str:
    """The TIMEX3 value of the ``code``-sized period containing ``day`` (``W`` → ``2017-W13``)."""
    if code in ("W", "2W"):
        return fmt_week(day)
    if code == "WE":
        return fmt_week(day) + "-WE"
    if code == "M":
        return fmt_month(day.year, day.month)
    if code == "Q":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if code == "Y":
        return f"{day.year:04d}"
    if code == "DE":
        return f"{day.year // 10:03d}"
    if code == "CE":
        return f"{day.year // 100:02d}"
    return fmt_day(day)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def pick(candidates: list[date], anchor: date, direction: int, *, penalty_days: int) -> date:
    """The candidate nearest ``anchor``, those against ``direction`` (-1 past, +1 future) penalised."""

    def score(day: date) -> int:
        distance = (day - anchor).days
        against = (direction < 0 and distance > 0) or (direction > 0 and distance < 0)
        return abs(distance) + (penalty_days if against else 0)

    return min(candidates, key=score)


def weekday_near(anchor: date, isoweekday: int, direction: int, *, strict: bool = False) -> date:
    """The ``isoweekday`` on or before ``anchor`` (direction <= 0) or on or after (> 0); ``strict``: not the anchor."""
    delta = anchor.isoweekday() - isoweekday
    if direction <= 0:
        back = delta % 7 or (7 if strict else 0)
        return anchor - timedelta(days=back)
    ahead = (-delta) % 7 or (7 if strict else 0)
    return anchor + timedelta(days=ahead)


def nth_weekday(year: int, month: int, isoweekday: int, n: int) -> date:
    """The n-th (``-1``: last) ``isoweekday`` of a month: Thanksgiving is (11, 4, 4)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(isoweekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - isoweekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=8192)  # pure, and asked again for every event candidate of a document
def parse_value(value: str) -> tuple[date, str] | None:
    """A date inside a TIMEX3 value and its precision (``day week month quarter year``; ``range`` for a
    ``first/last`` value: its first day), if it has one."""
    if "/" in value:
        first = parse_value(value.partition("/")[0])
        return (first[0], "range") if first and day_span(value) else None
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)|-Q(\d))?", value)
    if not m or len(value) < 4:
        return None
    year = int(m[1])
    if m[3]:
        day = safe_date(year, int(m[2]), int(m[3]))
        return (day, "day") if day else None
    if m[2]:
        return (date(year, int(m[2]), 1), "month") if 1 <= int(m[2]) <= 12 else None
    if m[4]:
        week = int(m[4])
        try:
            return date.fromisocalendar(year, week, 1), "week"
        except ValueError:
            return None
    if m[5]:
        return date(year, 3 * int(m[5]) - 2, 1), "quarter"
    return date(year, 1, 1), "year"


def day_span(value: str | None) -> tuple[int, int] | None:
    """The days a TIMEX3 date value covers, as ordinals: a day, ISO week, month, year or ``first/last`` range."""
    if not value:
        return None
    if "/" in value:  # a range: from the start of the first to the end of the last
        first, _, last = value.partition("/")
        a, b = day_span(first), day_span(last)
        return (a[0], b[1]) if a and b and a[0] <= b[1] else None
    try:
        if "-W" in value:
            monday = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).toordinal()
            return (monday + 5, monday + 6) if value.endswith("-WE") else (monday, monday + 6)
        if len(value) >= 10:
            day = date.fromisoformat(value[:10]).toordinal()
            return day, day
        if len(value) == 7:
            first_day = date(int(value[:4]), int(value[5:7]), 1)
            return first_day.toordinal(), add_months(first_day, 1).toordinal() - 1
        if len(value) == 4:
            return date(int(value), 1, 1).toordinal(), date(int(value), 12, 31).toordinal()
    except ValueError:
        return None
    return None


def hijri_dates(year: int, month: int, day: int | None) -> list[tuple[date, date]]:
    """The Gregorian (first, last) days of Hijri ``month`` (``day`` of it, or the whole month) in the Hijri years
    that fall in Gregorian ``year``, by the Umm al-Qura calendar (``hijridate``; 1343-1500 AH, 1924-2077 CE).
    A Hijri year is eleven days shorter, so a Gregorian year can hold one date twice; outside the table: none."""
    from hijridate import Gregorian, Hijri

    out = []
    try:
        first, last = Gregorian(year, 1, 1).to_hijri().year, Gregorian(year, 12, 31).to_hijri().year
    except (OverflowError, ValueError):
        return []
    for hijri_year in range(first, last + 1):
        try:
            start = Hijri(hijri_year, month, day or 1)
            end = start if day else Hijri(hijri_year, month, start.month_length())
            span = (start.to_gregorian().datetuple(), end.to_gregorian().datetuple())
        except (OverflowError, ValueError):
            continue
        a, b = date(*span[0]), date(*span[1])
        if a.year == year:
            out.append((a, b))
    return out
