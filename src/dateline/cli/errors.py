"""Exit codes of the `dateline` command and the one-line report of a store held by another process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from dateline.store.lock import StoreLocked

EXIT_OK = 0
EXIT_DOCUMENT_ERRORS = 1  # the run finished; some documents failed (the others are stored)
EXIT_USAGE = 2  # bad options or input: nothing was done
EXIT_STORE_LOCKED = 3  # another process holds the store (a run writing it, or `dateline serve`)
EXIT_CODES_HELP = (
    f"Exit codes: {EXIT_OK} done; {EXIT_DOCUMENT_ERRORS} done, but some documents failed (the others are stored); "
    f"{EXIT_USAGE} bad usage or input, nothing done; {EXIT_STORE_LOCKED} the store is in use by another process "
    "(a run writing it, or serve), nothing done."
)

console = Console(stderr=True)


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` as one line on stderr; the exception to raise for exit status ``code``."""
    console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def store_in_use() -> Iterator[None]:
    """Turn a store locked by another process into one line and exit status 3."""
    try:
        yield
    except StoreLocked as exc:
        raise fail(exc.message, EXIT_STORE_LOCKED) from None
