"""The FastAPI application: read API, ingestion jobs, browser views, limits and security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dateline.web.db import Database, StoreBusy
from dateline.web.ingestor import Ingestor
from dateline.web.jobs import Jobs
from dateline.web.limits import BodyLimit, SecurityHeaders
from dateline.web.query import BadFilter
from dateline.web.routes import api, charts, docs, ingest, pages, review
from dateline.web.searcher import Searcher

DEFAULT_MAX_BODY = 5 * 1024 * 1024  # bytes; a POST of a few large articles fits
# Host names a browser uses for a server on this machine. Any other Host header is refused (400): a web page
# whose domain an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own domain as the Host.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def create_app(db: Path, *, token: str | None, max_body: int = DEFAULT_MAX_BODY,
               allowed_hosts: Sequence[str] = LOOPBACK_HOSTS, workers: int = 0, warm: bool = False) -> FastAPI:
    """An app serving the store at ``db``.

    ``token``: writes (POST /api/documents) need it; without one the store is served read-only. ``allowed_hosts``:
    the Host header values accepted ("*" accepts any). ``workers``: processes running the stages of ingestion
    jobs (0: the job's own thread; `dateline serve` uses one, so the stages' CPU work stays out of the server).
    ``warm``: load the models jobs need now (here and in the workers), not during the first job.
    """
    database = Database(Path(db), writable=bool(token))
    ingestor = Ingestor(database, workers=workers) if token else None
    if ingestor is not None and warm:
        ingestor.warm()
    jobs = Jobs(ingestor, warm=ingestor.start_workers if warm else None) if ingestor is not None else None
    searcher = Searcher(database)
    searcher.start()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if jobs is not None:
            jobs.close()
        if ingestor is not None:
            ingestor.close()
        database.close()

    app = FastAPI(title="Dateline", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Sourced, structured knowledge from news reports: every item links to its source span.")
    app.state.database = database
    app.state.token = token or None
    app.state.jobs = jobs
    app.state.searcher = searcher
    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(review.router)
    app.include_router(pages.router)
    app.include_router(charts.router)
    app.include_router(docs.router)  # /docs and /redoc from packaged files
    app.add_exception_handler(BadFilter, _bad_filter)
    app.add_exception_handler(StoreBusy, _busy)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=[host_pattern(h) for h in allowed_hosts])
    app.add_middleware(SecurityHeaders)  # outermost: every answer carries the headers, refusals too
    return app


def host_pattern(host: str) -> str:
    """A host name as the Host header carries it: IPv6 addresses in brackets, lower case."""
    host = host.strip().lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


async def _bad_filter(request: Request, exc: Any) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def _busy(request: Request, exc: Any) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503)
