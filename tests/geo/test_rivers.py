"""The packaged river lines: names folded, the rivers of the demo and the seeds present."""

from __future__ import annotations

from dateline.geo.rivers import packaged_rivers, river_key


def test_river_key_folds_the_and_river():
    assert river_key("the Tigris River") == river_key("TIGRIS") == river_key("Tigris river's") == "tigris"


def test_packaged_file_has_the_rivers_of_the_demo_and_the_seeds():
    rivers = packaged_rivers()
    for name in ("Euphrates", "Tigris", "Nile", "Danube", "Mississippi"):
        assert rivers.lines(name), name
