"""Names below the confidence threshold stay unresolved with their candidates; candidate support."""

from __future__ import annotations

import pytest

from dateline.geo.resolve import Toponym, resolve_toponyms

from .conftest import geoname, index_of

# Two made-up countries: XA with two provinces, XB whose capital shares a name with a small XA town.
ROWS = [
    geoname(8001, "Larnos", 10.00, 60.00, "P", "PPLC", "XB", "01", 1_200_000),   # XB's capital
    geoname(8002, "Larnos", 45.10, -20.10, "P", "PPL", "XA", "02", 6_000),       # a small namesake in XA.02
    geoname(8003, "Elmford", 44.00, -25.00, "P", "PPL", "XA", "01", 9_000),
    geoname(8004, "Elmford", 45.30, -20.30, "P", "PPL", "XA", "02", 7_000),
    geoname(8005, "Birchvale County", 45.20, -20.20, "A", "ADM2", "XA", "02", 40_000),
    geoname(8006, "Tarrow", 45.00, -20.00, "P", "PPL", "XA", "02", 30_000),
    # three hamlets of one name with no population figure, each on another continent from the rest of the story
    geoname(8007, "Quennick", -30.00, 150.00, "P", "PPL", "XC", "01", 0),
    geoname(8008, "Quennick", 60.00, 100.00, "P", "PPL", "XD", "01", 0),
    geoname(8009, "Quennick", -20.00, -60.00, "P", "PPL", "XE", "01", 0),
]


@pytest.fixture
def gaz(tmp_path):
    from dateline.geo import Gazetteer

    with Gazetteer(index_of(tmp_path, ROWS, "XX.txt")) as gazetteer:
        yield gazetteer


def _resolve(gazetteer, text, *names, **kwargs):
    toponyms = [Toponym(text.index(n), text.index(n) + len(n), n) for n in names]
    resolve_toponyms(gazetteer, text, toponyms, **kwargs)
    return toponyms


TEXT = "Deputies from Birchvale County searched Tarrow and a farm near Quennick after the storm."


def test_a_far_ambiguous_hamlet_is_withheld_and_keeps_its_candidates(gaz):
    *_, stray = _resolve(gaz, TEXT, "Birchvale County", "Tarrow", "Quennick")
    assert stray.best is None
    assert stray.withheld is not None and stray.withheld.gid in (8007, 8008, 8009)
    assert sorted(c.entry.gid for c in stray.candidates) == [8007, 8008, 8009]
    assert stray.reason.startswith("withheld")


def test_threshold_zero_keeps_every_guess(gaz):
    *_, stray = _resolve(gaz, TEXT, "Birchvale County", "Tarrow", "Quennick", threshold=0.0)
    assert stray.best is not None and stray.best.gid in (8007, 8008, 8009)
    assert 0.0 < stray.confidence < 0.35


def test_a_high_threshold_withholds_even_a_good_guess(gaz):
    _county, town = _resolve(gaz, "Deputies from Birchvale County searched Tarrow overnight.", "Birchvale County", "Tarrow",
                             threshold=0.999)
    assert town.best is None and town.withheld is not None and town.withheld.gid == 8006


def test_confident_places_are_not_withheld(gaz):
    county, town = _resolve(gaz, "Deputies from Birchvale County searched Tarrow overnight.", "Birchvale County", "Tarrow")
    assert county.best.gid == 8005 and town.best.gid == 8006
    assert county.confidence >= 0.35 and town.confidence >= 0.35


def test_a_county_named_beside_a_town_picks_the_namesake_in_its_province(gaz):
    # Alone, "Larnos" is the capital of XB; with a county of XA.02 beside it, it is the small XA.02 town.
    (alone,) = _resolve(gaz, "Talks opened in Larnos on Monday.", "Larnos")
    assert alone.best.gid == 8001
    larnos, _county = _resolve(gaz, "Larnos police and Birchvale County deputies closed the road.", "Larnos", "Birchvale County")
    assert larnos.best.gid == 8002


def test_support_splits_an_even_tie_between_two_provinces(gaz):
    town, _county = _resolve(gaz, "Water ran short in Elmford, officials in Birchvale County said.", "Elmford", "Birchvale County")
    assert town.best.gid == 8004
    assert town.support.get(("XA", "02"), 0.0) > town.support.get(("XA", "01"), 0.0)
