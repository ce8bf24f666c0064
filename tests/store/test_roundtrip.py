"""A stored document read back keeps what later stages need: text, metadata, removed noise, paragraphs."""

from __future__ import annotations

from dateline.model import Document, Removal
from dateline.store.duckdb_store import Store


def test_load_documents_round_trip(tmp_path):
    text = "First paragraph of the report.\n\nSecond paragraph, with a quote."
    original = Document(id="d-1", source="a.txt", title="A headline", outlet="Gazette", published="2020-01-02",
                        published_from="text", language="en", text=text, removed=(Removal("caption", "1/3 Photo"),),
                        notes=("decoded as cp1252",), paragraphs=((0, 30), (32, len(text))))
    with Store(tmp_path / "s.duckdb") as store:
        store.write_documents([original], pipeline="p")
        (loaded,) = store.load_documents(["d-1"])
    for field in ("id", "source", "title", "outlet", "published", "published_from", "language", "text", "removed",
                  "notes", "paragraphs", "status"):
        assert getattr(loaded, field) == getattr(original, field), field


def test_a_store_from_an_older_version_gains_the_new_columns(tmp_path):
    import duckdb

    from dateline.store.duckdb_store import Store

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute('CREATE TABLE events ("id" VARCHAR, "doc" VARCHAR, "type" VARCHAR)')
    con.execute("INSERT INTO events VALUES ('e1', 'd1', 'FIGHT')")
    con.close()
    with Store(path) as store:
        columns = {r[0] for r in store.con.execute("SELECT column_name FROM information_schema.columns "
                                                   "WHERE table_name = 'events'").fetchall()}
        assert {"confidence", "reportable", "background", "admin1", "country"} <= columns
        assert store.con.execute("SELECT id, reportable FROM events").fetchall() == [("e1", None)]
