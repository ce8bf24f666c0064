"""Load the cleaning vocabularies from ``clean/data/en`` (once per process)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class NoiseLexicon:
    ui_lines: frozenset[str]
    boilerplate: tuple[tuple[str, re.Pattern[str]], ...]
    credit_tail: re.Pattern[str]


def _lines(name: str) -> list[str]:
    text = resources.files("dateline.clean").joinpath("data", "en", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def noise_lexicon() -> NoiseLexicon:
    """The packaged English noise lexicon."""
    ui = frozenset(line.lower() for line in _lines("ui_lines.txt"))
    raw = resources.files("dateline.clean").joinpath("data", "en", "boilerplate.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(raw.splitlines(), delimiter="\t")
    patterns = tuple((row["kind"], re.compile(r"^\s*(?:" + row["pattern"] + ")", re.I)) for row in rows)
    credits = sorted(_lines("photo_credits.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(c) for c in credits)
    # A caption ends with a credit: "... of Mosul Getty", "... on 28 March (Reuters)", "... | AFP".
    credit_tail = re.compile(r"(?:\s|\||/)\(?(?:" + alternatives + r")(?:\s*(?:Images|Photo|/\s*\w+))?\)?\s*$")
    return NoiseLexicon(ui, patterns, credit_tail)
