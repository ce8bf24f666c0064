"""Typed Parquet: nested values as structs and lists, lat/lon on events; no JSON to parse (export/typed.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.export.files import export_all
from dateline.store.duckdb_store import Store
from tests.export.corpus import build


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory) -> Path:
    store_path = build(tmp_path_factory.mktemp("typed") / "dateline.duckdb")
    out = tmp_path_factory.mktemp("parquet")
    with Store(store_path, read_only=True) as store:
        written = export_all(store, out, "parquet")
    assert written["events.parquet"] == 6
    return out


def test_events_have_typed_participants_place_sources_and_coordinates(parquet_dir):
    schema = pq.read_schema(parquet_dir / "events.parquet")
    actor = schema.field("actors").type
    assert pa.types.is_list(actor) and pa.types.is_struct(actor.value_type)
    assert {actor.value_type.field(i).name for i in range(actor.value_type.num_fields)} == {"name", "entity", "canonical", "type"}
    assert pa.types.is_integer(actor.value_type.field("type").type)
    assert pa.types.is_struct(schema.field("place").type)
    assert pa.types.is_struct(schema.field("sources").type.value_type)
    assert pa.types.is_floating(schema.field("lat").type) and pa.types.is_floating(schema.field("lon").type)
    rows = {r["id"]: r for r in pq.read_table(parquet_dir / "events.parquet").to_pylist()}
    clash = rows["ev-clash-0000000000aa"]
    assert [a["canonical"] for a in clash["actors"]] == ["Military Forces of Syria", "Northern Shield Brigade"]
    assert (clash["lat"], clash["lon"]) == (34.70, 36.72) and clash["place"]["name"] == "Kafr Sabt"
    assert clash["sources"][0]["doc"] == "d-one" and clash["sources"][0]["start"] == 0
    assert rows["ev-plan-00000000000ee"]["lat"] is None  # no place: no coordinates, not a parse error


def test_duckdb_reads_nested_fields_without_json_functions(parquet_dir):
    path = str(parquet_dir / "events.parquet").replace("'", "''")
    got = duckdb.sql(f"SELECT id, actors[1].canonical AS actor, actors[1].type AS inter, lat FROM '{path}' "
                     "WHERE len(targets) > 0 ORDER BY id").fetchall()
    assert got[0] == ("ev-arrest-0000000000dd", "Police Forces of Cyprus", 1, 35.10)
    assert [r[0] for r in got] == ["ev-arrest-0000000000dd", "ev-drone-0000000000cc"]


def test_other_tables_are_typed_too(parquet_dir):
    documents = pq.read_table(parquet_dir / "documents.parquet")
    assert pa.types.is_list(documents.schema.field("removed").type)
    assert pa.types.is_list(documents.schema.field("notes").type)
    places = pq.read_table(parquet_dir / "places.parquet")
    assert pa.types.is_struct(places.schema.field("mentions").type.value_type)


def test_pandas_and_polars_load_it_as_is(parquet_dir):
    pd = pytest.importorskip("pandas")
    frame = pd.read_parquet(parquet_dir / "events.parquet")
    clash = frame.set_index("id").loc["ev-clash-0000000000aa"]
    assert clash["actors"][0]["canonical"] == "Military Forces of Syria" and clash["lat"] == pytest.approx(34.70)
    pl = pytest.importorskip("polars")
    events = pl.read_parquet(parquet_dir / "events.parquet")
    assert events.schema["place"].__class__.__name__ == "Struct"
    assert events.filter(pl.col("id") == "ev-drone-0000000000cc")["place"].struct.field("name").to_list() == ["Kafr Sabt"]
