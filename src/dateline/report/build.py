"""Write the static report: ``index.html`` (script, styles, a manifest) and its data chunks in ``data/``."""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import os
from pathlib import Path

from dateline.report.basemap import basemap_geojson
from dateline.report.chunks import write_chunks
from dateline.report.data import dumps_for_html, report_data
from dateline.store.duckdb_store import Store

STATIC = "dateline.report.static"
TITLE = "Dateline report"
UPLOT_JS = "vendor/uplot/uPlot.iife.min.js"
UPLOT_CSS = "vendor/uplot/uPlot.min.css"


def static_text(name: str) -> str:
    """A packaged file of ``report/static`` (report.js, report.css, shell.html, vendor/...)."""
    return (importlib.resources.files(STATIC) / name).read_text(encoding="utf-8")


def render_page(*, head: str, tail: str, csp: str | None = None) -> str:
    """The page shell with ``head`` (styles) and ``tail`` (data + scripts) filled in."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">' if csp else ""
    return static_text("shell.html").replace("{{CSP}}", meta).replace("{{HEAD}}", head).replace("{{TAIL}}", tail)


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def report_csp(*scripts: str) -> str:
    """The report's policy: only the given inline scripts and the report's own data files may run.

    'self' admits the ``data/*.js`` chunks: Chromium blocks hash-listed external scripts unless they carry an
    ``integrity`` attribute, and refuses integrity checks on file:// (no CORS there). From disk 'self' means
    local files only; nothing remote can load either way, and no inline handler can run.
    """
    hashes = " ".join(script_hash(s) for s in scripts)
    return f"default-src 'none'; script-src {hashes} 'self'; style-src 'unsafe-inline'; img-src data:"


def build_report(store: Store, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` and ``out_dir/data/*.js`` (work from disk, offline); return the page's path."""
    script, uplot = static_text("report.js"), static_text(UPLOT_JS)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = write_chunks(report_data(store, with_charts=True), basemap_geojson(), out_dir)
    tail = (
        f'<script id="dateline-manifest" type="application/json">{dumps_for_html(manifest)}</script>\n'
        f"<script>{uplot}</script>\n"
        f"<script>{script}</script>"
    )
    head = f"<style>{static_text(UPLOT_CSS)}\n{static_text('report.css')}</style>"
    page = render_page(head=head, tail=tail, csp=report_csp(uplot, script))
    path = out_dir / "index.html"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path
