"""The tagger's word lists, read once from ``time/data/<lang>/*.tsv`` (see ``data/README.md``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit: TIMEX3 code (``W``), clock unit or not, rough length in days (for ordering)."""

    code: str
    time: bool
    days: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list the rules need, keyed by lowercase word."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, tuple[str, str]]  # word -> (value, kind)
    units: dict[str, Unit]  # singular and plural forms
    parts: dict[str, tuple[str, str]]  # word -> (code, kind)
    sets: dict[str, str]
    relative: dict[str, tuple[str, str]]  # phrase -> (type, value)
    holidays: dict[str, str]  # lower-cased name -> rule
    holiday_forms: tuple[str, ...]  # names as written in the table (capitalisation of names like 'Eid al-Fitr')
    tense: dict[str, int]  # word -> -1 past, +1 future


def _rows(language: str, name: str) -> list[list[str]]:
    path = resources.files("dateline.time") / "data" / language / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@cache
def lexicon(language: str = "en") -> Lexicon:
    """Load (once) and return the lexicon of ``language``."""
    months = {row[0]: int(row[1]) for row in _rows(language, "months.tsv")}
    ambiguous = frozenset(row[0] for row in _rows(language, "months.tsv") if row[2] == "1")
    units: dict[str, Unit] = {}
    for word, plural, code, time, days in _rows(language, "units.tsv"):
        units[word] = units[plural] = Unit(code, time == "1", int(days))
    return Lexicon(
        months=months,
        ambiguous_months=ambiguous,
        weekdays={row[0]: int(row[1]) for row in _rows(language, "weekdays.tsv")},
        numbers={row[0]: (row[1], row[2]) for row in _rows(language, "numbers.tsv")},
        units=units,
        parts={row[0]: (row[1], row[2]) for row in _rows(language, "parts.tsv")},
        sets={row[0]: row[1] for row in _rows(language, "sets.tsv")},
        relative={row[0]: (row[1], row[2]) for row in _rows(language, "relative.tsv")},
        holidays={row[0].lower(): row[1] for row in _rows(language, "holidays.tsv")},
        holiday_forms=tuple(row[0] for row in _rows(language, "holidays.tsv")),
        tense={row[0]: (1 if row[1] == "future" else -1) for row in _rows(language, "tense.tsv")},
    )


def alternation(words: object, *, capital: bool = False) -> str:
    """A regex alternation of ``words``, longest first; ``capital``: match Title/UPPER case only."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    if not capital:
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"
    forms = []
    for word in items:
        forms += [re.escape(word.title()), re.escape(word.upper())]
    return "(?-i:" + "|".join(forms) + ")"


def number_value(text: str, language: str = "en") -> float | None:
    """Value of a written number: "12", "1.5", "twenty-four", "5 1/2", "a", "a couple of"; None if vague."""
    text = text.lower().strip().replace(",", "")
    if text.startswith("a couple") or text == "couple of" or text == "couple":
        return 2.0
    fraction = re.fullmatch(r"(\d+)\s+(\d)/(\d)", text)
    if fraction:
        return int(fraction[1]) + int(fraction[2]) / int(fraction[3])
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    numbers = lexicon(language).numbers
    total = 0.0
    for word in re.split(r"[\s-]+(?:and\s+)?", text):
        value, kind = numbers.get(word, ("", ""))
        if value in ("", "X"):
            return None
        if kind == "scale":
            total = max(total, 1.0) * float(value)
        elif kind == "fraction" and total:
            total += float(value)
        else:
            total += float(value)
    return total
