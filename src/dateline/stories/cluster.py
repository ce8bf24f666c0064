"""Incremental story clustering: each new document joins the best existing story or starts one.

Existing assignments are never revisited. A document is compared only with candidate stories that share
an entity, a place or a distinctive term with it (inverted index, most recently active stories first, at
most ``MAX_POSTINGS`` per key), so placing a batch costs about the same whatever the corpus size.
Score = weighted mix of lead-embedding cosine, term cosine, entity cosine and place cosine, damped by
the gap in days between the document and the story.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from dateline.ids import content_id
from dateline.stories.dedup import DuplicateIndex
from dateline.stories.features import DocFeatures, Vector, idf_table, weigh

# Weights and threshold chosen on ECB+ sub-topics (bench/stories.py) and the seed articles; see
# BENCHMARKS.md. Without embeddings the embedding weight goes to terms and entities.
WEIGHTS_EMB = {"emb": 0.40, "terms": 0.25, "entities": 0.25, "places": 0.10}
WEIGHTS_LEX = {"emb": 0.0, "terms": 0.60, "entities": 0.30, "places": 0.10}
JOIN_THRESHOLD = 0.33  # with embeddings (ECB+ sub-topic BCubed F1 0.859-0.871 for 0.30-0.36)
JOIN_THRESHOLD_LEX = 0.18  # lexical features only (ECB+ peak 0.15-0.20)
TIME_TAU_DAYS = 60.0  # e-folding of the time damping
TIME_DAMPING = 0.15  # the most the score loses far from the story in time (wars, trials run for months)
MAX_POSTINGS = 50  # stories looked at per shared key
KEY_TERMS = 8  # distinctive terms per document used as blocking keys


@dataclass(slots=True)
class StoryProfile:
    """Running aggregate of a story's documents."""

    id: str
    docs: list[str] = field(default_factory=list)
    emb_sum: np.ndarray | None = None
    terms: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    first_day: int | None = None
    last_day: int | None = None
    norms: dict[str, float] = field(default_factory=dict)  # cached (count × IDF) norms, per kind

    def add(self, feat: DocFeatures) -> None:
        self.norms.clear()
        self.docs.append(feat.doc)
        if feat.embedding is not None:
            self.emb_sum = feat.embedding.copy() if self.emb_sum is None else self.emb_sum + feat.embedding
        self.terms.update(feat.terms)
        self.entities.update(feat.entities.keys())
        self.places.update(feat.places.keys())
        if feat.day is not None:
            self.first_day = feat.day if self.first_day is None else min(self.first_day, feat.day)
            self.last_day = feat.day if self.last_day is None else max(self.last_day, feat.day)


@dataclass(slots=True)
class Placement:
    doc: str
    story: str
    score: float
    duplicate_of: str | None = None


class StoryClusterer:
    """Holds the story profiles and the blocking index; ``place`` assigns one new document."""

    def __init__(self, corpus: Sequence[DocFeatures], *, use_embeddings: bool) -> None:
        self.weights = WEIGHTS_EMB if use_embeddings else WEIGHTS_LEX
        self.threshold = JOIN_THRESHOLD if use_embeddings else JOIN_THRESHOLD_LEX
        n = max(1, len(corpus))
        self.idf = {kind: idf_table(_doc_freq(corpus, kind), n) for kind in ("terms", "entities", "places")}
        self.default_idf = math.log(1 + n) + 1.0
        self.stories: dict[str, StoryProfile] = {}
        self.postings: dict[str, OrderedDict[str, None]] = {}
        self.assignment: dict[str, str] = {}
        self.dups = DuplicateIndex()

    # -- building from stored assignments ---------------------------------------------------------
    def restore(self, feat: DocFeatures, story: str) -> None:
        """Add an already placed document to its story (no scoring)."""
        self._join(feat, story)

    # -- placing new documents --------------------------------------------------------------------
    def place(self, feat: DocFeatures) -> Placement:
        """Assign ``feat`` to a story: its near-copy's, the best-scoring candidate's, or a new one."""
        if feat.minhash is not None and (hit := self.dups.find(feat.minhash)) is not None:
            story = self.assignment[hit[0]]
            self._join(feat, story)
            return Placement(feat.doc, story, hit[1], duplicate_of=hit[0])
        best, best_score = None, 0.0
        vectors = self._vectors(feat)
        for story in self._candidates(feat, vectors):
            score = self.score(feat, vectors, self.stories[story])
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < self.threshold:
            best = content_id(feat.doc, prefix="st-", length=12)
            best_score = 1.0
        self._join(feat, best)
        return Placement(feat.doc, best, round(best_score, 4))

    def score(self, feat: DocFeatures, vectors: dict[str, Vector], story: StoryProfile) -> float:
        """Similarity of a document to a story in [0, 1]; features the document lacks do not count."""
        w = self.weights
        parts: dict[str, float] = {}
        if w["emb"] and feat.embedding is not None and story.emb_sum is not None:
            norm = float(np.linalg.norm(story.emb_sum))
            parts["emb"] = max(0.0, float(feat.embedding @ story.emb_sum) / norm) if norm else 0.0
        elif w["emb"]:
            parts["emb"] = self._cos(vectors, story, "terms")
        for kind in ("terms", "entities", "places"):
            if vectors[kind]:  # a document with no resolved places says nothing about place
                parts[kind] = self._cos(vectors, story, kind)
        weight = sum(w[k] for k in parts)
        total = sum(w[k] * v for k, v in parts.items()) / weight if weight else 0.0
        return total * _time_factor(feat.day, story)

    def _cos(self, vectors: Mapping[str, Vector], story: StoryProfile, kind: str) -> float:
        """Cosine between a weighted document vector and a story's (count × IDF) aggregate."""
        doc_vec, counts, idf = vectors[kind], getattr(story, kind), self.idf[kind]
        if not doc_vec or not counts:
            return 0.0
        dot = sum(v * counts.get(k, 0) * idf.get(k, self.default_idf) for k, v in doc_vec.items())
        if not dot:
            return 0.0
        norm = story.norms.get(kind)
        if norm is None:
            norm = story.norms[kind] = math.sqrt(sum((c * idf.get(k, self.default_idf)) ** 2 for k, c in counts.items()))
        return dot / norm if norm else 0.0

    def _vectors(self, feat: DocFeatures) -> dict[str, Vector]:
        return {kind: weigh(getattr(feat, kind), self.idf[kind], default_idf=self.default_idf)
                for kind in ("terms", "entities", "places")}

    def _keys(self, feat: DocFeatures, vectors: Mapping[str, Vector]) -> Iterable[str]:
        yield from ("e:" + k for k in feat.entities)
        yield from ("p:" + k for k in feat.places)
        top = sorted(vectors["terms"].items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]
        yield from ("t:" + k for k, _ in top)

    def _candidates(self, feat: DocFeatures, vectors: Mapping[str, Vector]) -> set[str]:
        found: set[str] = set()
        for key in self._keys(feat, vectors):
            posting = self.postings.get(key)
            if posting:
                found.update(list(posting)[-MAX_POSTINGS:])
        return found

    def _join(self, feat: DocFeatures, story: str) -> None:
        profile = self.stories.get(story)
        if profile is None:
            profile = self.stories[story] = StoryProfile(story)
        profile.add(feat)
        self.assignment[feat.doc] = story
        if feat.minhash is not None:
            self.dups.add(feat.doc, feat.minhash)
        vectors = self._vectors(feat)
        for key in self._keys(feat, vectors):
            posting = self.postings.setdefault(key, OrderedDict())
            posting[story] = None
            posting.move_to_end(story)


def place_documents(
    corpus: Sequence[DocFeatures], existing: Mapping[str, str], *, use_embeddings: bool
) -> list[Placement]:
    """Place every document of ``corpus`` not in ``existing`` (doc → story); earlier ones are kept as is."""
    clusterer = StoryClusterer(corpus, use_embeddings=use_embeddings)
    placed = [f for f in corpus if f.doc in existing]
    for feat in sorted(placed, key=_order):
        clusterer.restore(feat, existing[feat.doc])
    new = sorted((f for f in corpus if f.doc not in existing), key=_order)
    return [clusterer.place(feat) for feat in new]


def _order(feat: DocFeatures) -> tuple[int, str]:
    return (feat.day if feat.day is not None else 10**7, feat.doc)


def _doc_freq(corpus: Sequence[DocFeatures], kind: str) -> Counter[str]:
    freq: Counter[str] = Counter()
    for feat in corpus:
        freq.update(getattr(feat, kind).keys())
    return freq


def _time_factor(day: int | None, story: StoryProfile) -> float:
    if day is None or story.first_day is None or story.last_day is None:
        return 1.0
    gap = max(0, story.first_day - day, day - story.last_day)
    return 1.0 - TIME_DAMPING * (1.0 - math.exp(-gap / TIME_TAU_DAYS))
