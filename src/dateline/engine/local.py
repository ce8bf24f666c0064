"""The local engine: batches through the stages in a process pool (or in-process for --jobs 1).

Batches come back in input order whichever worker finishes first, so what is written (and in what order)
depends on the input alone. Workers die with the process that started them (:mod:`dateline.engine.orphans`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from dateline.engine.batch import run_stages
from dateline.engine.orphans import die_with_parent
from dateline.model import Document
from dateline.registry import DEFAULT_PLAN, build_plan
from dateline.settings import Settings
from dateline.stage import Stage

READ_AHEAD = 4  # batches in flight per worker: keeps workers busy while the oldest batch finishes
_worker_stages: dict[str, Stage] | None = None  # one set of set-up stages per worker process, by plan name


def _setup(settings: Settings) -> dict[str, Stage]:
    names = settings.stages or DEFAULT_PLAN
    stages = build_plan(settings)
    for stage in stages:
        stage.setup()
    return dict(zip(names, stages, strict=True))


def _init_worker(settings: Settings, parent: int, niceness: int = 0) -> None:
    die_with_parent(parent)  # first: a kill during the model load must not leave the worker behind
    if niceness:
        os.nice(niceness)
    global _worker_stages
    _worker_stages = _setup(settings)


def _pick(stages: dict[str, Stage], names: tuple[str, ...] | None) -> list[Stage]:
    return list(stages.values()) if names is None else [stages[name] for name in names]


def _work(batch: list[Document], names: tuple[str, ...] | None = None) -> list[Document]:
    assert _worker_stages is not None, "worker not initialised"
    return run_stages(_pick(_worker_stages, names), batch)


class WorkerPool:
    """Workers that set up the plan of ``settings`` once and run batches through it (or through part of it).

    ``workers`` 0 runs the stages in the calling thread. The pool starts with the first batch; its processes
    are started from the thread that calls :meth:`run` first (on Linux they die with that thread). ``niceness``:
    how much lower the workers' CPU priority is than this process's.
    """

    def __init__(self, settings: Settings, workers: int, *, niceness: int = 0) -> None:
        self.settings = settings
        self.workers = max(0, workers)
        self.niceness = niceness
        self._executor: ProcessPoolExecutor | None = None
        self._local: dict[str, Stage] | None = None

    def run(self, batches: Iterable[list[Document]], stages: tuple[str, ...] | None = None) -> Iterator[list[Document]]:
        """Processed batches, in input order. ``stages``: names from the pool's plan (default: all of it)."""
        if self.workers == 0:
            if self._local is None:
                self._local = _setup(self.settings)
            for batch in batches:
                yield run_stages(_pick(self._local, stages), batch)
            return
        pending: deque[Future[list[Document]]] = deque()
        for batch in batches:
            pending.append(self._pool().submit(_work, batch, stages))
            if len(pending) >= READ_AHEAD * self.workers:  # bounded read-ahead keeps memory flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("spawn")  # no fork: the parent holds a DuckDB connection
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                                 initargs=(self.settings, os.getpid(), self.niceness))
        return self._executor

    def close(self) -> None:
        """Stop the workers (batches not started are dropped)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def run_local(batches: Iterable[list[Document]], settings: Settings) -> Iterator[list[Document]]:
    """Yield processed batches in input order. Models load once per worker process."""
    with WorkerPool(settings, settings.jobs if settings.jobs > 1 else 0) as pool:
        yield from pool.run(batches)
