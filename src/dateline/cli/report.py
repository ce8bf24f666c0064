"""`dateline report`: write the static HTML report of a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline.cli.errors import store_in_use
from dateline.report.build import build_report
from dateline.store.duckdb_store import Store

console = Console(stderr=True)


def report(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to read.")] = Path("out/dateline.duckdb"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write report/index.html into.")] = Path("out"),
) -> None:
    """Write OUT/report/index.html: map, timeline, stories, tables and articles; opens from disk, offline."""
    if not db.exists():
        console.print(f"[red]error:[/red] no store at {db}; run `dateline run INPUT --out DIR` first")
        raise typer.Exit(2)
    with store_in_use(), Store(db, read_only=True) as store:
        path = build_report(store, out / "report")
    console.print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
