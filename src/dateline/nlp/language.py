"""Language identification (py3langid: a small model shipped inside its PyPI package)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

SAMPLE_CHARS = 4000  # enough text for a stable guess; keeps the stage fast on long articles
MIN_WORDS = 6  # below this, language guesses are noise: assume the corpus language
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Japanese kana, CJK ideographs):
# each of their characters counts as a word, or a Chinese article would be "3 words" and taken for English.
# Hand-written because the standard library's re has no script classes; the ranges are Unicode blocks.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003134f]"
)


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
    if count_words(sample) < MIN_WORDS:
        return LanguageGuess(default, 0.0)
    ranked = _identifier().rank(sample)
    language, probability = ranked[0]
    if language != "en" and 2 * len(_UNSPACED.findall(sample)) > sum(map(str.isalpha, sample)):
        # Mostly Chinese/Japanese/Thai...: the model splits Chinese between varieties (zh, wuu, yue, about 0.5
        # each), but what the pipeline needs to know is how sure it is that this is not English.
        probability = 1.0 - next((p for lang, p in ranked if lang == "en"), 0.0)
    return LanguageGuess(str(language), float(probability))


def count_words(text: str) -> int:
    """Words separated by spaces, plus one per character of a script written without spaces."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    return len(_UNSPACED.sub(" ", text).split()) + unspaced
