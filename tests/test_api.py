"""`dateline.open(path)`: a store read-only, tables as DataFrames or Arrow tables (dateline/api.py)."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

import dateline
from tests.export.corpus import build


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("api")
    build(out / "dateline.duckdb")
    return out


def test_open_takes_the_output_folder_or_the_store_file(out_dir):
    with dateline.open(out_dir) as data, dateline.open(out_dir / "dateline.duckdb") as same:
        assert data.path == same.path
        assert {"events", "event_mentions", "documents", "places"} <= set(data.tables)
    with pytest.raises(FileNotFoundError):
        dateline.open(out_dir / "nothing-here")


def test_tables_come_back_as_arrow_with_typed_nested_columns(out_dir):
    with dateline.open(out_dir) as data:
        events = data.arrow("events")
        assert isinstance(events, pa.Table) and events.num_rows == 6
        assert pa.types.is_list(events.schema.field("actors").type) and "lat" in events.schema.names
        with pytest.raises(KeyError):
            data.arrow("secrets")


def test_tables_come_back_as_pandas_dataframes(out_dir):
    pytest.importorskip("pandas")
    with dateline.open(out_dir) as data:
        events = data.events.set_index("id")
        assert events.loc["ev-clash-0000000000aa", "actors"][1]["canonical"] == "Northern Shield Brigade"
        assert data.documents["outlet"].tolist().count("Valley Courier") == 1
        acled = data.acled()
        assert len(acled) == 4 and acled.columns[0] == "event_id_cnty" and len(data.acled(all_events=True)) == 6
        assert data.sql("SELECT count(*) AS n FROM quotes")["n"][0] == 0


def test_it_never_writes(out_dir):
    pytest.importorskip("pandas")
    with dateline.open(out_dir) as data, pytest.raises(duckdb.Error):
        data.sql("DELETE FROM documents")
