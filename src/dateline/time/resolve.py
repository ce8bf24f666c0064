"""Normalisation: rule name → resolution function, plus the cheap text checks that veto a match
before overlaps are settled (a bare "May" needs a date context; "a quarter of" is not a quarter)."""

from __future__ import annotations

import re
from collections.abc import Callable

from dateline.time import resolve_dates as dates
from dateline.time import resolve_relative as relative
from dateline.time.context import Context, Resolved, norm
from dateline.time.lexicon import lexicon

Resolver = Callable[[re.Match[str], Context], Resolved | None]

RESOLVERS: dict[str, Resolver] = {
    "clock": relative.clock,
    "clock24": relative.clock,
    "clock_word": relative.clock,
    "iso_date": dates.iso_date,
    "slash_date": dates.slash_date,
    "month_day": dates.month_day,
    "day_month": dates.month_day,
    "week_of": dates.week_of,
    "month_year": dates.month_year,
    "month": dates.month,
    "season": dates.season,
    "decade": dates.decade,
    "century": dates.century,
    "year": dates.year,
    "year_words": dates.year_words,
    "quarter": dates.quarter,
    "weekday": relative.weekday,
    "weekday_possessive": relative.weekday,
    "weekday_set": relative.weekday_set,
    "rel_day": relative.rel_day,
    "lexicon": relative.phrase,
    "rel_unit": relative.rel_unit,
    "ago": relative.ago,
    "ago_bare": relative.ago_bare,
    "ago_adj": relative.ago_adj,
    "duration": relative.duration,
    "duration_bare": relative.duration_bare,
    "set_lex": relative.set_word,
    "set_every": relative.set_every,
    "set_rate": relative.set_rate,
    "year_end": dates.year_end,
    "holiday": dates.holiday,
}

# Words after which a bare month or season name is a date ("in May", "since March", "by spring").
DATE_PREPOSITIONS = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "through",
        "throughout",
        "of",
        "during",
        "before",
        "after",
        "to",
        "early",
        "late",
        "mid",
        "last",
        "next",
        "this",
        "each",
        "every",
        "between",
        "and",
        "or",
        "on",
        "around",
        "into",
        "end",
        "beginning",
        "start",
        "middle",
    ]
)
DETERMINERS = frozenset(["a", "an", "the", "its", "his", "her", "their", "our", "this", "that"])
NOT_YEAR_BEFORE = frozenset(
    [
        "no",
        "no.",
        "number",
        "flight",
        "route",
        "resolution",
        "article",
        "section",
        "room",
        "page",
        "channel",
        "highway",
        "model",
    ]
)
NOT_YEAR_AFTER = re.compile(
    r"\s*(?:m|km|ft|feet|meters|metres|miles|kilometres|kilometers|hours|gmt|utc|mhz|cc)\b", re.I
)
RATE_CONTEXT = re.compile(
    r"(?:\d|%|\b(?:percent|cents?|dollars?|euros?|pounds?|yen|times|once|twice|miles|barrels|tons?|people)\W*)\s*$",
    re.I,
)


def accept(name: str, m: re.Match[str], text: str) -> bool:
    """Text checks that veto a match (no anchor needed)."""
    check = CHECKS.get(name)
    return check(m, text) if check else True


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([A-Za-z.-]+)[\s,]*$", text[max(0, start - 25) : start])
    return found.group(1).lower().rstrip("-") if found else ""


def _bare_month_ok(m: re.Match[str], text: str) -> bool:
    if m["rel"] or m["em"] or m["bnd"]:
        return True
    word = m["month"].lower()
    if len(word) <= 4 and word not in ("may", "june", "july"):
        return False  # a bare abbreviation ("Jan", "Dec.") is a name more often than a month
    if word in lexicon().ambiguous_months:
        return _word_before(text, m.start()) in DATE_PREPOSITIONS
    return True


def _year_ok(m: re.Match[str], text: str) -> bool:
    if m["fy"] or m["the"] or m["pre"] or m["bnd"] or m["em"]:
        return True
    if _word_before(text, m.start("y")) in NOT_YEAR_BEFORE:
        return False
    return not NOT_YEAR_AFTER.match(text, m.end())


def _season_ok(m: re.Match[str], text: str) -> bool:
    if m["y"] or m["rel"] or m["em"] or m["bnd"]:
        return True
    if re.match(r"\s+of\b", text[m.end() :]) or m["season"].lower() == "fall":
        return False
    return _word_before(text, m.start()) in DATE_PREPOSITIONS


def _quarter_ok(m: re.Match[str], text: str) -> bool:
    unit, refs, ordinal = m["unit"].lower(), norm(m["refs"]), m["ord"]
    if text[m.end() : m.end() + 1] == "-" or re.match(r"\s+of\s+(?:a|an|the)\b", text[m.end() :]):
        return False
    if unit == "half":
        return bool(ordinal) and ordinal.lower() in ("first", "second", "1st", "2nd", "last")
    if unit == "period":
        return any(
            w in refs
            for w in (
                "latest",
                "year-ago",
                "year-earlier",
                "year ago",
                "year earlier",
                "comparable",
                "same",
                "recent",
            )
        )
    return bool(ordinal or refs or m.group().lower().startswith("the"))


def _duration_ok(m: re.Match[str], text: str) -> bool:
    amount, unit = norm(m["n"]), norm(m["unit"])
    if (
        amount in ("a", "an", "one")
        and unit in ("second", "minute")
        and re.match(r"\s+[a-z]", text[m.end() :])
    ):
        return False
    return not (
        amount in ("a", "an")
        and re.match(r"\s*(?:or\s+so\b)?\s*(?:ago|earlier|later)\b", text[m.end() :]) is not None
    )


def _set_rate_ok(m: re.Match[str], text: str) -> bool:
    return bool(m["k"]) or RATE_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]) is not None


def _set_word_ok(m: re.Match[str], text: str) -> bool:
    return _word_before(text, m.start()) not in DETERMINERS  # "a daily newspaper" is not a frequency


def _duration_of_ok(m: re.Match[str], text: str) -> bool:
    return _duration_ok(m, text) and not (
        norm(m["unit"]) in ("quarter", "quarters", "half") and re.match(r"\s+of\b", text[m.end() :])
    )


CHECKS: dict[str, Callable[[re.Match[str], str], bool]] = {
    "month": _bare_month_ok,
    "year": _year_ok,
    "season": _season_ok,
    "quarter": _quarter_ok,
    "duration": _duration_of_ok,
    "set_lex": _set_word_ok,
    "set_rate": _set_rate_ok,
}
