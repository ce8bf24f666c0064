"""Recognition: find temporal expressions with the rules of ``patterns.py``, pick the longest
non-overlapping ones, and resolve them left to right (``resolve.py``) against the anchor date."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import cache

from dateline.model import TimeExpression, Token
from dateline.time import calendar as cal
from dateline.time import entries
from dateline.time.context import Context, Resolved, norm
from dateline.time.lexicon import lexicon
from dateline.time.patterns import compiled_rules, triggers
from dateline.time.resolve import RESOLVERS, accept
from dateline.time.tense import (
    REPORTING_VERBS,
    direction_from_tokens,
    direction_from_words,
    governing_verb,
    sentence_bounds,
    token_index,
)

Candidate = tuple[int, int, int, str, re.Match[str]]  # start, end, rule order, rule name, match
WORD = re.compile(r"[A-Za-z]+|\d+")
# Widest reach of a rule's match left and right of its trigger word ("at least the past two *months*").
WINDOW_LEFT = 64
WINDOW_RIGHT = 48
PRECISION_CODE = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def tag_times(
    text: str,
    *,
    doc_id: str,
    anchor: datetime.date | None,
    tokens: Sequence[Token] = (),
    sentences: Sequence[tuple[int, int]] = (),
    anchor_year: int | None = None,
) -> list[TimeExpression]:
    """Temporal expressions of ``text`` with TIMEX3 type/value, resolved against ``anchor`` (publication date).

    ``tokens`` (Dateline tokens, optional) let the tense of the governing verb decide whether a bare
    weekday or yearless date points back or forward; without them a cue-word heuristic does.
    ``anchor_year``: with no day anchor (a publication date known only to the month or year), year-relative
    expressions ("earlier this year", "last year") still resolve against it; day-relative ones do not.
    On a live page (entry stamps such as "(Update 5:16 a.m. Thursday ...)", ``entries.py``) each entry is resolved
    against its stamp's day.
    """
    ctx = Context(text=text, anchor=anchor, tense=_tense_function(text, tokens, sentences),
                  year=anchor.year if anchor else anchor_year)
    reported = _reporting_day(tokens)
    chosen = select(find_candidates(text))
    stamps, entry_days = _live_page(text, chosen, anchor)
    ctx.live_page = bool(stamps)
    entry_starts = iter(entry_days)
    next_entry = next(entry_starts, None)
    expressions: list[TimeExpression] = []
    for start, end, _, name, match in chosen:
        while next_entry is not None and start >= next_entry[0]:  # a live page's entry: told from its stamp's day
            ctx.anchor = next_entry[1]
            ctx.last_date = ctx.last_scene = (next_entry[1], "D")
            next_entry = next(entry_starts, None)
        resolved = RESOLVERS[name](match, ctx)
        if resolved is None:
            continue
        if start in stamps:
            day, reference = stamps[start]
            resolved = resolved._replace(value=day.isoformat() + resolved.value[10:], rule=entries.STAMP_RULE,
                                         anchor=reference.isoformat())
        else:  # a stamp is not what "that day" refers to: its entry's day is (set above)
            said = reported(start, end)
            if _remember(ctx, resolved, said=said):
                ctx.said_until = sentence_bounds(text, start, sentences)[1] if said else -1
        expressions.append(_expression(doc_id, text, start, end, resolved))
    return expressions


def _live_page(text: str, chosen: list[Candidate], anchor: datetime.date | None
               ) -> tuple[dict[int, tuple[datetime.date, datetime.date]], list[tuple[int, datetime.date]]]:
    """A live page's entry stamps (offset → (day, day it was resolved from)) and where each entry starts with the
    day it is told from (``entries.py``); both empty for an ordinary article."""
    if anchor is None:
        return {}, []
    headers = entries.find_headers(text, [(c[0], c[1], c[4].groupdict().get("wd")) for c in chosen if c[3] == "clock"])
    stamps = entries.stamp_days(headers, anchor)
    return stamps, entries.entry_days(text, headers, stamps)


def find_candidates(text: str) -> list[Candidate]:
    """Every match of every rule that passes its text checks (overlaps included)."""
    candidates: list[Candidate] = []
    words = _trigger_words(text)
    rule_triggers = triggers()
    for order, (name, pattern) in enumerate(compiled_rules()):
        for lo, hi in _windows(text, words, rule_triggers[name]):
            _matches(text, lo, hi, order, name, pattern, candidates)
    return candidates


def _trigger_words(text: str) -> dict[str, list[tuple[int, int]]]:
    """Lowercase word → its spans; every number also under ``#digit``, plausible years under ``#year``."""
    words: dict[str, list[tuple[int, int]]] = {}
    for match in WORD.finditer(text):
        word = match.group().lower()
        words.setdefault(word, []).append(match.span())
        if word[0].isdigit():
            words.setdefault("#digit", []).append(match.span())
            if len(word) == 4 and 1500 <= int(word) <= 2099:
                words.setdefault("#year", []).append(match.span())
    return words


def _windows(
    text: str, words: dict[str, list[tuple[int, int]]], wanted: frozenset[str]
) -> list[tuple[int, int]]:
    """Merged text windows around the trigger words of a rule, widened to whitespace."""
    spans = sorted(span for word in wanted & words.keys() for span in words[word])
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        lo = max(0, start - WINDOW_LEFT)
        lo = text.rfind(" ", 0, lo) + 1 if lo else 0
        hi = text.find(" ", min(len(text), end + WINDOW_RIGHT))
        hi = len(text) if hi < 0 else hi
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _matches(
    text: str, lo: int, hi: int, order: int, name: str, pattern: re.Pattern[str], out: list[Candidate]
) -> None:
    for match in pattern.finditer(text, lo, hi):
        start, end = match.span("span") if "span" in pattern.groupindex and match["span"] else match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and accept(name, match, text):
            out.append((start, end, order, name, match))


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first (ties: rule order), dropping any candidate that overlaps one already kept."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if all(candidate[1] <= other[0] or candidate[0] >= other[1] for other in kept):
            kept.append(candidate)
    return sorted(kept)


def _tense_function(text: str, tokens: Sequence[Token], sentences: Sequence[tuple[int, int]]):  # type: ignore[no-untyped-def]
    index = token_index(tokens) if tokens else None

    @cache
    def tense(start: int, end: int) -> int:
        if index is not None:
            found = direction_from_tokens(index, start, end)
            if found:
                return found
        return direction_from_words(text, start, end, sentence_bounds(text, start, sentences))

    return tense


def _reporting_day(tokens: Sequence[Token]):  # type: ignore[no-untyped-def]
    """Whether the expression at (start, end) dates a speech act ("the coalition said on Thursday that ...")."""
    index = token_index(tokens) if tokens else None

    def reported(start: int, end: int) -> bool:
        if index is None:
            return False
        verb = governing_verb(index, start, end)
        return verb is not None and tokens[verb].lemma.lower() in REPORTING_VERBS

    return reported


def _remember(ctx: Context, resolved: Resolved, *, said: bool = False) -> bool:
    """Keep the last specific date as the reference for anaphora ("that day", "a week later"), and apart the last
    one that dates no speech act (``said``; :meth:`Context.scene_reference`)."""
    if resolved.type not in ("DATE", "TIME"):
        return False
    parsed = cal.parse_value(resolved.value)
    if parsed is None or parsed[1] not in PRECISION_CODE:  # a range ("Ramadan") is no reference for "that day"
        return False
    ctx.last_date = (parsed[0], PRECISION_CODE[parsed[1]])
    if not said:
        ctx.last_scene = ctx.last_date
    return True


def _expression(doc_id: str, text: str, start: int, end: int, resolved: Resolved) -> TimeExpression:
    return TimeExpression(
        id=f"t-{doc_id}-{start}",
        doc=doc_id,
        start=start,
        end=end,
        text=text[start:end],
        type=resolved.type,
        value=resolved.value,
        anchor=resolved.anchor,
        rule=resolved.rule,
        mod=resolved.mod,
    )


@cache
def warm_up() -> None:
    """Load lexicons and compile the rules now (a stage's ``setup``), not on the first document."""
    lexicon()
    compiled_rules()
    norm("")
