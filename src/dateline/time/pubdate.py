"""Estimate a missing publication date from the text (an estimate, never a fact: the stage marks it
``published_from="inferred"`` with its precision)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from dateline.model import TimeExpression
from dateline.time import calendar as cal
from dateline.time.tense import direction_from_words, sentence_bounds

# Text dates further than this from the dates of sibling documents (``context_dates``) are history, not news.
CONTEXT_WINDOW_DAYS = 366
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def infer_publication_date(
    text: str,
    *,
    times: Sequence[TimeExpression] = (),
    context_dates: Sequence[datetime.date] = (),
) -> tuple[str, str] | None:
    """(value, precision) of the likely publication date: ("2017-04-06", "day"), ("2017-04", "month") ...

    The latest absolute date the text reports in a non-future sentence, at the finest precision the
    text gives among the dates that do not end before another reported date begins; ``context_dates``
    (dates of sibling documents of the same story, from a later stage) filter out historical dates and
    stand in when the text has nothing finer than a year.
    """
    if not times:
        from dateline.time.tagger import tag_times  # late import: tagger imports resolution modules

        times = tag_times(text, doc_id="", anchor=None)
    dated = _absolute_dates(text, times)
    if context_dates:
        lo, hi = min(context_dates), max(context_dates)
        window = datetime.timedelta(days=CONTEXT_WINDOW_DAYS)
        dated = [(d, p) for d, p in dated if lo - window <= d <= hi + window]
    if not dated:
        return _from_context(context_dates)
    # the page was written no earlier than the start of the latest period it reports: a day that ends before
    # it ("on July 1, 1999" in a page that also tells of 2003) is history, however precise
    floor = max(d for d, _ in dated)
    dated = [(d, p) for d, p in dated if _period_end(d, p) >= floor]
    best = min(PRECISION_RANK[p] for _, p in dated)
    if best > PRECISION_RANK["month"] and context_dates:
        return _from_context(context_dates)
    precision = next(p for p in PRECISION_RANK if PRECISION_RANK[p] == best)
    return _format(max(d for d, p in dated if p == precision), precision)


def _absolute_dates(text: str, times: Sequence[TimeExpression]) -> list[tuple[datetime.date, str]]:
    found = []
    for time in times:
        if time.type not in ("DATE", "TIME") or time.anchor is not None:
            continue  # relative expressions need the very date we are looking for
        parsed = cal.parse_value(time.value)
        if parsed is None or parsed[1] == "range":  # a holy month says little about the day of writing
            continue
        if direction_from_words(text, time.start, time.end, sentence_bounds(text, time.start, ())) > 0:
            continue  # "elections will be held on May 12": the future says little about today
        found.append(parsed)
    return found


def _period_end(start: datetime.date, precision: str) -> datetime.date:
    """The last day of the period that begins on ``start`` ("2003" → 31 December 2003)."""
    if precision == "day":
        return start
    if precision == "week":
        return start + datetime.timedelta(days=6)
    return cal.add_months(start, {"month": 1, "quarter": 3}.get(precision, 12)) - datetime.timedelta(days=1)


def _from_context(context_dates: Sequence[datetime.date]) -> tuple[str, str] | None:
    if not context_dates:
        return None
    return _format(sorted(context_dates)[len(context_dates) // 2], "month")


def _format(day: datetime.date, precision: str) -> tuple[str, str]:
    if precision == "day":
        return cal.fmt_day(day), "day"
    if precision in ("week", "month"):
        return cal.fmt_month(day.year, day.month), "month"
    return f"{day.year:04d}", "year"  # a quarter says little more than its year
