from __future__ import annotations

import zipfile

from dateline.geo.gazetteer import Gazetteer
from dateline.geo.importer import detect_format, import_paths
from tests.geo.conftest import ROWS


def test_importer_detects_formats(tmp_path):
    assert detect_format(tmp_path / "allCountries.zip") == "geonames"
    assert detect_format(tmp_path / "IQ.txt") == "geonames"
    assert detect_format(tmp_path / "alternateNamesV2.zip") == "alternates"
    assert detect_format(tmp_path / "admin1CodesASCII.txt") == "admin1"
    assert detect_format(tmp_path / "admin2Codes.txt") == "admin2"
    assert detect_format(tmp_path / "countryInfo.txt") == "countryinfo"
    assert detect_format(tmp_path / "extra.csv") == "csv"
    assert detect_format(tmp_path / "ne_50m_rivers.json") == "geojson"


def test_importer_reads_every_format(gazetteer):
    info = gazetteer.info()
    sources = {row["source"]: row["count"] for row in info["places"]}
    assert sources["geonames:XX.txt"] == len(ROWS)
    assert sources["csv:extra.csv"] == 1
    assert sources["naturalearth:rivers.json"] == 1
    assert gazetteer.admin1[("US", "TX")][0] == "Texas"
    assert "IQ" in gazetteer.countries
    assert [e.gid for e, _ in gazetteer.lookup("qayara")] == [1003]  # from alternateNames
    assert gazetteer.lookup("gogjali")[0][0].country == "IQ"  # CSV
    tigris = gazetteer.lookup("tigris river")[0][0]
    assert tigris.feature == "H.STM"
    assert '"MultiLineString"' in gazetteer.geometry(tigris.id)


def test_importer_streams_zip(geo_files, tmp_path):
    archive = tmp_path / "IQ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(geo_files / "XX.txt", "IQ.txt")
        zf.writestr("readme.txt", "not data")
    db = tmp_path / "zip.sqlite"
    seen = []
    counts = import_paths(db, [archive], progress=lambda name, done, total: seen.append(done))
    assert counts == {"IQ.zip": len(ROWS)}
    assert seen
    with Gazetteer(db) as gaz:
        assert gaz.lookup("mosul")[0][0].gid == 1001
