"""The FastAPI application: read API, ingestion, browser views, limits and security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from dateline.web.db import Database, StoreBusy
from dateline.web.limits import BodyLimit, SecurityHeaders
from dateline.web.query import BadFilter
from dateline.web.routes import api, ingest, pages

DEFAULT_MAX_BODY = 5 * 1024 * 1024  # bytes; a POST of a few large articles fits


def create_app(db: Path, *, token: str | None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """An app serving the store at ``db``; writes need ``token`` (none: writes are refused)."""
    database = Database(Path(db))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(title="Dateline", version="1", lifespan=lifespan,
                  description="Sourced, structured knowledge from news reports: every item links to its source span.")
    app.state.database = database
    app.state.token = token or None
    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(pages.router)
    app.add_exception_handler(BadFilter, _bad_filter)
    app.add_exception_handler(StoreBusy, _busy)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)
    return app


async def _bad_filter(request: Request, exc: Any) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def _busy(request: Request, exc: Any) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503)
