"""Store access for the web app.

DuckDB lets one process open a file read-write, or several open it read-only. Without a token the app only
reads: it shares one read-only connection (a cursor per request), so `dateline stats` and exports can read
the file too; while another process writes it, reads answer 503. With a token the app writes, so it holds the
file read-write for its lifetime: each request reads through its own cursor, a snapshot that a write in
progress never blocks (DuckDB's MVCC), and writes (the ingestion jobs) go one at a time.
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
    """Readers and (when ``writable``) one writer at a time over one store file."""

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        self.path = path
        self.writable = writable
        self._lock = threading.Lock()  # around opening, closing and taking cursors of the shared connection
        self._write_lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._store: Store | None = None
        if writable:
            self._store = Store(path)  # creates the file and its tables; StoreLocked when another process holds it
            self._con = self._store.con
        elif not path.exists():
            Store(path).close()  # an empty store with every table, so reads work before the first write

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request: it sees the last committed state and waits for no writer."""
        with self._lock:
            cursor = self._connect().cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        """The store for one writer at a time (readers go on reading the last committed state meanwhile)."""
        if not self.writable:
            raise RuntimeError("this app serves the store read-only")
        with self._write_lock:
            with self._lock:
                cursor = self._connect().cursor()
            try:
                yield CursorStore(cursor)
            finally:
                cursor.close()

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
            elif self._con is not None:
                self._con.close()
            self._con = self._store = None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            if self.writable:
                raise RuntimeError("the store is closed")
            try:
                self._con = duckdb.connect(str(self.path), read_only=True)
            except duckdb.IOException as exc:
                raise StoreBusy(f"the store {self.path} is locked by another process; try again later") from exc
        return self._con
