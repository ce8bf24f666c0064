"""`dateline serve`: the JSON API and the report's views over a live store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline.web.app import DEFAULT_MAX_BODY

console = Console(stderr=True)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to serve (created empty if missing).")] = Path("out/dateline.duckdb"),
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback exposes the API.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8765,
    token: Annotated[str | None, typer.Option(help="Token for POST /api/documents (or env DATELINE_TOKEN); none: read-only.",
                                             envvar="DATELINE_TOKEN", show_default=False)] = None,
    max_body_mb: Annotated[float, typer.Option(help="Largest request body accepted (MiB).")] = DEFAULT_MAX_BODY / 2**20,
) -> None:
    """Serve the store: JSON API at /api (docs at /docs), map/timeline/tables at /."""
    import uvicorn  # imported here: the web extra is optional

    from dateline.web.app import create_app

    if host not in LOOPBACK:
        console.print(f"[yellow]warning:[/yellow] binding {host}: the API is reachable from other machines")
    app = create_app(db, token=token or os.environ.get("DATELINE_TOKEN"), max_body=int(max_body_mb * 2**20))
    console.print(f"serving {db} at http://{host}:{port}/ (API docs at /docs); writes {'need the token' if token else 'disabled'}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
