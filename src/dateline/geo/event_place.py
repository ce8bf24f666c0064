"""Where did the events of a sentence happen?

1. a place mention inside the span, preferring the one syntactically closest to a verb (Token heads);
2. else the nearest place mention before the span in the same paragraph;
3. else the document's focus (its most mentioned specific place).
Demonyms ("Iraqi forces") and unresolved mentions never count.
"""

from __future__ import annotations

from collections import Counter

from dateline.model import Document, PlaceMention

MAX_HEAD_HOPS = 6
BROAD = ("A.PCL", "L.CONT", "A.ADM1")


def event_place(document: Document, start: int, end: int) -> PlaceMention | None:
    """The place where the events of ``text[start:end]`` happened, or None when the document has none."""
    usable = [m for m in document.places if m.place is not None and m.qualifier != "demonym"]
    inside = [m for m in usable if start <= m.start and m.end <= end]
    if inside:
        return min(inside, key=lambda m: (_verb_distance(document, m), m.start))
    paragraph = next(((s, e) for s, e in document.paragraphs if s <= start < e), (0, start))
    before = [m for m in usable if paragraph[0] <= m.start and m.end <= start]
    if before:
        return before[-1]
    return _focus(document, usable)


def _verb_distance(document: Document, mention: PlaceMention) -> int:
    """Head hops from the mention's last token to the nearest verb (MAX_HEAD_HOPS when unknown)."""
    tokens = document.tokens
    index = next((i for i, t in enumerate(tokens) if t.start <= mention.end - 1 < t.end), None)
    hops = 0
    while index is not None and hops < MAX_HEAD_HOPS:
        token = tokens[index]
        if token.pos in ("VERB", "AUX") or (token.pos == "NOUN" and hops and token.dep == "ROOT"):
            return hops
        if token.head == index:
            break
        index, hops = token.head, hops + 1
    return MAX_HEAD_HOPS


def _focus(document: Document, usable: list[PlaceMention]) -> PlaceMention | None:
    if not usable:
        return None
    features = {p.id: p.feature or "" for p in document.place_records}
    specific = [m for m in usable if not features.get(m.place or "", "").startswith(BROAD)] or usable
    counts = Counter(m.place for m in specific)
    best = max(counts, key=lambda pid: (counts[pid], -next(m.start for m in specific if m.place == pid)))
    return next(m for m in specific if m.place == best)
