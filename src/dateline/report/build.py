"""Write the static report: one HTML file with its script, styles, data and basemap inlined."""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import os
from pathlib import Path

from dateline.report.basemap import basemap_geojson
from dateline.report.data import dumps_for_html, report_data
from dateline.store.duckdb_store import Store

STATIC = "dateline.report.static"
TITLE = "Dateline report"


def static_text(name: str) -> str:
    """A packaged file of ``report/static`` (report.js, report.css, shell.html)."""
    return (importlib.resources.files(STATIC) / name).read_text(encoding="utf-8")


def render_page(*, head: str, tail: str, csp: str | None = None) -> str:
    """The page shell with ``head`` (styles) and ``tail`` (data + scripts) filled in."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">' if csp else ""
    return static_text("shell.html").replace("{{CSP}}", meta).replace("{{HEAD}}", head).replace("{{TAIL}}", tail)


def build_report(store: Store, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` (works from disk, offline) and return its path."""
    script = static_text("report.js")
    data = dumps_for_html(report_data(store))
    basemap = dumps_for_html(basemap_geojson())
    # Only this script may run: no inline handlers, no remote loads (hash-based CSP, no network sources).
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:"
    tail = (
        f'<script id="dateline-data" type="application/json">{data}</script>\n'
        f'<script id="dateline-basemap" type="application/json">{basemap}</script>\n'
        f"<script>{script}</script>"
    )
    page = render_page(head=f"<style>{static_text('report.css')}</style>", tail=tail, csp=csp)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path
