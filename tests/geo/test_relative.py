from __future__ import annotations

import pytest

from dateline.geo.gazetteer import haversine_km
from dateline.geo.relative import find_qualifier, find_relative, offset_point, part_of


@pytest.mark.parametrize(("text", "km", "bearing"), [
    ("a village some 25 kilometres north east of Mosul", 25.0, 45.0),
    ("a position 1km east of Mosul", 1.0, 90.0),
    ("fighting just northwest of Mosul", 3.0, 315.0),
    ("a camp a few miles south of Mosul", 5 * 1.609344, 180.0),
    ("the plain 12 miles south-west of Mosul", 12 * 1.609344, 225.0),
])
def test_relative_positions(text, km, bearing):
    relative = find_relative(text, text.index("Mosul"))
    assert relative is not None
    assert relative.distance_km == pytest.approx(km)
    assert relative.bearing == bearing
    assert relative.radius_km > 0


def test_relative_needs_a_distance():
    text = "the city east of Mosul"
    assert find_relative(text, text.index("Mosul")) is None


def test_offset_point_distance():
    lat, lon = offset_point(36.34, 43.13, 25.0, 45.0)
    assert haversine_km(36.34, 43.13, lat, lon) == pytest.approx(25.0, rel=0.01)
    assert lat > 36.34 and lon > 43.13


@pytest.mark.parametrize(("text", "label", "phrase"), [
    ("fighting in west Mosul", "west", "west Mosul"),
    ("clashes in eastern Mosul", "east", "eastern Mosul"),
    ("inside Mosul's Old City", "old city", "Mosul's Old City"),
    ("shelling hit the Karama district of Mosul", "district: Karama", "Karama district of Mosul"),
    ("a car bomb in the eastern Zuhur neighbourhood of Mosul", "neighbourhood: Zuhur", "Zuhur neighbourhood of Mosul"),
    ("raids on the old Nabi Yunus quarter of Mosul", "quarter: Nabi Yunus", "Nabi Yunus quarter of Mosul"),
])
def test_qualifiers(text, label, phrase):
    start = text.index("Mosul")
    qualifier = find_qualifier(text, start, start + 5)
    assert qualifier is not None and qualifier.label == label
    assert text[qualifier.start:qualifier.end] == phrase


@pytest.mark.parametrize(("surface", "expected"), [
    ("Old City", ("old city", None)),
    ("the Old City", ("old city", None)),
    ("Old City of Mosul", ("old city", "Mosul")),
    ("the city centre of Homs", ("city centre", "Homs")),
    ("Old Town Road", None),
    ("Mosul", None),
])
def test_part_of(surface, expected):
    assert part_of(surface) == expected
