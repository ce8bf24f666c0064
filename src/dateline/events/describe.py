"""When an event happened (via the time stage), never after its report, and its one-line summary.

``dateline.time.event_date`` is imported lazily: it may be missing (another package, or an install without
it); the fallback is the publication date. Where an event happened is :mod:`dateline.events.where`.
"""

from __future__ import annotations

from dateline.model import Document, Event, Participant

PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}  # "2017-04-06", "2017-04", "2017"


def event_date(document: Document, start: int, end: int, at: int | None = None) -> tuple[str | None, str | None]:
    """(value, precision) from the time stage (``at``: the trigger's offset), else the publication date."""
    try:
        from dateline.time import event_date as time_event_date
        from dateline.time.event_date import report_day
        from dateline.time.stage import date_guessed_from_text
    except ImportError:
        time_event_date = report_day = None
        date_guessed_from_text = None
    published = document.published
    guessed = bool(published) and date_guessed_from_text is not None and date_guessed_from_text(document)
    if time_event_date is not None:
        value, precision = time_event_date(document, start, end, at=at)
        if value is not None and not (guessed and value == published):
            return _not_after(value, precision, report_day(document) if report_day else published)
    if guessed:
        return None, None  # "2016" guessed from a history paragraph is no date for today's incident
    return published, PRECISION_BY_LENGTH.get(len(published)) if published else None


def _not_after(value: str, precision: str | None, published: str | None) -> tuple[str | None, str | None]:
    """An event never happens after its report: a later day is read as the publication day. A week, month or
    year that holds the publication day says only "recently": the report's day is the best estimate of a day
    (ACLED codes the report's date when the text gives no day)."""
    if not published or len(published) < 10:
        return value, precision
    if precision in ("week", "month", "year") and "/" not in value and _covers(value, published[:10]):
        return published[:10], "day"
    first = value.partition("/")[0]
    if len(first) >= 10 and first[:10] > published[:10]:
        return published[:10], "day"
    if _starts_after(first, published[:10]):  # "2016" in a 2011 report ("five years from now" just before)
        return published[:10], "day"
    last = value.rpartition("/")[2]
    if "/" in value and len(last) >= 10 and last[:10] > published[:10]:
        return f"{first}/{published[:10]}", precision
    return value, precision


def _starts_after(value: str, day: str) -> bool:
    from dateline.events.incidents import day_span

    span, point = day_span(value), day_span(day)
    return bool(span and point and span[0] > point[1])


def _covers(value: str, day: str) -> bool:
    from dateline.events.incidents import day_span

    span, point = day_span(value), day_span(day)
    return bool(span and point and span[0] <= point[0] <= span[1])


def summary_line(actor: str, trigger: str, target: str, place: str | None, date: str | None,
                 fatalities: int | None, modality: str, *, background: bool) -> str:
    """"Islamic State shot down an Iraqi army helicopter (Mosul, 2017-04-06, 2 killed)"."""
    target = "" if target and target in trigger else target
    words = " ".join(w for w in (actor, trigger, target) if w)
    details = [d for d in (place, date, f"{fatalities} killed" if fatalities else None) if d]
    line = words[:1].upper() + words[1:]
    if details:
        line += f" ({', '.join(details)})"
    if modality != "asserted":
        line = f"[{modality}] {line}"
    if background:
        line = f"[background] {line}"
    return line


def summary(event: Event, subject: str = "") -> str:
    """The event's one-line summary from its own final fields, so it never disagrees with them; ``subject`` is
    the grammatical subject shown when no actor is named ("Offensive began", not "Began")."""
    return summary_line(_display(event.actors[0]) if event.actors else subject, event.trigger,
                        _display(event.targets[0]) if event.targets else "",
                        event.place.name if event.place else None, event.date, event.fatalities, event.modality,
                        background=event.background)


def subject_of(line: str, trigger: str) -> str:
    """The words before the trigger in a summary line written by :func:`summary_line` (its tags dropped): the
    store keeps the line, not the subject it was made from."""
    while line.startswith("[") and "] " in line:
        line = line[line.index("] ") + 2:]
    at = line.lower().find(trigger.lower()) if trigger else -1
    return line[:at].strip() if at > 0 else ""


def _display(participant: Participant) -> str:
    return participant.canonical or participant.name

