"""Which differing figures are conflicts: the same thing, at the same time, in comparable amounts."""

from __future__ import annotations

from dateline.stories.conflicts import FigureRow, figure_conflicts


def _fig(fid: str, doc: str, value: float, what: str, as_of: str = "2024-03-02") -> FigureRow:
    return FigureRow(fid, doc, 0, 10, value, what, as_of, as_of, "s", doc)


def test_differing_counts_of_the_same_thing_conflict():
    rows, links = figure_conflicts([_fig("a", "d1", 11, "people killed"), _fig("b", "d2", 8, "people killed")])
    assert len(rows) == 1 and links == {"a": ["b"], "b": ["a"]}


def test_bare_nouns_and_far_apart_values_are_not_conflicts():
    rows, _ = figure_conflicts([_fig("a", "d1", 6, "civilians"), _fig("b", "d2", 160_000, "civilians")])
    assert rows == []
    rows, _ = figure_conflicts([_fig("a", "d1", 150_000, "civilians"), _fig("b", "d2", 160_000, "civilians")])
    assert len(rows) == 1  # a bare noun, but near-equal counts: two estimates of one number
    rows, _ = figure_conflicts([_fig("a", "d1", 6, "civilians killed"), _fig("b", "d2", 1_000, "civilians killed")])
    assert rows == []


def test_one_documents_own_figures_never_conflict():
    rows, _ = figure_conflicts([_fig("a", "d1", 11, "people killed"), _fig("b", "d1", 8, "people killed")])
    assert rows == []
