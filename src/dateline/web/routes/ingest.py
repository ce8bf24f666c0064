"""POST /api/documents: add articles to the store by running the pipeline on them (token required)."""

from __future__ import annotations

import hmac
import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field

from dateline.ingest.readers import document_from_record
from dateline.pipeline import run_corpus
from dateline.settings import Settings
from dateline.web.db import Database
from dateline.web.deps import database

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


@router.post("/documents", status_code=201, dependencies=[Depends(require_token)])
def add_documents(body: Annotated[Articles, Body()], db: Annotated[Database, Depends(database)]) -> dict[str, Any]:
    """Run the pipeline on the posted articles and store them; answers their ids and the run's counts."""
    records = [a.model_dump(exclude_none=True) for a in body.documents]
    ids = [document_from_record("api", r).id for r in records]
    with tempfile.TemporaryDirectory(prefix="dateline-post-") as tmp:
        path = Path(tmp) / "posted.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        with db.write() as db_path:
            summary = run_corpus([str(path)], out_dir=None, db_path=db_path, settings=Settings(jobs=1))
    return {"ids": ids, "ok": summary.ok, "skipped": summary.skipped, "errors": summary.errors,
            "unchanged": summary.unchanged, "duplicates": summary.duplicates,
            "problems": [{"status": s, "reason": r} for s, _, r in summary.problems]}
