"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) from packaged files: no CDN, and no inline script, so they work
offline under a CSP without remote sources (see ``limits.DOCS_CSP``).

The Swagger UI and ReDoc bundles come from the ``fastapi-offline`` package (its ``static`` folder); its own pages
put their set-up in inline scripts, which the app's CSP forbids, so the pages and set-up scripts are written here.
"""

from __future__ import annotations

import importlib.resources
from html import escape

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)
PACKAGE = "fastapi_offline"
OPENAPI = "/openapi.json"
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png"}
PACKAGED = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png")
SWAGGER_INIT = f"""window.ui = SwaggerUIBundle({{
  url: {OPENAPI!r}, dom_id: "#swagger-ui", deepLinking: true, layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis], showExtensions: true, showCommonExtensions: true
}});
"""
REDOC_INIT = f"""Redoc.init({OPENAPI!r}, {{}}, document.getElementById("redoc"));
"""
INIT = {"swagger-init.js": SWAGGER_INIT, "redoc-init.js": REDOC_INIT}


def _page(title: str, body: str, scripts: tuple[str, ...], styles: tuple[str, ...] = ()) -> str:
    links = "".join(f'<link rel="stylesheet" href="/docs/static/{s}">' for s in styles)
    tags = "".join(f'<script src="/docs/static/{s}"></script>' for s in scripts)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="icon" href="/docs/static/favicon.png">{links}</head><body>{body}{tags}</body></html>')


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    """Swagger UI for the API."""
    return HTMLResponse(_page("Dateline API – Swagger UI", '<div id="swagger-ui"></div>',
                              ("swagger-ui-bundle.js", "swagger-init.js"), ("swagger-ui.css",)))


@router.get("/redoc", response_class=HTMLResponse)
def redoc() -> HTMLResponse:
    """ReDoc for the API."""
    return HTMLResponse(_page("Dateline API – ReDoc", '<div id="redoc"></div>', ("redoc.standalone.js", "redoc-init.js")))


@router.get("/docs/static/{name}")
def asset(name: str) -> Response:
    """A packaged Swagger UI / ReDoc file, or one of the set-up scripts above."""
    if name in INIT:
        return Response(INIT[name], media_type=TYPES[".js"])
    if name not in PACKAGED:
        raise HTTPException(status_code=404, detail="not found")
    try:
        data = (importlib.resources.files(PACKAGE) / "static" / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise HTTPException(status_code=404, detail="API docs files not installed (pip install fastapi-offline)") from exc
    return Response(data, media_type=TYPES["." + name.rsplit(".", 1)[1]], headers={"Cache-Control": "max-age=86400"})
