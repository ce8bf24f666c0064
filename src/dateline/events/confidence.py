"""How sure a record is, and which records are presented as facts.

``confidence`` is the detector's calibrated probability that the sentence reports an incident that happened
(:mod:`dateline.events.detect`); without the detector weights it falls back to the trigger rule's weight,
scaled so that it never claims more than ``RULES_CEILING``. A record is ``reportable`` (what the ACLED-like
export, the report's map and the timeline show) when it is told as having happened (modality ``asserted``, or
``claimed`` by a named source), is not background, and its confidence reaches the threshold.
"""

from __future__ import annotations

import datetime as dt

DEFAULT_THRESHOLD = 0.5  # chosen on gold half A: the most recall with precision >= 0.75 (bench/event_records.py)
BACKGROUND_DAYS = 30  # EVENT_CODING.md: incidents more than about a month before publication are background
RULES_CEILING = 0.6
FACT_MODALITIES = frozenset({"asserted", "claimed"})


def threshold_of(value: float | None) -> float:
    return DEFAULT_THRESHOLD if value is None else float(value)


def rules_confidence(rule_weight: float) -> float:
    return round(min(1.0, max(0.0, rule_weight)) * RULES_CEILING, 4)


def is_background(date: str | None, published: str | None) -> bool:
    """The event's date ends more than BACKGROUND_DAYS before publication ("seized the city in 2014")."""
    end = _last_day(date)
    pub = _last_day(published[:10] if published else None)
    return bool(end and pub and (pub - end).days > BACKGROUND_DAYS)


def reportable(modality: str, background: bool, confidence: float, threshold: float) -> bool:
    return modality in FACT_MODALITIES and not background and confidence >= threshold


def _last_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    value = value.rpartition("/")[2] or value
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if "-W" in value:
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 7)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if len(value) == 4:
            return dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None
