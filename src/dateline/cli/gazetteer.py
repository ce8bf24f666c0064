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

from dateline.geo.gazetteer import Gazetteer, default_index_path, ensure_embedded, seed_from_default, state_of
from dateline.geo.importer import import_paths

app = typer.Typer(help="Gazetteer index: build the embedded tier, import GeoNames/CSV/Natural Earth data, show counts.")
console = Console(stderr=True)

DbOpt = Annotated[Path | None, typer.Option("--db", "--gazetteer", help="Index file (default: the shared index in the "
                                                                     "user cache, which every run without --gazetteer uses).")]


@app.command("import")
def import_cmd(paths: Annotated[list[Path], typer.Argument(help="GeoNames dumps (.zip/.txt), alternateNames, admin codes, countryInfo, CSV, GeoJSON.")],
               db: DbOpt = None) -> None:
    """Import gazetteer files into the full tier of the index (streaming; safe for allCountries.zip)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]error:[/red] not found: {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    if db is None:
        console.print(f"note: importing into the shared default index {default_index_path()}: every `dateline run` "
                      "without --gazetteer, for any corpus on this machine, will use these places from now on (their "
                      "documents are placed again on their next run). For an index of this corpus only, use "
                      "`dateline gazetteer import --db FILE ...` and `dateline run --gazetteer FILE`.", soft_wrap=True)
    if db is not None and seed_from_default(db):
        console.print(f"{db}: a new index, started as a copy of the default index's embedded tier")
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
    console.print(f"imported into {index} in {time.perf_counter() - started:.1f}s; "
                  f"its fingerprint is now {state_of(index, build=False)['fingerprint']}")


@app.command("build")
def build_cmd(db: DbOpt = None) -> None:
    """Force a rebuild of the embedded tier (imported rows are kept)."""
    started = time.perf_counter()
    index = ensure_embedded(db, force=True)
    console.print(f"built {index} in {time.perf_counter() - started:.1f}s ({index.stat().st_size / 1e6:.1f} MB)")


@app.command("info")
def info_cmd(db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The index's path and fingerprint, its embedded tier's sources, places per tier and source, and every file
    imported into it, when."""
    path = db or default_index_path()
    if not path.exists():
        console.print(f"no index at {path}: run `dateline gazetteer build`")
        raise typer.Exit(1)
    with Gazetteer(path) as gazetteer:
        info = gazetteer.info()
    if as_json:
        typer.echo(json.dumps(info, indent=1))
        return
    out = Console()
    which = "the shared default index" if info["default"] else "a named index (runs use it with --gazetteer)"
    out.print(f"{info['path']}: {which}; fingerprint {info['fingerprint']}", markup=False, soft_wrap=True)
    out.print(f"embedded tier built {info['embedded_built_at'] or '(unknown)'} from {info['embedded_stamp'] or '-'}",
              markup=False, soft_wrap=True)
    table = Table(title=f"places ({info['bytes'] / 1e6:.1f} MB, {info['names']:,} names)")
    for column in ("tier", "source", "places"):
        table.add_column(column)
    for row in info["places"]:
        table.add_row(row["tier"], row["source"], f"{row['count']:,}")
    out.print(table)
    imported = Table(title="imported files, oldest first")
    for column in ("at (UTC)", "file", "kind", "rows", "MB", "SHA-1"):
        imported.add_column(column)
    for item in info["imports"]:
        imported.add_row(item["at"], item["file"], item["kind"], f"{item['rows']:,}", f"{item['bytes'] / 1e6:.1f}",
                         item["sha1"][:12])
    out.print(imported if info["imports"] else "imported files: none (embedded tier only)")
