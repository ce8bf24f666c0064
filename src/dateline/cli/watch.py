"""`dateline watch FEEDS.txt --out DIR --every 1h`: read feeds again and again, only new articles each time.

Each cycle is one ``run_corpus`` into the same store with a :class:`~dateline.ingest.web.WebReader`: articles
already stored are not fetched again, new ones go through the stages, and stories are updated
incrementally (new documents join existing stories or start new ones; earlier assignments are kept).
"""

from __future__ import annotations

import dataclasses
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.errors import EXIT_DOCUMENT_ERRORS, EXIT_OK, EXIT_USAGE, fail
from dateline.cli.fetch_options import (
    DEFAULT_DELAY,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    AllowPrivateOpt,
    DelayOpt,
    RetriesOpt,
    TimeoutOpt,
    UserAgentOpt,
    fetch_options,
)
from dateline.ingest.fetch import is_url

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """``1h``, ``30m``, ``1h30m``, ``90s``, ``90`` (seconds), ``1d`` → seconds; ValueError otherwise."""
    compact = text.strip().lower().replace(" ", "")
    parts = _DURATION.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"not a duration: {text!r} (examples: 90s, 30m, 1h, 1h30m, 1d)")
    seconds = sum(float(n) * _UNIT[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"the interval must be more than zero: {text!r}")
    return seconds


def read_feed_list(path: Path) -> list[str]:
    """One feed per line (URL, or a file path relative to the list); blank lines and ``#`` comments ignored."""
    feeds = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not is_url(line.strip()) else line.strip()
        if not line:
            continue
        feeds.append(line if is_url(line) or Path(line).is_absolute() else str(path.parent / line))
    return list(dict.fromkeys(feeds))


def watch(
    feeds_file: Annotated[Path, typer.Argument(metavar="FEEDS.txt", help="Feeds to read, one per line: RSS/Atom/JSON "
                                               "feed or sitemap URLs (or files); # starts a comment.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory for the JSONL files and the store.")] = Path("out"),
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB store (default: OUT/dateline.duckdb).")] = None,
    every: Annotated[str, typer.Option(help="Time between the starts of two cycles: 90s, 30m, 1h, 1h30m, 1d.")] = "1h",
    once: Annotated[bool, typer.Option("--once", help="One cycle, then exit (for cron); exit code 1 if a document failed.")] = False,
    ingest_only: Annotated[bool, typer.Option("--ingest-only", help="Fetch, extract and clean only (like `dateline "
                                              "ingest`): collect articles now, analyse later.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
    report: Annotated[bool, typer.Option(help="Write OUT/report/index.html after each cycle.")] = True,
    delay: DelayOpt = DEFAULT_DELAY,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    retries: RetriesOpt = DEFAULT_RETRIES,
    allow_private: AllowPrivateOpt = False,
    user_agent: UserAgentOpt = USER_AGENT,
) -> None:
    """Read the feeds in FEEDS.txt into OUT every --every: only new articles are fetched and analysed, and
    stories are updated incrementally. Ctrl-C stops between (or during) cycles; the next start resumes."""
    from dateline.cli import main as cli
    from dateline.ingest.web import WebReader
    from dateline.settings import DEFAULT_BATCH_SIZE, DEFAULT_MAX_DOC_BYTES

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    settings = cli._settings(jobs, DEFAULT_BATCH_SIZE, DEFAULT_MAX_DOC_BYTES / 2**20, None,
                             stages=cli.INGEST_PLAN if ingest_only else ())
    settings = dataclasses.replace(settings, corpus_steps=not ingest_only, report=report and not ingest_only)
    options = fetch_options(delay=delay, timeout=timeout, retries=retries, allow_private=allow_private,
                            user_agent=user_agent, max_bytes=settings.max_doc_bytes)
    cycle = 0
    try:
        while True:
            cycle += 1
            started = time.monotonic()
            try:
                feeds = read_feed_list(feeds_file)
            except OSError as exc:
                raise fail(f"cannot read {feeds_file}: {exc.strerror or exc}", EXIT_USAGE) from exc
            if not feeds:
                raise fail(f"no feeds in {feeds_file} (one URL or file per line)", EXIT_USAGE)
            cli.console.print(f"[bold]cycle {cycle}[/bold] {datetime.now():%Y-%m-%d %H:%M:%S}: {len(feeds)} feeds")
            summary = cli._run([], out, db, settings, None, None, "local", reader=WebReader(feeds=feeds, options=options))
            cli._report(summary, out)
            if once:
                raise typer.Exit(EXIT_DOCUMENT_ERRORS if summary.errors else EXIT_OK)
            wait = max(0.0, interval - (time.monotonic() - started))
            cli.console.print(f"next cycle at {datetime.fromtimestamp(time.time() + wait):%H:%M:%S} (Ctrl-C stops)")
            time.sleep(wait)
    except KeyboardInterrupt:
        cli.console.print(f"stopped after {cycle} cycle(s); `dateline watch` again resumes where this one stopped")
        raise typer.Exit(130) from None
