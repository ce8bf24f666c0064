"""The served app (uvicorn on 127.0.0.1, a free port) in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.report import steps
from tests.report.browser import PageWatch, open_page, shot
from tests.web.served import served_app


@pytest.fixture(scope="module")
def server(synthetic_db: Path) -> Iterator[str]:
    with served_app(synthetic_db, "t") as url:
        yield url


@pytest.fixture()
def app_page(chromium: Any, server: str) -> Iterator[PageWatch]:
    watch = open_page(chromium, server + "#/map", allowed=(server, "data:"))
    yield watch
    watch.page.close()


def test_app_map_shows_markers(app_page: PageWatch) -> None:
    steps.see_map_with_markers(app_page, "app.png")
    assert app_page.blocked == []


def test_app_timeline_filters(app_page: PageWatch) -> None:
    steps.filter_timeline(app_page, "app-timeline.png")


def test_app_event_links_to_highlighted_sentence(app_page: PageWatch) -> None:
    steps.click_event_to_highlighted_sentence(app_page, "app-article.png")


def test_app_search_for_actor(app_page: PageWatch) -> None:
    steps.search_for_actor(app_page)


def test_app_hostile_article_executes_nothing(app_page: PageWatch) -> None:
    steps.hostile_article_stays_text(app_page, "app-hostile.png")


def test_app_charts_and_date_slider(app_page: PageWatch) -> None:
    steps.charts_follow_the_date_slider(app_page, "app-charts.png")
    assert app_page.errors == [] and app_page.blocked == []


def test_app_actor_and_place_pages(app_page: PageWatch) -> None:
    steps.actor_and_place_pages(app_page, "app-actor.png")


def test_app_map_labels_and_clusters(app_page: PageWatch) -> None:
    steps.map_labels_and_clusters(app_page, "app-clusters.png")


@pytest.mark.parametrize(("path", "rendered"), [("docs", ".swagger-ui .opblock"), ("redoc", "[data-section-id]")])
def test_app_api_docs_work_offline(chromium: Any, server: str, path: str, rendered: str) -> None:
    page = chromium.new_page(viewport={"width": 1300, "height": 860})
    watch = PageWatch(page, allowed=(server, "data:", "blob:"))
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(server + path)
    page.wait_for_selector(rendered, timeout=20_000)
    assert "/api/events" in page.inner_text("body")
    shot(watch, f"app-{path}.png")
    # ReDoc's sidebar asks for its maker's logo on a CDN: the CSP refuses it, which is the point; nothing else fails
    refused = [p for p in problems if "violates the following Content Security Policy" in p]
    assert all("cdn.redoc.ly" in p for p in refused)
    assert watch.blocked == [] and watch.errors == [] and len(problems) == len(refused)
    page.close()
