"""Small, shared metadata helpers: date strings to ISO dates, URLs to outlet names."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlparse

from dateutil import parser as date_parser

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")
_YEAR_ONLY = re.compile(r"^\s*(1[89]\d\d|20\d\d)\s*$")
_EARLIEST_YEAR = 1800  # older "publication dates" are parse accidents, not news


def normalize_date(value: str | None) -> str | None:
    """Normalise a date string from metadata to ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``); None if unparseable."""
    if not value or not value.strip():
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None)
    if _YEAR_ONLY.match(value):
        return value.strip()
    try:
        parsed = date_parser.parse(value, fuzzy=False, dayfirst=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < _EARLIEST_YEAR:
        return None
    return parsed.date().isoformat()


def _checked(year: int, month: int, day: int | None) -> str | None:
    try:
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def outlet_from_url(url: str | None) -> str | None:
    """``https://www.example-news.co.uk/world/1`` → ``example-news.co.uk``."""
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


_MONTH_NAMES = {
    name: number
    for number, names in enumerate(("jan january", "feb february", "mar march", "apr april", "may", "jun june",
                                    "jul july", "aug august", "sep sept september", "oct october",
                                    "nov november", "dec december"), start=1)
    for name in names.split()
}
# "/2011/08/12/", "/2018/apr/05/", "/2017-06-12-slug", "/2018/10/slug.html": a year, a month (number or name),
# maybe a day, between path separators. Written by hand: htmldate reads dates from URLs only inside a page
# (and not month names), and text records have no page.
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2]|[a-z]{3,9})(?:[/_-](0?[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)", re.I
)


def date_from_url(url: str | None) -> str | None:
    """``https://example.com/world/2018/apr/05/story`` → ``2018-04-05``; ``.../2018/10/story.html`` → ``2018-10``."""
    if not url:
        return None
    path = urlparse(url if "//" in url else f"//{url}").path
    for match in _URL_DATE.finditer(path):
        year, month, day = match.groups()
        if not month.isdigit():
            if month.lower() not in _MONTH_NAMES:
                continue
            month = str(_MONTH_NAMES[month.lower()])
        found = _checked(int(year), int(month), int(day) if day else None)
        if found:
            return found
    return None

