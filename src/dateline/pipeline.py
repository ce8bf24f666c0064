"""`dateline run` as a library function: read → stages (local or Ray) → store → link → files."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dateline.engine.local import run_local
from dateline.entities.link import link_entities
from dateline.entities.participants import link_participants
from dateline.export.files import export_all
from dateline.geo.gazetteer import utc_now
from dateline.ingest.readers import read_inputs
from dateline.model import FROM_INFERRED, STATUS_OK, STATUS_SKIPPED, Document
from dateline.registry import DEFAULT_PLAN, plan_signature
from dateline.report.build import build_report
from dateline.settings import Settings
from dateline.store.duckdb_store import Store
from dateline.store.reviews import apply_reviews
from dateline.store.runs import record_run
from dateline.store.search_index import index_path
from dateline.store.search_index import refresh as refresh_index
from dateline.stories.pubdates import story_date_estimates
from dateline.stories.update import update_stories, write_summary_md

BEFORE_LANGUAGE = ("ingest.extract", "clean.noise")  # stages that need the raw input
# Rows held before they are written, so that memory stays flat on a flood of duplicates or bad lines, and a
# flood of bad lines is not one store transaction each (15 ms apiece).
SOURCES_CHUNK = 5000  # (document, source) rows
FAILED_CHUNK = 1000  # input errors and files not read
Progress = Callable[[int, int], None]  # (documents finished in this call, words in them)
Step = Callable[[str], None]  # called with the name of each step as it starts (for progress displays)
STEP_DOCUMENTS = "analysing documents"
# Reads documents instead of the input files, given the open store, the run's summary and the pipeline
# signature (e.g. ``dateline.ingest.web.WebReader``: URLs and feeds, only those not stored yet).
Reader = Callable[[Store, "RunSummary", str], Iterable[Document]]
Engine = Callable[[Iterable[list[Document]], Settings], Iterator[list[Document]]]  # batches in → processed, in order


@dataclass(slots=True)
class RunSummary:
    """What one run did. ``errors`` > 0 makes the CLI exit non-zero."""

    ok: int = 0
    skipped: int = 0
    errors: int = 0
    duplicates: int = 0
    unchanged: int = 0  # already in the store from an earlier run
    words: int = 0
    seconds: float = 0.0
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (status, source, reason)
    files: dict[str, int] = field(default_factory=dict)
    corpus: dict[str, int] = field(default_factory=dict)  # what the stories step counted
    redated: int = 0  # documents whose estimated publication date the story step refined

    def count(self, document: Document) -> None:
        if document.status == STATUS_OK:
            self.ok += 1
            self.words += len(document.text.split())
            return
        if document.status == STATUS_SKIPPED:
            self.skipped += 1
        else:
            self.errors += 1
        self.problems.append((document.status, document.source, document.error or ""))


def run_corpus(
    inputs: Sequence[str],
    *,
    out_dir: Path | None,
    db_path: Path | None = None,
    settings: Settings | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    engine: str | Engine = "local",
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    reader: Reader | None = None,
    step: Step | None = None,
) -> RunSummary:
    """Process ``inputs`` into the store at ``db_path`` (default ``out_dir/dateline.duckdb``) and write the files.

    ``progress`` hears of every document finished; ``step`` of the name of each step as it starts."""
    step = step or _no_step
    settings = settings or Settings()
    if db_path is None and out_dir is None:
        raise ValueError("give out_dir or db_path")
    db = db_path or out_dir / "dateline.duckdb"  # type: ignore[operator]
    started = time.perf_counter()
    summary = RunSummary()
    pipeline = plan_signature(settings)
    with Store(db) as store:
        documents = iter(reader(store, summary, pipeline)) if reader else read_inputs(
            inputs, max_doc_bytes=settings.max_doc_bytes, include=include, exclude=exclude, stdin=stdin,
            max_input_bytes=settings.max_input_bytes, max_input_lines=settings.max_input_lines)
        step(STEP_DOCUMENTS)
        batches = _new_batches(documents, store, pipeline, settings, summary, progress)
        write_processed(_engine(engine)(batches, settings), store, pipeline, summary, progress)
        finish_corpus(store, settings, engine, pipeline, summary, step=step)
        refresh_index(store.con, index_path(db))  # the full-text index beside the store follows it
        if out_dir is not None:
            summary.files = write_outputs(store, out_dir, settings, step=step)
    summary.seconds = time.perf_counter() - started
    return summary


def write_processed(batches: Iterable[list[Document]], store: Store, pipeline: str, summary: RunSummary,
                    progress: Progress | None = None) -> None:
    """Store each processed batch (in the order given: input order) and count it."""
    for batch in batches:
        store.write_documents(batch, pipeline=pipeline)
        for document in batch:
            summary.count(document)
        if progress:
            progress(len(batch), sum(len(d.text.split()) for d in batch if d.ok))


def finish_corpus(store: Store, settings: Settings, engine: str | Engine, pipeline: str, summary: RunSummary,
                  *, step: Step | None = None) -> None:
    """The corpus-wide steps after the documents are stored: entities, then stories and publication dates."""
    step = step or _no_step
    step("linking entities across documents")
    relink_entities(store)
    if settings.corpus_steps:
        step("stories, cross-source event merging, conflicts, timeline")
        summary.corpus = update_stories(store, settings)
        step("estimating unstated publication dates from stories")
        summary.redated = redate_from_stories(store, settings, engine, pipeline)
        if summary.redated:
            step(f"linking entities and stories again ({summary.redated} documents re-dated)")
            relink_entities(store)
            summary.corpus = update_stories(store, settings)
    apply_reviews(store)  # a reviewer's corrections survive the run: replayed on the rows it rewrote
    record_run(store, pipeline=pipeline, gazetteer=settings.gazetteer, documents=summary.ok, at=utc_now())


def write_outputs(store: Store, out_dir: Path, settings: Settings, *, step: Step | None = None) -> dict[str, int]:
    """The JSONL files, summary.md and the static report; return rows (or stories) per file."""
    step = step or _no_step
    step("writing the JSONL files")
    files = export_all(store, out_dir)
    if settings.corpus_steps:
        write_summary_md(store, out_dir / "summary.md")
        files["summary.md"] = files.get("stories.jsonl", 0)
    if settings.report:
        step("writing the report")
        build_report(store, out_dir / "report")
        files["report/index.html"] = 1
    return files


def _no_step(name: str) -> None:
    """The default ``step`` callback: no display."""


def redate_from_stories(store: Store, settings: Settings, engine: str | Engine, pipeline: str) -> int:
    """Re-estimate undated documents' publication dates from their stories and run the stages after cleaning
    again on the documents whose estimate changed (their relative dates and event dates depend on it)."""
    estimates = story_date_estimates(store)
    if not estimates:
        return 0
    by_doc = {e.doc: e for e in estimates}
    documents = []
    for document in store.load_documents(by_doc):
        e = by_doc[document.id]
        note = (f"publication date {e.value} estimated ({e.precision} precision) from the dated reports of its story "
                f"({e.context[0]} to {e.context[1]}), not stated")
        notes = tuple(n for n in document.notes if not n.startswith("publication date ")) + (note,)
        documents.append(dataclasses.replace(document, published=e.value, published_from=FROM_INFERRED, notes=notes,
                                             meta={"published_precision": e.precision}))
    later = tuple(name for name in (settings.stages or DEFAULT_PLAN) if name not in BEFORE_LANGUAGE)
    rerun = dataclasses.replace(settings, stages=later, jobs=min(settings.jobs, -(-len(documents) // settings.batch_size)))
    batches = (documents[i:i + settings.batch_size] for i in range(0, len(documents), settings.batch_size))
    for batch in _engine(engine)(batches, rerun):
        store.write_documents(batch, pipeline=pipeline)
    return len(documents)


def relink_entities(store: Store) -> int:
    """Recompute corpus-wide entities from every stored mention; return how many there are."""
    entities, assignment = link_entities(store.mention_rows(), parents=store.parent_pairs())
    store.replace_entities(entities, assignment)
    link_participants(store)
    return len(entities)


def _engine(name: str | Engine) -> Engine:
    """The engine called ``name`` ("local" or "ray"), or ``name`` itself when it is one already."""
    if callable(name):
        return name
    if name == "ray":
        from dateline.engine.ray_engine import run_ray

        return run_ray
    return run_local


def _new_batches(
    documents: Iterator[Document],
    store: Store,
    pipeline: str,
    settings: Settings,
    summary: RunSummary,
    progress: Progress | None,
) -> Iterator[list[Document]]:
    """Batches of documents that still need processing; duplicates and finished ones are only counted.

    Input errors (unreadable files) and files not read skip the stages but are stored like any document.
    Every place a document was read from goes to the ``sources`` table in chunks, as reading goes.
    """
    seen: set[str] = set()
    pending: list[Document] = []
    failed: list[Document] = []
    sources: list[tuple[str, str]] = []
    for document in documents:
        sources.append((document.id, document.source))
        if len(sources) >= SOURCES_CHUNK:
            store.add_sources(sources)
            sources = []
        if document.id in seen:
            summary.duplicates += 1
            continue
        seen.add(document.id)
        if document.status != STATUS_OK:
            failed.append(document)
            if len(failed) >= FAILED_CHUNK:
                _write_failed(failed, store, pipeline, summary, progress)
                failed = []
            continue
        pending.append(document)
        if len(pending) >= settings.batch_size:
            store.add_sources(sources)
            sources = []
            _write_failed(failed, store, pipeline, summary, progress)
            failed = []
            yield from _filter_done(pending, store, pipeline, summary, progress)
            pending = []
    store.add_sources(sources)
    _write_failed(failed, store, pipeline, summary, progress)
    if pending:
        yield from _filter_done(pending, store, pipeline, summary, progress)


def _write_failed(
    failed: list[Document], store: Store, pipeline: str, summary: RunSummary, progress: Progress | None
) -> None:
    """Store documents that never reach the stages (input errors, files not read) and count them."""
    if failed:
        write_processed([failed], store, pipeline, summary, progress)


def _filter_done(
    batch: list[Document], store: Store, pipeline: str, summary: RunSummary, progress: Progress | None
) -> Iterator[list[Document]]:
    done = store.done_ids((d.id for d in batch), pipeline=pipeline)
    summary.unchanged += len(done)
    if done and progress:
        progress(len(done), 0)
    todo = [d for d in batch if d.id not in done]
    if todo:
        yield todo


def stage_documents(documents: Iterator[Document], store: Store, settings: Settings, engine: str | Engine,
                    summary: RunSummary) -> None:
    """What ``run_corpus`` does between reading and the corpus steps: skip duplicates and documents already
    stored, run the stages on the rest, write them (``store`` may keep the writes for later)."""
    pipeline = plan_signature(settings)
    batches = _new_batches(documents, store, pipeline, settings, summary, None)
    write_processed(_engine(engine)(batches, settings), store, pipeline, summary)
