"""The light place-name check the entities stage uses to relabel PERSON mentions."""

from __future__ import annotations

import pytest

from dateline.entities.places import is_well_known_place


@pytest.mark.parametrize("name", ["Misrata", "Zlitan", "Aleppo", "Egypt"])
def test_big_cities_their_spellings_and_countries_are_places(name):
    assert is_well_known_place(name)


@pytest.mark.parametrize("name", ["Ali", "Mia", "Kim", "Ben"])
def test_a_short_alternate_name_is_no_place(name):
    assert not is_well_known_place(name)
