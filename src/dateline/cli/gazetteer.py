"""`dateline gazetteer`: build, import into and describe the gazetteer index."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from dateline.geo.gazetteer import Gazetteer, default_index_path, ensure_embedded
from dateline.geo.importer import import_paths

app = typer.Typer(help="Gazetteer index: build the embedded tier, import GeoNames/CSV/Natural Earth data, show counts.")
console = Console(stderr=True)

DbOpt = Annotated[Path | None, typer.Option("--db", "--gazetteer", help="Index file (default: the user cache index).")]


@app.command("import")
def import_cmd(paths: Annotated[list[Path], typer.Argument(help="GeoNames dumps (.zip/.txt), alternateNames, admin codes, countryInfo, CSV, GeoJSON.")],
               db: DbOpt = None) -> None:
    """Import gazetteer files into the full tier of the index (streaming; safe for allCountries.zip)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]error:[/red] not found: {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    index = ensure_embedded(db)
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(), console=console) as bar:
        tasks: dict[str, int] = {}

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        started = time.perf_counter()
        counts = import_paths(index, list(paths), progress=progress)
    for name, count in counts.items():
        console.print(f"{name}: {count:,} rows")
    console.print(f"imported into {index} in {time.perf_counter() - started:.1f}s")


@app.command("build")
def build_cmd(db: DbOpt = None) -> None:
    """Force a rebuild of the embedded tier (imported rows are kept)."""
    started = time.perf_counter()
    index = ensure_embedded(db, force=True)
    console.print(f"built {index} in {time.perf_counter() - started:.1f}s ({index.stat().st_size / 1e6:.1f} MB)")


@app.command("info")
def info_cmd(db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of places per tier and source."""
    path = db or default_index_path()
    if not path.exists():
        console.print(f"no index at {path}: run `dateline gazetteer build`")
        raise typer.Exit(1)
    with Gazetteer(path) as gazetteer:
        info = gazetteer.info()
    if as_json:
        typer.echo(json.dumps(info, indent=1))
        return
    table = Table(title=f"{info['path']} ({info['bytes'] / 1e6:.1f} MB, {info['names']:,} names)")
    for column in ("tier", "source", "places"):
        table.add_column(column)
    for row in info["places"]:
        table.add_row(row["tier"], row["source"], f"{row['count']:,}")
    Console().print(table)
