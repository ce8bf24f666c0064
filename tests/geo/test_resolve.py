from __future__ import annotations

import pytest

from dateline.geo.gazetteer import haversine_km
from dateline.geo.names import name_key, skeleton
from dateline.geo.resolve import Toponym, resolve_toponyms


@pytest.mark.parametrize(("a", "b"), [("Qayara", "Qayyarah"), ("Falluja", "Fallujah"), ("Hamam al-Alil", "Hammam al-Alil"),
                                      ("al-Qayyarah", "Qayyarah"), ("Ḥammām al-‘Alīl", "Hammam al Alil")])
def test_skeleton_joins_transliteration_variants(a, b):
    assert skeleton(name_key(a)) == skeleton(name_key(b))


def _resolve(gazetteer, text, *names):
    toponyms = []
    for name in names:
        start = text.index(name)
        toponyms.append(Toponym(start, start + len(name), name))
    resolve_toponyms(gazetteer, text, toponyms)
    return toponyms


@pytest.mark.parametrize(("surface", "gid"), [("Falluja", 1005), ("Qayara", 1003), ("El-Qayyara", 1003), ("Hammam al-Alil", 1004),
                                              ("Hamam al-Alil", 1004), ("Bashiqa", 1002)])
def test_resolve_fuzzy_variants(gazetteer, surface, gid):
    (toponym,) = _resolve(gazetteer, f"Troops entered {surface} on Monday.", surface)
    assert toponym.best is not None and toponym.best.gid == gid


def test_resolve_paris_defaults_to_france(gazetteer):
    (toponym,) = _resolve(gazetteer, "The talks opened in Paris on Monday.", "Paris")
    assert toponym.best.gid == 2001


@pytest.mark.parametrize(("text", "gid"), [("A fire broke out in Paris, Texas, late on Friday.", 2002),
                                           ("A fire broke out in Paris, Tennessee, late on Friday.", 2003),
                                           ("A fire broke out in Paris, TX, on Friday.", 2002)])
def test_resolve_containment_cue(gazetteer, text, gid):
    toponyms = _resolve(gazetteer, text, "Paris")
    assert toponyms[0].best.gid == gid


def test_a_region_that_is_the_next_item_of_a_list_is_no_containment_cue(gazetteer):
    # "Paris, Texas" inside a list of places: Texas is the list's next item, Paris keeps its default
    text = "Rallies were held in Mosul, Paris, Texas, Baghdad and elsewhere."
    _, paris, _ = _resolve(gazetteer, text, "Mosul", "Paris", "Baghdad")
    assert paris.best.gid == 2001
    # an abbreviation is only ever a region: "Paris, TX, Mosul" still reads Paris in Texas
    text = "Rallies were held in Mosul, Paris, TX, Baghdad and elsewhere."
    _, paris, _ = _resolve(gazetteer, text, "Mosul", "Paris", "Baghdad")
    assert paris.best.gid == 2002
    # outside a list the cue holds
    (paris,) = _resolve(gazetteer, "A fire broke out in Paris, Texas, and spread.", "Paris")
    assert paris.best.gid == 2002


def test_resolve_unknown_name_is_unresolved(gazetteer):
    (toponym,) = _resolve(gazetteer, "They fled from Zzyzxqor village.", "Zzyzxqor")
    assert toponym.best is None and toponym.confidence == 0.0


def test_resolve_demonym_is_flagged(gazetteer):
    iraqi, kurdish = _resolve(gazetteer, "Iraqi and Kurdish forces advanced.", "Iraqi", "Kurdish")
    assert iraqi.demonym and iraqi.best.gid == 3001
    assert kurdish.demonym and kurdish.best is None


def test_resolve_confidence_in_range(gazetteer):
    toponyms = _resolve(gazetteer, "From Mosul to Baghdad and Paris.", "Mosul", "Baghdad", "Paris")
    assert all(0.0 <= t.confidence <= 1.0 for t in toponyms)
    assert haversine_km(toponyms[0].best.lat, toponyms[0].best.lon, 36.34, 43.13) < 5


def test_a_small_place_matched_by_an_alternate_name_far_from_the_document_stays_unresolved(gazetteer):
    text = "Troops cut the road near Badush, north-west of Mosul, on Sunday."
    badush, mosul = _resolve(gazetteer, text, "Badush", "Mosul")
    assert mosul.best is not None and mosul.best.gid == 1001
    assert badush.best is None  # not the Pennsylvania hamlet that lists the name among its alternates


def test_a_far_alternate_name_still_resolves_without_anchors(gazetteer):
    (badush,) = _resolve(gazetteer, "The fair in Badush drew a crowd.", "Badush")
    assert badush.best is not None and badush.best.gid == 2004


def test_a_district_matched_only_by_its_transliteration_skeleton_outside_the_focus_stays_unresolved(tmp_path):
    from dateline.geo import Gazetteer
    from tests.geo.conftest import geoname, index_of

    rows = [geoname(6001, "Mosul", 36.335, 43.119, "P", "PPLA", "IQ", "18", 1_683_000, ""),
            geoname(6002, "Tall Kayf", 36.49, 43.12, "P", "PPL", "IQ", "18", 20_000, ""),
            geoname(6004, "Kirkuk", 35.47, 44.39, "P", "PPLA", "IQ", "13", 600_000, ""),
            geoname(6005, "Tikrit", 34.6, 43.68, "P", "PPLA", "IQ", "14", 160_000, ""),
            geoname(6003, "Sarıyer", 41.17, 29.05, "A", "ADM2", "TR", "34", 300_000, "")]
    text = "After Mosul, Tall Kayf, Kirkuk and Tikrit, shells hit the oil field at Sarir on Monday."
    with Gazetteer(index_of(tmp_path, rows)) as gazetteer:
        assert skeleton(name_key("Sarir")) == skeleton(name_key("Sarıyer"))
        mosul, *_, sarir = _resolve(gazetteer, text, "Mosul", "Tall Kayf", "Kirkuk", "Tikrit", "Sarir")
    assert mosul.best is not None and sarir.best is None
