"""The browser views: the report's page shell, script and styles, reading the API."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

from dateline.report.build import render_page, static_text

router = APIRouter(include_in_schema=False)
ASSETS = {"report.js": "text/javascript; charset=utf-8", "report.css": "text/css; charset=utf-8",
          "review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    head = '<link rel="stylesheet" href="static/report.css"><link rel="stylesheet" href="static/review.css">'
    # review.js: the app's search, review queue and event pages (the static report stays read-only)
    tail = '<script src="static/report.js"></script><script src="static/review.js"></script>'
    return HTMLResponse(render_page(head=head, tail=tail))


@router.get("/static/{name}")
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(status_code=404, detail="not found")
    return Response(static_text(name), media_type=ASSETS[name], headers={"Cache-Control": "no-cache"})
