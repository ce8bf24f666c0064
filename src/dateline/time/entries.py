"""Live pages: the entry stamps that date each entry ("(Update 5:16 a.m. Thursday in Cairo, 10:16 p.m. ET Wednesday)").

A live page carries one publication date, usually its first entry's or its last update's, while its entries run
on for days, each opening with a stamp that names a clock time and a weekday. Read as an ordinary past reference,
"Thursday" on a page dated Tuesday is the Thursday before: every entry a week early. Here a stamp's weekday is the
day nearest the stamp before it (the first stamp's: nearest the publication date), since entries follow one
another hours apart, and everything an entry says is anchored to its stamp's day ("early Thursday" in an entry
stamped Thursday is that Thursday). Temporal taggers (HeidelTime, SUTime, dateparser) resolve a document against one
creation time, so this is written here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.model import TimeExpression
from dateline.time.lexicon import lexicon

STAMP_RULE = "clock.entry"
MIN_HEADERS = 2  # one stamp-shaped clock time can open an ordinary sentence; two or more make a live page
NEAREST_DAYS = 3  # a stamp's weekday is within this many days of the stamp before it, either way
HEADER_GAP = 40  # a second clock time of the same header ("..., 10:16 p.m. ET Wednesday") starts this close
# What precedes a stamp: a bracket, a line start, or an update/posted word ("(Update 5:16 a.m. Thursday").
LEAD = re.compile(r"(?:^|[(\[\n]|\b(?:update[sd]?|updated\s+at|posted(?:\s+at)?|last\s+updated)\s*:?)\s*$", re.I)
LEAD_CHARS = 24
LOCAL = re.compile(r",?\s+in\s+(?-i:[A-Z])")  # right after a stamp: "5:16 a.m. Thursday in Cairo"


@dataclass(frozen=True, slots=True)
class Header:
    """One entry's stamp(s): the spans of its clock times and their weekdays (ISO numbers), in text order."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    weekdays: tuple[int, ...]


def find_headers(text: str, clocks: Sequence[tuple[int, int, str | None]]) -> list[Header]:
    """The entry headers among ``clocks`` ((start, end, weekday word or None) of clock times, in text order);
    empty unless the page has at least :data:`MIN_HEADERS` of them."""
    weekdays = lexicon().weekdays
    headers: list[Header] = []
    last_end = -1
    for start, end, word in clocks:
        if word is None:
            continue
        number = weekdays[word.lower().rstrip(".")]
        if headers and same_header(text, last_end, start):
            head = headers[-1]
            headers[-1] = Header((*head.starts, start), (*head.ends, end), (*head.weekdays, number))
        elif LEAD.search(text[max(0, start - LEAD_CHARS):start]):
            headers.append(Header((start,), (end,), (number,)))
        else:
            continue
        last_end = end
    return headers if len(headers) >= MIN_HEADERS else []


def same_header(text: str, previous_end: int, start: int) -> bool:
    """A clock time starting at ``start`` continues the header whose last stamp ended at ``previous_end``."""
    return 0 <= start - previous_end <= HEADER_GAP and not re.search(r"[)\]\n]", text[previous_end:start])


def local_stamp(text: str, stamps: Sequence[TimeExpression]) -> TimeExpression:
    """Of the stamps (text order) ending with the last one's header, the one that dates its entry: the stamp that
    names its place, else the header's first."""
    header = [stamps[-1]]
    for stamp in reversed(stamps[:-1]):
        if not same_header(text, stamp.end, header[0].start):
            break
        header.insert(0, stamp)
    return next((t for t in header if LOCAL.match(text, t.end)), header[0])


def nearest_weekday(reference: date, isoweekday: int) -> date:
    """The ``isoweekday`` within :data:`NEAREST_DAYS` of ``reference`` (ties, never reached with 3: the earlier)."""
    for offset in sorted(range(-NEAREST_DAYS, NEAREST_DAYS + 1), key=lambda k: (abs(k), k)):
        day = reference + timedelta(days=offset)
        if day.isoweekday() == isoweekday:
            return day
    raise AssertionError("unreachable: seven consecutive days hold every weekday")


def stamp_days(headers: Sequence[Header], anchor: date) -> dict[int, tuple[date, date]]:
    """Offset of each stamp → (its day, the day it was resolved from), chained from the publication date
    through the stamps in text order."""
    days: dict[int, tuple[date, date]] = {}
    reference = anchor
    for header in headers:
        for start, number in zip(header.starts, header.weekdays, strict=True):
            day = nearest_weekday(reference, number)
            days[start], reference = (day, reference), day
    return days


def entry_days(text: str, headers: Sequence[Header], days: dict[int, tuple[date, date]]) -> list[tuple[int, date]]:
    """(offset of the header, the day its entry is told from): the day of the stamp that names its place ("5:16
    a.m. Thursday in Cairo, 10:16 p.m. ET Wednesday": the Cairo entry tells Thursday's news), else of the first."""
    out = []
    for header in headers:
        local = [start for start, end in zip(header.starts, header.ends, strict=True) if LOCAL.match(text, end)]
        out.append((header.starts[0], days[(local or list(header.starts))[0]][0]))
    return out


def slack_day(found: date, anchor: date) -> date:
    """On a live page a bare weekday found six days from the entry's day in the tense's direction is the one a day
    the other way: the entry's stamp and its text can be a time zone apart ("early Sunday" in an entry stamped
    10 p.m. Saturday ET)."""
    gap = (found - anchor).days
    return found - timedelta(days=7 * (1 if gap > 0 else -1)) if abs(gap) == 6 else found
