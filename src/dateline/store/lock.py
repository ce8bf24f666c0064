"""Opening the store's file, with a one-line error naming the process that holds it.

DuckDB lets one process write a file (or several read it); its lock error names the holder's executable
and PID. :class:`StoreLocked` turns that into a message that says which command holds the store.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from dateline.errors import DatelineError

LOCK_CODE = "E030"
_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.*?)(?: \(PID (?P<pid>\d+)\))?(?:\s+by user \S+)?\.?\s*(?:See also|$)")


class StoreLocked(DatelineError):
    """The store's file is locked by another process (a run writing it, or `dateline serve`)."""

    def __init__(self, path: str | Path, holder: str) -> None:
        super().__init__(LOCK_CODE, f"the store {path} is in use by {holder}; wait for it to finish (or stop it), "
                                    "or use another --out/--db")
        self.path = str(path)
        self.holder = holder


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect`` raising :class:`StoreLocked` when another process holds the file."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise StoreLocked(path, lock_holder(str(exc))) from exc


def lock_holder(message: str) -> str:
    """'process 123 (dateline run)' from DuckDB's lock error; 'another process' when it names none."""
    match = _HOLDER.search(message)
    if match is None:
        return "another process"
    pid = match.group("pid")
    if pid is None:
        return f"another process ({Path(match.group('exe')).name})"
    command = _command(int(pid)) or Path(match.group("exe")).name
    return f"process {pid} ({command})"


def _command(pid: int) -> str | None:
    """The program and sub-command of ``pid`` ("dateline serve"), never its options (they may hold a token)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return None
    args = [a for a in args if a]
    if not args:
        return None
    if os.path.basename(args[0]).startswith("python") and len(args) > 1:  # a console script runs as `python SCRIPT`
        if args[1] == "-m" and len(args) > 2:
            args = args[2:]
        elif args[1].startswith("-"):
            return os.path.basename(args[0])
        else:
            args = args[1:]
    words = [os.path.basename(args[0])]
    if len(args) > 1 and re.fullmatch(r"[a-z][a-z-]*", args[1]):
        words.append(args[1])
    return " ".join(words)
