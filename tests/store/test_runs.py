"""The runs table: each run's plan and the gazetteer index it placed documents with."""

from __future__ import annotations

from dateline.store.duckdb_store import Store
from dateline.store.runs import last_run, record_run


def test_a_run_without_the_geo_stage_records_no_gazetteer(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert last_run(store) is None
        record_run(store, pipeline="ingest.extract.v1+clean.v3", gazetteer=None, documents=2, at="2026-01-01T00:00:00Z")
        run = last_run(store)
    assert run is not None and run["gazetteer"] is None and run["documents"] == 2


def test_the_last_run_is_the_latest(tmp_path):
    missing = tmp_path / "none.sqlite"
    with Store(tmp_path / "s.duckdb") as store:
        record_run(store, pipeline="geo.resolve.v1@a", gazetteer=str(missing), documents=1, at="2026-01-02T00:00:00Z")
        record_run(store, pipeline="geo.resolve.v1@b", gazetteer=str(missing), documents=5, at="2026-01-03T00:00:00Z")
        run = last_run(store)
        assert store.counts()["runs"] == 2
    assert run is not None and run["pipeline"] == "geo.resolve.v1@b"
    assert run["gazetteer"]["path"] == str(missing) and run["gazetteer"]["fingerprint"] is None


def test_run_gazetteer_is_the_last_runs_index_while_it_exists(tmp_path):
    from dateline.store.runs import run_gazetteer
    from tests.geo.conftest import current_index

    index = current_index(tmp_path / "corpus.sqlite")
    with Store(tmp_path / "s.duckdb") as store:
        assert run_gazetteer(store) is None
        record_run(store, pipeline="geo.resolve.v1@a", gazetteer=str(index), documents=1, at="2026-01-02T00:00:00Z")
        assert run_gazetteer(store) == index.resolve()
        index.unlink()
        assert run_gazetteer(store) is None
