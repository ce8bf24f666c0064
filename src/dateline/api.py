"""The Python API: a store opened read-only, its tables as pandas DataFrames or Arrow tables.

    import dateline
    with dateline.open("out/") as data:           # the output folder, or the .duckdb file itself
        events = data.events                      # pandas DataFrame, nested columns typed (lists of dicts)
        table = data.arrow("events")              # the same as a pyarrow.Table
        acled = data.acled()                      # ACLED-shaped rows (reportable events; all_events=True for all)
        data.sql("SELECT type, count(*) FROM events GROUP BY 1")   # any read-only SQL, as a DataFrame

Nothing here writes: the store is opened read-only, so it can be read while `dateline serve` reads it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dateline.export.typed import typed_table
from dateline.store.duckdb_store import Store

if TYPE_CHECKING:
    import pandas

STORE_FILE = "dateline.duckdb"
# name → table in the store: ``events`` are real-world events after cross-source merging (when stories ran),
# ``event_mentions`` one row per event mention in one document, as in the output files.
TABLES = ("events", "event_mentions", "documents", "entities", "places", "times", "quotes", "figures", "stories",
          "timeline", "conflicts")


class Dataset:
    """A Dateline store, read-only. Each table is an attribute returning a pandas DataFrame (``data.events``),
    or, with :meth:`arrow`, a ``pyarrow.Table``. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if path.is_dir():
            path = path / STORE_FILE
        if not path.is_file():
            raise FileNotFoundError(f"no Dateline store at {path}")
        self.path = path
        self._store = Store(path, read_only=True)

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def __repr__(self) -> str:
        return f"dateline.Dataset({str(self.path)!r})"

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables this store has (those whose stage has run)."""
        present = {r[0] for r in self._store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return tuple(name for name in TABLES if self._table(name) in present)

    def arrow(self, name: str) -> pa.Table:
        """Table ``name`` (one of :data:`TABLES`) as Arrow, nested values as structs and lists, events with lat/lon."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; choose one of {', '.join(TABLES)}")
        return typed_table(self._store, self._table(name))

    def df(self, name: str) -> pandas.DataFrame:
        """Table ``name`` as a pandas DataFrame (needs pandas: ``pip install 'dateline[analysis]'``)."""
        return self.arrow(name).to_pandas()

    def __getattr__(self, name: str) -> Any:
        if name in TABLES:
            return self.df(name)
        raise AttributeError(name)

    def acled(self, *, all_events: bool = False, gazetteer: str | Path | None = None) -> pandas.DataFrame:
        """The events as the ACLED CSV has them (``dateline export --format acled-csv``), as a DataFrame."""
        import pandas as pd

        from dateline.export.acled import COLUMNS, acled_rows

        rows = list(acled_rows(self._store, include_unreported=all_events, gazetteer=gazetteer))
        return pd.DataFrame(rows, columns=list(COLUMNS))

    def sql(self, query: str) -> pandas.DataFrame:
        """Run read-only SQL on the store (tables as named in the store: ``merged_events`` are the merged events)."""
        cursor = self._store.con.cursor()
        try:
            return cursor.sql(query).df()
        finally:
            cursor.close()

    def _table(self, name: str) -> str:
        return self._store.event_table() if name == "events" else ("events" if name == "event_mentions" else name)


def open_store(path: str | Path) -> Dataset:
    """Open the store at ``path`` (an output folder or its ``dateline.duckdb``) read-only."""
    return Dataset(path)
