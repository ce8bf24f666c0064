"""The recognition rules: one named regex per rule family, built once from the lexicons.

Each rule's pattern is written with placeholders (``{MONTH}``, ``{NUM}``, ``{UNIT}`` ...) filled from
``data/en/*.tsv``. A named group ``span`` (when present) narrows the expression inside the match
("$5 *a year*"). The order of ``RULES`` breaks ties between equally long overlapping matches.
See ``RULES.md`` for examples of every rule.
"""

from __future__ import annotations

import re
from functools import cache

from dateline.time.lexicon import alternation, lexicon

QUANT = (
    r"(?:more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|no\s+more\s+than|up\s+to|nearly|almost|about|"
    r"around|approximately|roughly|some|over(?!\s+the\b)|under|just|only|barely|close\s+to|as\s+many\s+as|as\s+long\s+as|"
    r"as\s+much\s+as|well\s+over|the\s+better\s+part\s+of|as\s+early\s+as|as\s+late\s+as)"
)
VAGUE = r"(?:a\s+few|a\s+couple\s+of|a\s+couple|couple\s+of|several|few|many|some|numerous|a\s+number\s+of|the\s+next\s+few)"
BOUND = r"(?:(?P<bnd>(?:the\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder)\s+of)\s+|(?P<em>early|late|mid|earlier|later)(?:\s+|-(?=\w)))"
REL = (
    r"(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|past|the\s+last|the\s+previous|previous|the\s+coming|"
    r"coming|the\s+next|the\s+following|following|the\s+current|current|the\s+same|that\s+same|that|the\s+prior|prior|"
    r"the\s+latest|latest|the\s+entire|the\s+whole|the\s+full|a\s+full|the\s+final|the)"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
QREFS = r"(?:year-ago|year-earlier|year\s+ago|year\s+earlier|latest|current|previous|prior|last|next|same|comparable|recent|fiscal|calendar|this\s+year's|last\s+year's|next\s+year's)"

# Every expression starts at the start of a word (or at the apostrophe of "'80s"): a cheap first test that
# keeps the engine from trying each rule inside words.
WORD_START = r"(?<![\w'])(?=[\w'])"

# name -> pattern (order matters for ties). Placeholders are filled by _blocks().
RULES: dict[str, str] = {
    "clock": (
        r"(?:(?P<q>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.?|[ap]m\b)"
        r"(?:\s+(?P<tz>(?-i:[A-Z]{{2,4}}))\b)?(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})\b|(?P<rd>today|yesterday|tomorrow)\b"
        r"|(?P<month>{MONTH})\s*(?P<d>{DAY})))?"
    ),
    "clock24": r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s*(?:GMT|UTC|local\s+time|hours|hrs)\b",
    "clock_word": r"\b(?P<w>noon|midnight|midday)(?:\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})\b|(?P<rd>today|yesterday|tomorrow)\b))?",
    "iso_date": r"(?<![\d-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\d-])",
    "slash_date": r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>\d{{4}}|\d{{2}})(?![\d/])",
    "month_day": (
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<em>early|late|mid)\s+)?(?P<month>{MONTH})\s*(?P<d>{DAY})"
        r"(?:(?:,\s*|\s+)(?P<y>{YEAR})(?!\d))?(?:,?\s+(?P<part>{DAYPART})\b)?"
    ),
    "day_month": (
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?\b(?P<d>{DAY})(?:\s+of)?\s+(?P<month>{MONTH})(?:,?\s+(?P<y>{YEAR})(?!\d))?"
    ),
    "week_of": r"(?:the\s+)?week\s+of\s+(?P<month>{MONTH})\s*(?P<d>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR})(?!\d))?",
    "month_year": (
        r"(?:{BOUND})?(?P<month>{MONTH})(?:\s+of)?,?\s+(?:(?P<y>{YEAR}(?!\d)|{YEARWORDS}\b|'\d\d\b)"
        r"|(?P<yrel>this|last|next)\s+year\b(?!'))"
    ),
    "month": r"(?:{BOUND}|(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past)\s+)?(?P<month>{MONTH})",
    "season": (
        r"(?:{BOUND}|(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|the\s+following|the\s+previous|that)\s+)?"
        r"(?:(?P<the>the)\s+)?\b(?P<season>{SEASON})\b(?:\s+(?:of\s+)?(?P<y>{YEAR})(?!\d))?"
    ),
    "decade": r"(?:the\s+)?(?:{BOUND})?(?:\b(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<dec2>\d0)'?s)(?!\w)",
    "century": r"(?:the\s+)?(?:{BOUND})?\b(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDWORD})[\s-]+century\b",
    "year": (
        r"(?:{BOUND}|(?P<fy>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?)\s+|(?P<the>the\s+year)\s+)?"
        r"(?:(?P<pre>post|pre|mid)-|(?<![\d,.$£€#/-]))\b(?P<y>{YEAR})(?![\d,.]\d|\s*(?:%|percent)|-\d)"
    ),
    "year_words": r"(?:the\s+year\s+)?\b(?P<yw>{YEARWORDS})\b",
    "quarter": (
        r"(?:the\s+)?(?P<refs>(?:(?:{QREFS}|(?P<yq>{YEAR})'?s?)[\s-]+)*)(?:(?P<ord>{ORDINAL})[\s-]+)?(?:fiscal[\s-]+)?"
        r"\b(?P<unit>quarter|half|period)(?!s)\b(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y>{YEAR})\b|(?P<yrel>this|last|next)\s+year\b))?"
    ),
    "weekday": (
        r"(?:(?P<em>early|late)\s+)?(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|previous|the\s+following|"
        r"the\s+previous|that|following)\s+)?\b(?P<wd>{WEEKDAY})\b(?!')(?:[\s-]+(?P<part>{DAYPART})\b)?"
    ),
    "weekday_possessive": r"\b(?P<wd>{WEEKDAY})(?='s\b)",
    "weekday_set": (
        r"(?:(?P<q>every|each)\s+\b(?P<wd>{WEEKDAY})\b|\b(?P<wdp>{WEEKDAY})s\b)(?:[\s-]+(?P<part>{DAYPART})s?\b)?"
        r"|\b(?P<wd3>{WEEKDAY})[\s-]+(?P<part3>{DAYPART})s\b"
    ),
    "rel_day": r"(?:(?P<em>early|late|earlier|later)\s+)?\b(?P<rd>today|yesterday|tomorrow|tonight)\b(?:(?:'s)?\s+(?P<part>{DAYPART})\b)?",
    "lexicon": r"\b(?P<phrase>{PHRASES})\b",
    "rel_unit": (
        r"(?:{BOUND})?{REL}\s+(?P<fy>fiscal\s+|calendar\s+)?\b(?P<unit>week|weekend|month|year|decade|century|day|"
        r"morning|afternoon|evening|night)\b(?!-|\s+(?:old|of\s+(?:the|a|his|her|their|its)\b))"
    ),
    "ago": (
        r"(?:(?P<q>{QUANT})\s+)?\b(?P<n>{NUM}|{VAGUE})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence|back|"
        r"before(?=\s*[,.;:)]|\s*$)|after(?=\s*[,.;:)]|\s*$))\b"
    ),
    "ago_bare": r"\b(?P<unit>{UNITP})\s+(?P<dir>ago|earlier|later|from\s+now)\b",
    "ago_adj": r"\b(?P<unit>year|month|week|day)-(?P<dir>ago|earlier|before)\b(?!-)",
    "set_lex": r"\b(?P<w>{SETWORDS})\b",
    "set_every": r"\b(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT}|(?P<month>{MONTH}))",
    "set_rate": (
        r"(?:(?P<k>once|twice|three\s+times|\d+\s+times|{NUM}\s+times)\s+)?(?P<span>(?:a|an|per)\s+(?P<unit>{UNITS}))\b"
        r"(?!\s+(?:ago|earlier|later))"
    ),
    "duration": (
        r"(?:(?P<q>{QUANT})\s+)?(?:(?P<det>the|a|an|another|its|their|his|her|our)\s+)?(?:(?P<rel>(?:(?<=the\s)|(?<=its\s)|(?<=their\s))(?:past|last)|next|first|previous|"
        r"coming|following|final|latest|remaining|initial|entire|full|whole|other|preceding|ensuing|subsequent|additional|"
        r"further|same)\s+)?\b(?P<n>{NUM}|{VAGUE})(?:(?:\s+(?:to|or|and)\s+|-)(?P<n2>{NUM}))?(?:\s+(?:more|additional|full|"
        r"straight|consecutive|successive|long))?[\s-]+(?P<unit>{UNIT})\b(?P<long>[\s-]+(?:long|old))?"
    ),
    "duration_bare": (
        r"\b(?P<pre>for|over|in|within|during|lasting|spent|took|take|takes)\s+(?P<span>(?:the\s+(?:past|last|next|coming)\s+)?"
        r"(?:(?P<q>nearly|almost|about|some)\s+)?\b(?P<unit>{UNITP}))\b(?!\s+(?:of|ago|earlier|later)\b)"
    ),
    "year_end": (
        r"\b(?P<pre>by|since|until|till|at|before|after|around|near|through|toward|towards)\s+(?P<span>(?:the\s+)?"
        r"(?:(?P<fy>fiscal|calendar)\s+)?year(?:-|\s+|'s\s+)end)\b(?!-)"
    ),
    "holiday": r"(?:(?P<rel>last|next|this)\s+)?\b(?P<hol>{HOLIDAYS})(?:\s+(?P<y>{YEAR})\b)?",
}


# Words one of which every match of a rule contains: a rule runs only in windows around them.
# "@name" is a lexicon word list, "#year" a 4-digit number 1500-2099, "#digit" any number.
TRIGGERS: dict[str, str] = {
    "clock": "m am pm",
    "clock24": "gmt utc local hours hrs",
    "clock_word": "noon midnight midday",
    "iso_date": "#year",
    "slash_date": "#digit",
    "month_day": "@months",
    "day_month": "@months",
    "week_of": "week",
    "month_year": "@months",
    "month": "@months",
    "season": "@seasons",
    "decade": "#digit",
    "century": "century",
    "year": "#year",
    "year_words": "nineteen twenty thousand",
    "quarter": "quarter half period",
    "weekday": "@weekdays",
    "weekday_possessive": "@weekdays",
    "weekday_set": "@weekdays @weekdays_plural",
    "rel_day": "today yesterday tomorrow tonight",
    "lexicon": "@phrase_words",
    "rel_unit": "@units",
    "ago": "ago earlier later now hence back before after",
    "ago_bare": "ago earlier later now",
    "ago_adj": "ago earlier before",
    "set_lex": "@sets",
    "set_every": "every each per",
    "set_rate": "@units",
    "duration": "@units",
    "duration_bare": "@units",
    "year_end": "end",
    "holiday": "@holiday_words",
}


def _word_lists() -> dict[str, set[str]]:
    lex = lexicon()
    return {
        "@months": set(lex.months),
        "@seasons": {w for w, (_, k) in lex.parts.items() if k == "season"},
        "@weekdays": set(lex.weekdays),
        "@weekdays_plural": {w + "s" for w in lex.weekdays},
        "@phrase_words": {phrase.split()[-1] for phrase in lex.relative},
        "@units": set(lex.units),
        "@sets": set(lex.sets),
        "@holiday_words": {part.removesuffix("'s") for name in lex.holidays for part in name.split()},
    }


@cache
def triggers() -> dict[str, frozenset[str]]:
    """Rule name → the lowercase words (and ``#year``/``#digit`` markers) that let it run."""
    lists = _word_lists()
    out = {}
    for name, spec in TRIGGERS.items():
        words: set[str] = set()
        for item in spec.split():
            words |= lists[item] if item.startswith("@") else {item}
        out[name] = frozenset(words)
    return out


def _month_block(months: dict[str, int]) -> str:
    forms: list[str] = []
    for word in sorted(months, key=len, reverse=True):
        for form in (word.title(), word.upper()):
            if len(word) <= 4 and word not in ("may", "june", "july"):
                forms.append(re.escape(form) + r"\.")
            forms.append(re.escape(form) + r"\b")
    return "(?-i:" + "|".join(forms) + ")"


def _number_block() -> str:
    numbers = lexicon().numbers
    units = alternation(w for w, (_, k) in numbers.items() if k == "unit")
    tens = alternation(w for w, (_, k) in numbers.items() if k == "tens")
    word = rf"(?:{tens}(?:[\s-]+{units})?|{units}|hundred)"
    return rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{word}(?:[\s-]+(?:and\s+)?(?:a\s+)?(?:{word}|half))*|a|an)"


def _blocks() -> dict[str, str]:
    lex = lexicon()
    numbers = lex.numbers
    units_words = alternation(w for w, (_, k) in numbers.items() if k == "unit")
    tens = alternation(w for w, (_, k) in numbers.items() if k == "tens")
    plural = [w for w in lex.units if (w.endswith("s") and w[:-1] in lex.units) or w == "centuries"]
    holidays = (
        "(?-i:"
        + "|".join(
            re.escape(name if name != name.lower() else " ".join(part[:1].upper() + part[1:] for part in name.split()))
            .replace(r"\ ", r"\s+")
            for name in sorted(lex.holiday_forms, key=len, reverse=True)
        )
        + ")"
    )
    return {
        "MONTH": _month_block(lex.months),
        "WEEKDAY": alternation(lex.weekdays, capital=True) + r"\.?",
        "DAYPART": alternation(w for w, (_, k) in lex.parts.items() if k != "season"),
        "SEASON": alternation(w for w, (_, k) in lex.parts.items() if k == "season"),
        "NUM": _number_block(),
        "VAGUE": VAGUE,
        "QUANT": QUANT,
        "UNIT": alternation(lex.units),
        "UNITS": alternation(("minute", "hour", "day", "night", "week", "month", "quarter", "year")),
        "UNITP": alternation(plural),
        "ORDWORD": alternation(w for w, (_, k) in numbers.items() if k == "ordinal"),
        "YEARWORDS": rf"(?:nineteen|twenty)[\s-]+(?:{tens}(?:[\s-]+{units_words})?|{units_words}|hundred)|two\s+thousand(?:\s+(?:and\s+)?{units_words})?",
        "SETWORDS": alternation(lex.sets),
        "PHRASES": alternation(lex.relative),
        "HOLIDAYS": holidays,
        "BOUND": BOUND,
        "REL": REL,
        "DAY": DAY,
        "YEAR": YEAR,
        "ORDINAL": ORDINAL,
        "QREFS": QREFS,
    }


@cache
def compiled_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(rule name, compiled pattern) for every rule, in tie-break order (built once)."""
    blocks = _blocks()
    return tuple(
        (name, re.compile(WORD_START + pattern.format(**blocks), re.IGNORECASE))
        for name, pattern in RULES.items()
    )
