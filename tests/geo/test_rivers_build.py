"""The packaged river file's builder: Natural Earth segments of one river merge, lines are simplified."""

from __future__ import annotations

import json

from dateline.geo.lines import simplify
from dateline.geo.rivers import PackagedRivers
from dateline.geo.rivers_build import build, main


def test_simplify_drops_points_on_a_straight_line_and_keeps_a_bend():
    line = [[0.0, 0.0], [0.5, 0.001], [1.0, 0.0], [1.0, 1.0]]
    assert simplify(line, 0.01) == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]


def test_build_merges_country_segments_under_one_name(tmp_path):
    source = tmp_path / "rivers.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Firat", "featurecla": "River"},
         "geometry": {"type": "LineString", "coordinates": [[38.0, 37.5], [38.5, 37.0]]}},
        {"type": "Feature", "properties": {"name": "Al Furat", "featurecla": "River"},
         "geometry": {"type": "MultiLineString", "coordinates": [[[38.5, 37.0], [39.0, 36.0]]]}},
        {"type": "Feature", "properties": {"name": "Quill", "name_alt": "Quillwater"},
         "geometry": {"type": "LineString", "coordinates": [[1.0, 1.0], [1.1, 1.2]]}},
        {"type": "Feature", "properties": {"name": None}, "geometry": None}]}))
    out = tmp_path / "out.json"
    assert main([str(source), str(out)]) == 0
    content = json.loads(out.read_text())
    assert content == build(source)
    rivers = {r["name"]: r for r in content["rivers"]}
    assert set(rivers) == {"Euphrates", "Quill"}
    assert len(rivers["Euphrates"]["lines"]) == 2 and "Al Furat" in rivers["Euphrates"]["names"]
    index = PackagedRivers(content)
    assert index.lines("the Firat river") == index.lines("Euphrates") != []
    assert index.canonical("Quillwater") == "Quill" and index.lines("Nowhere") == []
