"""A place shared by documents gets the same row whatever order the documents are written in (issue 19, item 7)."""

from __future__ import annotations

import itertools

from dateline.model import Document, Place, PlaceMention
from dateline.store.duckdb_store import Store

RAQQA = Place("gn:1", "Raqqa", 35.95, 39.01, "SY", "P.PPLA", 1, "04", 0.0)


def _doc(doc_id: str, confidence: float) -> Document:
    text = "Fighting in Raqqa."
    mention = PlaceMention(doc_id, 12, 17, "Raqqa", RAQQA.id, confidence)
    record = Place(**{**{f: getattr(RAQQA, f) for f in RAQQA.__slots__}, "confidence": confidence})
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, places=(mention,), place_records=(record,))


def _confidence(store: Store) -> float:
    return store.con.execute("SELECT confidence FROM places WHERE id = 'gn:1'").fetchone()[0]


def test_place_confidence_does_not_depend_on_write_order(tmp_path):
    docs = [_doc("d-a", 0.9), _doc("d-b", 0.6), _doc("d-c", 0.75)]
    seen = set()
    for k, order in enumerate(itertools.permutations(docs)):
        with Store(tmp_path / f"s{k}.duckdb") as store:
            for document in order:  # one batch each, as workers hand them in
                store.write_documents([document], pipeline="p")
            seen.add(_confidence(store))
    assert seen == {0.9}  # the best evidence any document gives


def test_place_confidence_follows_a_rewritten_document(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write_documents([_doc("d-a", 0.9), _doc("d-b", 0.6)], pipeline="p")
        store.write_documents([_doc("d-a", 0.5)], pipeline="p")  # d-a processed again, now less sure
        assert _confidence(store) == 0.6
