"""Background jobs: a POST queues one and answers at once; one thread runs the jobs in the order they came.

Jobs live in memory: a restarted server forgets them (the documents they stored stay in the store).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
MAX_WAITING = 16  # jobs queued and not started; more answer 503
KEEP = 1000  # jobs remembered (the oldest finished ones are forgotten first)


class QueueFull(RuntimeError):
    """Too many jobs are waiting; the client should try again later."""


@dataclass(slots=True)
class Job:
    """One unit of background work and what became of it."""

    id: str
    payload: Any
    ids: list[str]
    state: str = QUEUED
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    result: dict[str, Any] | None = None
    error: str | None = None

    def public(self) -> dict[str, Any]:
        """What GET /api/jobs/{id} answers."""
        return {"id": self.id, "state": self.state, "ids": self.ids, "created": _iso(self.created),
                "started": _iso(self.started), "finished": _iso(self.finished), "result": self.result,
                "error": self.error}


class Jobs:
    """A queue of jobs run one at a time by ``work`` on a thread that lives until :meth:`close`.

    ``warm``: run first on that thread, started at once (the thread that starts worker processes must live as
    long as they do).
    """

    def __init__(self, work: Callable[[Any], dict[str, Any]], *, warm: Callable[[], None] | None = None,
                 max_waiting: int = MAX_WAITING, keep: int = KEEP) -> None:
        self._work = work
        self._warm = warm
        self._keep = keep
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=max_waiting)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        if warm is not None:
            self._start()

    def submit(self, payload: Any, ids: list[str]) -> Job:
        """Queue a job; :class:`QueueFull` when too many wait already."""
        job = Job(uuid.uuid4().hex, payload, ids)
        with self._lock:
            try:
                self._queue.put_nowait(job)
            except queue.Full as exc:
                raise QueueFull(f"{self._queue.maxsize} jobs are waiting; try again later") from exc
            self._jobs[job.id] = job
            self._forget_old()
            self._start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close(self, timeout: float = 30.0) -> None:
        """Let the running job finish (up to ``timeout`` s), drop the waiting ones, stop the thread."""
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job.state, job.error, job.finished = FAILED, "the server stopped before the job started", time.time()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="dateline-jobs", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        if self._warm is not None:
            try:
                self._warm()
            except Exception:  # noqa: BLE001 - the first job will meet the problem and report it
                log.exception("warming up for jobs failed")
        while (job := self._queue.get()) is not None:
            job.state, job.started = RUNNING, time.time()
            try:
                job.result = self._work(job.payload)
                job.state = DONE
            except Exception as exc:  # noqa: BLE001 - a failed job is reported on its status URL, the server goes on
                log.exception("job %s failed", job.id)
                job.error, job.state = f"{type(exc).__name__}: {exc}", FAILED
            job.payload = None  # the articles are in the store now (or failed); keep only the outcome
            job.finished = time.time()

    def _forget_old(self) -> None:
        while len(self._jobs) > self._keep:
            oldest = next((k for k, j in self._jobs.items() if j.state in (DONE, FAILED)), None)
            if oldest is None:
                return
            del self._jobs[oldest]


def _iso(seconds: float | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds)) if seconds is not None else None
