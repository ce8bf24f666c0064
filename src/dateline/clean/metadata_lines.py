"""Recognise metadata that scrapers leave in the body: date prefixes, datelines, bylines."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

from dateutil import parser as date_parser

# "date 2017-04-06 Isis has ..." / "Published: 2017-04-06T10:00Z The army ..." at the very start.
META_PREFIX = re.compile(
    r"^\s*(?:date|published|posted|updated|pubdate)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s+",
    re.I,
)
DATE_LINE_LEAD = re.compile(
    r"^\s*(?:(?:first\s+)?published|(?:page\s+)?last\s+updated|updated|posted|date|modified)(?:\s+(?:on|at))?\s*[:|-]?\s*",
    re.I,
)
BYLINE = re.compile(r"^\s*(?i:by)\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|al|van|von|and|&))*)\s*(?:[,|].{0,60})?$")
MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
NUMERIC_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Words that may surround a date on a dateline without making it prose.
DATELINE_FILLER = {
    "at", "on", "gmt", "bst", "utc", "est", "edt", "cet", "cest", "msk", "ast", "am", "pm", "local", "time",
    "updated", "published", "the", "of", "uk", "|", "-", ",", ".", ":", "/",
}
# "18.11 BST": a time written with a dot (not part of a dotted date such as 06.01.2008)
_DOT_TIME = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.])")
MAX_DATELINE_CHARS = 80
_DEFAULT = datetime(1, 1, 1)
_OTHER_DEFAULT = datetime(1, 1, 2)  # a second default day reveals whether the line named a day


def split_meta_prefix(paragraph: str) -> tuple[str, str, str] | None:
    """``"date 2017-04-06 Isis has..."`` → (prefix, iso date, rest); None when there is no prefix."""
    match = META_PREFIX.match(paragraph)
    if not match or not paragraph[match.end():].strip():
        return None
    return paragraph[: match.end()], match.group(1), paragraph[match.end():]


def parse_dateline(line: str) -> str | None:
    """Return the ISO date when ``line`` is nothing but a publication date/time, else None.

    ``"31 Oct, 2016 16:20"``, ``"Published: Tuesday 4 April 2017 10:02 BST"`` → a date;
    ``"The offensive began on 17 October 2016."`` → None (it is prose).
    """
    text = line.strip()
    if not text or len(text) > MAX_DATELINE_CHARS or not YEAR.search(text):
        return None
    if not (MONTH.search(text) or NUMERIC_DATE.search(text)):
        return None
    body = _DOT_TIME.sub(r"\1:\2", DATE_LINE_LEAD.sub("", text))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown time-zone names ("BST") are fine: we keep the date
            parsed, skipped = date_parser.parse(body, fuzzy_with_tokens=True, dayfirst=True, default=_DEFAULT)
            other = date_parser.parse(body, fuzzy=True, dayfirst=True, default=_OTHER_DEFAULT)
    except (ValueError, OverflowError):
        return None
    leftover = [w for chunk in skipped for w in re.findall(r"[^\W\d_]+", chunk.lower())]
    if any(w not in DATELINE_FILLER for w in leftover) or parsed.year < 1900:
        return None
    if other.day != parsed.day:  # no day in the line: month precision
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return parsed.date().isoformat()


# Where an outlet's name starts inside a byline: "By Jon Smith BBC News, Cairo" (an all-capitals word after a name)
_OUTLET_IN_NAME = re.compile(r"(?<=[a-z.]) (?=[A-Z]{2,}\b)")


def parse_byline(line: str) -> str | None:
    """``"By Jane Doe, Middle East correspondent"`` → ``"Jane Doe"``; ``"By JANE DOE, Associated Press Writer"``
    → ``"Jane Doe"``. A line ending like a sentence ("By Friday, most had left.") is not a byline."""
    if len(line) > MAX_DATELINE_CHARS or line.rstrip().endswith((".", "!", "?")) and not line.rstrip().endswith(" Jr."):
        return None
    match = BYLINE.match(line)
    if not match:
        return None
    name = _OUTLET_IN_NAME.split(match.group(1).strip(), maxsplit=1)[0]
    return name.title() if name.isupper() else name
