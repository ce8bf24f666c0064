"""`dateline gazetteer import --db`, `info`, `run --gazetteer` and the gazetteer line of `stats`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import dateline.cli.gazetteer as gazetteer_cli
from dateline.cli.main import app
from dateline.geo.gazetteer import CACHE_ENV, default_index_path
from dateline.store.duckdb_store import Store
from dateline.store.runs import record_run
from tests.geo.conftest import current_index


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A private user cache, and no embedded build (an empty current index stands in for it)."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer_cli, "ensure_embedded", lambda db=None: current_index(db or default_index_path()))
    return tmp_path / "cache"


def places_csv(tmp_path):
    path = tmp_path / "villages.csv"
    path.write_text("name,alternate_names,lat,lon,country,feature\nTell Marun,Tal Marun,36.1,41.2,SY,P.PPL\n",
                    encoding="utf-8")
    return path


def test_import_into_a_named_index_leaves_the_default_alone(cache, tmp_path):
    db = tmp_path / "corpus.sqlite"
    result = CliRunner().invoke(app, ["gazetteer", "import", "--db", str(db), str(places_csv(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "shared default index" not in result.output and "fingerprint is now gz-" in result.output
    assert not default_index_path().exists()
    info = CliRunner().invoke(app, ["gazetteer", "info", "--db", str(db), "--json"])
    state = json.loads(info.output)
    assert state["default"] is False and [i["file"] for i in state["imports"]] == ["villages.csv"]
    assert state["imports"][0]["rows"] == 1


def test_import_into_the_default_index_says_so(cache, tmp_path):
    result = CliRunner().invoke(app, ["gazetteer", "import", str(places_csv(tmp_path))], terminal_width=300)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "importing into the shared default index" in text and "--db FILE" in text
    assert default_index_path().exists()


def test_info_lists_what_was_imported_when(cache, tmp_path):
    db = tmp_path / "corpus.sqlite"
    CliRunner().invoke(app, ["gazetteer", "import", "--db", str(db), str(places_csv(tmp_path))])
    result = CliRunner().invoke(app, ["gazetteer", "info", "--db", str(db)], terminal_width=300)
    assert result.exit_code == 0, result.output
    assert "a named index" in result.output and "villages.csv" in result.output and "imported files" in result.output


def test_run_refuses_a_gazetteer_that_does_not_exist(tmp_path):
    (tmp_path / "a.txt").write_text("Shops closed in Raqqa.", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                      "--gazetteer", str(tmp_path / "missing.sqlite")], terminal_width=300)
    assert result.exit_code == 2 and "no gazetteer index at" in result.output
    assert not (tmp_path / "out").exists()


def test_stats_names_the_gazetteer_of_the_last_run(cache, tmp_path):
    index = current_index(tmp_path / "corpus.sqlite")
    db = tmp_path / "out" / "dateline.duckdb"
    with Store(db) as store:
        row = record_run(store, pipeline="clean+geo.resolve.v1@x", gazetteer=str(index), documents=3,
                         at="2026-01-02T03:04:05Z")
        store.con.execute("INSERT INTO documents (id, status, notes) VALUES ('d1', 'ok', ?), ('d2', 'ok', '[]')",
                          [json.dumps([f"gazetteer: {row['gazetteer']['fingerprint']} {index}"])])
    result = CliRunner().invoke(app, ["stats", "--db", str(db)], terminal_width=400)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"gazetteer (last run, 2026-01-02T03:04:05Z): {index.resolve()} (a named index)" in text
    assert f"{row['gazetteer']['fingerprint']} {index}: 1" in text and "(not placed): 1" in text
