"""The whole pipeline on the bundled demo corpus, then its report in headless Chromium, as a reader sees it.

The screenshots (test-artifacts/demo-*.png) are the ones the README shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.pipeline import run_corpus
from dateline.settings import Settings
from tests.report.browser import PageWatch, open_page, shot
from tests.report.steps import expect

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def demo_report(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> PageWatch:
    out = tmp_path_factory.mktemp("demo")
    summary = run_corpus([str(EXAMPLES)], out_dir=out, settings=Settings(jobs=1))
    assert summary.errors == 0 and summary.ok >= 12
    watch = open_page(chromium, (out / "report" / "index.html").as_uri() + "#/map", allowed=("file://", "data:"))
    yield watch
    watch.page.close()


def test_demo_map_timeline_and_story(demo_report: PageWatch) -> None:
    page = demo_report.page
    page.wait_for_selector("#map circle.marker")
    assert page.locator("#map circle.marker").count() >= 5  # events in several towns of the story
    assert page.locator("#map path.land").count() == 1  # the packaged basemap, no tiles
    shot(demo_report, "demo-map.png")
    page.goto(page.url.split("#")[0] + "#/timeline")
    page.wait_for_selector(".tl-item")
    assert page.locator(".tl-item").count() >= 10
    page.goto(page.url.split("#")[0] + "#/stories")
    page.locator("a[href^='#/story/']").first.click()
    page.wait_for_selector(".summary-sentences li")
    expect(page.locator(".summary-sentences li a.src").first).to_be_visible()  # every summary sentence cites
    shot(demo_report, "demo-story.png")
    assert demo_report.errors == [] and demo_report.blocked == []


def test_demo_charts_actor_and_place(demo_report: PageWatch) -> None:
    page = demo_report.page
    base = page.url.split("#")[0]
    page.goto(base + "#/charts")
    page.wait_for_selector("#chart-by_actor .uplot")
    assert int(page.get_attribute("#chart-total", "data-total")) >= 10  # the demo's reported, dated events
    shot(demo_report, "demo-charts.png")
    labels = page.locator("#chart-by_actor .u-legend .u-series .u-label").all_inner_texts()[1:]  # [0]: the x axis
    busiest = next(name for name in labels if not name.startswith("(") and name != "other")
    page.goto(base + "#/events")
    page.locator("table.data a.actor", has_text=busiest).first.click()
    page.wait_for_selector("#chart-profile .uplot")
    assert page.inner_text("h1") == busiest
    assert int(page.inner_text("dd[data-fact='events']")) >= 1
    shot(demo_report, "demo-actor.png")
    page.goto(base + "#/map")
    page.wait_for_selector("#map circle.marker")
    page.locator("#map circle.marker").first.dispatch_event("click")
    page.locator("#map-panel h2 a").click()
    page.wait_for_selector("#place-types")
    shot(demo_report, "demo-place.png")
    assert demo_report.errors == [] and demo_report.blocked == []
