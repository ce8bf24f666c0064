"""Cues in the text that pick the kind of place: "the city of X", a division named like its big town."""

from __future__ import annotations

import pytest

from dateline.geo.resolve import Toponym, kind_cue, resolve_toponyms

from .conftest import geoname, index_of

ROWS = [
    geoname(7001, "Valmora", 40.00, 10.00, "A", "ADM1", "XQ", "05", 0),          # the province
    geoname(7002, "Valmora", 40.60, 10.40, "P", "PPLA", "XQ", "05", 250_000),    # its capital, same name
    geoname(7003, "Brenno", 41.00, 11.00, "A", "ADM1", "XQ", "06", 900_000),
    geoname(7004, "Brenno", 41.50, 11.60, "P", "PPL", "XQ", "06", 3_000),       # a small town named like it
]


@pytest.fixture
def cue_gazetteer(tmp_path):
    from dateline.geo import Gazetteer

    with Gazetteer(index_of(tmp_path, ROWS, "XQ.txt")) as gaz:
        yield gaz


def _one(gazetteer, text, name):
    start = text.index(name)
    toponym = Toponym(start, start + len(name), name)
    resolve_toponyms(gazetteer, text, [toponym])
    return toponym.best.gid


def test_bare_name_of_a_division_and_its_big_town_is_the_town(cue_gazetteer):
    assert _one(cue_gazetteer, "Shelling hit Valmora overnight.", "Valmora") == 7002


def test_small_namesake_town_does_not_beat_its_division(cue_gazetteer):
    assert _one(cue_gazetteer, "Floods cut roads across Brenno.", "Brenno") == 7003


def test_city_of_cue_picks_the_populated_place(cue_gazetteer):
    assert _one(cue_gazetteer, "Aid reached the town of Brenno on Friday.", "Brenno") == 7004


@pytest.mark.parametrize(("text", "expected"), [("45 km south of the city of Mosul", "P"), ("Mosul city centre", "P"),
                                                ("the governor of Mosul", None), ("the London province office", None)])
def test_kind_cue(text, expected):
    start = text.index("Mosul") if "Mosul" in text else text.index("London")
    end = start + (5 if "Mosul" in text else 6)
    assert kind_cue(text, start, end) == expected


def test_a_demonym_before_town_of_states_the_country(gazetteer):
    text = "Shells fell on the Iraqi town of Paris and on the French city of Paris."
    first, second = text.index("Paris"), text.rindex("Paris")
    toponyms = [Toponym(first, first + 5, "Paris"), Toponym(second, second + 5, "Paris")]
    resolve_toponyms(gazetteer, text, toponyms)
    assert toponyms[0].best is None  # no Paris in Iraq: unresolved, not a Paris elsewhere
    assert toponyms[1].best is not None and toponyms[1].best.country == "FR"


def test_a_transliterated_name_never_lands_on_a_country(gazetteer):
    from dateline.geo.candidates import candidates

    assert any(c.entry.name == "Iraq" for c in candidates(gazetteer, "Irak"))  # a listed alternate name still counts
    found = candidates(gazetteer, "Al-Irak")  # a district named like the country, with the Arabic article
    assert all(not (c.entry.feature or "").startswith("A.PCL") for c in found)
