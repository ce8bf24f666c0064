"""export/acled.py and export/geojson.py (kept here beside the report, which shares their readers)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from dateline.export.acled import COLUMNS, acled_event_types, export_acled_csv
from dateline.export.geojson import export_geojson
from dateline.store.duckdb_store import Store


def test_export_acled_csv_rows_and_columns(synthetic_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    with Store(synthetic_db, read_only=True) as store:
        assert export_acled_csv(store, path) == 5
    rows = {r["dateline_id"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    assert list(next(iter(rows.values())).keys()) == list(COLUMNS)
    battle = rows["ev-battle"]
    assert battle["event_type"] == "Battles" and battle["sub_event_type"] == "Armed clash"
    assert battle["actor1"] == "Government troops" and battle["actor2"] == "militants"
    assert (battle["latitude"], battle["longitude"], battle["geo_precision"]) == ("35.95", "38.75", "1")
    assert battle["time_precision"] == "1" and battle["source"] == "Example News"
    assert rows["ev-protest"]["time_precision"] == "3" and rows["ev-protest"]["event_type"] == "Protests"
    assert rows["ev-killed"]["fatalities"] == "4" and rows["ev-strike"]["fatalities"] == "0"


def test_export_acled_csv_neutralises_formulas(tmp_path: Path) -> None:
    from dateline.export.acled import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("-12") == "-12" and _cell("plain") == "plain"


def test_acled_event_types_table() -> None:
    types = acled_event_types()
    assert types["air/drone strike"] == "Explosions/Remote violence" and len(types) == 25


def test_export_geojson_is_a_valid_feature_collection(synthetic_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "dateline.geojson"
    with Store(synthetic_db, read_only=True) as store:
        assert export_geojson(store, path) == 10
    geo = json.loads(path.read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    kinds = [f["properties"]["kind"] for f in geo["features"]]
    assert kinds.count("event") == 5 and kinds.count("place") == 5
    for feature in geo["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())  # flat for QGIS
    baghdad = next(f for f in geo["features"] if f["properties"].get("name") == "Baghdad")
    assert baghdad["geometry"]["coordinates"] == [44.40, 33.34]


def test_exports_show_reportable_events_unless_asked_for_all(tmp_path: Path) -> None:
    from dateline.model import Document, Event, EventPlace, Span

    text = "Gunmen attacked a checkpoint in Mosul on Monday. The army will storm the district next week."
    shown = Event("ev-shown", "ASSAULT", "attacked", (Span("d-r", 0, 48, text[:48]),), acled="Attack", date="2017-05-01",
                  date_precision="day", place=EventPlace("Mosul", 36.34, 43.13, None), confidence=0.8, reportable=True)
    planned = Event("ev-planned", "FIGHT", "storm", (Span("d-r", 49, len(text), text[49:]),), acled="Armed clash",
                    date="2017-05-08", date_precision="day", place=EventPlace("Mosul", 36.34, 43.13, None),
                    modality="planned", confidence=0.7, reportable=False)
    with Store(tmp_path / "r.duckdb") as store:
        store.write_documents([Document(id="d-r", source="r.txt", text=text, language="en", published="2017-05-02",
                                        events=(shown, planned))], pipeline="test")
        assert export_acled_csv(store, tmp_path / "a.csv") == 1
        assert export_acled_csv(store, tmp_path / "b.csv", include_unreported=True) == 2
        assert export_geojson(store, tmp_path / "a.geojson") == 1
        assert export_geojson(store, tmp_path / "b.geojson", include_unreported=True) == 2
    row = next(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8")))
    assert row["dateline_id"] == "ev-shown" and row["confidence"] == "0.8"
