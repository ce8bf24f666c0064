"""The full-text index beside the store: built, updated with new articles, and known to be stale when behind."""

from __future__ import annotations

from pathlib import Path

from dateline.store.duckdb_store import Store
from dateline.store.search_index import index_path, is_fresh, refresh
from dateline.web.search import search
from tests.web.test_search import _documents, _ids


def test_index_path_is_beside_the_store(tmp_path: Path) -> None:
    assert index_path(tmp_path / "out" / "dateline.duckdb") == tmp_path / "out" / "dateline.search.sqlite"


def test_index_is_never_stale_silently(tmp_path: Path) -> None:
    db = tmp_path / "dateline.duckdb"
    with Store(db) as store:
        docs = _documents()
        store.write_documents(docs[:2], pipeline="test")
        path = index_path(db)
        assert not is_fresh(store.con, path)
        refresh(store.con, path)
        assert is_fresh(store.con, path) and _ids(search(store.con, path, "bridge"), "documents") == []
        store.write_documents(docs[2:], pipeline="test")
        assert not is_fresh(store.con, path)
        assert refresh(store.con, path)["docs"] == 2  # only the new articles are indexed
        assert is_fresh(store.con, path) and _ids(search(store.con, path, "bridge"), "documents") == ["d-bridge"]
        store.con.execute("UPDATE events SET fatalities = 3")
        assert not is_fresh(store.con, path)
