"""The ACLED CSV: ACLED's columns in ACLED's order with ACLED's types and conventions (export/acled.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dateline.export.acled import ACLED_COLUMNS, COLUMNS, export_acled_csv
from dateline.export.acled_reference import interaction
from dateline.store.duckdb_store import Store
from tests.export.corpus import build

# ACLED's columns and what each holds, written from ACLED's codebook (variable list and value descriptions):
# "int" whole numbers, "float" decimal numbers, "date" a day as YYYY-MM-DD, "str" text (may be empty); "?": empty
# when Dateline does not know it (an event in a village the gazetteer lacks has no coordinates).
CODEBOOK = [
    ("event_id_cnty", "str"), ("event_date", "date"), ("year", "int"), ("time_precision", "int"),
    ("disorder_type", "str"), ("event_type", "str"), ("sub_event_type", "str"), ("actor1", "str"),
    ("assoc_actor_1", "str"), ("inter1", "int"), ("actor2", "str"), ("assoc_actor_2", "str"), ("inter2", "int"),
    ("interaction", "int"), ("civilian_targeting", "str"), ("iso", "int"), ("region", "str"), ("country", "str"),
    ("admin1", "str"), ("admin2", "str"), ("admin3", "str"), ("location", "str"), ("latitude", "float?"),
    ("longitude", "float?"), ("geo_precision", "int?"), ("source", "str"), ("source_scale", "str"), ("notes", "str"),
    ("fatalities", "int"), ("tags", "str"), ("timestamp", "int"),
]
EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}
DISORDER_TYPES = {"Political violence", "Demonstrations", "Political violence; Demonstrations", "Strategic developments"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("acled") / "dateline.duckdb")


@pytest.fixture(scope="module")
def rows(store_path, tmp_path_factory) -> dict[str, dict[str, str]]:
    path = tmp_path_factory.mktemp("acled-out") / "events.csv"
    with Store(store_path, read_only=True) as store:
        assert export_acled_csv(store, path, gazetteer=tmp_path_factory.mktemp("none") / "missing.sqlite") == 4
    return {r["dateline_id"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}


def test_the_columns_are_acleds_in_acleds_order_then_datelines():
    assert list(ACLED_COLUMNS) == [name for name, _ in CODEBOOK]
    assert COLUMNS[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert {"modality", "confidence", "source_spans", "dateline_id"} <= set(COLUMNS[len(ACLED_COLUMNS):])


def test_the_csv_loads_with_pandas_and_every_column_has_the_codebooks_type(store_path, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "events.csv"
    with Store(store_path, read_only=True) as store:
        export_acled_csv(store, path, include_unreported=True, gazetteer=tmp_path / "missing.sqlite")
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    assert len(frame) == 6 and list(frame.columns[:31]) == [name for name, _ in CODEBOOK]
    for name, kind in CODEBOOK:
        column = frame[name].dropna()
        if kind.endswith("?"):
            assert len(column), name
        else:
            assert len(column) == len(frame) or kind == "str", name
        if kind == "int":
            assert pd.api.types.is_integer_dtype(frame[name]), (name, frame[name].dtype)
        elif kind == "int?":
            assert all(float(v).is_integer() for v in column), name
        elif kind in ("float", "float?"):
            assert pd.api.types.is_float_dtype(column), name
        elif kind == "date":
            assert pd.to_datetime(frame[name], format="%Y-%m-%d").notna().all(), name
        else:
            assert all(isinstance(v, str) for v in column), name
    assert set(frame["time_precision"]) <= {1, 2, 3}
    assert set(frame["inter1"]) <= set(range(9)) and set(frame["geo_precision"].dropna()) <= {1, 2, 3}
    assert set(frame["event_type"]) <= EVENT_TYPES and set(frame["disorder_type"]) <= DISORDER_TYPES
    assert (frame["year"] == pd.to_datetime(frame["event_date"]).dt.year).all()


def test_dates_are_always_one_day_with_the_codebooks_precision(rows):
    assert (rows["ev-clash-0000000000aa"]["event_date"], rows["ev-clash-0000000000aa"]["time_precision"]) == ("2019-03-03", "1")
    # a week: its middle day, precision 2; a month: its 15th, precision 3; a few days: the middle one, precision 2
    assert (rows["ev-protest-00000000bb"]["event_date"], rows["ev-protest-00000000bb"]["time_precision"]) == ("2019-02-28", "2")
    assert (rows["ev-drone-0000000000cc"]["event_date"], rows["ev-drone-0000000000cc"]["time_precision"]) == ("2019-03-15", "3")
    assert (rows["ev-arrest-0000000000dd"]["event_date"], rows["ev-arrest-0000000000dd"]["time_precision"]) == ("2019-03-11", "2")
    assert rows["ev-protest-00000000bb"]["date_as_reported"] == "2019-W09"


def test_actors_inter_codes_and_interaction(rows):
    clash = rows["ev-clash-0000000000aa"]
    assert (clash["actor1"], clash["inter1"], clash["actor2"], clash["inter2"], clash["interaction"]) == (
        "Military Forces of Syria", "1", "Northern Shield Brigade", "3", "13")
    assert clash["disorder_type"] == "Political violence" and clash["civilian_targeting"] == ""
    protest = rows["ev-protest-00000000bb"]
    assert (protest["actor1"], protest["inter2"], protest["interaction"]) == ("Protesters (Syria)", "0", "60")
    assert protest["disorder_type"] == "Demonstrations" and protest["tags"] == "crowd size=around 400"
    drone = rows["ev-drone-0000000000cc"]  # nobody named the drone's side: ACLED's unidentified armed group
    assert (drone["actor1"], drone["inter1"], drone["actor2"], drone["interaction"]) == (
        "Unidentified Armed Group (Syria)", "3", "Civilians (Syria)", "37")
    assert drone["civilian_targeting"] == "Civilian targeting" and drone["fatalities"] == "2"
    assert interaction(7, 1) == 17 and interaction(2, 2) == 22 and interaction(0, 6) == 60


def test_country_names_iso_numbers_regions_and_admin1(rows):
    clash, arrest = rows["ev-clash-0000000000aa"], rows["ev-arrest-0000000000dd"]
    assert (clash["country"], clash["iso"], clash["region"], clash["admin1"]) == ("Syria", "760", "Middle East", "Homs")
    assert (arrest["country"], arrest["iso"], arrest["region"]) == ("Cyprus", "196", "Europe")
    assert clash["event_id_cnty"].startswith("SYR") and clash["event_id_cnty"][3:].isdigit()
    assert (clash["latitude"], clash["longitude"], clash["geo_precision"]) == ("34.7", "36.72", "1")


def test_source_is_the_outlet_never_a_file_path(rows):
    assert rows["ev-clash-0000000000aa"]["source"] == "Valley Courier"
    assert rows["ev-arrest-0000000000dd"]["source"] == "www.harbour-times.example"  # no outlet name: the web host
    assert all("/" not in r["source"] or "." in r["source"].split("/")[0] for r in rows.values())
    assert rows["ev-clash-0000000000aa"]["source_spans"].startswith("d-one:0-")


def test_notes_are_one_sentence(rows):
    clash = rows["ev-clash-0000000000aa"]["notes"]
    assert clash == ("On 3 March 2019, an armed clash by Military Forces of Syria against Northern Shield Brigade in "
                     "Kafr Sabt, Homs, Syria; 6 reported killed.")
    assert rows["ev-protest-00000000bb"]["notes"].startswith("In the week of 25 February 2019, a peaceful protest")
    assert rows["ev-arrest-0000000000dd"]["notes"].startswith("Between 10 March and 12 March 2019, arrests by")
    assert all(r["notes"].count(". ") == 0 and r["notes"].endswith(".") for r in rows.values())


def test_only_reportable_events_unless_all_are_asked_for(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        assert export_acled_csv(store, tmp_path / "all.csv", include_unreported=True, gazetteer=tmp_path / "x") == 6
    every = {r["dateline_id"]: r for r in csv.DictReader((tmp_path / "all.csv").open(encoding="utf-8"))}
    planned = every["ev-plan-00000000000ee"]
    assert planned["reportable"] == "False" and planned["notes"].endswith("(planned).")
    shot = every["ev-shot-00000000000ff"]  # violence against civilians names no one: ACLED's generic actors
    assert (shot["actor1"], shot["actor2"], shot["interaction"], shot["civilian_targeting"]) == (
        "Unidentified Armed Group (Syria)", "Civilians (Syria)", "37", "Civilian targeting")


def test_inter_labels_give_acleds_text_form(store_path, tmp_path):
    path = tmp_path / "labels.csv"
    with Store(store_path, read_only=True) as store:
        export_acled_csv(store, path, gazetteer=tmp_path / "x", inter_labels=True)
    rows = {r["dateline_id"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    clash, protest = rows["ev-clash-0000000000aa"], rows["ev-protest-00000000bb"]
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("State forces", "Political militia",
                                                                       "State forces-Political militia")
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == ("Protesters", "", "Protesters only")
