"""Clean an article body: remove scraping noise, lift metadata into fields, keep every real sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.clean.lexicon import NoiseLexicon, noise_lexicon
from dateline.clean.metadata_lines import parse_byline, parse_dateline, split_meta_prefix
from dateline.clean.noise import (
    TERMINAL,
    WORD,
    classify_paragraph,
    gallery_run,
    has_position_cue,
    is_table_row,
    is_unpunctuated,
    unpunctuated_caption,
)
from dateline.clean.wire import WireHeader, parse_header_line, parse_source_line, split_wire_dateline
from dateline.model import Removal

PARAGRAPH_SEPARATOR = "\n\n"
MAX_TITLE_WORDS = 30
MIN_TITLE_WORDS = 3
# A headline has no full stop (a question mark or a closing quote may end it) and starts like a title.
SENTENCE_END = re.compile(r"[.!…:;]['\"’”»)\]]*\s*$")
HEADLINE_START = re.compile(r"[A-Z0-9\"“‘'«]")
INLINE_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# Hard-wrapped lines continue a sentence: they end without punctuation and the next starts in lower case.
_WRAP_END = re.compile(r"[,;\-–—]$|\b(?:a|an|the|of|and|or|to|in|on|for|with|by|at|from|that)$", re.I)


# Removal kinds that are metadata or furniture with no prose in it; everything else is a judgement about text.
METADATA_KINDS = frozenset({
    "title", "duplicate_headline", "dateline", "header", "byline", "source", "metadata_prefix",
    "icon_junk", "player", "separator",
})
MAX_REMOVED_SHARE = 0.2  # a cleaner that would remove more of a document's words than this is not trusted
HEADER_PARAGRAPHS = 4  # header lines (place and date, source and date) are looked for this near the top


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    removed: tuple[Removal, ...]
    title: str | None
    published: str | None  # found in the text (prefix, date line, header or dateline)
    author: str | None
    place: str | None = None  # where the story was filed (the dateline's place)
    agency: str | None = None  # the agency tag of the dateline: "Reuters", "AP"
    source: str | None = None  # who issued it, from a header or source line
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class _Found:
    published: str | None = None
    author: str | None = None
    place: str | None = None
    date_text: str | None = None
    agency: str | None = None
    source: str | None = None

    def take(self, header: WireHeader) -> None:
        self.published = self.published or header.published
        self.place = self.place or header.place
        self.date_text = self.date_text or header.date_text
        self.agency = self.agency or header.agency
        self.source = self.source or header.source


def clean_body(body: str, *, title: str | None = None, lexicon: NoiseLexicon | None = None) -> CleanResult:
    """Clean ``body``; ``title`` is the known headline (from metadata) if any.

    Noise is removed only on a specific signal, and never more than ``MAX_REMOVED_SHARE`` of the words: above
    that the judged removals (captions, boilerplate, teasers, repeats) are kept and a note says why.
    """
    lexicon = lexicon or noise_lexicon()
    paragraphs = split_paragraphs(body, lexicon)
    removed: list[Removal | None] = [None] * len(paragraphs)
    found = _Found()

    if paragraphs and (prefix := split_meta_prefix(paragraphs[0])):
        found.published = prefix[1]
        paragraphs[0] = prefix[2].strip()
        prefix_removal = Removal("metadata_prefix", prefix[0].strip())
    else:
        prefix_removal = None

    for i, paragraph in enumerate(paragraphs):
        if kind := classify_paragraph(paragraph, lexicon):
            removed[i] = Removal(kind, paragraph)
        elif (date := parse_dateline(paragraph)) is not None:
            found.published = found.published or date
            removed[i] = Removal("dateline", paragraph)
        elif (byline := parse_byline(paragraph)) is not None:
            found.author = found.author or byline
            removed[i] = Removal("byline", paragraph)
        elif (source := parse_source_line(paragraph)) is not None:
            found.source = found.source or source
            removed[i] = Removal("source", paragraph)
        elif i < HEADER_PARAGRAPHS and (header := parse_header_line(paragraph)) is not None:
            found.take(header)
            removed[i] = Removal("header", paragraph)

    title = _take_title(paragraphs, removed, title)
    _mark_duplicates(paragraphs, removed, title)
    kinds = [r.kind if r else None for r in removed]
    for i, is_caption in enumerate(unpunctuated_caption(paragraphs, kinds)):
        if is_caption or (removed[i] is None and has_position_cue(paragraphs[i]) and is_unpunctuated(paragraphs[i])):
            removed[i] = Removal("caption", paragraphs[i])

    notes = _keep_if_too_much(paragraphs, removed)
    wire_removal = _split_wire_dateline(paragraphs, removed, found)
    kept = [p for p, r in zip(paragraphs, removed, strict=True) if r is None]
    text, spans = join_paragraphs(kept)
    removals = [r for r in (prefix_removal, wire_removal) if r] + [r for r in removed if r is not None]
    if found.date_text and not found.published:
        notes.append(f"dateline date without a year: {found.date_text}")
    return CleanResult(text, spans, tuple(removals), title, found.published, found.author, found.place,
                       found.agency, found.source, tuple(notes))


def _keep_if_too_much(paragraphs: list[str], removed: list[Removal | None]) -> list[str]:
    """Undo the judged removals when together they take more than ``MAX_REMOVED_SHARE`` of the words.

    On a page the rules were not made for (a table layout, a list of short items, a text without full
    stops) they can misfire on the article itself; a kept caption costs less than a lost paragraph. The captions
    of a photo gallery (``gallery_run``) are no judgement and stay removed: a gallery is often most of its page.
    """
    total = sum(len(WORD.findall(p)) for p in paragraphs)
    gallery = gallery_run(paragraphs)
    judged = [i for i, r in enumerate(removed) if r is not None and r.kind not in METADATA_KINDS
              and not (r.kind == "caption" and i in gallery)]
    words = sum(len(WORD.findall(paragraphs[i])) for i in judged)
    if not total or words <= MAX_REMOVED_SHARE * total:
        return []
    kinds = sorted({removed[i].kind for i in judged})  # type: ignore[union-attr]
    for i in judged:
        removed[i] = None
    return [f"cleaning kept {len(judged)} paragraphs ({words} of {total} words) it took for {', '.join(kinds)}: "
            f"more than {MAX_REMOVED_SHARE:.0%} of the text"]


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


def _split_wire_dateline(paragraphs: list[str], removed: list[Removal | None], found: _Found) -> Removal | None:
    """Take the wire dateline ("BEIRUT (AP) — ") off the lede, the first paragraph kept; it is metadata.

    A dateline further down (after summary lines or captions that are kept) stays in the text."""
    first = next((i for i, r in enumerate(removed) if r is None), None)
    if first is None or (split := split_wire_dateline(paragraphs[first])) is None:
        return None
    header, paragraphs[first] = split
    found.take(header)
    return Removal("dateline", header.text)


def _take_title(paragraphs: list[str], removed: list[Removal | None], title: str | None) -> str | None:
    """When no title is known, a short unpunctuated first paragraph followed by text is the headline."""
    if title:
        return title
    remaining = [i for i, r in enumerate(removed) if r is None]
    if len(remaining) < 2:
        return None
    first = paragraphs[remaining[0]]
    words = len(WORD.findall(first))
    named = len(re.findall(r"[^\W\d_]{2,}", first))  # "World News", "2008-01-14 03:50 -" are labels, not headlines
    if (named >= MIN_TITLE_WORDS and words <= MAX_TITLE_WORDS and not SENTENCE_END.search(first)
            and HEADLINE_START.match(first) and not is_table_row(first)):
        removed[remaining[0]] = Removal("title", first)
        return first
    return None


def _mark_duplicates(paragraphs: list[str], removed: list[Removal | None], title: str | None) -> None:
    """The headline repeated in the body is dropped, and so are repeated labels (navigation, "View PDF").

    A repeated sentence or list item stays: pages repeat them on purpose (a refrain, a shop link under each
    item), and a scraper's double read is cheaper to keep than a real repetition is to lose."""
    seen: set[str] = set()
    title_key = _key(title) if title else None
    for i, paragraph in enumerate(paragraphs):
        if removed[i] is not None and removed[i].kind != "title":  # type: ignore[union-attr]
            continue
        key = _key(paragraph)
        if removed[i] is None and key == title_key:
            removed[i] = Removal("duplicate_headline", paragraph)
        elif removed[i] is None and key in seen and key and _is_label_line(paragraph):
            removed[i] = Removal("duplicate", paragraph)
        seen.add(key)


def _is_label_line(paragraph: str) -> bool:
    return not TERMINAL.search(paragraph) and not paragraph.startswith(("- ", "• ")) and not is_table_row(paragraph)


def _key(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))
