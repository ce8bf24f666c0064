"""Quotes: direct quotes and reported speech, with speaker, role and cue.

``extract_attributions(document)`` returns :class:`Attribution` records (quote span, cue span,
speaker span, name and role); :class:`~dateline.quotes.stage.QuotesStage` turns them into
:class:`~dateline.model.Quote` rows.
"""

from __future__ import annotations

import dataclasses

from dateline.model import Document
from dateline.quotes.direct import attribute_direct, find_marked, find_transcript
from dateline.quotes.headlines import find_headline, find_sentence_case_title, find_title_headlines
from dateline.quotes.indirect import find_indirect
from dateline.quotes.nominal import find_nominal
from dateline.quotes.speakers import Attribution, Parse, Speaker, load_speech_verbs

__all__ = ["Attribution", "Speaker", "extract_attributions", "load_speech_verbs"]


def extract_attributions(document: Document) -> list[Attribution]:
    """Direct and indirect quotes of one document (needs tokens from the language layer), in text order."""
    if not document.tokens:
        return []
    parse = Parse(document)
    marked = find_marked(document.text, document.paragraphs)
    transcript = find_transcript(parse, document.paragraphs)
    transcript += [h for h in find_headline(parse, document.paragraphs) if not any(_overlap(h, t) for t in transcript)]
    transcript += [h for h in find_title_headlines(parse, document.paragraphs) if not any(_overlap(h, t) for t in transcript)]
    direct = [d for d in attribute_direct(parse, marked, document.paragraphs) if not any(_overlap(d, t) for t in transcript)]
    direct += transcript
    history = [a.speaker for a in direct if a.speaker is not None]
    indirect = find_indirect(parse, marked, history)
    taken = {i for a in indirect if a.cue_start is not None for i in parse.tokens_between(a.cue_start, a.cue_end or a.cue_start)}
    indirect += find_nominal(parse, marked, history, taken)
    cues_at = {a.cue_start for a in direct + indirect if a.cue_start is not None}
    direct += find_sentence_case_title(parse, document.paragraphs, cues_at)
    direct = [_one_line(document.text, a) for a in direct]
    indirect = [_one_line(document.text, a) for a in indirect]
    kept_direct = [d for d in direct if not _covered(_words_only(document.text, d), indirect)]
    kept_indirect = [i for i in indirect if not any(_contains(o, i) and o is not i for o in indirect)]
    kept_indirect = [i for n, i in enumerate(kept_indirect) if not any((o.start, o.end) == (i.start, i.end) for o in kept_indirect[:n])]
    return sorted(kept_direct + kept_indirect, key=lambda a: (a.start, a.end))


def _one_line(text: str, a: Attribution) -> Attribution:
    """A content never runs over a line break (a headline glued to the first sentence by the parser,
    a quote mark paired across lines): keep the line nearest the cue."""
    if "\n" not in text[a.start : a.end].strip():
        return a
    pieces, start = [], a.start
    for line in text[a.start : a.end].split("\n"):
        end = start + len(line)
        if line.strip():
            lead = len(line) - len(line.lstrip())
            pieces.append((start + lead, start + len(line.rstrip())))
        start = end + 1
    anchor = a.cue_start if a.cue_start is not None else a.start
    best = min(pieces, key=lambda p: 0 if p[0] <= anchor <= p[1] else min(abs(anchor - p[0]), abs(anchor - p[1])))
    return dataclasses.replace(a, start=best[0], end=best[1])


def _covered(inner: Attribution, others: list[Attribution]) -> bool:
    return any(_covers(o, inner) for o in others)


def _contains(outer: Attribution, inner: Attribution) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and (outer.start, outer.end) != (inner.start, inner.end)


def _covers(outer: Attribution, inner: Attribution) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _words_only(text: str, a: Attribution) -> Attribution:
    """``a`` without edge punctuation and quote marks (a partial quote ends '... approach.”')."""
    start, end = a.start, a.end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return dataclasses.replace(a, start=start, end=end) if end > start else a


def _overlap(a: Attribution, b: Attribution) -> bool:
    return a.start < b.end and b.start < a.end
