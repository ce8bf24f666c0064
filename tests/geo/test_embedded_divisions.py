"""Embedded-tier reference points and divisions: country points, non-US provinces and counties, weak names."""

from __future__ import annotations

import pytest

from dateline.geo import embedded
from dateline.geo.candidates import candidates
from dateline.geo.embedded import admin1_names, box_centre, country_point
from dateline.geo.gazetteer import (
    NAME_ALT,
    NAME_PRIMARY,
    NAME_SHORT,
    TIER_EMBEDDED,
    Gazetteer,
    IndexWriter,
    PlaceRow,
    connect,
    finish,
    haversine_km,
)
from dateline.geo.resolve import Toponym, resolve_toponyms


def test_country_point_blends_close_estimates_and_keeps_factbook_when_far():
    # 2 degrees of latitude apart (~222 km): the midpoint is ~111 km from either
    assert country_point((40.0, 10.0), (42.0, 10.0)) == (41.0, 10.0)
    # ~1,100 km apart: the Factbook point is kept
    assert country_point((40.0, 10.0), (50.0, 10.0)) == (40.0, 10.0)
    assert country_point(None, (50.0, 10.0)) == (50.0, 10.0)
    assert country_point((40.0, 10.0), None) == (40.0, 10.0)
    assert country_point(None, None) is None


def test_box_centre_handles_the_antimeridian():
    lat, lon = box_centre([(65.0, 178.0), (66.0, -178.0), (64.0, 179.0)])
    assert lat == pytest.approx(65.0)
    assert abs(abs(lon) - 180.0) < 0.01
    assert box_centre([(10.0, 20.0), (12.0, 24.0)]) == (11.0, 22.0)


CITIES = {
    "1": {"name": "Townville", "latitude": 10.0, "longitude": 20.0, "countrycode": "XA", "admin1code": "05", "population": 1000},
    "2": {"name": "Otherton", "latitude": 12.0, "longitude": 24.0, "countrycode": "XA", "admin1code": "05", "population": 500},
    "3": {"name": "Harbour", "latitude": 11.5, "longitude": 21.0, "countrycode": "XA", "admin1code": "05", "population": 0},
    "4": {"name": "Gaza", "latitude": 31.5, "longitude": 34.46, "countrycode": "XB", "admin1code": "02", "population": 400_000},
    "5": {"name": "Xai", "latitude": -24.0, "longitude": 33.0, "countrycode": "XC", "admin1code": "03", "population": 50_000},
    "6": {"name": "Lagos", "latitude": 6.45, "longitude": 3.39, "countrycode": "XD", "admin1code": "07", "population": 9_000_000},
}
ROWS = [  # reverse_geocode-style rows: the same towns with their division names
    {"country_code": "XA", "city": "Townville", "latitude": 10.0, "longitude": 20.0, "state": "North Province", "county": "Kentish"},
    {"country_code": "XA", "city": "Otherton", "latitude": 12.0, "longitude": 24.0, "state": "North Province", "county": "Kentish"},
    {"country_code": "XA", "city": "Harbour", "latitude": 11.5, "longitude": 21.0, "state": "Wrong Name"},
    {"country_code": "XA", "city": "Nowhere", "latitude": 50.0, "longitude": 50.0, "state": "Unjoined"},
    {"country_code": "XC", "city": "Xai", "latitude": -24.0, "longitude": 33.0, "state": "Gaza Province"},
    {"country_code": "XD", "city": "Lagos", "latitude": 6.45, "longitude": 3.39, "state": "Lagos"},
]


def test_admin1_names_join_by_coordinates_and_majority():
    names = admin1_names(CITIES, ROWS)
    assert names[("XA", "05")] == "North Province"  # 2 of 3 joined towns
    assert "Unjoined" not in names.values()  # its coordinates match no cities500 town
    split = [dict(ROWS[0], state="A"), dict(ROWS[1], state="B"), dict(ROWS[2], state="C")]
    assert ("XA", "05") not in admin1_names(CITIES, split)  # no name held by half of the towns: left out


@pytest.fixture
def division_index(tmp_path, monkeypatch):
    db = tmp_path / "div.sqlite"
    conn = connect(db, create=True)
    writer = IndexWriter(conn, tier=TIER_EMBEDDED, replace=False)
    for gid, c in CITIES.items():
        writer.add(PlaceRow(id=int(gid), gid=int(gid), name=c["name"], lat=c["latitude"], lon=c["longitude"],
                            country=c["countrycode"], feature="P.PPL", admin1=c["admin1code"], population=c["population"]))
    admin1 = embedded._add_admin1(conn, writer, CITIES, ROWS)
    embedded._add_admin2(writer, CITIES, ROWS, admin1)
    writer.add(PlaceRow(id=-77, name="Loudon County", lat=35.7, lon=-84.3, country="US", feature="A.ADM2", admin1="TN"))
    writer.flush()
    conn.commit()
    finish(conn)
    conn.close()
    with Gazetteer(db) as gaz:
        yield gaz


def _kinds(gaz: Gazetteer, key: str) -> dict[str, int]:
    return {entry.name: kind for entry, kind in gaz.lookup(key)}


def test_admin1_rows_names_point_and_cues(division_index):
    gaz = division_index
    [(entry, kind)] = [(e, k) for e, k in gaz.lookup("north province")]
    assert (entry.feature, entry.country, entry.admin1, kind) == ("A.ADM1", "XA", "05", NAME_PRIMARY)
    assert (entry.lat, entry.lon) == (11.0, 22.0)  # box centre of its three towns
    assert entry.population == 1500
    assert _kinds(gaz, "north")["North Province"] == NAME_SHORT  # suffix dropped: a weak name
    assert ("XA", "05") in gaz.regions["north province"]  # "Townville, North Province" is a containment cue
    assert gaz.admin1[("XA", "05")][0] == "North Province"


def test_division_named_after_its_seat_is_an_alternate(division_index):
    kinds_by_feature = {e.feature: k for e, k in division_index.lookup("lagos")}
    assert kinds_by_feature == {"P.PPL": NAME_PRIMARY, "A.ADM1": NAME_ALT}


def test_weak_division_name_ranks_below_the_town(division_index):
    # "Gaza" is a town (XB) and the short name of Gaza Province (XC): the town wins
    toponyms = [Toponym(0, 4, "Gaza")]
    resolve_toponyms(division_index, "Gaza was quiet.", toponyms)
    assert toponyms[0].best.name == "Gaza" and toponyms[0].best.feature == "P.PPL"
    # the full name still finds the province
    toponyms = [Toponym(0, 13, "Gaza Province")]
    resolve_toponyms(division_index, "Gaza Province", toponyms)
    assert toponyms[0].best.feature == "A.ADM1" and toponyms[0].best.country == "XC"


def test_admin2_from_county_names(division_index):
    [(entry, kind)] = division_index.lookup("kentish")
    assert (entry.feature, entry.country, entry.admin1, kind) == ("A.ADM2", "XA", "05", NAME_PRIMARY)
    assert haversine_km(entry.lat, entry.lon, 11.0, 22.0) < 1


def test_co_abbreviation_reads_as_county(division_index):
    found = candidates(division_index, "Loudon Co.")
    assert found and found[0].entry.name == "Loudon County" and found[0].match == 1.0


def test_curated_demonym_overrides_and_continent_codes(tmp_path):
    conn = connect(tmp_path / "d.sqlite", create=True)
    writer = IndexWriter(conn, tier=TIER_EMBEDDED, replace=False)
    embedded._add_continents(conn, writer)
    writer.flush()
    embedded._add_demonym(conn, "European", "XX")
    embedded._add_demonym(conn, "European", "@EU", replace=True)
    conn.commit()
    finish(conn)
    conn.close()
    with Gazetteer(tmp_path / "d.sqlite") as gaz:
        assert gaz.demonyms["european"] == "@EU" and gaz.demonyms["europeans"] == "@EU"
        europe = gaz.country_entry("@EU")
        assert europe is not None and europe.feature == "L.CONT" and europe.name == "Europe"
