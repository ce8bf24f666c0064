"""Request-scoped helpers shared by the routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import duckdb
from fastapi import Depends, HTTPException, Query, Request

from dateline.web.db import Database, StoreBusy

MAX_LIMIT = 1000


def database(request: Request) -> Database:
    return request.app.state.database  # type: ignore[no-any-return]


def cursor(db: Annotated[Database, Depends(database)]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read cursor for one request (503 while another process holds the store)."""
    try:
        with db.read() as cur:
            yield cur
    except StoreBusy as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from exc


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
