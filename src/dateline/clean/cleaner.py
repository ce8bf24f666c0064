"""Clean an article body: remove scraping noise, lift metadata into fields, keep every real sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.clean.lexicon import NoiseLexicon, noise_lexicon
from dateline.clean.metadata_lines import parse_byline, parse_dateline, split_meta_prefix, split_wire_dateline
from dateline.clean.noise import TERMINAL, WORD, classify_paragraph, has_position_cue, unpunctuated_caption
from dateline.model import Removal

PARAGRAPH_SEPARATOR = "\n\n"
MAX_TITLE_WORDS = 30
INLINE_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# Hard-wrapped lines continue a sentence: they end without punctuation and the next starts in lower case.
_WRAP_END = re.compile(r"[,;\-–—]$|\b(?:a|an|the|of|and|or|to|in|on|for|with|by|at|from|that)$", re.I)


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    removed: tuple[Removal, ...]
    title: str | None
    published: str | None  # found in the text (prefix or dateline)
    author: str | None


def clean_body(body: str, *, title: str | None = None, lexicon: NoiseLexicon | None = None) -> CleanResult:
    """Clean ``body``; ``title`` is the known headline (from metadata) if any."""
    lexicon = lexicon or noise_lexicon()
    paragraphs = split_paragraphs(body, lexicon)
    removed: list[Removal | None] = [None] * len(paragraphs)
    published: str | None = None
    author: str | None = None

    if paragraphs and (prefix := split_meta_prefix(paragraphs[0])):
        published = prefix[1]
        paragraphs[0] = prefix[2].strip()
        prefix_removal = Removal("metadata_prefix", prefix[0].strip())
    else:
        prefix_removal = None

    for i, paragraph in enumerate(paragraphs):
        if kind := classify_paragraph(paragraph, lexicon):
            removed[i] = Removal(kind, paragraph)
        elif (found := parse_dateline(paragraph)) is not None:
            published = published or found
            removed[i] = Removal("dateline", paragraph)
        elif (byline := parse_byline(paragraph)) is not None:
            author = author or byline
            removed[i] = Removal("byline", paragraph)

    title = _take_title(paragraphs, removed, title)
    _mark_duplicates(paragraphs, removed, title)
    flags = [r is not None for r in removed]
    for i, is_caption in enumerate(unpunctuated_caption(paragraphs, flags)):
        if is_caption or (not flags[i] and has_position_cue(paragraphs[i]) and not TERMINAL.search(paragraphs[i])):
            removed[i] = Removal("caption", paragraphs[i])
    if published is None:
        published = _header_date(paragraphs, removed)

    wire_removal = _split_wire_dateline(paragraphs, removed)
    kept = [p for p, r in zip(paragraphs, removed, strict=True) if r is None]
    text, spans = join_paragraphs(kept)
    removals = [r for r in (prefix_removal, wire_removal) if r] + [r for r in removed if r is not None]
    return CleanResult(text, spans, tuple(removals), title, published, author)


def split_paragraphs(body: str, lexicon: NoiseLexicon | None = None) -> list[str]:
    """Split into paragraphs: one per line, re-joining hard-wrapped lines; whitespace normalised.

    A line that is noise on its own (icon junk, a player timestamp) never continues the line above.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n").replace("\r", "\n")):
        current = ""
        for raw_line in block.split("\n"):
            line = INLINE_SPACE.sub(" ", raw_line).strip()
            if not line:
                continue
            if current and _continues(current, line) and not (lexicon and classify_paragraph(line, lexicon)):
                current = f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if TERMINAL.search(previous) or parse_dateline(previous) is not None or parse_byline(previous) is not None:
        return False  # a "Published: 12 June 2017" or "By ..." line is never the start of a wrapped sentence
    return line[:1].islower() or bool(_WRAP_END.search(previous))


def join_paragraphs(paragraphs: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join paragraphs with blank lines; return the text and each paragraph's (start, end)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), tuple(spans)


def _split_wire_dateline(paragraphs: list[str], removed: list[Removal | None]) -> Removal | None:
    """Take the wire dateline ("BEIRUT - ") off the first body paragraph; it is metadata, not a sentence."""
    first = next((i for i, r in enumerate(removed) if r is None), None)
    if first is None or (found := split_wire_dateline(paragraphs[first])) is None:
        return None
    paragraphs[first] = found[2]
    return Removal("dateline", found[0].strip())


HEADER_PARAGRAPHS = 4  # a publication date stated in a removed line is looked for this near the top


def _header_date(paragraphs: list[str], removed: list[Removal | None]) -> str | None:
    """"Issued by Relief Across Borders, 20 June 2017": a removed header line that ends in a date."""
    for i in range(min(HEADER_PARAGRAPHS, len(paragraphs))):
        if removed[i] is None:
            continue
        tail = re.split(r"\s*(?:,|\||\s[-–—]\s)\s*", paragraphs[i])[-1]
        found = parse_dateline(tail) if tail != paragraphs[i] else None
        if found is not None and len(found) == 10:
            removed[i] = Removal("dateline", paragraphs[i])
            return found
    return None


def _take_title(paragraphs: list[str], removed: list[Removal | None], title: str | None) -> str | None:
    """When no title is known, a short unpunctuated first paragraph followed by text is the headline."""
    if title:
        return title
    remaining = [i for i, r in enumerate(removed) if r is None]
    if len(remaining) < 2:
        return None
    first = paragraphs[remaining[0]]
    words = len(WORD.findall(first))
    if 0 < words <= MAX_TITLE_WORDS and (not TERMINAL.search(first) or first.rstrip().endswith("?")):
        removed[remaining[0]] = Removal("title", first)
        return first
    return None


def _mark_duplicates(paragraphs: list[str], removed: list[Removal | None], title: str | None) -> None:
    """Repeated headlines and repeated paragraphs (a scraper reading a block twice) are dropped."""
    seen: set[str] = set()
    title_key = _key(title) if title else None
    for i, paragraph in enumerate(paragraphs):
        if removed[i] is not None and removed[i].kind != "title":  # type: ignore[union-attr]
            continue
        key = _key(paragraph)
        if removed[i] is None and key == title_key:
            removed[i] = Removal("duplicate_headline", paragraph)
        elif removed[i] is None and key in seen and len(key) > 0:
            removed[i] = Removal("duplicate", paragraph)
        seen.add(key)


def _key(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))
