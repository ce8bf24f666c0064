"""Issue 19: per-input budgets (a gzip of blank lines), duplicates streamed to the store, unread files recorded."""

from __future__ import annotations

import gzip
import json
import os

from dateline import pipeline
from dateline.ingest.readers import read_source
from dateline.model import Document
from dateline.pipeline import RunSummary, run_corpus
from dateline.settings import Settings
from dateline.store.duckdb_store import Store

INGEST = Settings(jobs=1, stages=("ingest.extract",), corpus_steps=False, report=False)
GOOD = {"text": "A convoy of lorries carrying flour reached the town on Thursday, officials said."}


def _statuses(db) -> dict[str, tuple[str, str]]:
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT source, status, error FROM documents").fetchall()
    return {source: (status, error) for source, status, error in rows}


def test_gzip_of_blank_lines_stops_at_the_line_budget_with_an_error(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps(GOOD).encode() + b"\n" * 1_100_000))  # 1 KB on disk
    summary = run_corpus([str(path)], out_dir=None, db_path=tmp_path / "db.duckdb", settings=INGEST)
    assert (summary.ok, summary.errors) == (1, 1)
    status, error = _statuses(tmp_path / "db.duckdb")[str(path)]
    assert status == "error" and "more than 1,000,000 lines" in error


def test_decompressed_size_budget_and_empty_jsonl(tmp_path):
    path = tmp_path / "long.jsonl.gz"
    path.write_bytes(gzip.compress(b"x" * 3_000_000 + b"\n"))
    docs = list(read_source(str(path), max_doc_bytes=10_000, max_input_bytes=1_000_000))
    assert docs[-1].status == "error" and "more than" in docs[-1].error and "after decompression" in docs[-1].error
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    assert "no JSON records" in list(read_source(str(empty), max_doc_bytes=10_000))[0].error


class _Store:
    """Records what reaches the store while the reader is still reading."""

    def __init__(self) -> None:
        self.sources: list[tuple[str, str]] = []

    def add_sources(self, pairs) -> None:
        self.sources.extend(pairs)

    def write_documents(self, documents, *, pipeline) -> None:
        pass

    def done_ids(self, ids, *, pipeline) -> set[str]:
        return set()


def test_duplicate_sources_are_written_as_reading_goes(monkeypatch):
    monkeypatch.setattr(pipeline, "SOURCES_CHUNK", 100, raising=False)
    store = _Store()
    held: list[int] = []

    def duplicates():
        for i in range(1000):
            held.append(i + 1 - len(store.sources))  # read but not yet in the store
            yield Document(id="d-same", source=f"feed.jsonl#L{i + 1}", raw="same words")

    batches = list(pipeline._new_batches(duplicates(), store, "p", INGEST, RunSummary(), None))
    assert len(batches) == 1 and len(store.sources) == 1000
    assert max(held) <= 100


def test_broken_link_and_unknown_binary_in_a_directory_are_recorded(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.jsonl").write_text(json.dumps(GOOD) + "\n")
    os.symlink(tmp_path / "missing.txt", corpus / "gone.txt")
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    summary = run_corpus([str(corpus)], out_dir=None, db_path=tmp_path / "db.duckdb", settings=INGEST)
    assert (summary.ok, summary.skipped, summary.errors) == (1, 1, 1)
    rows = _statuses(tmp_path / "db.duckdb")
    assert rows[str(corpus / "gone.txt")][0] == "error" and "broken symbolic link" in rows[str(corpus / "gone.txt")][1]
    assert rows[str(corpus / "photo.png")][0] == "skipped" and "PNG image" in rows[str(corpus / "photo.png")][1]
