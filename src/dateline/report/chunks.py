"""Split the report's data into small script files beside ``index.html``, loaded as the pages need them.

Each file is ``datelineChunk("<its path>", {...});``: a script that registers its payload with the report's
script. Plain ``<script src>`` files load from disk (Chromium refuses ``fetch()`` from ``file://``), so the
report still opens offline by double-click. What the first view needs (events, article titles, places,
stories, chart counts, the basemap) is loaded at start; article texts and the quote, figure and entity
tables load when a page shows them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dateline.report.data import dumps_for_html

FOLDER = "data"
TABLE_ROWS = 2_000  # rows per table chunk (a few hundred KB)
TEXT_CHARS = 400_000  # characters of article text per text chunk
PLACE_MENTIONS = 20  # source links kept per place in the first view (the full count is in ``mention_count``)
CORE_TABLES = ("events", "documents")  # chunked (null fields left out) and loaded at start
LAZY_TABLES = ("quotes", "figures", "entities")  # chunked and loaded when a page needs them
META_KEYS = ("counts", "places", "stories", "timeline", "charts")


def split_rows(rows: list[Any], size: int = TABLE_ROWS) -> list[list[Any]]:
    """``rows`` in consecutive pieces of at most ``size`` (none for no rows)."""
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def split_texts(documents: Iterable[dict[str, Any]], budget: int = TEXT_CHARS) -> Iterator[dict[str, str]]:
    """``{id: text}`` pieces of about ``budget`` characters; sets each document's ``t`` to its piece's index
    and removes its ``text``."""
    piece: dict[str, str] = {}
    size = index = 0
    for doc in documents:
        text = doc.pop("text", None) or ""
        if piece and size + len(text) > budget:
            yield piece
            piece, size, index = {}, 0, index + 1
        piece[doc["id"]] = text
        doc["t"] = index
        size += len(text)
    if piece:
        yield piece


def chunk_script(name: str, payload: dict[str, Any]) -> str:
    """The file's text: a call that hands ``payload`` to the report (JSON with '<', '>' and '&' escaped)."""
    return f"datelineChunk({json.dumps(name)},{dumps_for_html(payload)});\n"


def write_chunks(data: dict[str, Any], basemap: dict[str, Any], root: Path) -> dict[str, Any]:
    """Write the chunk files under ``root/data`` and return the manifest the page embeds.

    ``{"core": [paths loaded at start, in merge order], "lazy": {"quotes"|"figures"|"entities"|"texts": [paths]}}``;
    paths are relative to ``index.html``. ``data["documents"]`` must carry ``text`` (it is moved to the text chunks).
    """
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def write(stem: str, payload: dict[str, Any]) -> str:
        name = f"{FOLDER}/{stem}.js"
        (root / name).write_text(chunk_script(name, payload), encoding="utf-8")
        written.append(name)
        return name

    texts = list(split_texts(data["documents"]))
    meta = {key: data.get(key) for key in META_KEYS}
    meta["places"] = [_trim_mentions(p) for p in data.get("places") or []]
    core = [write("meta", meta), write("basemap", {"basemap": basemap})]
    for table in CORE_TABLES:
        rows = [compact(row) for row in data.get(table) or []]
        core += [write(f"{table}-{i:04d}", {table: part}) for i, part in enumerate(split_rows(rows))]
    lazy = {table: [write(f"{table}-{i:04d}", {table: rows}) for i, rows in enumerate(split_rows(data.get(table) or []))]
            for table in LAZY_TABLES}
    lazy["texts"] = [write(f"texts-{i:04d}", {"texts": piece}) for i, piece in enumerate(texts)]
    _remove_stale(folder, {Path(name).name for name in written})
    return {"core": core, "lazy": lazy}


def compact(value: Any) -> Any:
    """``value`` without its null fields, at any depth (the report reads a missing field as null)."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def _trim_mentions(place: dict[str, Any]) -> dict[str, Any]:
    mentions = place.get("mentions") or []
    return {**place, "mentions": mentions[:PLACE_MENTIONS], "mention_count": len(mentions)}


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Drop chunk files of an earlier, larger build into the same folder."""
    for path in folder.glob("*.js"):
        if path.name not in keep:
            path.unlink()
