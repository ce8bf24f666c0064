"""The static report in headless Chromium, opened from disk with every network request blocked."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from dateline.report.build import build_report
from dateline.store.duckdb_store import Store
from tests.report import steps
from tests.report.browser import PageWatch, open_page


@pytest.fixture()
def report(chromium: Any, synthetic_db: Path, tmp_path_factory: pytest.TempPathFactory) -> PageWatch:
    with Store(synthetic_db, read_only=True) as store:
        index = build_report(store, tmp_path_factory.mktemp("report"))
    watch = open_page(chromium, index.as_uri() + "#/map", allowed=("file://", "data:"))
    yield watch
    watch.page.close()


def test_report_map_shows_markers(report: PageWatch) -> None:
    steps.see_map_with_markers(report, "report.png")
    assert report.blocked == []  # nothing tried to reach the network


def test_report_timeline_filters(report: PageWatch) -> None:
    steps.filter_timeline(report, "report-timeline.png")


def test_report_event_links_to_highlighted_sentence(report: PageWatch) -> None:
    steps.click_event_to_highlighted_sentence(report, "report-article.png")


def test_report_search_for_actor(report: PageWatch) -> None:
    steps.search_for_actor(report)


def test_report_story_page(report: PageWatch) -> None:
    page = report.page
    page.goto(page.url.split("#")[0] + "#/stories")
    page.click("text=Battle for Raqqa")
    page.wait_for_selector(".summary")
    assert "coalition aircraft" in page.inner_text(".summary")
    assert page.locator("ol.timeline .tl-item").count() == 3
    assert page.locator("#tl-axis circle.tl-dot").count() == 3


def test_report_tables_sort(report: PageWatch) -> None:
    page = report.page
    page.goto(page.url.split("#")[0] + "#/events")
    page.click("th >> text=Killed")
    page.click("th >> text=Killed")  # descending
    assert page.locator("table.data tbody tr").first.inner_text().count("4") >= 1
    page.select_option(".table-facet", "PROTEST")
    assert page.locator("table.data tbody tr").count() == 1


def test_report_hostile_article_executes_nothing(report: PageWatch) -> None:
    steps.hostile_article_stays_text(report, "report-hostile.png")


def test_report_charts_and_date_slider(report: PageWatch) -> None:
    steps.charts_follow_the_date_slider(report, "report-charts.png")
    assert report.errors == [] and report.blocked == []


def test_report_actor_and_place_pages(report: PageWatch) -> None:
    steps.actor_and_place_pages(report, "report-actor.png")


def test_report_map_labels_and_clusters(report: PageWatch) -> None:
    steps.map_labels_and_clusters(report, "report-clusters.png")
    assert report.errors == []


def test_report_drag_across_a_chart(report: PageWatch) -> None:
    steps.drag_across_a_chart(report)


def test_report_without_its_data_folder_says_so(chromium: Any, synthetic_db: Path, tmp_path: Path) -> None:
    with Store(synthetic_db, read_only=True) as store:
        index = build_report(store, tmp_path / "report")
    shutil.rmtree(tmp_path / "report" / "data")
    page = chromium.new_page()
    page.goto(index.as_uri())
    page.wait_for_selector("#view .error")
    assert "keep the data folder beside this page" in page.inner_text("#view .error")
    page.close()
