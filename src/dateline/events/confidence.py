"""How sure a record is, and which records are presented as facts.

``confidence`` is the detector's calibrated probability that the sentence reports an incident that happened
(:mod:`dateline.events.detect`); without the detector weights it falls back to the trigger rule's weight,
scaled so that it never claims more than ``RULES_CEILING``. A record is ``reportable`` (what the ACLED-like
export, the report's map and the timeline show) when it is told as having happened (modality ``asserted``, or
``claimed`` by a named source), is not background, and its confidence reaches the threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dateline.time.calendar import day_span

DEFAULT_THRESHOLD = 0.42  # chosen on gold half A: the most recall with precision >= 0.75 (bench/event_records.py)
BACKGROUND_DAYS = 30  # EVENT_CODING.md: incidents more than about a month before publication are background
RULES_CEILING = 0.6
FACT_MODALITIES = frozenset({"asserted", "claimed"})


def threshold_of(value: float | None) -> float:
    return DEFAULT_THRESHOLD if value is None else float(value)


def rules_confidence(rule_weight: float) -> float:
    return round(min(1.0, max(0.0, rule_weight)) * RULES_CEILING, 4)


def is_background(date: str | None, published: str | None) -> bool:
    """The event's date ends more than BACKGROUND_DAYS before publication ("seized the city in 2014")."""
    end, pub = day_span(date), day_span(published[:10] if published else None)
    return bool(end and pub and pub[1] - end[1] > BACKGROUND_DAYS)


def reportable(modality: str, background: bool, confidence: float, threshold: float) -> bool:
    return modality in FACT_MODALITIES and not background and confidence >= threshold


def is_reported(event: Mapping[str, Any]) -> bool:
    """Whether a stored event row is presented (ACLED export, map, timeline): its ``reportable`` flag; rows
    from stores before schema v2, without it: told as fact and not background."""
    if event.get("reportable") is not None:
        return bool(event["reportable"]) and not event.get("background")
    return (event.get("modality") or "asserted") in FACT_MODALITIES and not event.get("background")
