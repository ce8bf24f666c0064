"""World regions of the embedded tier: membership from packaged data, a median point, no colliding short forms."""

from __future__ import annotations

from dateline.geo.embedded import _add_regions, _direction_forms, median_point, region_groups
from dateline.geo.gazetteer import TIER_EMBEDDED, Gazetteer, IndexWriter, connect, finish

# Three made-up countryinfo records: two small neighbours and one huge country far east of them.
INFO = {
    "XA": {"subregion": "Western Testland", "latlng": [40.0, 10.0], "population": 1_000},
    "XB": {"subregion": "Western Testland", "latlng": [42.0, 12.0], "population": 2_000},
    "XC": {"subregion": "Western Testland", "latlng": [60.0, 100.0], "population": 3_000},
}


def test_un_subregions_come_from_countryinfo_and_the_curated_groupings_from_the_data_file():
    groups = region_groups(INFO)
    assert groups["Western Testland"][1] == frozenset({"XA", "XB", "XC"})
    alternates, members = groups["Middle East"]
    assert {"IQ", "SY", "EG"} <= members and "FR" not in members
    assert "Mideast" in alternates


def test_direction_forms():
    assert _direction_forms("Northern Africa") == ("North Africa",)
    assert set(_direction_forms("South-eastern Asia")) == {"South-east Asia", "Southeast Asia"}
    assert _direction_forms("Levant") == ()


def test_median_point_is_not_dragged_by_one_big_member():
    lat, lon = median_point([(40.0, 10.0), (42.0, 12.0), (60.0, 100.0)])
    assert (lat, lon) == (42.0, 12.0)


def test_median_point_across_the_antimeridian():
    lat, lon = median_point([(-14.0, 179.0), (-15.0, -179.0), (-16.0, -177.0)])
    assert lat == -15.0 and lon == -179.0


def test_regions_are_indexed_and_a_short_form_naming_a_country_is_dropped(tmp_path):
    info = {"XA": {"subregion": "Southern Africa", "latlng": [-26.0, 24.0], "population": 5},
            "IQ": {"latlng": [33.0, 44.0], "population": 7}}  # the only Middle East member with a record here
    db = tmp_path / "index.sqlite"
    conn = connect(db, create=True)
    writer = IndexWriter(conn, tier=TIER_EMBEDDED, replace=False)
    _add_regions(writer, info)
    writer.flush()
    finish(conn)
    conn.close()
    with Gazetteer(db) as gazetteer:
        (entry, _kind), = [r for r in gazetteer.lookup("southern africa")]
        assert entry.feature == "L.RGN" and (entry.lat, entry.lon) == (-26.0, 24.0)
        assert not [e for e, _ in gazetteer.lookup("south africa") if e.feature == "L.RGN"]
        (middle_east, _kind), = gazetteer.lookup("mideast")
        assert middle_east.name == "Middle East" and (middle_east.lat, middle_east.lon) == (33.0, 44.0)
        assert middle_east.population == 7
