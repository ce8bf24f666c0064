from __future__ import annotations

import json
import re
from pathlib import Path

from dateline.report.build import build_report
from dateline.report.data import dumps_for_html, report_data
from dateline.store.duckdb_store import Store
from tests.report.corpus import TEXT_HOSTILE, build_store


def _page(db: Path, out: Path) -> str:
    with Store(db, read_only=True) as store:
        return build_report(store, out).read_text(encoding="utf-8")


def test_build_report_writes_a_page_and_its_data_files(synthetic_db: Path, tmp_path: Path) -> None:
    html = _page(synthetic_db, tmp_path / "report")
    files = {p.name for p in (tmp_path / "report" / "data").iterdir()}
    assert {"meta.js", "basemap.js", "events-0000.js", "documents-0000.js", "texts-0000.js", "quotes-0000.js"} <= files
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the report must load nothing from the network"
    assert "default-src 'none'" in html and "script-src 'sha256-" in html and "unsafe" not in html.split("script-src")[1].split(";")[0]
    assert TEXT_HOSTILE not in html  # article texts are in the data files, not the page


def test_build_report_hostile_text_stays_data(synthetic_db: Path, tmp_path: Path) -> None:
    html = _page(synthetic_db, tmp_path)
    chunk = (tmp_path / "data" / "texts-0000.js").read_text(encoding="utf-8")
    name, payload = re.fullmatch(r'datelineChunk\("([^"]+)",(.*)\);\n', chunk, re.DOTALL).groups()
    assert name == "data/texts-0000.js" and "<" not in payload and ">" not in payload
    assert TEXT_HOSTILE in json.loads(payload)["texts"].values()
    assert html.count("<script") == 3  # manifest, chart library, the report script: nothing injected


def test_build_report_removes_stale_data_files(synthetic_db: Path, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "texts-0099.js").write_text("old", encoding="utf-8")
    _page(synthetic_db, tmp_path)
    assert not (tmp_path / "data" / "texts-0099.js").exists()


def test_dumps_for_html_escapes_script_breakers() -> None:
    text = dumps_for_html({"t": "</script><!-- & \u2028"})
    assert "</" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028"}


def test_report_data_every_event_source_points_at_its_sentence(synthetic_db: Path) -> None:
    with Store(synthetic_db, read_only=True) as store:
        data = report_data(store)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert data["events"] and data["stories"] and data["timeline"]
    for event in data["events"]:
        for span in event["sources"]:
            assert texts[span["doc"]][span["start"]:span["end"]] == span["text"]


def test_report_data_without_story_tables(tmp_path: Path) -> None:
    db = build_store(tmp_path / "plain.duckdb", with_stories=False)
    with Store(db, read_only=True) as store:
        data = report_data(store)
        page = build_report(store, tmp_path / "r")
    assert data["stories"] == [] and data["timeline"] == []
    assert page.exists()


def test_report_data_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        data = report_data(store)
        assert build_report(store, tmp_path / "r").exists()
    assert data["documents"] == [] and data["events"] == []
