"""The local engine: batches through the stages in a process pool (or in-process for --jobs 1)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from dateline.engine.batch import run_stages
from dateline.model import Document
from dateline.registry import build_plan
from dateline.settings import Settings
from dateline.stage import Stage

_worker_stages: list[Stage] | None = None  # one set of set-up stages per worker process


def _init_worker(settings: Settings) -> None:
    global _worker_stages
    _worker_stages = build_plan(settings)
    for stage in _worker_stages:
        stage.setup()


def _work(batch: list[Document]) -> list[Document]:
    assert _worker_stages is not None, "worker not initialised"
    return run_stages(_worker_stages, batch)


def run_local(batches: Iterable[list[Document]], settings: Settings) -> Iterator[list[Document]]:
    """Yield processed batches (completion order). Models load once per worker process."""
    if settings.jobs <= 1:
        stages = build_plan(settings)
        for stage in stages:
            stage.setup()
        for batch in batches:
            yield run_stages(stages, batch)
        return
    context = multiprocessing.get_context("spawn")  # no fork: the parent holds a DuckDB connection
    with ProcessPoolExecutor(settings.jobs, mp_context=context, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: set[Future[list[Document]]] = set()
        for batch in batches:
            pending.add(pool.submit(_work, batch))
            if len(pending) >= 2 * settings.jobs:  # bounded read-ahead keeps memory flat
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        for future in pending:
            yield future.result()
