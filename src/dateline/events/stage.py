"""The events stage: trigger rules (+ optional embeddings) → typed, sourced :class:`Event` records.

Reads ``text``, ``sentences``, ``tokens``, ``mentions``, ``places``/``place_records`` (never
``removed``: captions are not in ``text``). Dates come from ``dateline.time.event_date`` and places
from ``dateline.geo.event_place`` when those modules are installed.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from dateline.events.arguments import Arguments, find_arguments
from dateline.events.classify import EmbeddingClassifier, load_classifier
from dateline.events.combine import choose, rule_scores
from dateline.events.describe import event_date, event_place, summary
from dateline.events.fatalities import sentence_fatalities
from dateline.events.modality import event_modality
from dateline.events.triggers import Candidate, Lexicon, children_of, load_lexicon, match_sentence
from dateline.model import Document, Event, Span, Token
from dateline.stage import BaseStage

log = logging.getLogger(__name__)

CLAUSE_DEPS = frozenset({"ccomp", "relcl", "parataxis", "xcomp", "csubj", "acl"})  # a trigger below these is its own event
FOLD_HOPS = 3  # a dependent trigger this close under another one is part of it ("hit by a rocket launched")
FOLD_ADJACENT = 4  # a folded object this close joins the trigger text ("fires a missile")
MIN_EVENT_WEIGHT = 0.5  # rule weight below which a trigger is evidence only ("operation", "war")
OPEN_BELOW = 0.55  # triggers weaker than this may be retyped to any class by the classifier
COREF_SENTENCES = 3  # same type and same target head within this many sentences: one event
VIOLENT = frozenset({"FIGHT", "ASSAULT"})


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger after typing, before it becomes an Event."""

    candidate: Candidate
    cls: str
    score: float
    indices: tuple[int, ...]


class EventsStage(BaseStage):
    """Detect, type and describe events in every sentence of OK English documents."""

    name: ClassVar[str] = "events.extract.v2"

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self._lexicon: Lexicon | None = None
        self._classifier: EmbeddingClassifier | None = None
        self._ready = False

    def setup(self) -> None:
        if self._ready:
            return
        self._lexicon = load_lexicon("en")
        if getattr(self.settings, "event_embeddings", True):
            jobs = max(1, getattr(self.settings, "jobs", 1))
            threads = max(1, (os.cpu_count() or 1) // jobs) if jobs > 1 else None
            self._classifier = load_classifier("en", threads=threads)
        self._ready = True

    def __call__(self, batch: list[Document]) -> list[Document]:
        self.setup()
        lexicon = self._lexicon or load_lexicon("en")
        work = [(i, _analyse(d, lexicon)) for i, d in enumerate(batch) if d.ok and d.tokens]
        probs = self._sentence_probs([(batch[i], a) for i, a in work])
        out = list(batch)
        for i, analysis in work:
            out[i] = dataclasses.replace(batch[i], events=build_events(batch[i], analysis, lexicon, probs))
        return out

    def _sentence_probs(self, items: list[tuple[Document, Analysis]]) -> dict[tuple[str, int], dict[str, float]]:
        """Classifier output for every sentence with an unsettled trigger, in one batched call."""
        if self._classifier is None:
            return {}
        keys = [(d.id, s) for d, a in items for s, cands in a.by_sentence.items() if _needs_embedding(d, cands)]
        texts = {d.id: d for d, _ in items}
        sentences = [texts[doc].text[slice(*texts[doc].sentences[s])] for doc, s in keys]
        unique = list(dict.fromkeys(sentences))  # wire copies repeat sentences within a batch: encode each once
        by_text = dict(zip(unique, self._classifier.predict(unique), strict=True))
        return {key: by_text[text] for key, text in zip(keys, sentences, strict=True)}


def _needs_embedding(document: Document, candidates: list[Candidate]) -> bool:
    """Only sentences where the classifier can change the output.

    That is a trigger with several allowed classes or a weak one (open set), except a trigger below
    MIN_EVENT_WEIGHT ("operation", "war") that no other trigger of the sentence can fold with: it emits
    nothing whatever its class (an event keeps its rule score), so embedding its sentence is wasted.
    """
    live = [c for c in candidates if not c.agent]
    heads = {c.head for c in live}
    for candidate in live:
        scores = rule_scores(candidate, candidates, document.tokens)
        top = max(scores.values())
        if top < MIN_EVENT_WEIGHT:
            if _may_fold(document.tokens, candidate.head, heads):
                return True
        elif len(scores) > 1 or top < OPEN_BELOW:
            return True
    return False


def _may_fold(tokens: Sequence[Token], head: int, heads: set[int]) -> bool:
    """Another trigger within FOLD_HOPS above or below ``head`` (a superset of what ``_fold`` merges)."""
    above = _above(tokens, head)
    return any(h in above for h in heads if h != head) or any(head in _above(tokens, h) for h in heads if h != head)


def _above(tokens: Sequence[Token], head: int) -> set[int]:
    out, current = set(), head
    for _ in range(FOLD_HOPS):
        if tokens[current].head == current:
            break
        current = tokens[current].head
        out.add(current)
    return out


@dataclass(frozen=True, slots=True)
class Analysis:
    children: list[list[int]]
    ranges: dict[int, tuple[int, int]]  # sentence index → token range
    by_sentence: dict[int, list[Candidate]]


def _analyse(document: Document, lexicon: Lexicon) -> Analysis:
    children = children_of(document.tokens)
    ranges = sentence_token_ranges(document)
    by_sentence = {}
    for sent, span in ranges.items():
        found = match_sentence(document.text, document.tokens, children, span, lexicon)
        if found:
            by_sentence[sent] = found
    return Analysis(children=children, ranges=ranges, by_sentence=by_sentence)


def sentence_token_ranges(document: Document) -> dict[int, tuple[int, int]]:
    ranges: dict[int, tuple[int, int]] = {}
    for i, token in enumerate(document.tokens):
        lo, _ = ranges.get(token.sent, (i, i))
        ranges[token.sent] = (lo, i + 1)
    return ranges


def build_events(
    document: Document, analysis: Analysis, lexicon: Lexicon, probs: dict[tuple[str, int], dict[str, float]]
) -> tuple[Event, ...]:
    events: list[Event] = []
    heads: dict[str, tuple[int, str, str]] = {}  # event id → (sentence, plover, target head lemma)
    for sent, candidates in sorted(analysis.by_sentence.items()):
        found = _type_sentence(document, candidates, probs.get((document.id, sent)), lexicon, analysis.children)
        deaths = sentence_fatalities(document, *analysis.ranges[sent], analysis.children)
        for k, item in enumerate(found):
            event, target_lemma = _event(document, item, lexicon, analysis, deaths if k == 0 else None)
            merged = _coreferent(events, heads, sent, event, target_lemma)
            if merged is None:
                events.append(event)
                heads[event.id] = (sent, event.type, target_lemma)
    return tuple(events)


def _type_sentence(
    document: Document, candidates: list[Candidate], probs: dict[str, float] | None, lexicon: Lexicon, children: list[list[int]]
) -> list[Found]:
    """Type each trigger of a sentence, fold dependent triggers into their governor, drop non-events."""
    typed = []
    for candidate in candidates:
        if candidate.agent:
            continue
        scores = rule_scores(candidate, candidates, document.tokens)
        cls, score = choose(scores, probs, open_set=max(scores.values()) < OPEN_BELOW)
        typed.append(Found(candidate, cls, scores.get(cls, 0.0), candidate.indices))
    kept = [f for f in _fold(document, typed, lexicon) if lexicon.cls(f.cls).emit and f.score >= MIN_EVENT_WEIGHT]
    return sorted(kept, key=lambda f: (-(lexicon.cls(f.cls).plover in VIOLENT), -f.score, f.candidate.head))


def _fold(document: Document, typed: list[Found], lexicon: Lexicon) -> list[Found]:
    """"shot down ..., killing two", "fires a missile", "hit by a rocket launched from": one event each."""
    tokens = document.tokens
    by_head = {f.candidate.head: f for f in typed}
    order = sorted(by_head, key=lambda h: -_depth(tokens, h))  # deepest first: chains fold upwards
    for head in order:
        governor = _governing_trigger(tokens, head, by_head)
        if governor is None:
            continue
        dependent, upper = by_head.pop(head), by_head[governor]
        if not _same_family(lexicon, dependent.cls, upper.cls):
            by_head[head] = dependent
            continue
        winner = upper if upper.score >= dependent.score else dependent
        adjacent = tokens[head].dep == "dobj" and head - max(upper.indices) <= FOLD_ADJACENT
        indices = tuple(sorted({*upper.indices, *dependent.indices})) if adjacent else upper.indices
        by_head[governor] = Found(upper.candidate, winner.cls, max(upper.score, dependent.score), indices)
    return [by_head[h] for h in sorted(by_head)]


def _governing_trigger(tokens: Sequence[Token], head: int, by_head: dict[int, Found]) -> int | None:
    """The nearest trigger above ``head`` within FOLD_HOPS, unless a clause boundary intervenes."""
    current = head
    for _ in range(FOLD_HOPS):
        token = tokens[current]
        if token.head == current or _boundary(token):
            return None
        current = token.head
        if current in by_head:
            return current
    return None


def _boundary(token: Token) -> bool:
    if token.dep == "advcl":
        return token.tag != "VBG"  # "..., killing two pilots" belongs to the main event
    if token.dep == "acl":
        return token.tag != "VBN"  # "a rocket launched from ..." is the same event
    return token.dep in CLAUSE_DEPS


def _same_family(lexicon: Lexicon, a: str, b: str) -> bool:
    pa, pb = lexicon.cls(a).plover, lexicon.cls(b).plover
    return pa == pb or (pa in VIOLENT and pb in VIOLENT)


def _depth(tokens: Sequence[Token], i: int) -> int:
    depth = 0
    while tokens[i].head != i and depth < 50:
        i, depth = tokens[i].head, depth + 1
    return depth


def _event(document: Document, item: Found, lexicon: Lexicon, analysis: Analysis, deaths: int | None) -> tuple[Event, str]:
    tokens = document.tokens
    head = item.candidate.head
    cls = lexicon.cls(item.cls)
    sent_start, sent_end = document.sentences[tokens[head].sent]
    args: Arguments = find_arguments(document, head, analysis.children, item.indices,
                                     _not_participants(document, analysis, tokens[head].sent, sent_start, sent_end))
    trigger = _trigger_text(document, item.indices)
    first = tokens[item.indices[0]].start
    date, precision = event_date(document, sent_start, sent_end, at=tokens[head].start)
    place = event_place(document, sent_start, sent_end)
    modality = event_modality(tokens, head, analysis.children)
    fatalities = deaths if cls.plover in VIOLENT or cls.key in ("excessive_force", "mob_violence", "violent_demonstration") else None
    event = Event(
        id=f"ev-{document.id}-{first}",
        type=cls.plover,
        trigger=trigger,
        sources=(Span(document.id, sent_start, sent_end, document.text[sent_start:sent_end]),),
        mode=cls.mode,
        acled=cls.acled,
        actors=args.actors,
        targets=args.targets,
        date=date,
        date_precision=precision,
        place=place,
        fatalities=fatalities,
        modality=modality,
        summary=summary(document, args, trigger, place, date, fatalities, modality),
    )
    return event, args.target_lemma


def _not_participants(document: Document, analysis: Analysis, sent: int, start: int, end: int) -> set[int]:
    """Tokens of the sentence's event triggers (agent nouns like "gunmen" excepted) and time expressions."""
    out = {i for c in analysis.by_sentence.get(sent, []) if not c.agent for i in c.indices}
    lo, hi = analysis.ranges.get(sent, (0, 0))
    for time in document.times:
        if start <= time.start < end:
            out.update(i for i in range(lo, hi) if document.tokens[i].start < time.end and time.start < document.tokens[i].end)
    return out


def _trigger_text(document: Document, indices: Sequence[int]) -> str:
    tokens = document.tokens
    if indices[-1] - indices[0] < 6:
        return document.text[tokens[indices[0]].start : tokens[indices[-1]].end]
    return " ".join(document.text[tokens[i].start : tokens[i].end] for i in indices)


def _coreferent(events: list[Event], heads: dict[str, tuple[int, str, str]], sent: int, event: Event, target: str) -> Event | None:
    """Merge a repeated mention (same type, same target head, nearby) into the earlier event."""
    if not target:
        return None
    for k, previous in enumerate(events):
        p_sent, p_type, p_target = heads[previous.id]
        if p_target == target and p_type == event.type and 0 < sent - p_sent <= COREF_SENTENCES:
            events[k] = dataclasses.replace(
                previous,
                sources=previous.sources + event.sources,
                fatalities=previous.fatalities if previous.fatalities is not None else event.fatalities,
                actors=previous.actors or event.actors,
            )
            return events[k]
    return None
