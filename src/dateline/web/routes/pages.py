"""The browser views: the report's page shell, script and styles (and the vendored chart library), reading the API."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

from dateline.report.build import UPLOT_CSS, UPLOT_JS, render_page, static_text

router = APIRouter(include_in_schema=False)
JS, CSS = "text/javascript; charset=utf-8", "text/css; charset=utf-8"
# URL name → (packaged file, media type); review.js/.css: the app's search, review queue and event pages
ASSETS = {"report.js": ("report.js", JS), "report.css": ("report.css", CSS),
          "uplot.js": (UPLOT_JS, JS), "uplot.css": (UPLOT_CSS, CSS),
          "review.js": ("review.js", JS), "review.css": ("review.css", CSS)}


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    head = ('<link rel="stylesheet" href="static/uplot.css"><link rel="stylesheet" href="static/report.css">'
            '<link rel="stylesheet" href="static/review.css">')
    # review.js: the app's search, review queue and event pages (the static report stays read-only)
    tail = ('<script src="static/uplot.js"></script><script src="static/report.js"></script>'
            '<script src="static/review.js"></script>')
    return HTMLResponse(render_page(head=head, tail=tail))


@router.get("/static/{name}")
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(status_code=404, detail="not found")
    path, media_type = ASSETS[name]
    return Response(static_text(path), media_type=media_type, headers={"Cache-Control": "no-cache"})
