"""Alias groups and titles: readable TSV data mapped to canonical names and spaCy ruler patterns."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

_LEADING = re.compile(r"^(?:the|so-called|so called)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Lookup from a normalised surface form to (canonical name, entity type)."""

    canonical: dict[str, tuple[str, str]]
    patterns: tuple[dict[str, Any], ...]  # spaCy entity-ruler patterns
    titles: dict[str, str]  # lower-cased title form → full title ("" for Mr/Ms)

    def lookup(self, surface: str) -> tuple[str, str] | None:
        return self.canonical.get(normalize_surface(surface))


def normalize_surface(surface: str) -> str:
    """Lower-case key of a mention: no leading "the"/"so-called", no possessive, single spaces."""
    text = _SPACE.sub(" ", surface.strip())
    text = _POSSESSIVE.sub("", _LEADING.sub("", text))
    return text.lower()


def _data_text(name: str) -> str:
    return resources.files("dateline.entities").joinpath("data", "en", name).read_text(encoding="utf-8")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@cache
def load_alias_table(extra_files: tuple[str, ...] = ()) -> AliasTable:
    """The packaged alias groups plus user TSV files (later rows win)."""
    rows = _rows(_data_text("aliases.tsv"))
    for path in extra_files:
        rows += _rows(Path(path).read_text(encoding="utf-8"))
    canonical: dict[str, tuple[str, str]] = {}
    patterns: list[dict[str, Any]] = []
    for row in rows:
        name, label = row["canonical"].strip(), row["type"].strip()
        for alias in {name, *(a.strip() for a in row.get("aliases", "").split("|") if a.strip())}:
            canonical[normalize_surface(alias)] = (name, label)
            patterns.extend(_alias_patterns(alias, label, name))
    for line in _data_text("unit_patterns.jsonl").splitlines():
        if line.strip():
            patterns.append(json.loads(line))
    titles = {row["form"].strip().lower(): (row.get("full") or "").strip() for row in _rows(_data_text("titles.tsv"))}
    return AliasTable(canonical, tuple(patterns), titles)


def _alias_patterns(alias: str, label: str, canonical: str) -> list[dict[str, Any]]:
    """One-word aliases match as written (and Title-cased); longer ones case-insensitively."""
    words = alias.split()
    if len(words) == 1:
        forms = {alias, alias[:1].upper() + alias[1:]}
        return [{"label": label, "id": canonical, "pattern": form} for form in sorted(forms)]
    return [{"label": label, "id": canonical, "pattern": [{"LOWER": w.lower()} for w in _tokens(alias)]}]


def _tokens(alias: str) -> Sequence[str]:
    """Split an alias the way spaCy's English tokenizer does for the punctuation we use."""
    return re.findall(r"'s|’s|[\w.]+(?:-\w+)*|[^\w\s]", alias)


def _word_list(name: str) -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _data_text(name).splitlines() if ln.strip() and not ln.startswith("#"))


@cache
def place_cues() -> frozenset[str]:
    return _word_list("place_cues.txt")


@cache
def org_cues() -> frozenset[str]:
    return _word_list("org_cues.txt")
