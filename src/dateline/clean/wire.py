"""Wire-copy headers: datelines ("TRIPOLI, Libya (Reuters) - "), header lines ("TRIPOLI, Libya | Fri Aug 12, 2011")
and source lines ("Source: AFP"). They say where, when and by whom a story was filed: metadata, not sentences.

Written by hand: no library reads these from plain text (trafilatura and htmldate work on markup). The patterns
follow the wire style guides (AP, Reuters, AFP: place in capitals or with an agency tag in brackets, then a dash)
rather than any outlet's wording, so they hold for any paper that prints wire copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dateline.clean.metadata_lines import parse_dateline

_CAPS_PLACE = r"[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+){0,3}"  # BEIRUT, SANTA FE, AL-BAB
# Tripoli, Sharm el-Sheikh, Port-au-Prince: only with an agency tag
_NAME_PLACE = r"[A-Z][a-z'’.-]+(?:[ -](?:[A-Z][a-z'’.-]+|(?:al|el|de|du|la|le|au|sur|upon)(?=[ -])[a-z'’.-]*)){0,3}"
_REGION = r"(?:, [A-Z0-9][\w.'’ -]{1,30}?){0,3}"  # ", Libya", ", N.M.", ", Aug 12"
_AGENCY = r"\((?P<{}>[A-Za-z][A-Za-z .&-]{{0,29}}[A-Za-z.])\)"
_DASH = r"(?:-{1,2}|[–—])"
# The tag of a news agency that ends a dateline, "(CNN) --": after it, the lede (shared by the event and place stages)
AGENCY_TAG = r"\((?:CNN|Reuters|AP|AFP|BBC|Al Jazeera|dpa|Xinhua|UPI)\)\s*[-–—]+"
# The dateline opening a lede: a capitalised place, optional region and date, optional agency, a dash. A place
# written in ordinary case ("Tripoli, Libya (CNN) --") needs the agency tag: without it, "Officials - " could be prose.
WIRE_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}){_REGION}(?:\s*{_AGENCY.format('agency')}\s*{_DASH}\s*|\s+{_DASH}\s+)"
    rf"|(?P<named>{_NAME_PLACE}){_REGION}\s*{_AGENCY.format('named_agency')}\s*{_DASH}\s*"
)
_STARTS_SENTENCE = re.compile(r"[A-Z0-9\"“‘'(]")
MIN_REST_CHARS = 40  # what follows a dateline is a sentence, not a fragment ("NATO - The end.")
MAX_HEADER_PREFIX = 120  # "PLACE | date " before the dateline, on the same line
HEADER_SPLIT = re.compile(r"\s*(?:\||,|\s[-–—]\s)\s*")
MAX_HEADER_CHARS = 120
MAX_LABEL_WORDS = 8
_SOURCE_LEAD = re.compile(r"^(?:issued|published|posted|distributed|released)\s+by\s+|^source\s*:\s*", re.I)
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.I)
# "Source: Reuters", "Sources: AP, AFP": a line naming where the story came from.
SOURCE_LINE = re.compile(r"^\s*(?:source|sources|via)\s*:\s*(?P<source>[A-Z][\w.&'’ ,/-]{1,60}?)\s*\.?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class WireHeader:
    """Metadata read from a header: what was removed (``text``), place of filing, date, agency, source."""

    text: str
    place: str | None = None
    published: str | None = None
    date_text: str | None = None  # the date as printed, when it has no year ("June 6")
    agency: str | None = None
    source: str | None = None


def split_wire_dateline(paragraph: str) -> tuple[WireHeader, str] | None:
    """``"BEIRUT (AP) — An air strike ..."`` → (header, rest). A header line may come first on the same line:
    ``"AJDABIYAH, Libya | Fri Aug 12, 2011 6:11 pm EDT AJDABIYAH, Libya (Reuters) - Rebels ..."``."""
    match = WIRE_DATELINE.match(paragraph)
    header: WireHeader | None = None
    if match is None:
        match = _dateline_after_header(paragraph)
        if match is None:
            return None
        header = parse_header_line(paragraph[: match.start()])
    rest = paragraph[match.end():]
    if len(rest) < MIN_REST_CHARS or not _STARTS_SENTENCE.match(rest):
        return None
    place = match.group("place") or match.group("named")
    if match.group("named") and match.group("named_agency").casefold() not in agency_tags():
        return None  # "Islamic State (IS) - ..." is prose; "Tripoli, Libya (CNN) --" names a news agency
    region = paragraph[match.start() + len(place): match.end()]
    region = re.sub(rf"\s*(?:{_AGENCY.format('a')})?\s*{_DASH}\s*$", "", region).strip(" ,")
    pieces = [p.strip() for p in region.split(",") if p.strip()]
    dates = [p for p in pieces if _is_date_piece(p)]
    regions = [p for p in pieces if p not in dates]
    published = header.published if header else None
    return WireHeader(
        text=paragraph[: match.end()].strip(),
        place=", ".join([place, *regions]),
        published=published or next((d for p in dates if (d := parse_dateline(p)) and len(d) == 10), None),
        date_text=", ".join(dates) or None,
        agency=match.group("agency") or match.group("named_agency"),
        source=header.source if header else None,
    ), rest


def _dateline_after_header(paragraph: str) -> re.Match[str] | None:
    """The dateline that follows a header line on the same line; the latest start wins ("... 6:11 pm EDT
    AJDABIYAH, Libya (Reuters) -" is AJDABIYAH's dateline, not "EDT AJDABIYAH")."""
    found = None
    for space in re.finditer(r" ", paragraph[: MAX_HEADER_PREFIX + 1]):
        match = WIRE_DATELINE.match(paragraph, space.end())
        if match and parse_header_line(paragraph[: match.start()]) is not None:
            found = match
    return found


_MONTH_DAY = re.compile(r"^(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})$")


def _is_date_piece(piece: str) -> bool:
    return bool(_MONTH_DAY.match(piece)) or parse_dateline(piece) is not None


def parse_header_line(line: str) -> WireHeader | None:
    """A short line of a label and a date: ``"TRIPOLI, Libya | Fri Aug 12, 2011 6:11 pm EDT"``,
    ``"Issued by Relief Across Borders, 20 June 2017"``, ``"example.co.uk, Friday 12 August 2011 18.11 BST"``.

    The date is the longest tail of the line that :func:`parse_dateline` reads as nothing but a date; the label
    before it is a place when written in capitals, a source when it is a domain or follows "Issued by"/"Source:".
    """
    text = line.strip().strip("|").strip()
    if not text or len(text) > MAX_HEADER_CHARS:
        return None
    cuts = [0] + [m.end() for m in HEADER_SPLIT.finditer(text)]
    for cut in cuts[1:]:
        label, tail = text[:cut], text[cut:]
        published = parse_dateline(tail)
        if published is None:
            continue
        label = label.rstrip(" ,|-–—").strip()
        if not _is_label(label):
            return None
        return _header_from_label(line.strip(), label, published)
    return None


_FUNCTION_WORDS = frozenset({"by", "of", "the", "and", "for", "de", "du", "des", "al", "el", "la", "le", "von", "van"})


def _is_label(label: str) -> bool:
    """A name, not a clause: a domain, or at most ``MAX_LABEL_WORDS`` words, each capitalised or a function word."""
    if _DOMAIN.match(label):
        return True
    words = re.findall(r"[^\s,|]+", label)
    if not words or len(words) > MAX_LABEL_WORDS or label[-1:] in ".!?":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _FUNCTION_WORDS or i == 0 and _SOURCE_LEAD.match(label)
               for i, w in enumerate(words))


def _header_from_label(text: str, label: str, published: str) -> WireHeader:
    lead = _SOURCE_LEAD.match(label)
    if lead:
        source = re.sub(r"^the\s+", "", label[lead.end():].strip(), flags=re.I)
        return WireHeader(text, published=published, source=source or None)
    if _DOMAIN.match(label):
        return WireHeader(text, published=published, source=label)
    first = label.split(",")[0].strip()
    if re.fullmatch(_CAPS_PLACE, first):
        return WireHeader(text, place=label, published=published)
    return WireHeader(text, published=published)  # a label we cannot place: kept in the removed line only


@cache
def agency_tags() -> frozenset[str]:
    """The news agencies and networks whose tag may follow a dateline place written in ordinary case."""
    text = resources.files("dateline.clean").joinpath("data", "en", "agencies.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip().casefold() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def parse_source_line(line: str) -> str | None:
    """``"Source: Reuters"`` → ``"Reuters"``; None for anything longer than a name."""
    match = SOURCE_LINE.match(line)
    if not match or len(match.group("source").split()) > MAX_LABEL_WORDS // 2 + 2:
        return None
    return match.group("source").strip()
