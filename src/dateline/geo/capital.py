"""The capital a text means without naming it: "the capital", "the Libyan capital", "Yemen's capital".

"Clashes erupted Saturday in Yemen between rival rallies in the capital": a coder writes Sanaa; no gazetteer
name is in the words. The country is the one the phrase names (a demonym, "the Libyan capital", or a country
before "'s"), else the country the text spoke of last (the nearest place before the phrase in its sentence or the
one before, unless it only qualifies a noun: "a U.S. commander"), else the country of most of the document's
places when it has at least half of them. The capital is the country's gazetteer capital (feature ``P.PPLC``). Rules by hand: a parser has no notion of which country
"the capital" belongs to, and the cue words are few and fixed in English.

Not a place: "capital" as a modifier ("capital punishment", "the capital markets": the parser marks it), "the
capital of Anbar" (a province's capital; the gazetteer has no province capitals), and a capital named right
after the phrase ("the capital, Tripoli": that name is its own mention).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.geo.gazetteer import Entry, Gazetteer
from dateline.model import Document, Place, PlaceMention
from dateline.time.tense import token_index

CAPITAL = re.compile(r"\b(?:[Tt]he\s+(?:(?P<adj>[A-Z][a-z]+)\s+|(?:country|nation)['’]s\s+)?"
                     r"|(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s\s+)capital\b(?:\s+city\b)?")
NAMED_AFTER = re.compile(r"^(?:,\s*|\s+)(?:city\s+of\s+)?$")  # "the capital, Tripoli", "the capital Sanaa"
STATED = 0.8  # confidence when the phrase names the country ("the Libyan capital", "Yemen's capital")
FROM_CONTEXT = 0.6  # when the country comes from the text around it
DOCUMENT_SHARE = 0.5  # the document's country: at least this share of its placed mentions


@dataclass(frozen=True, slots=True)
class CapitalPhrase:
    """The word "capital" ("capital city") of a description and the gazetteer entry it means."""

    start: int
    end: int
    text: str
    entry: Entry
    confidence: float


def capital_phrases(document: Document, gazetteer: Gazetteer, mentions: Sequence[PlaceMention],
                    records: dict[str, Place]) -> list[CapitalPhrase]:
    """The capitals the text means by a description, given the document's resolved ``mentions``."""
    out: list[CapitalPhrase] = []
    for match in CAPITAL.finditer(document.text):
        word = match.start() + match.group(0).rfind("capital")
        if not _is_noun(document, word) or _named_after(document.text, match.end(), mentions) \
                or document.text[match.end():].startswith(" of "):
            continue
        country, confidence = _country(document, gazetteer, match, mentions, records)
        entry = gazetteer.capital(country) if country else None
        if entry is not None:
            # the span is the word itself: "Libyan" and "Yemen" in the phrase are mentions of their own
            out.append(CapitalPhrase(word, match.end(), document.text[word:match.end()], entry, confidence))
    return out


def _is_noun(document: Document, offset: int) -> bool:
    """The word "capital" at ``offset`` is a noun heading its phrase (not "capital punishment", "the capital
    markets")."""
    if not document.tokens:
        return True
    i = token_index(document.tokens).at(offset)
    return i is not None and document.tokens[i].pos in ("NOUN", "PROPN") and document.tokens[i].dep != "compound"


def _named_after(text: str, end: int, mentions: Sequence[PlaceMention]) -> bool:
    return any(m.start >= end and NAMED_AFTER.match(text[end:m.start]) for m in mentions if m.start - end < 12)


def _country(document: Document, gazetteer: Gazetteer, match: re.Match[str], mentions: Sequence[PlaceMention],
             records: dict[str, Place]) -> tuple[str | None, float]:
    adjective, owner = match.group("adj"), match.group("owner")
    if adjective:
        return gazetteer.demonyms.get(adjective.lower()), STATED
    if owner:
        named = next((m for m in mentions if m.start == match.start() and m.place), None)
        record = records.get(named.place or "") if named else None
        if record is None or not (record.feature or "").startswith("A.PCL"):
            return None, STATED  # "Anbar's capital", "Mubarak's capital": no country's capital
        return record.country, STATED
    return _context_country(document, match.start(), mentions, records), FROM_CONTEXT


def _context_country(document: Document, start: int, mentions: Sequence[PlaceMention],
                     records: dict[str, Place]) -> str | None:
    """The country of the last placed mention before ``start`` in its sentence or the one before, else the
    document's country."""
    i = token_index(document.tokens).at(start) if document.tokens else None
    lo = document.sentences[max(0, document.tokens[i].sent - 1)][0] if i is not None and document.sentences else 0
    placed = [(m, records[m.place]) for m in mentions if m.place and m.place in records and records[m.place].country]
    before = [r.country for m, r in placed if lo <= m.start < start and not _attributive(document, m)]
    if before:
        return before[-1]
    counts = Counter(r.country for _, r in placed)
    if counts:
        country, n = counts.most_common(1)[0]
        if n / sum(counts.values()) >= DOCUMENT_SHARE:
            return country
    return None


def _attributive(document: Document, mention: PlaceMention) -> bool:
    """"A U.S. commander said missiles landed near the capital": a place name that modifies a noun tells whose
    the person or thing is, not where the text is."""
    if not document.tokens:
        return False
    i = token_index(document.tokens).at(mention.end - 1)
    if i is None:
        return False
    token = document.tokens[i]
    head = document.tokens[token.head]
    return token.dep in ("compound", "amod", "nmod") and head.pos in ("NOUN", "PROPN") and head.start >= mention.end
