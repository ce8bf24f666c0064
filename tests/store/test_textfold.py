"""Folding words for search: diacritics, and one key for the romanisations of a name."""

from __future__ import annotations

import pytest

from dateline.store.textfold import folded_text, norm, translit_key, words


@pytest.mark.parametrize("group", [
    ["Mayādīn", "Mayadin", "Mayadeen", "Meyadin"],
    ["Raqqa", "Raqqah", "Rakka"],
    ["Deir", "Dayr"],
    ["Zor", "Zour", "Zawr"],
    ["Idlib", "Edlib"],
    ["Mosul", "Mawsil"],
    ["Qaim", "Qa'im", "Qāʾim"],
])
def test_spellings_of_one_name_share_a_key(group: list[str]) -> None:
    assert len({translit_key(norm(w)) for w in group}) == 1


@pytest.mark.parametrize(("one", "other"), [("Medina", "Mayadin"), ("rock", "Raqqa"), ("Homs", "Hama")])
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert translit_key(norm(one)) != translit_key(norm(other))


def test_words_keep_offsets_into_the_text() -> None:
    text = "In Al Mayādīn, Qa'im's market"
    assert [(text[s:e], w) for s, e, w in words(text)] == [("In", "in"), ("Al", "al"), ("Mayādīn", "mayadin"),
                                                           ("Qa'im's", "qaims"), ("market", "market")]


def test_folded_text_leaves_articles_out() -> None:
    assert folded_text("Deir ez-Zor and al-Mayadeen") == "dar zar and madan"
