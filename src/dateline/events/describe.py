"""When and where an event happened (via the time and geo stages), and its one-line summary.

``dateline.time.event_date`` and ``dateline.geo.event_place`` are imported lazily: either may be
missing (another package, or an install without it); the fallbacks are the publication date and
no place.
"""

from __future__ import annotations

from dateline.events.arguments import Arguments
from dateline.model import Document, EventPlace

PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}  # "2017-04-06", "2017-04", "2017"


def event_date(document: Document, start: int, end: int, at: int | None = None) -> tuple[str | None, str | None]:
    """(value, precision) from the time stage (``at``: the trigger's offset), else the publication date."""
    try:
        from dateline.time import event_date as time_event_date
    except ImportError:
        time_event_date = None
    if time_event_date is not None:
        value, precision = time_event_date(document, start, end, at=at)
        if value is not None:
            return value, precision
    published = document.published
    return published, PRECISION_BY_LENGTH.get(len(published)) if published else None


def event_place(document: Document, start: int, end: int) -> EventPlace | None:
    """The place of the events of ``text[start:end]`` from the geo stage, as an EventPlace."""
    try:
        from dateline.geo import event_place as geo_event_place
    except ImportError:
        return None
    mention = geo_event_place(document, start, end)
    if mention is None:
        return None
    record = next((p for p in document.place_records if p.id == mention.place), None)
    if record is None:
        return EventPlace(name=mention.text, lat=None, lon=None, place=mention.place)
    return EventPlace(name=record.name, lat=record.lat, lon=record.lon, place=record.id)


def summary(
    document: Document,
    args: Arguments,
    trigger: str,
    place: EventPlace | None,
    date: str | None,
    fatalities: int | None,
    modality: str,
) -> str:
    """"Islamic State shot down an Iraqi army helicopter (Mosul, 2017-04-06, 2 killed)"."""
    actor = args.actors[0].name if args.actors else args.subject_text  # "Offensive began", not "Began"
    target = "" if args.target_text and args.target_text in trigger else args.target_text
    words = " ".join(w for w in (actor, trigger, target) if w)
    details = [d for d in (place.name if place else None, date, f"{fatalities} killed" if fatalities else None) if d]
    line = words[:1].upper() + words[1:]
    if details:
        line += f" ({', '.join(details)})"
    if modality != "asserted":
        line = f"[{modality}] {line}"
    if _background(document, date):
        line = f"[background] {line}"
    return line


def _background(document: Document, date: str | None) -> bool:
    """A dated event years before publication is background ("seized the city in 2014")."""
    published = document.published
    return bool(date and published and date[:4].isdigit() and date[:4] < published[:4])
