"""What a resolution function sees: the anchor, the tense of the expression, the last reference date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from dateline.time.lexicon import lexicon, number_value

# A quarter mentioned this close before "a year ago" / "year-earlier" makes them quarters (earnings reports).
QUARTER_CONTEXT_CHARS = 1500  # measured (value F1): 300 .791, 600 .789, 1500 .794, 4000 .794
MODS = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START", "turn": "START",
    "late": "END", "later": "END", "end": "END", "close": "END", "rest": "END", "remainder": "END",
    "mid": "MID", "middle": "MID",
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "as many as": "EQUAL_OR_LESS", "as long as": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "nearly": "APPROX", "almost": "APPROX", "about": "APPROX", "around": "APPROX", "approximately": "APPROX",
    "roughly": "APPROX", "some": "APPROX", "close to": "APPROX", "the better part of": "APPROX",
}  # fmt: skip


class Resolved(NamedTuple):
    """A normalised value: TIMEX3 type and value, mod, the rule that fired, and what it was anchored to."""

    type: str
    value: str
    rule: str
    mod: str | None = None
    anchor: str | None = None  # ISO date the value was computed from; None when absolute


@dataclass(slots=True)
class Context:
    """Per-document state while resolving expressions left to right."""

    text: str
    anchor: date | None
    tense: Callable[[int, int], int]  # (start, end) -> -1 past, +1 future, 0 unknown
    last_date: tuple[date, str] | None = None  # last specific date mentioned and its precision code
    last_scene: tuple[date, str] | None = None  # the same, leaving out the days things were said on
    said_until: int = -1  # end of the sentence whose date, the last one mentioned, is a day something was said on
    last_quarter: tuple[int, int, int] | None = None  # (year, quarter, end offset) of the last quarter
    year: int | None = None  # the publication year when only the month or year is known (no day anchor)
    live_page: bool = False  # entries dated by stamps (time/entries.py): a bare weekday may be a zone away

    def reference(self) -> tuple[date, str] | None:
        """The date anaphora ("that day", "a week later") refer to: the last one mentioned, else the anchor."""
        if self.last_date is not None:
            return self.last_date
        return (self.anchor, "D") if self.anchor else None

    def scene_reference(self, start: int) -> tuple[date, str] | None:
        """The date "that night" or "the same day" at offset ``start`` refers to: the last one mentioned that dates
        no speech act, when the day something was said on is a sentence back ("The coalition said on Thursday it
        was assessing the reports. Its spokesman said aircraft had struck boats in the area that night": the night
        told before); in the speech act's own sentence, that day ("On Thursday, the spokesman noted the mission was
        handed over that morning"). Else :meth:`reference`."""
        if start < self.said_until:
            return self.reference()
        return self.last_scene or self.reference()

    def quarter_context(self, start: int) -> tuple[int, int] | None:
        if self.last_quarter and 0 <= start - self.last_quarter[2] <= QUARTER_CONTEXT_CHARS:
            return self.last_quarter[0], self.last_quarter[1]
        return None

    def word_before(self, start: int) -> str:
        m = re.search(r"([A-Za-z$%.]+)\W*$", self.text[max(0, start - 30) : start])
        return m.group(1).lower() if m else ""


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def mod_of(*words: str | None) -> str | None:
    """The TIMEX3 mod of the first modifier word that has one ("early" → START, "more than" → MORE_THAN)."""
    for word in words:
        key = norm(word).removeprefix("the ").removesuffix(" of")
        if key in MODS:
            return MODS[key]
    return None


def month_number(word: str) -> int:
    return lexicon().months[word.rstrip(".").lower()]


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def number(text: str | None) -> float | None:
    return number_value(text) if text else None


def duration_value(amount: float | None, code: str, *, time: bool) -> str:
    """``P3W``, ``PT5H30M``, ``P10Y`` (decades/centuries in years), ``PXY`` when the amount is vague."""
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "2W": (2, "W"), "WE": (1, "WE")}
    prefix = "PT" if time else "P"
    if amount is None:
        return f"{prefix}X{code}"
    factor, code = scale.get(code, (1, code))
    amount *= factor
    if amount != int(amount):
        whole, part = int(amount), amount - int(amount)
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M")}.get(code)
        if smaller:
            rest = round(part * smaller[0])
            if code == "D":
                return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
            head = f"{prefix}{whole}{code}" if whole else prefix
            return f"{head}{rest}{smaller[1]}"
    return f"{prefix}{int(amount)}{code}"
