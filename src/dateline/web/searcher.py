"""The app's full-text index: checked against the store before answers, refreshed in the background when behind."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterable
from typing import Any

import duckdb

from dateline.store.search_index import index_path, is_fresh, refresh, update_events
from dateline.web.db import Database

log = logging.getLogger(__name__)
CHECK_EVERY = 2.0  # seconds between two comparisons of the index's stamp with the store's
BUILD_NOW_DOCS = 5_000  # a store this small is indexed before the app answers; a larger one in the background


class Searcher:
    """Keeps the index of one store current and says, with every answer, whether it is."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.path = index_path(database.path)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._checked = 0.0
        self._fresh = False
        self.error: str | None = None

    def start(self) -> None:
        """Index a small store now; a large one is indexed in the background (answers say so meanwhile)."""
        try:
            with self.database.read() as con:
                if is_fresh(con, self.path):
                    self._fresh, self._checked = True, time.monotonic()
                    return
                docs = con.execute("SELECT count(*) FROM documents").fetchone()
                if docs and docs[0] <= BUILD_NOW_DOCS:
                    self._refresh(con)
                    return
        except (duckdb.Error, sqlite3.Error, OSError) as exc:
            log.warning("search index not built: %s", exc)
            self.error = str(exc)
            return
        self.refresh_later()

    def status(self, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        """``fresh``: built from the store as it was at the last check (at most CHECK_EVERY seconds ago, made in
        the background so that no request pays for it); ``refreshing``: a check or update is under way."""
        if not self.path.exists():  # deleted, or never built: say so now, not at the next check
            self._fresh = False
        if time.monotonic() - self._checked > CHECK_EVERY or (not self._fresh and self.error is None):
            self.refresh_later()
        running = self._thread is not None and self._thread.is_alive()
        return {"fresh": self._fresh, "refreshing": running, "error": self.error}

    def refresh_later(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
            self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background refresh (tests, benchmarks)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def events_changed(self, con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> None:
        """Re-index the event records a review touched (the index stays as current as it was)."""
        try:
            update_events(con, self.path, ids)
        except sqlite3.Error as exc:
            log.warning("search index not updated: %s", exc)
            self._checked = 0.0

    def _run(self) -> None:
        try:
            with self.database.read() as con:
                self._checked = time.monotonic()
                if not is_fresh(con, self.path):
                    self._fresh = False
                    self._refresh(con)
                else:
                    self._fresh = True
        except Exception as exc:  # noqa: BLE001 - a background thread: keep the reason for the answers
            log.warning("search index refresh failed: %s", exc)
            self.error = str(exc)

    def _refresh(self, con: duckdb.DuckDBPyConnection) -> None:
        started = time.perf_counter()
        counts = refresh(con, self.path)
        self._fresh, self._checked, self.error = True, time.monotonic(), None
        log.info("search index refreshed in %.1f s: %s", time.perf_counter() - started, counts)
