"""What an ingestion job does: the stages run without the store's write lock, then one short write.

1. Read the posted articles, skip those already stored, run the stages on the rest in a worker process
   (``workers`` 0: in the job's thread). Nothing is written yet: readers are not affected.
2. Write the documents in one transaction, then the corpus steps (entities, stories); readers keep reading
   the last committed state meanwhile (see :mod:`dateline.web.db`).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from dateline.engine.local import WorkerPool
from dateline.ingest.readers import read_inputs
from dateline.model import Document
from dateline.pipeline import RunSummary, finish_corpus, stage_documents
from dateline.registry import plan_signature
from dateline.settings import Settings
from dateline.store.duckdb_store import Store
from dateline.store.search_index import index_path
from dateline.store.search_index import refresh as refresh_index
from dateline.web.db import CursorStore, Database


class DeferredWrites(CursorStore):
    """Reads through a cursor; keeps the writes for one transaction later (:meth:`flush`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        super().__init__(con)
        self.documents: list[Document] = []
        self.sources: list[tuple[str, str]] = []

    def write_documents(self, documents: list[Document], *, pipeline: str) -> None:
        self.documents.extend(documents)

    def add_sources(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.sources.extend(pairs)

    def flush(self, store: Store, *, pipeline: str) -> None:
        store.add_sources(self.sources)
        store.write_documents(self.documents, pipeline=pipeline)


WORKER_NICENESS = 5  # the stages yield the CPU to the server answering reads


class Ingestor:
    """Runs posted articles through the pipeline into the app's store; models stay loaded between jobs."""

    def __init__(self, database: Database, *, workers: int = 1, settings: Settings | None = None) -> None:
        self.database = database
        self.settings = settings or Settings(jobs=max(1, workers))
        self.pool = WorkerPool(self.settings, workers, niceness=WORKER_NICENESS)

    def warm(self) -> None:
        """Load, in this process, what the corpus steps use (the sentence encoder, on one CPU thread): loading it
        during a job would hold the interpreter for seconds while readers wait."""
        if self.settings.corpus_steps:
            from dateline.nlp.embeddings import set_threads
            from dateline.stories.features import embed

            with contextlib.suppress(ImportError):
                set_threads(1)
            embed(["warm-up"])

    def start_workers(self) -> None:
        """Start the worker processes and load their models (call from the jobs' thread)."""
        for _ in self.pool.run([[]]):
            pass

    def __call__(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        """Store ``records`` (articles as `dateline run` reads JSON); return the run's counts."""
        pipeline = plan_signature(self.settings)
        summary = RunSummary()
        with tempfile.TemporaryDirectory(prefix="dateline-post-") as tmp:
            path = Path(tmp) / "posted.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            with self.database.read() as cursor:
                deferred = DeferredWrites(cursor)
                documents = read_inputs([str(path)], max_doc_bytes=self.settings.max_doc_bytes)
                stage_documents(documents, deferred, self.settings, self._engine, summary)
        with self.database.write() as store:
            deferred.flush(store, pipeline=pipeline)
            finish_corpus(store, self.settings, self._engine, pipeline, summary)
        with self.database.read() as cursor:  # the search index follows the store (readers keep the old one meanwhile)
            refresh_index(cursor, index_path(self.database.path))
        return {"ok": summary.ok, "skipped": summary.skipped, "errors": summary.errors, "unchanged": summary.unchanged,
                "duplicates": summary.duplicates, "problems": [{"status": s, "reason": r} for s, _, r in summary.problems]}

    def close(self) -> None:
        self.pool.close()

    def _engine(self, batches: Iterable[list[Document]], settings: Settings) -> Iterator[list[Document]]:
        return self.pool.run(batches, settings.stages or None)
