"""A capital the text means by a description: "the capital", "the Libyan capital", "Yemen's capital"."""

from __future__ import annotations

import pytest

from dateline.entities.stage import EntitiesStage
from dateline.geo.stage import GeoStage
from dateline.nlp.stage import SpacyStage
from tests.documents import document_builder


@pytest.fixture(scope="module")
def placed():
    build = document_builder([SpacyStage, EntitiesStage, GeoStage], "2019-03-02")

    def run(text: str) -> list[tuple[str, str | None]]:
        document = build(text)
        names = {p.id: p.name for p in document.place_records}
        return [(m.text, names.get(m.place or "")) for m in document.places]

    return run


def test_the_capital_of_the_country_just_named(placed):
    found = placed("Rival rallies turned violent in Yemen on Saturday, and police fired shots in the capital.")
    assert ("capital", "Sanaa") in found


def test_a_demonym_names_the_country(placed):
    found = placed("Shops reopened on Monday in the Libyan capital after a week of fighting.")
    assert ("capital", "Tripoli") in found
    assert any(text == "Libyan" for text, _ in found)  # the demonym keeps its own mention


def test_a_country_before_the_possessive(placed):
    assert ("capital", "Damascus") in placed("Shells fell on Syria's capital overnight, residents said.")


def test_not_a_place(placed):
    found = placed("Lawmakers in Texas debated capital punishment again. Ramadi is the capital of Anbar province.")
    assert not any(text.startswith("capital") for text, _ in found)
    found = placed("The prime minister of Mali flew to Kenya's capital, Nairobi, on Friday.")
    assert [text for text, name in found if name == "Nairobi"] == ["Nairobi"]  # named right after: one mention


def test_no_country_no_capital(placed):
    assert placed("Crowds gathered in the capital on Friday.") == []


def test_a_country_that_only_qualifies_a_noun_is_not_the_context(placed):
    found = placed("Fighting spread across Libya on Saturday. A U.S. commander said missiles landed near the capital.")
    assert ("capital", "Tripoli") in found
