"""`dateline serve`: the JSON API and the report's views over a live store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline.cli.errors import EXIT_USAGE, fail, store_in_use
from dateline.web.app import DEFAULT_MAX_BODY, LOOPBACK_HOSTS, host_pattern

console = Console(stderr=True)
LOOPBACK = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = ("0.0.0.0", "::", "")


def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to serve (it must exist, unless --create).")] = Path("out/dateline.duckdb"),
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback exposes the API.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8765,
    token: Annotated[str | None, typer.Option(
        help="Token for POST /api/documents; none: read-only. Prefer the DATELINE_TOKEN environment variable: a "
             "--token value is visible to other users of this machine (ps, /proc).",
        envvar="DATELINE_TOKEN", show_default=False, show_envvar=True)] = None,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="Another Host name the server answers to (repeatable; '*' for any). By default only "
                               "127.0.0.1, localhost, [::1] and --host: other names are refused (DNS rebinding).",
        show_default=False)] = None,
    max_body_mb: Annotated[float, typer.Option(help="Largest request body accepted (MiB).")] = DEFAULT_MAX_BODY / 2**20,
    create: Annotated[bool, typer.Option("--create", help="Start with a new, empty store when --db does not exist "
                                                          "(to fill it with POST /api/documents).")] = False,
) -> None:
    """Serve the store: JSON API at /api (docs at /docs), map/timeline/tables at /.

    With a token the server holds the store read-write (other processes cannot open it meanwhile) and a POST
    queues a background job; without one it only reads, and other processes may read the store too.
    """
    if not db.exists() and not create:
        raise fail(f"no store at {db}; give the store `dateline run` wrote (OUT/dateline.duckdb), or --create to "
                   "start an empty one", EXIT_USAGE)
    import uvicorn  # imported here: the web extra is optional

    from dateline.web.app import create_app

    if host not in LOOPBACK:
        console.print(f"[yellow]warning:[/yellow] binding {host}: the API is reachable from other machines")
    hosts = [*LOOPBACK_HOSTS, *([] if host in ANY_ADDRESS else [host_pattern(host)]), *(allowed_host or [])]
    if host in ANY_ADDRESS and not allowed_host:
        console.print("[yellow]note:[/yellow] only requests for 127.0.0.1/localhost are answered; give the names "
                      "clients use with --allowed-host", soft_wrap=True)
    if token:
        console.print("loading the models for POST /api/documents…")
        sys.setswitchinterval(0.001)  # reads get the interpreter back within 1 ms of a job's Python work
    with store_in_use():
        app = create_app(db, token=token or None, max_body=int(max_body_mb * 2**20), allowed_hosts=hosts, workers=1,
                         warm=bool(token))
    console.print(f"serving {db} at http://{host}:{port}/ (API docs at /docs); writes {'need the token' if token else 'disabled'}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
