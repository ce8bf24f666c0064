"""The review loop and search by another spelling, in the served app in headless Chromium.

Screenshots go to test-artifacts/; with DATELINE_DOCS_SCREENSHOTS=1 to docs/ (the README shows them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.report.browser import PageWatch, open_page, shot
from tests.report.corpus import TEXT_A
from tests.report.steps import expect
from tests.web.served import served_app

TOKEN = "browser-review-token"
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.report.corpus import build_store

    db = build_store(tmp_path_factory.mktemp("review") / "dateline.duckdb")  # its own store: the test writes it
    with served_app(db, TOKEN) as url:
        yield url


@pytest.fixture()
def page(chromium: Any, server: str) -> Iterator[PageWatch]:
    watch = open_page(chromium, server + "#/map", allowed=(server, "data:"))
    yield watch
    watch.page.close()


def _screenshot(watch: PageWatch, name: str) -> None:
    if os.environ.get("DATELINE_DOCS_SCREENSHOTS") == "1":
        watch.page.screenshot(path=str(DOCS / name), full_page=False)
    else:
        shot(watch, name)


def test_search_by_another_spelling_with_filters_in_the_url(page: PageWatch) -> None:
    p = page.page
    p.fill("#search", "al-Rakkah")  # the article says "Raqqa"
    p.press("#search", "Enter")
    p.wait_for_selector("#search-docs li a")
    assert p.locator("#search-docs li a").count() == 1
    assert p.inner_text("#search-docs mark.hit") == "Raqqa"
    assert p.inner_text("#search-places li").startswith("Raqqa")
    assert p.get_attribute("#search-places li a", "href") == "#/place/p-raqqa"
    p.select_option("#search-filters select[name=reportable]", "true")
    p.fill("#search-filters input[name=fatalities]", "3")
    p.click("#search-filters button[type=submit]")
    expect(p.locator("#search-events li")).to_have_count(1)
    assert "fatalities=3" in p.url and "reportable=true" in p.url  # the view can be shared
    assert p.inner_text("#search-events mark.hit") == "Raqqa"
    _screenshot(page, "app-search.png")
    p.locator("#search-docs li a").first.click()
    p.wait_for_selector("mark#cited")
    assert p.inner_text("mark#cited") == "Raqqa" and "Raqqa" in TEXT_A
    assert page.errors == [] and page.blocked == []


def test_review_loop(page: PageWatch) -> None:
    p = page.page
    base = p.url.split("#")[0]
    p.goto(base + "#/review")
    p.wait_for_selector("#review-queue li")
    before = p.locator("#review-queue li").count()
    p.fill("#review-token", "wrong")
    p.locator("#review-queue li").first.locator("button.accept").click()
    expect(p.locator("#review-status.error")).to_have_count(1)  # the wrong token is refused
    p.fill("#review-token", TOKEN)
    p.fill("#review-who", "Rana")
    p.locator("#review-queue li").first.locator("button.accept").click()
    expect(p.locator("#review-queue li")).to_have_count(before - 1)
    p.goto(base + "#/event/ev-killed")
    p.wait_for_selector("table.review-fields")
    p.fill("tr[data-field=fatalities] input", "5")
    p.click("tr[data-field=fatalities] button")
    expect(p.locator("tr[data-field=fatalities] td").first).to_have_text("5")
    p.fill("tr[data-field=actors] input", "Islamic State; local gunmen")
    p.click("tr[data-field=actors] button")
    expect(p.locator("tr[data-field=actors] td").first).to_have_text("Islamic State; local gunmen")
    p.click("#event-reject")
    expect(p.locator("h1 .review-rejected")).to_have_count(1)
    expect(p.locator("#review-history li")).to_have_count(3)
    assert "Rana" in p.inner_text("#review-history")
    _screenshot(page, "app-review.png")
    p.goto(base + "#/review")
    p.wait_for_selector("#review-queue li")
    assert p.locator("#review-queue li[data-event=ev-killed]").count() == 0
    p.click("#queue-switch")  # the records held back: the rejected one is reviewed, so not there either
    expect(p.locator("#review-status")).to_contain_text("among the records held back")
    assert p.locator("#review-queue li[data-event=ev-killed]").count() == 0
    assert page.errors == [] and page.blocked == []


def test_merge_a_suggested_duplicate(page: PageWatch) -> None:
    p = page.page
    base = p.url.split("#")[0]
    p.goto(base + "#/review")
    p.fill("#review-token", TOKEN)
    p.goto(base + "#/event/ev-strike")
    p.wait_for_selector("#merge-candidates li[data-event=ev-protest]")  # same day: June 2017 covers the 19th
    assert p.locator("#merge-candidates li[data-event=ev-strike]").count() == 0
    p.locator("#merge-candidates li[data-event=ev-protest] button.merge").click()
    expect(p.locator("h1 .review-merged")).to_have_count(1)
    expect(p.locator(".sources a.src")).to_have_count(2)
    assert page.errors == []
