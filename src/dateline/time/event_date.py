"""The date a sentence's events happened on: the time expression governing the event verb, else the
nearest preceding one in the paragraph, else the document date."""

from __future__ import annotations

from bisect import bisect_right

from dateline.model import Document, TimeExpression
from dateline.time import calendar as cal
from dateline.time.tense import TokenIndex

PRECISION = {"day": "day", "week": "week", "month": "month", "quarter": "month", "year": "year"}
MAX_HEAD_STEPS = 6


def event_date(document: Document, start: int, end: int) -> tuple[str | None, str | None]:
    """(value, precision) for the events of ``document.text[start:end]`` (a sentence span)."""
    dated = [t for t in document.times if t.type in ("DATE", "TIME") and cal.parse_value(t.value)]
    inside = [t for t in dated if start <= t.start and t.end <= end]
    if inside:
        chosen = _governing(document, inside, start, end) or inside[0]
        return _value(chosen)
    lo = _paragraph_start(document, start)
    before = [t for t in dated if lo <= t.start and t.end <= start]
    if before:
        return _value(before[-1])
    return _document_date(document)


def _governing(
    document: Document, inside: list[TimeExpression], start: int, end: int
) -> TimeExpression | None:
    """The expression whose tokens hang (through heads) closest to the sentence's root verb."""
    if not document.tokens:
        return None
    index = TokenIndex(document.tokens)
    sentence = [i for i in index.covering(start, end) if start <= document.tokens[i].start < end]
    roots = {i for i in sentence if document.tokens[i].head == i or document.tokens[i].dep == "ROOT"}
    best: tuple[int, TimeExpression] | None = None
    for time in inside:
        steps = _steps_to(document, index, time, roots)
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, time)
    return best[1] if best else None


def _steps_to(document: Document, index: TokenIndex, time: TimeExpression, roots: set[int]) -> int | None:
    tokens = document.tokens
    current = min(index.covering(time.start, time.end))
    for steps in range(MAX_HEAD_STEPS):
        if current in roots:
            return steps
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return None
        current = head
    return None


def _paragraph_start(document: Document, start: int) -> int:
    starts = [s for s, _ in document.paragraphs]
    i = bisect_right(starts, start) - 1
    return (
        document.paragraphs[i][0]
        if i >= 0 and start < document.paragraphs[i][1]
        else 0
        if not starts
        else start
    )


def _value(time: TimeExpression) -> tuple[str | None, str | None]:
    parsed = cal.parse_value(time.value)
    if parsed is None:
        return None, None
    day, precision = parsed
    if precision == "day":
        return cal.fmt_day(day), "day"
    if precision == "week":
        return cal.fmt_week(day), "week"
    if precision in ("month", "quarter"):
        return (time.value[:7], "month") if precision == "month" else (f"{day.year:04d}", "year")
    return f"{day.year:04d}", "year"


def _document_date(document: Document) -> tuple[str | None, str | None]:
    if not document.published:
        return None, None
    value = document.published[:10]
    return value, {10: "day", 7: "month", 4: "year"}.get(len(value))
