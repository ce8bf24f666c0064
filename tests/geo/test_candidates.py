from dateline.geo import Gazetteer
from dateline.geo.candidates import candidates
from tests.geo.conftest import geoname, index_of


def test_a_name_that_is_only_another_place_s_alternate_also_brings_its_transliteration_variants(tmp_path):
    rows = [
        geoname(5001, "Köprüdere", 39.1, 35.2, "P", "PPL", "TR", "12", 4_000, "Jufra"),  # shares an alternate by chance
        geoname(5002, "Al Jufrah", 29.1, 16.0, "P", "PPLA", "LY", "05", 60_000, ""),
    ]
    with Gazetteer(index_of(tmp_path, rows)) as gazetteer:
        found = {c.entry.name for c in candidates(gazetteer, "Jufra")}
    assert found == {"Köprüdere", "Al Jufrah"}


def test_a_place_s_own_name_keeps_its_variants_out(tmp_path):
    rows = [
        geoname(5003, "Haditha", 34.1, 42.4, "P", "PPL", "IQ", "01", 30_000, ""),
        geoname(5004, "Al Hadithah", 35.0, 40.0, "P", "PPL", "SY", "09", 2_000, ""),
    ]
    with Gazetteer(index_of(tmp_path, rows)) as gazetteer:
        found = {c.entry.name for c in candidates(gazetteer, "Haditha")}
    assert found == {"Haditha"}
