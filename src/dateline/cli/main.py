"""The `dateline` command line (Typer + Rich). A thin edge over the library: parse, call, report."""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from dateline.cli.errors import EXIT_CODES_HELP, EXIT_DOCUMENT_ERRORS, EXIT_USAGE, fail, store_in_use
from dateline.cli.fetch_options import (
    DEFAULT_DELAY,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    AllowPrivateOpt,
    DelayOpt,
    FeedOpt,
    RetriesOpt,
    TimeoutOpt,
    UserAgentOpt,
    fetch_options,
)
from dateline.cli.progress import count_documents, run_display
from dateline.cli.stats import event_breakdown, print_event_breakdown, print_gazetteer
from dateline.errors import DatelineError
from dateline.export.files import FORMATS, OUTPUT_TABLES, export_all, export_table, table_for
from dateline.ingest.fetch import is_url
from dateline.ingest.readers import STDIN
from dateline.pipeline import Reader, RunSummary, run_corpus
from dateline.settings import DEFAULT_BATCH_SIZE, DEFAULT_MAX_DOC_BYTES, Settings
from dateline.store.duckdb_store import Store
from dateline.store.runs import run_gazetteer

app = typer.Typer(help="Dateline: sourced, structured knowledge of what happened, where and when, from news reports.",
                  epilog=EXIT_CODES_HELP, no_args_is_help=True, add_completion=False)
console = Console(stderr=True)
INGEST_PLAN = ("ingest.extract", "clean.noise", "nlp.language")

def _version(value: bool) -> None:
    if value:
        from dateline import __version__

        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Dateline: sourced, structured knowledge of what happened, where and when, from news reports."""


InputsArg = Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or - for stdin.")]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output directory for the JSONL files and the store.")]
DbOpt = Annotated[Path | None, typer.Option("--db", help="DuckDB store (default: OUT/dateline.duckdb).")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")]
IncludeOpt = Annotated[list[str] | None, typer.Option("--include", help="Glob of files to read from directories (repeatable).")]
ExcludeOpt = Annotated[list[str] | None, typer.Option("--exclude", help="Glob of files to skip (repeatable).")]


def _settings(jobs: int | None, batch_size: int, max_doc_mb: float, aliases: list[str] | None, stages: tuple[str, ...] = ()) -> Settings:
    return Settings(
        jobs=jobs or os.cpu_count() or 1,
        batch_size=batch_size,
        max_doc_bytes=int(max_doc_mb * 1024 * 1024),
        aliases=tuple(str(Path(a).resolve()) for a in aliases or ()),
        stages=stages,
    )


def _run(inputs: list[str], out: Path, db: Path | None, settings: Settings, include: list[str] | None,
         exclude: list[str] | None, engine: str, reader: Reader | None = None) -> RunSummary:
    total = None if reader else count_documents(inputs, include=include or (), exclude=exclude or ())
    with run_display(console, total) as display:
        try:
            with store_in_use():
                return run_corpus(inputs, out_dir=out, db_path=db, settings=settings, include=include or (),
                                  exclude=exclude or (), engine=engine, progress=display.documents, reader=reader,
                                  step=display.step)
        except DatelineError as exc:
            raise fail(str(exc), EXIT_USAGE) from exc


def check_inputs(inputs: list[str]) -> None:
    """Refuse at once (exit 2, before any model loads) an input path that does not exist."""
    missing = [i for i in inputs if i != STDIN and not is_url(i) and not os.path.lexists(i)]
    if missing:
        raise fail(f"no such file or directory: {', '.join(missing)}", EXIT_USAGE)


def _report(summary: RunSummary, out: Path) -> None:
    rate = summary.ok / summary.seconds if summary.seconds else 0.0
    console.print(
        f"[bold]{summary.ok}[/bold] ok, [yellow]{summary.skipped}[/yellow] skipped, "
        f"[red]{summary.errors}[/red] errors, {summary.duplicates} duplicates, {summary.unchanged} unchanged "
        f"in {summary.seconds:.1f}s ({rate:.1f} docs/s, {summary.words} words)"
    )
    for status, source, reason in summary.problems[:20]:
        colour = "red" if status == "error" else "yellow"
        console.print(f"  [{colour}]{status}[/{colour}] {source}: {reason}")
    if len(summary.problems) > 20:
        console.print(f"  ... and {len(summary.problems) - 20} more (see `dateline stats`)")
    console.print(f"wrote {', '.join(f'{k} ({v})' for k, v in summary.files.items())} to {out}/")


@app.command()
def run(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Files, directories (read recursively), - for stdin, or http(s) URLs of articles.")] = None,
    out: OutOpt = Path("out"),
    db: DbOpt = None,
    jobs: JobsOpt = 0,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    aliases: Annotated[list[str] | None, typer.Option("--aliases", help="Extra alias TSV (canonical, type, aliases).")] = None,
    batch_size: Annotated[int, typer.Option(help="Documents per batch.")] = DEFAULT_BATCH_SIZE,
    max_doc_mb: Annotated[float, typer.Option(help="Refuse documents larger than this (MiB).")] = DEFAULT_MAX_DOC_BYTES / 2**20,
    engine: Annotated[str, typer.Option(help="local (process pool) or ray.")] = "local",
    embeddings: Annotated[bool, typer.Option(help="Use the MiniLM event detector when installed.")] = True,
    actors: Annotated[list[str] | None, typer.Option("--actors", help="Extra actor dictionary TSV (kind, words, "
                                                     "canonical, inter), on top of the packaged one.")] = None,
    event_threshold: Annotated[float | None, typer.Option(help="Confidence an event needs to be reportable (shown on "
                                                          "the map, the timeline and in the ACLED export); default 0.42.",
                                                          min=0.0, max=1.0)] = None,
    gazetteer: Annotated[Path | None, typer.Option(help="Gazetteer index to place names with, made by `dateline gazetteer "
                                                   "import --db PATH` (default: the shared one in the user cache).")] = None,
    report: Annotated[bool, typer.Option(help="Write OUT/report/index.html.")] = True,
    feed: FeedOpt = None,
    delay: DelayOpt = DEFAULT_DELAY,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    retries: RetriesOpt = DEFAULT_RETRIES,
    allow_private: AllowPrivateOpt = False,
    user_agent: UserAgentOpt = USER_AGENT,
) -> None:
    """Run the whole pipeline on INPUTS (and the articles of each --feed): the store, the JSONL files,
    summary.md and report/ in OUT."""
    if gazetteer is not None and not gazetteer.is_file():
        raise fail(f"no gazetteer index at {gazetteer}; make one with `dateline gazetteer import --db {gazetteer} FILE...` "
                   f"or `dateline gazetteer build --db {gazetteer}`", EXIT_USAGE)
    settings = dataclasses.replace(_settings(jobs, batch_size, max_doc_mb, aliases), event_embeddings=embeddings,
                                   gazetteer=str(gazetteer.resolve()) if gazetteer else None, report=report,
                                   actors=tuple(str(Path(a).resolve()) for a in actors or ()),
                                   event_threshold=event_threshold)
    reader = None
    if feed or any(is_url(i) for i in inputs or ()):
        from dateline.ingest.web import web_reader

        reader = web_reader(inputs or (), feed or (), fetch_options(
            delay=delay, timeout=timeout, retries=retries, allow_private=allow_private, user_agent=user_agent,
            max_bytes=settings.max_doc_bytes), include=include or (), exclude=exclude or ())
    elif not inputs:
        raise fail("give INPUT... (files, directories, URLs) or --feed", EXIT_USAGE)
    check_inputs(inputs or [])
    summary = _run(inputs or [], out, db, settings, include, exclude, engine, reader=reader)
    _report(summary, out)
    if summary.errors:
        raise typer.Exit(EXIT_DOCUMENT_ERRORS)


@app.command()
def ingest(
    inputs: InputsArg,
    out: OutOpt = Path("out"),
    db: DbOpt = None,
    jobs: JobsOpt = 0,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    max_doc_mb: Annotated[float, typer.Option(help="Refuse documents larger than this (MiB).")] = DEFAULT_MAX_DOC_BYTES / 2**20,
) -> None:
    """Ingest and clean only: write documents.jsonl and the store, no language analysis."""
    check_inputs(inputs)
    settings = dataclasses.replace(_settings(jobs, DEFAULT_BATCH_SIZE, max_doc_mb, None, stages=INGEST_PLAN),
                                   corpus_steps=False, report=False)
    summary = _run(inputs, out, db, settings, include, exclude, "local")
    _report(summary, out)
    if summary.errors:
        raise typer.Exit(EXIT_DOCUMENT_ERRORS)


EXPORT_FORMATS = (*FORMATS, "acled-csv", "geojson")


@app.command()
def export(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to read.")] = Path("out/dateline.duckdb"),
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}.")] = "jsonl",
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write into.")] = Path("export"),
    table: Annotated[list[str] | None, typer.Option("--table", help="Only these tables (repeatable; jsonl/csv/parquet).")] = None,
    all_events: Annotated[bool, typer.Option("--all-events", help="acled-csv/geojson: also events not presented as fact "
                                             "(planned, denied, background, below the confidence threshold).")] = False,
    gazetteer: Annotated[Path | None, typer.Option(help="acled-csv: the gazetteer index admin1/admin2 names come from "
                                                   "(default: the one the store's last run used, else the "
                                                   "shared default).")] = None,
    outlet_scales: Annotated[Path | None, typer.Option("--outlet-scales", help="acled-csv: a TSV of outlet name or web "
                                                       "host and its ACLED source_scale, added to the packaged one.")] = None,
    inter_labels: Annotated[bool, typer.Option("--inter-labels", help="acled-csv: actor types and interaction as ACLED's "
                                               "text labels ('State forces', 'State forces-Rebel group'), as in its data "
                                               "since 2024, instead of the numeric codes.")] = False,
) -> None:
    """Export the store: tables as JSONL, CSV or Parquet; events as ACLED-like CSV; events and places as GeoJSON."""
    if fmt not in EXPORT_FORMATS:
        console.print(f"[red]error:[/red] unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
    if not db.exists():
        console.print(f"[red]error:[/red] no store at {db}; run `dateline run INPUT --out DIR` first")
        raise typer.Exit(2)
    started = time.perf_counter()
    with store_in_use(), Store(db, read_only=True) as store:
        if fmt == "acled-csv":
            from dateline.export.acled import export_acled_csv

            written = {"events_acled.csv": export_acled_csv(store, out / "events_acled.csv", include_unreported=all_events,
                                                            gazetteer=gazetteer or run_gazetteer(store),
                                                            outlet_scale_file=outlet_scales,
                                                            inter_labels=inter_labels)}
        elif fmt == "geojson":
            from dateline.export.geojson import export_geojson

            written = {"dateline.geojson": export_geojson(store, out / "dateline.geojson", include_unreported=all_events)}
        elif table:
            written = {f"{t}.{fmt}": export_table(store, table_for(store, t), out / f"{t}.{fmt}", fmt) for t in table}
        else:
            written = export_all(store, out, fmt, tables=OUTPUT_TABLES)
    console.print(f"wrote {', '.join(f'{k} ({v})' for k, v in written.items())} to {out}/ in {time.perf_counter() - started:.1f}s")


@app.command()
def stats(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to read.")] = Path("out/dateline.duckdb"),
    errors: Annotated[int, typer.Option(help="How many problem documents to list.")] = 20,
) -> None:
    """Counts per table, documents per status, the events broken down (type, dates, countries, reportable), and
    the documents that failed or were skipped."""
    if not db.exists():
        raise fail(f"no store at {db}; run `dateline run INPUT --out DIR` first", EXIT_USAGE)
    out = Console()
    with store_in_use(), Store(db, read_only=True) as store:
        table = Table(title=f"Dateline store {db}")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name, count in store.counts().items():
            table.add_row(name, str(count))
        out.print(table)
        statuses = store.status_counts()
        out.print("documents: " + ", ".join(f"{k} {v}" for k, v in statuses.items())
                  + f"; duplicates {store.duplicate_count()}")
        print_event_breakdown(out, event_breakdown(store))
        print_gazetteer(out, store)
        for status, source, reason in store.errors(errors):
            out.print(f"  {status} {source}: {reason}", markup=False)


def _mount_optional() -> None:
    """Sub-commands whose modules import optional parts lazily: gazetteer, report, serve."""
    from dateline.cli.gazetteer import app as gazetteer_app
    from dateline.cli.report import report
    from dateline.cli.serve import serve
    from dateline.cli.watch import watch

    app.add_typer(gazetteer_app, name="gazetteer")
    app.command()(report)
    app.command()(serve)
    app.command()(watch)


_mount_optional()


def main() -> None:
    # Stage failures are reported per document in the summary; tracebacks only with DATELINE_DEBUG=1.
    level = logging.DEBUG if os.environ.get("DATELINE_DEBUG") else logging.ERROR
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    app()
