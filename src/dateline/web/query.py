"""Parameterised list queries: filters → WHERE clauses with ``?`` placeholders, never interpolated values."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from dateline.store.schema import JSON_COLUMNS, columns

LAT = "TRY_CAST(json_extract_string(place, '$.lat') AS DOUBLE)"
LON = "TRY_CAST(json_extract_string(place, '$.lon') AS DOUBLE)"


class BadFilter(ValueError):
    """A filter value that cannot be used (bad bounding box, ...); answered with 400."""


@dataclass(slots=True)
class Filters:
    """WHERE conditions and their parameters, built up one filter at a time."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.where.append(condition)
        self.params.extend(params)

    def contains(self, expression: str, value: str | None) -> None:
        """Case-insensitive substring match of ``value`` in ``expression`` (skipped when empty)."""
        if value:
            self.add(f"contains(lower(coalesce({expression}, '')), ?)", value.lower())

    def equals(self, column: str, value: str | None) -> None:
        if value:
            self.add(f'"{column}" = ?', value)

    def date_range(self, column: str, start: str | None, end: str | None) -> None:
        """Partial ISO dates overlap: '2017-06' is within a range starting '2017-06-15'."""
        if start:
            self.add(f'"{column}" >= left(?, length("{column}"))', start)
        if end:
            self.add(f'"{column}" <= left(?, length("{column}"))', end)

    def bbox(self, value: str | None, *, lat: str = LAT, lon: str = LON) -> None:
        """``west,south,east,north`` in degrees."""
        if not value:
            return
        try:
            west, south, east, north = (float(v) for v in value.split(","))
        except ValueError as exc:
            raise BadFilter("bbox must be four numbers: west,south,east,north") from exc
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise BadFilter("bbox out of range: west,south,east,north in degrees, south <= north")
        self.add(f"{lat} BETWEEN ? AND ?", south, north)
        if west <= east:
            self.add(f"{lon} BETWEEN ? AND ?", west, east)
        else:  # crosses the antimeridian
            self.add(f"({lon} >= ? OR {lon} <= ?)", west, east)

    def clause(self) -> str:
        return " WHERE " + " AND ".join(self.where) if self.where else ""


def page(con: duckdb.DuckDBPyConnection, table: str, filters: Filters, *, order: str, limit: int, offset: int,
         select: list[str] | None = None) -> dict[str, Any]:
    """One page of ``table`` rows (JSON columns decoded) and the total matching."""
    cols = select or columns(table)
    quoted = ", ".join(f'"{c}"' for c in cols)
    where = filters.clause()
    total = con.execute(f'SELECT count(*) FROM "{table}"{where}', filters.params).fetchone()[0]  # type: ignore[index]
    cursor = con.execute(f'SELECT {quoted} FROM "{table}"{where} ORDER BY {order} LIMIT ? OFFSET ?',
                         [*filters.params, limit, offset])
    return {"total": int(total), "limit": limit, "offset": offset, "items": decode(cursor, table)}


def decode(cursor: duckdb.DuckDBPyConnection, table: str) -> list[dict[str, Any]]:
    """Rows of ``cursor`` as dicts, JSON text columns of ``table`` parsed."""
    names = [d[0] for d in cursor.description]
    json_cols = JSON_COLUMNS.get(table, set()) & set(names)
    items = []
    for values in cursor.fetchall():
        record = dict(zip(names, values, strict=True))
        for col in json_cols:
            if isinstance(record[col], str):
                record[col] = json.loads(record[col])
        items.append(record)
    return items
