"""Reported figures: counts of people and things (killed, displaced, fled, trained ...) with what is
counted, as-of date and source. ``extract_figures(document, attributions)``; numbers in ``numbers``.
"""

from __future__ import annotations

from dateline.figures.extract import counted_what, extract_figures
from dateline.figures.numbers import Number, find_numbers, parse_number

__all__ = ["Number", "counted_what", "extract_figures", "find_numbers", "parse_number"]
