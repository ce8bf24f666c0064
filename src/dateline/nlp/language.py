"""Language identification (py3langid: a small model shipped inside its PyPI package)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

SAMPLE_CHARS = 4000  # enough text for a stable guess; keeps the stage fast on long articles
MIN_WORDS = 6  # below this, language guesses are noise: assume the corpus language


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str  # ISO 639-1
    confidence: float


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, default: str = "en") -> LanguageGuess:
    """Guess the language of ``text``; very short texts get ``default`` with confidence 0."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return LanguageGuess(default, 0.0)
    language, probability = _identifier().classify(sample)
    return LanguageGuess(str(language), float(probability))
