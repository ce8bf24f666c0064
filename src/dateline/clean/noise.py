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
GALLERY_COUNTER = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s+\S")
# Media-player clock readouts: "0:00", "26:12", "1:02:33", "0:00 / 3:45".
PLAYER_CLOCK = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
ICON_WORD = re.compile(r"icon", re.I)
# Sentence-final punctuation, allowing closing quotes/brackets after it.
TERMINAL = re.compile(r"[.!?…:;]['\"’”»)\]]*\s*$|['\"’”»]\s*$")
POSITION_CUE = re.compile(r"\((?:left|right|centre|center|pictured|top|bottom|front|back)\)", re.I)
WORD = re.compile(r"\w[\w'’-]*")

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
    words = WORD.findall(line)
    icons = len(ICON_WORD.findall(line))
    if icons >= MIN_ICON_WORDS and icons / max(len(words), 1) >= MIN_ICON_SHARE:
        return "icon_junk"
    for kind, pattern in lexicon.boilerplate:
        if pattern.match(line):
            return kind
    if GALLERY_COUNTER.match(line):
        return "caption"
    if lexicon.credit_tail.search(line) and not TERMINAL.search(_strip_credit(line, lexicon)):
        return "caption"
    return None


def _strip_credit(line: str, lexicon: NoiseLexicon) -> str:
    return lexicon.credit_tail.sub("", line).rstrip()


def is_unpunctuated(paragraph: str) -> bool:
    """True for a long paragraph with no sentence-final punctuation (caption-like)."""
    line = paragraph.strip()
    return len(WORD.findall(line)) >= MIN_CAPTION_WORDS and not TERMINAL.search(line)


def unpunctuated_caption(paragraphs: list[str], flags: list[bool]) -> list[bool]:
    """Mark long unpunctuated paragraphs as captions, unless the whole text lacks punctuation.

    News prose ends its sentences; a picture caption scraped into the body usually does not
    ("Displaced families walk past a checkpoint near the town"). When most paragraphs are
    unpunctuated the source simply has no punctuation and nothing is removed.
    """
    candidates = [i for i, p in enumerate(paragraphs) if not flags[i] and is_unpunctuated(p)]
    remaining = [i for i in range(len(paragraphs)) if not flags[i]]
    if not remaining or len(candidates) > MAX_UNPUNCTUATED_SHARE * len(remaining):
        return [False] * len(paragraphs)
    marks = [False] * len(paragraphs)
    for i in candidates:
        marks[i] = True
    return marks


def has_position_cue(paragraph: str) -> bool:
    """"(right)", "(pictured)": phrases that only captions use."""
    return bool(POSITION_CUE.search(paragraph))
