"""Progress of `dateline run`: a bar with the total, the rate, an ETA and the name of the current step on a
terminal; plain dated lines every few seconds (and at each step) when stderr is a log file or a pipe."""

from __future__ import annotations

import gzip
import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from dateline.ingest.fetch import is_url
from dateline.ingest.readers import JSON_SUFFIXES, JSONL_SUFFIXES, STDIN, walk
from dateline.pipeline import STEP_DOCUMENTS

PLAIN_EVERY_S = 10.0  # seconds between plain progress lines (DATELINE_PROGRESS_SECONDS overrides)
JSON_COUNT_MAX_BYTES = 64 * 2**20  # a larger .json file is counted as one document rather than parsed twice


def count_documents(inputs: Sequence[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> int | None:
    """How many documents the inputs hold, for the progress total: one per file, one per line of a JSONL file,
    one per item of a JSON array; None when it cannot be known beforehand (stdin, URLs, feeds)."""
    if any(i == STDIN or is_url(i) for i in inputs):
        return None
    total = 0
    for path, _unread in walk(inputs, include=include, exclude=exclude):
        total += _count_file(Path(path))
    return total


def _count_file(path: Path) -> int:
    name = path.name.lower()
    inner = name[:-3] if name.endswith(".gz") else name
    suffix = Path(inner).suffix
    try:
        if suffix in JSONL_SUFFIXES:
            with (gzip.open(path, "rb") if name.endswith(".gz") else open(path, "rb")) as handle:
                return max(1, sum(1 for line in handle if line.strip()))
        if suffix in JSON_SUFFIXES and not name.endswith(".gz") and path.stat().st_size <= JSON_COUNT_MAX_BYTES:
            data = json.loads(path.read_bytes())
            return max(1, len(data)) if isinstance(data, list) else 1
    except (OSError, ValueError, EOFError):
        return 1  # reading will report what is wrong with it, as one error document
    return 1


class _RateColumn(ProgressColumn):
    """Documents and words per second, on the documents line only."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0 or not task.fields.get("documents"):
            return Text("")
        words = task.fields.get("words", 0)
        return Text(f"{task.completed / elapsed:.1f} docs/s, {words / elapsed:.0f} words/s", style="cyan")


class _CountColumn(ProgressColumn):
    """"12/300 docs" on the documents line (without a total: "12 docs"); nothing on a step's line."""

    def render(self, task: Task) -> Text:
        if not task.fields.get("documents"):
            return Text("")
        done = int(task.completed)
        return Text(f"{done}/{int(task.total)} docs" if task.total is not None else f"{done} docs")


class _EtaColumn(TimeRemainingColumn):
    """The time left, on the documents line only."""

    def render(self, task: Task) -> Text:
        if not task.fields.get("documents") or task.total is None:
            return Text("")
        return Text("ETA ") + super().render(task)


class RichDisplay:
    """A rich bar for the documents (total, rate, ETA), then one line per corpus step with its elapsed time."""

    def __init__(self, bar: Progress, total: int | None) -> None:
        self.bar, self.total = bar, total
        self.documents_task: TaskID | None = None
        self.current: TaskID | None = None

    def step(self, name: str) -> None:
        self._finish_current()
        documents = name == STEP_DOCUMENTS
        self.current = self.bar.add_task(name, total=self.total if documents else None, words=0, documents=documents)
        if documents:
            self.documents_task = self.current

    def documents(self, count: int, words: int) -> None:
        if self.documents_task is not None:
            task = self.bar.tasks[self.documents_task]
            total = task.total
            if total is not None and task.completed + count > total:
                total = task.completed + count  # more documents than counted (a JSON file holding several)
            self.bar.update(self.documents_task, advance=count, total=total, words=task.fields["words"] + words)

    def close(self) -> None:
        self._finish_current()

    def _finish_current(self) -> None:
        if self.current is None:
            return
        task = self.bar.tasks[self.current]
        # the documents step is over: every input is done (those not counted were duplicates)
        done = max(task.total or 0, task.completed) if task.fields.get("documents") else 1
        self.bar.update(self.current, total=done, completed=done)


class PlainDisplay:
    """Dated plain lines: one when a step starts, one every ``every`` seconds while documents are analysed."""

    def __init__(self, console: Console, total: int | None, every: float) -> None:
        self.console, self.total, self.every = console, total, every
        self.done = self.words = 0
        self.shown = -1  # documents count of the last line, so that a step change does not repeat it
        self.started = self.last = time.monotonic()
        self.step_started = self.started
        self.name = ""

    def step(self, name: str) -> None:
        if self.name == STEP_DOCUMENTS and self.shown != self.done:
            self._documents_line()
        self.name, self.step_started = name, time.monotonic()
        self._line(f"step: {name}")

    def documents(self, count: int, words: int) -> None:
        self.done += count
        self.words += words
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._documents_line()

    def close(self) -> None:
        self._line(f"finished in {_duration(time.monotonic() - self.started)}")

    def _documents_line(self) -> None:
        self.shown = self.done
        elapsed = max(time.monotonic() - self.step_started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            share = min(self.done / self.total, 1.0)
            left = max(self.total - self.done, 0)
            eta = _duration(left / rate) if rate > 0 else "unknown"
            self._line(f"{STEP_DOCUMENTS}: {self.done}/{self.total} documents ({share:.0%}), {rate:.1f} docs/s, "
                       f"ETA {eta}")
        else:
            self._line(f"{STEP_DOCUMENTS}: {self.done} documents, {rate:.1f} docs/s")

    def _line(self, text: str) -> None:
        self.console.print(f"[{datetime.now():%H:%M:%S}] {text}", markup=False, highlight=False, soft_wrap=True)


@contextmanager
def run_display(console: Console, total: int | None) -> Iterator[RichDisplay | PlainDisplay]:
    """The display for a run: rich on a terminal, plain lines otherwise."""
    if console.is_terminal:
        columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), _CountColumn(),
                   _RateColumn(), TimeElapsedColumn(), _EtaColumn()]
        with Progress(*columns, console=console, transient=False) as bar:
            display: RichDisplay | PlainDisplay = RichDisplay(bar, total)
            try:
                yield display
            finally:
                display.close()
        return
    every = float(os.environ.get("DATELINE_PROGRESS_SECONDS", PLAIN_EVERY_S))
    plain = PlainDisplay(console, total, every)
    yield plain
    plain.close()  # not after a failure: its error is the last line


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
