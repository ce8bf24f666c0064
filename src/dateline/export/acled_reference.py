"""ACLED's reference tables, from export/data/: event and disorder types, countries and regions, outlet scales."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# ACLED actor types (inter codes 1–8) and their labels in ACLED's text form (data since 2024).
INTER_LABELS = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
                6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
# source_scale parts, smallest first: a row citing several outlets joins their scales in this order.
SCALE_ORDER = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    iso: int  # ISO 3166 numeric
    name: str  # as ACLED writes it
    region: str  # ACLED's region


def _rows(name: str) -> list[list[str]]:
    text = (importlib.resources.files("dateline.export") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()[1:] if line.strip()]


@cache
def event_types() -> dict[str, tuple[str, str]]:
    """Lower-cased sub-event type → (its name as ACLED spells it, event type)."""
    return {row[0].strip().lower(): (row[0].strip(), row[1].strip()) for row in _rows("acled_event_types.tsv")}


@cache
def disorder_types() -> dict[str, str]:
    """Lower-cased sub-event type → ACLED disorder_type."""
    return {row[0].strip().lower(): row[2].strip() for row in _rows("acled_event_types.tsv")}


@cache
def countries() -> dict[str, Country]:
    """ISO 3166 alpha-2 → the country as ACLED names and places it."""
    return {r[0]: Country(r[0], r[1], int(r[2]), r[3], r[4]) for r in _rows("acled_countries.tsv")}


def outlet_scales(extra: Path | None = None) -> dict[str, str]:
    """Lower-cased outlet name or host → source scale: the packaged table, then ``extra`` (a TSV of the same shape)."""
    rows = _rows("outlet_scales.tsv")
    if extra is not None:
        rows += [line.split("\t") for line in extra.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith(("#", "outlet\t"))]
    return {r[0].strip().lower(): r[1].strip() for r in rows if len(r) >= 2}


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: both actor types, the lower first (13: state forces and a political militia);
    a sole actor's type times ten (60: protesters alone); 0 when neither is known."""
    low, high = sorted((inter1, inter2))
    if not low:
        return high * 10
    return low * 10 + high


def interaction_label(inter1: int, inter2: int) -> str:
    """The interaction in ACLED's text form (data since 2024): "State forces-Rebel group", "Protesters only"."""
    low, high = sorted(code for code in (inter1, inter2))
    if not high:
        return ""
    if not low:
        return f"{INTER_LABELS.get(high, '')} only"
    return f"{INTER_LABELS.get(low, '')}-{INTER_LABELS.get(high, '')}"


def joined_scale(scales: set[str]) -> str:
    """Several outlets' scales as one ACLED value ("National-International")."""
    return "-".join(s for s in SCALE_ORDER if s in scales)
