"""Splitting the report's data into files beside index.html."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dateline.report.chunks import (
    PLACE_MENTIONS,
    chunk_script,
    compact,
    split_rows,
    split_texts,
    write_chunks,
)


def test_split_rows_in_order_and_bounded() -> None:
    assert split_rows(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert split_rows([], 3) == []


def test_split_texts_by_size_and_marks_each_document() -> None:
    docs = [{"id": "a", "text": "x" * 60}, {"id": "b", "text": "y" * 50}, {"id": "c", "text": "z" * 10},
            {"id": "d", "text": None}]
    pieces = list(split_texts(docs, budget=100))
    assert pieces == [{"a": "x" * 60}, {"b": "y" * 50, "c": "z" * 10, "d": ""}]
    assert [d["t"] for d in docs] == [0, 1, 1, 1]
    assert all("text" not in d for d in docs)


def test_split_texts_keeps_a_long_article_whole() -> None:
    pieces = list(split_texts([{"id": "long", "text": "w" * 500}, {"id": "next", "text": "v"}], budget=100))
    assert pieces == [{"long": "w" * 500}, {"next": "v"}]


def test_compact_leaves_out_null_fields_at_any_depth() -> None:
    row = {"id": "e", "mode": None, "actors": [{"name": "Army", "entity": None}], "fatalities": 0, "reportable": False}
    assert compact(row) == {"id": "e", "actors": [{"name": "Army"}], "fatalities": 0, "reportable": False}


def test_chunk_script_registers_escaped_json() -> None:
    script = chunk_script("data/x.js", {"texts": {"d": "</script><b>&\u2028"}})
    call = re.fullmatch(r'datelineChunk\("data/x\.js",(.*)\);\n', script, re.DOTALL)
    assert call and "<" not in call[1] and "&" not in call[1]
    assert json.loads(call[1]) == {"texts": {"d": "</script><b>&\u2028"}}


def _payload(root: Path, name: str) -> dict:
    text = (root / name).read_text(encoding="utf-8")
    return json.loads(text[text.index(",") + 1:-3])


def test_write_chunks_core_and_lazy_files(tmp_path: Path) -> None:
    data = {
        "events": [{"id": f"e{i}", "story": None} for i in range(5)],
        "documents": [{"id": "d1", "title": "One", "text": "first"}, {"id": "d2", "title": "Two", "text": "second"}],
        "places": [{"id": "p", "mentions": [{"doc": "d1"}] * (PLACE_MENTIONS + 5)}],
        "quotes": [{"id": "q"}], "figures": [], "entities": [{"id": "n"}],
        "stories": [], "timeline": [], "counts": {"documents": 2}, "charts": {"days": []},
    }
    manifest = write_chunks(data, {"type": "FeatureCollection"}, tmp_path)
    assert manifest["core"][:2] == ["data/meta.js", "data/basemap.js"]
    assert "data/events-0000.js" in manifest["core"] and "data/documents-0000.js" in manifest["core"]
    assert manifest["lazy"] == {"quotes": ["data/quotes-0000.js"], "figures": [], "entities": ["data/entities-0000.js"],
                                "texts": ["data/texts-0000.js"]}
    meta = _payload(tmp_path, "data/meta.js")
    assert meta["counts"] == {"documents": 2} and meta["charts"] == {"days": []}
    assert len(meta["places"][0]["mentions"]) == PLACE_MENTIONS and meta["places"][0]["mention_count"] == PLACE_MENTIONS + 5
    docs = _payload(tmp_path, "data/documents-0000.js")["documents"]
    assert docs == [{"id": "d1", "title": "One", "t": 0}, {"id": "d2", "title": "Two", "t": 0}]  # no texts here
    assert _payload(tmp_path, "data/texts-0000.js") == {"texts": {"d1": "first", "d2": "second"}}
    assert _payload(tmp_path, "data/events-0000.js")["events"] == [{"id": f"e{i}"} for i in range(5)]
