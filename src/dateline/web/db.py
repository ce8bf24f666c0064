"""Store access for the web app: shared read-only connection, one writer at a time.

DuckDB allows one read-write process, and in one process a file cannot be open read-only and
read-write at once. Reads share a read-only connection (a cursor per request); a write waits for
running reads, closes that connection, lets the pipeline open the file read-write, then reads resume.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dateline.store.duckdb_store import Store


class StoreBusy(RuntimeError):
    """The store is locked by another process (a `dateline run` writing it)."""


class CursorStore(Store):
    """A :class:`Store` over an existing cursor, so the store's readers work on the app's connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:  # noqa: D107 - no super(): no file to open
        self.path = ""
        self.con = con

    def close(self) -> None:
        """The app owns the connection; nothing to do."""


class Database:
    """Readers/writer access to one store file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._con: duckdb.DuckDBPyConnection | None = None
        if not path.exists():
            Store(path).close()  # an empty store with every table, so reads work before the first POST

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the read-only connection for the duration of one request."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            con = self._connect()
            self._readers += 1
        cursor = con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[Path]:
        """Exclusive access: no reads run and the read-only connection is closed until the block ends."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
            if self._con is not None:
                self._con.close()
                self._con = None
        try:
            yield self.path
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            if self._con is not None:
                self._con.close()
                self._con = None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            try:
                self._con = duckdb.connect(str(self.path), read_only=True)
            except duckdb.IOException as exc:
                raise StoreBusy(f"the store {self.path} is locked by another process; try again later") from exc
        return self._con
