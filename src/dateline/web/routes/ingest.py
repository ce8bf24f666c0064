"""POST /api/documents: queue articles for the pipeline (token required); GET /api/jobs/{id}: how that went."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Request, Response
from pydantic import BaseModel, Field

from dateline.ingest.readers import document_from_record
from dateline.web.jobs import Jobs, QueueFull

router = APIRouter(prefix="/api", tags=["ingest"])
MAX_ARTICLES = 100  # per request; bigger batches belong to `dateline run`


class Article(BaseModel):
    """One article to add; the same fields `dateline run` reads from JSON input."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40)
    outlet: str | None = Field(default=None, max_length=200)
    author: str | None = Field(default=None, max_length=200)


class Articles(BaseModel):
    documents: list[Article] = Field(min_length=1, max_length=MAX_ARTICLES)


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None,
                  x_dateline_token: Annotated[str | None, Header()] = None) -> None:
    """401 without credentials, 403 with wrong ones or when the server has no token (writes disabled)."""
    expected: str | None = request.app.state.token
    given = x_dateline_token or (authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None)
    if not given:
        raise HTTPException(status_code=401, detail="a token is required", headers={"WWW-Authenticate": "Bearer"})
    if not expected:
        raise HTTPException(status_code=403, detail="writes are disabled: start the server with --token or DATELINE_TOKEN")
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(status_code=403, detail="wrong token")


@router.post("/documents", status_code=202, dependencies=[Depends(require_token)])
def add_documents(body: Annotated[Articles, Body()], request: Request, response: Response) -> dict[str, Any]:
    """Queue the posted articles: 202 with the job's id and status URL at once, the pipeline runs in the background.

    GET the ``url`` (also the ``Location`` header) until ``state`` is ``done`` (``result`` holds the counts) or
    ``failed`` (``error`` says why). Reads are never held up by the job.
    """
    records = [a.model_dump(exclude_none=True) for a in body.documents]
    ids = [document_from_record("api", r).id for r in records]
    jobs: Jobs = request.app.state.jobs
    try:
        job = jobs.submit(records, ids)
    except QueueFull as exc:
        raise HTTPException(status_code=503, detail=str(exc), headers={"Retry-After": "10"}) from exc
    url = f"/api/jobs/{job.id}"
    response.headers["Location"] = url
    return {"job": job.id, "state": job.state, "url": url, "ids": ids}


@router.get("/jobs/{job_id}")
def get_job(job_id: str, request: Request) -> dict[str, Any]:
    """An ingestion job: ``state`` queued, running, done or failed; ``result`` (the run's counts) once done."""
    jobs: Jobs | None = getattr(request.app.state, "jobs", None)
    job = jobs.get(job_id) if jobs is not None else None
    if job is None:
        raise HTTPException(status_code=404, detail="no such job (jobs are forgotten when the server restarts)")
    return job.public()
