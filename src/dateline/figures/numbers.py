"""Numbers in news text → float: digits ("302,000", "1.5 million"), words ("two", "twenty-five",
"two hundred"), and vague quantities coded as ACLED codes fatalities ("dozens" 12, "hundreds" 100).

ACLED's convention (FAQ "Fatalities", 2023): for vague reports it takes the most conservative
estimate and codes 10 for "tens", 12 for "dozens", 100 for "hundreds", and so on; we extend "and so
on" to "thousands" 1,000, "tens of thousands" 10,000, "hundreds of thousands" 100,000, "millions"
1,000,000, "scores" 20. "Several" and "many" give no number. Word values live in
``data/en/number_words.tsv``.

Not numbers of things (never returned): years ("2014"), percentages ("60 percent", "60%"), ages
("a 12-year-old", "12 years old"), ordinals ("9th", "ninth"), clock times, money ("$916 million"),
and a number that is part of a date ("October 17", "17 October").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
AFTER_EXCLUDED = re.compile(
    r"\s*(?:%|per\s?cent\b|percent\b|-?\s?years?[- ]old\b|-?year\b|(?:st|nd|rd|th)\b|:\d|"
    rf"(?:{MONTHS})\b|(?:dollars|pounds|euros|usd|km|kilomet|metres|meters|miles|mph|kg|am\b|pm\b|a\.m\.|p\.m\.))",
    re.IGNORECASE,
)
BEFORE_EXCLUDED = re.compile(rf"(?:[$£€]|\b(?:{MONTHS})\.?)\s*$", re.IGNORECASE)
YEAR_RANGE = (1800, 2100)  # a bare four-digit number in this range is read as a year


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in text: ``text[start:end]`` and its value."""

    start: int
    end: int
    value: float
    vague: bool = False  # "hundreds", "dozens": an ACLED-style conservative code


@cache
def number_words(language: str = "en") -> dict[str, tuple[float, str]]:
    """word → (value, kind) with kind unit | scale | vague, from the packaged TSV."""
    path = resources.files("dateline.figures") / "data" / language / "number_words.tsv"
    table: dict[str, tuple[float, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            word, value, kind = line.split("\t")[:3]
            table[word.strip().lower()] = (float(value), kind.strip())
    return table


@cache
def _pattern(language: str = "en") -> re.Pattern[str]:
    words = number_words(language)
    units = "|".join(sorted((re.escape(w) for w, (_, k) in words.items() if k == "unit"), key=len, reverse=True))
    scales = "|".join(sorted((re.escape(w) for w, (_, k) in words.items() if k == "scale"), key=len, reverse=True))
    vague = "|".join(sorted((re.escape(w) for w, (_, k) in words.items() if k == "vague"), key=len, reverse=True))
    word_number = rf"(?:(?:{units})(?:[- ](?:{units}))?(?:\s+(?:{scales}))*)"
    return re.compile(
        rf"(?P<vague>\b(?:{vague})(?:,?\s+(?:maybe|perhaps|possibly|if not|or even|or)\s+(?:{vague}))?(?:\s+of\s+(?:{vague}))?\b)"
        rf"|(?P<digits>(?<![\w.,])(?:{DIGITS})(?:\s*(?:{scales})\b)?)"
        rf"|(?P<words>\b(?:a\s+|one\s+)?{word_number}\b)",
        re.IGNORECASE,
    )


def find_numbers(text: str, start: int = 0, end: int | None = None, *, language: str = "en") -> list[Number]:
    """Every countable number in ``text[start:end]`` (offsets are into ``text``)."""
    end = len(text) if end is None else end
    found = []
    for match in _pattern(language).finditer(text, start, end):
        number = _number(text, match, language)
        if number is not None and not _excluded(text, number):
            found.append(number)
    return found


def parse_number(phrase: str, *, language: str = "en") -> float | None:
    """The value of one number phrase ("1.5 million", "twenty-five", "tens of thousands"), else None."""
    match = _pattern(language).fullmatch(phrase.strip())
    if match is None:
        return None
    number = _number(phrase.strip(), match, language)
    return number.value if number else None


def _number(text: str, match: re.Match[str], language: str) -> Number | None:
    words = number_words(language)
    phrase = match.group().lower()
    if match.group("vague"):
        return Number(match.start(), match.end(), _vague_value(phrase, words), vague=True)
    if match.group("digits"):
        return _digits(match, words)
    value = _words_value(phrase, words)
    if value is None or phrase.strip() in ("a", "one"):
        return None
    return Number(match.start(), match.end(), value)


def _digits(match: re.Match[str], words: dict[str, tuple[float, str]]) -> Number:
    head = re.match(DIGITS, match.group())
    digits = head.group() if head else match.group()
    value = float(digits.replace(",", ""))
    scale = match.group()[len(digits) :].strip().lower()
    if scale:
        value *= words.get(scale, (1.0, ""))[0]
    return Number(match.start(), match.end(), value)


def _vague_value(phrase: str, words: dict[str, tuple[float, str]]) -> float:
    """Conservative: the first (lowest) estimate, times the "of thousands" scale when given."""
    tokens = re.findall(r"[a-z]+", phrase)
    first = words[tokens[0]][0]
    if "of" in tokens:
        scale_word = tokens[tokens.index("of") + 1]
        return first * words[scale_word][0]
    return first


def _words_value(phrase: str, words: dict[str, tuple[float, str]]) -> float | None:
    total, current = 0.0, 0.0
    for token in re.findall(r"[a-z]+", phrase):
        if token in ("a", "and"):
            continue  # "a dozen", "a hundred", "two hundred and fifty"
        value, kind = words.get(token, (None, ""))  # type: ignore[assignment]
        if value is None:
            return None
        if kind == "scale":
            current = (current or 1.0) * value
            if value >= 1000:
                total, current = total + current, 0.0
        else:
            current += value
    return total + current


def _excluded(text: str, number: Number) -> bool:
    after = text[number.end : number.end + 12]
    before = text[max(0, number.start - 12) : number.start]
    if AFTER_EXCLUDED.match(after) or BEFORE_EXCLUDED.search(before) or before.endswith((":", "/", ".")):
        return True
    raw = text[number.start : number.end]
    if raw.isdigit() and len(raw) == 4 and YEAR_RANGE[0] <= int(raw) <= YEAR_RANGE[1]:
        return True
    return after.startswith("-") and after[1:2].isalpha() and not after.lower().startswith(("-strong", "-odd"))
