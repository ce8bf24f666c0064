"""Words as search compares them: case and diacritics folded, and a transliteration key for spelling variants.

``Al Mayādīn``, ``Mayadin``, ``Al-Mayadeen`` and ``Meyadin`` are one town in four spellings. :func:`norm` folds case
and marks (ā → a); :func:`translit_key` also folds the variation of romanised Arabic, Kurdish and Persian
names: vowels and their digraphs (ee, ou, ay, aw...) become one vowel class, q → k, kh → k, doubled letters once,
a final h after a vowel dropped. Written by hand: the libraries that do this (unidecode, phonetic codes such as
Soundex or Metaphone) transliterate *into* Latin or are tuned to English surnames, not to these variants.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# words with internal apostrophes or ayn/hamza marks kept whole (Qa'im, Ma'arrat)
WORD = re.compile(r"\w+(?:['’ʿʾ`]\w+)*", re.UNICODE)
_MARKS = str.maketrans({"'": None, "’": None, "ʿ": None, "ʾ": None, "`": None, "ı": "i", "ø": "o", "ł": "l",
                        "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ə": "e"})
# Arabic definite-article forms (al-, el-, ad-, ash-, ez- ...): left out of the transliteration key
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et", "ez", "ud", "ul"})
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("dh", "d"), ("q", "k"), ("ck", "k"), ("dj", "j"))
_VOWEL_RUN = re.compile(r"[aeiouyw]+")  # w and y after a vowel are part of its sound: aw, ay, ow
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=262_144)  # a corpus has few distinct words; indexing folds each of them once
def norm(word: str) -> str:
    """Lower case without diacritics or apostrophes: ``Mayādīn`` → ``mayadin``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_MARKS)


@lru_cache(maxsize=262_144)
def translit_key(normed: str) -> str:
    """A key shared by the romanisations of one name: ``mayadin``, ``mayadeen``, ``meyadin`` → ``madan``."""
    word = normed
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    head, rest = word[:1], word[1:]
    if head in "aeiouy":  # a leading vowel: Idlib and Edlib
        head = "a"
    rest = _VOWEL_RUN.sub("a", rest) if head != "a" else _VOWEL_RUN.sub("a", rest).lstrip("a")
    return _DOUBLE.sub(r"\1", head + rest)


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, norm)`` of each word of ``text``; offsets are ``str`` indices into ``text``."""
    for m in WORD.finditer(text):
        yield m.start(), m.end(), norm(m.group())


def folded_text(text: str) -> str:
    """The transliteration keys of ``text``'s words (articles left out), for the index's fuzzy column."""
    return " ".join(translit_key(w) for _, _, w in words(text) if w not in ARTICLES)


def fuzzy_enough(normed: str) -> bool:
    """Whether a query word is long enough for its transliteration key to be worth matching (not 'al', 'is')."""
    return len(normed) >= 4 and not normed.isdigit()
