"""Classify the paragraphs of a scraped article body as article text or a kind of noise.

Written by hand because no library does this for already-extracted text: trafilatura and friends
work on the HTML tree, and their text output (or a plain-text scrape) still carries gallery
captions, player widgets and share lines. The rules are deliberately conservative: a paragraph is
only noise when a specific signal says so, because dropping a real sentence is worse than keeping
a caption.
"""

from __future__ import annotations

import re

from dateline.clean.lexicon import NoiseLexicon

# "1/22 Iraqi soldiers ..." — the position counter of a photo gallery.
GALLERY_COUNTER = re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})\s+\S")
# Media-player clock readouts: "0:00", "26:12", "1:02:33", "0:00 / 3:45".
PLAYER_CLOCK = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
ICON_WORD = re.compile(r"icon", re.I)
# Sentence-final punctuation, allowing closing quotes/brackets after it.
TERMINAL = re.compile(r"[.!?…:;]['\"’”»)\]]*\s*$|['\"’”»]\s*$")
POSITION_CUE = re.compile(r"\((?:left|right|centre|center|pictured|top|bottom|front|back)\)", re.I)
WORD = re.compile(r"\w[\w'’-]*")
TABLE_ROW = re.compile(r"^\|.*\|$")
# "Video: Fighters push into the western outskirts", "Watch | ...": a media item's label
MEDIA_LABEL = re.compile(r"^(?:video|watch|photos?|pictures?|images?|gallery|audio|listen|podcast)\s*[:|]\s*\S", re.I)
MEDIA_KINDS = frozenset({"player", "icon_junk", "caption"})  # removed furniture that captions stand beside

MIN_ICON_WORDS = 3  # a line with at least this many "...icon" tokens ...
MIN_ICON_SHARE = 0.3  # ... making up this share of its words is an icon font dump
MIN_CAPTION_WORDS = 8  # unpunctuated lines shorter than this may be headings: keep them
MAX_UNPUNCTUATED_SHARE = 0.5  # if more paragraphs than this lack punctuation, the source has none: trust it


def classify_paragraph(paragraph: str, lexicon: NoiseLexicon) -> str | None:
    """Return the noise kind of one paragraph, or None when it is (or may be) article text.

    Only signals that hold on their own are used here; the context-dependent caption rule lives
    in :func:`unpunctuated_caption`.
    """
    line = paragraph.strip()
    lowered = line.lower().rstrip(" .:")
    if lowered in lexicon.ui_lines:
        return "player" if lowered in ("podcasts", "podcast", "play", "pause", "replay", "listen") else "boilerplate"
    if PLAYER_CLOCK.match(line):
        return "player"
    if not WORD.search(line):
        return "separator"  # "* * *", "| | |": no word at all
    words = WORD.findall(line)
    icons = len(ICON_WORD.findall(line))
    if icons >= MIN_ICON_WORDS and icons / max(len(words), 1) >= MIN_ICON_SHARE:
        return "icon_junk"
    for kind, pattern in lexicon.boilerplate:
        if pattern.match(line):
            return kind
    if _gallery_counter(line):
        return "caption"  # "1/22 Soldiers ...", never "9/11 families ..." or "24/7 ..."
    if lexicon.credit_tail.search(line) and not TERMINAL.search(_strip_credit(line, lexicon)):
        return "caption"
    return None


def gallery_run(paragraphs: list[str]) -> set[int]:
    """The paragraphs of a photo gallery: two or more counters out of the same total ("1/22 ...", "2/22 ..."), a
    mark no article sentence makes by chance (one "9/11 families ..." may be one)."""
    by_total: dict[str, dict[str, int]] = {}
    for i, paragraph in enumerate(paragraphs):
        if counter := _gallery_counter(paragraph):
            by_total.setdefault(counter[1], {}).setdefault(counter[0], i)
    return {i for found in by_total.values() if len(found) >= 2 for i in found.values()}


def _gallery_counter(line: str) -> tuple[str, str] | None:
    """("3", "22") for "3/22 Soldiers ...": a picture's number out of the gallery's total, never past it."""
    counter = GALLERY_COUNTER.match(line)
    return (counter.group(1), counter.group(2)) if counter and int(counter.group(1)) <= int(counter.group(2)) else None


def _strip_credit(line: str, lexicon: NoiseLexicon) -> str:
    return lexicon.credit_tail.sub("", line).rstrip()


def is_table_row(paragraph: str) -> bool:
    """"| Raqqa | 12 | 3 May |": a row of a data table, written by trafilatura. Article text, never a caption."""
    return bool(TABLE_ROW.match(paragraph.strip()))


def is_unpunctuated(paragraph: str) -> bool:
    """True for a long paragraph with no sentence-final punctuation (caption-like); table rows never are."""
    line = paragraph.strip()
    return len(WORD.findall(line)) >= MIN_CAPTION_WORDS and not TERMINAL.search(line) and not is_table_row(line)


def unpunctuated_caption(paragraphs: list[str], kinds: list[str | None]) -> list[bool]:
    """Mark the long unpunctuated paragraphs that sit in a media block as captions.

    ``kinds``: what each paragraph was already removed as (None: kept). A picture or video caption scraped into
    the body usually has no full stop ("Displaced families walk past a checkpoint near the town"), but neither
    do headings, list items, table-layout text and whole articles from sources without punctuation: lacking a
    full stop alone removes nothing. The paragraph must also be labelled as media ("Video: ...") or stand next
    to removed media furniture (a player clock, a gallery counter, a credited picture, icon junk). When most
    paragraphs are unpunctuated the source simply has no punctuation and nothing is removed.
    """
    candidates = [i for i, p in enumerate(paragraphs) if kinds[i] is None and is_unpunctuated(p)]
    remaining = [i for i in range(len(paragraphs)) if kinds[i] is None]
    if not remaining or len(candidates) > MAX_UNPUNCTUATED_SHARE * len(remaining):
        return [False] * len(paragraphs)
    marks = [False] * len(paragraphs)
    for i in candidates:
        beside = [kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(kinds)]
        marks[i] = bool(MEDIA_LABEL.match(paragraphs[i])) or any(k in MEDIA_KINDS for k in beside)
    return marks


def has_position_cue(paragraph: str) -> bool:
    """"(right)", "(pictured)": phrases that only captions use."""
    return bool(POSITION_CUE.search(paragraph))
