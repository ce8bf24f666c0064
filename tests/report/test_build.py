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


def test_build_report_writes_one_self_contained_page(synthetic_db: Path, tmp_path: Path) -> None:
    html = _page(synthetic_db, tmp_path / "report")
    assert (tmp_path / "report" / "index.html").exists()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the report must load nothing from the network"
    assert "default-src 'none'" in html


def test_build_report_hostile_text_cannot_close_the_data_script(synthetic_db: Path, tmp_path: Path) -> None:
    html = _page(synthetic_db, tmp_path)
    data = html.split('<script id="dateline-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data
    assert TEXT_HOSTILE in json.loads(data)["documents"][-1]["text"] or any(
        d["text"] == TEXT_HOSTILE for d in json.loads(data)["documents"])
    assert html.count("<script") == 3  # data, basemap, the report script: nothing injected


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
