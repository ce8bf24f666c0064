"""One sense per document for place names.

A statistical tagger labels each occurrence of a rare name on its own, so a village a report names five times is
a place once, an organisation twice and nothing the other times ("the frontline of Dafniya, an embattled town";
"shelling on Misrata and Dafniya"). The document itself usually says once, unambiguously, that a name is a place:
in its dateline ("X, Libya (CNN) --"), with a settlement noun ("the town of X", "X, an embattled town"), or with a
place tag from the tagger. Such a name is then a place wherever it recurs in the document, unless the document also
uses it as a person. This is the classic one-sense-per-discourse heuristic; no library offers it for spaCy's NER
output, hence the few lines here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from dateline.clean.wire import AGENCY_TAG
from dateline.model import Mention

_WORD = r"(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)-)?[A-Z][\w'’]*(?:-[\w'’]+)*"
_NAME = rf"{_WORD}(?: (?:(?:al|el|bin|ibn|de|of)[ -])?{_WORD}){{0,2}}"
_KIND = (r"(?:town|city|village|district|suburb|neighbou?rhood|province|governorate|region|port|oasis|hamlet"
         r"|settlement|border crossing|township|municipality)")
_KINDS = r"(?:towns|cities|villages|districts|suburbs|neighbou?rhoods|provinces|governorates|regions|ports|oases)"
_KIND_OF = re.compile(rf"\b(?:{_KIND}|{_KINDS}) of ({_NAME})")
# "X, an embattled town just west of ...": a settlement noun ending the apposition (not "a city official")
_APPOSITION = re.compile(rf"({_NAME}), (?:an?|the) (?:[\w-]+ ){{0,4}}?{_KIND}(?=[,.;:]| (?:of|in|on|near|just|about|"
                         r"north|south|east|west|that|which|where|held|under|some|\d)\b)")
_DATELINE = re.compile(rf"({_NAME}), (?:[A-Z][\w.]*(?: [A-Z][\w.]*){{0,2}} )?{AGENCY_TAG}")
_NOT_NAME = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                       "February", "March", "April", "May", "June", "July", "August", "September", "October",
                       "November", "December", "The", "A", "An", "NEW", "New:", "In", "At", "By", "On", "But",
                       "And", "Staff", "Wire"})
PLACE_TAGS = frozenset({"GPE", "LOC"})  # tags that mark a name as a place (not FAC: a building)


def place_names(text: str, mentions: Iterable[Mention]) -> set[str]:
    """Names the document marks as places at least once (dateline, settlement noun, a GPE/LOC tag)."""
    tagged: Counter[str] = Counter()
    for m in mentions:
        tagged[m.text] += 1 if m.label in PLACE_TAGS else -1
    # a tag counts when the tagger calls the name a place at least as often as anything else ("Wedbush" tagged GPE
    # once and ORG five times is a firm)
    names = {m.text for m in mentions if m.label in PLACE_TAGS and m.text[:1].isupper() and len(m.text) >= 3
             and tagged[m.text] >= 0}
    for pattern in (_KIND_OF, _APPOSITION, _DATELINE):
        for found in pattern.finditer(text):
            name = _trim(found.group(1))
            if name:
                names.add(name)
    return names


def propagated_spans(text: str, mentions: Sequence[Mention], taken: Sequence[tuple[int, int]],
                     is_person: Callable[[str, str], bool]) -> list[tuple[int, int]]:
    """Occurrences of the document's place names that no span covers yet, as ``(start, end)``.

    An occurrence inside a longer non-place entity ("the Misrata Military Council") is left alone; a name the
    document also uses as a person (``is_person``) is never propagated.
    """
    names = sorted(place_names(text, mentions), key=len, reverse=True)
    entities = [(m.start, m.end, m.text) for m in mentions if m.label not in PLACE_TAGS]
    covered = list(taken)
    out: list[tuple[int, int]] = []
    for name in names:
        if is_person(text, name):
            continue
        for found in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            start, end = found.span()
            if any(s < end and start < e for s, e in covered):
                continue
            if any(s <= start and end <= e and entity != name for s, e, entity in entities):
                continue
            covered.append((start, end))
            out.append((start, end))
    return out


def _trim(name: str) -> str | None:
    """Drop leading words that are no part of a place name ("Saturday Dafniya" → "Dafniya")."""
    words = name.split(" ")
    while words and words[0] in _NOT_NAME:
        words = words[1:]
    if not words or len(" ".join(words)) < 3 or words[-1] in _NOT_NAME:
        return None
    return " ".join(words)
