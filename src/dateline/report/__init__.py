"""The static report: store → one self-contained HTML page (map, timeline, stories, tables, articles)."""

from dateline.report.build import build_report

__all__ = ["build_report"]
