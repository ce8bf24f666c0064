"""What a person does with the report, shared by the file:// and the served-app browser tests."""

from __future__ import annotations

from tests.report.browser import PageWatch, shot
from tests.report.corpus import TEXT_A


def expect(locator):  # noqa: ANN001, ANN201 - Playwright's assertions; imported late (optional dependency)
    """Playwright's retrying assertions: they need no eval, so they work under the report's CSP."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def see_map_with_markers(watch: PageWatch, screenshot: str) -> None:
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/map")
    page.wait_for_selector("#map circle.marker")
    assert page.locator("#map circle.marker").count() == 5  # Tal Hamra, Raqqa, Tabqa, Baghdad, Mosul
    assert page.locator("#map path.land").count() == 1
    page.locator("#map circle.marker[data-count]").first.dispatch_event("click")
    assert page.locator("#map-panel .event-item").count() >= 1
    shot(watch, screenshot)


def filter_timeline(watch: PageWatch, screenshot: str) -> None:
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/timeline")
    page.wait_for_selector(".tl-item")
    assert page.locator(".tl-item").count() == 5
    page.fill("#f-from", "2017-06-01")
    expect(page.locator(".tl-item")).to_have_count(2)
    assert page.locator("#tl-axis circle.tl-dot").count() == 2
    page.select_option("#f-type", "PROTEST")
    expect(page.locator(".tl-item")).to_have_count(1)
    shot(watch, screenshot)
    page.click("text=Reset")
    expect(page.locator(".tl-item")).to_have_count(5)


def click_event_to_highlighted_sentence(watch: PageWatch, screenshot: str) -> None:
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/events")
    page.fill(".table-filter", "Tal Hamra")
    row = page.locator("table.data tbody tr", has_text="Troops retake Tal Hamra")
    row.locator("a.src").first.click()
    page.wait_for_selector("mark#cited")
    expected = TEXT_A[: TEXT_A.index(". ") + 1]
    assert page.inner_text("mark#cited") == expected
    box = page.locator("mark#cited").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    shot(watch, screenshot)


def search_for_actor(watch: PageWatch) -> None:
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/map")
    page.fill("#search", "coalition")
    page.press("#search", "Enter")
    page.wait_for_selector("#search-events li")
    assert page.locator("#search-events li").count() == 1
    expect(page.locator("#search-docs li.muted", has_text="Searching articles")).to_have_count(0)
    assert page.locator("#search-docs li a").count() == 1


def hostile_article_stays_text(watch: PageWatch, screenshot: str) -> None:
    page = watch.page
    base = page.url.split("#")[0]
    for view in ("#/map", "#/events", "#/quotes", "#/figures", "#/entities", "#/documents", "#/timeline",
                 "#/stories", "#/search/pwned", "#/doc/d-x/0/10"):
        page.goto(base + view)
        page.wait_for_timeout(150)
    page.wait_for_selector("#article")
    assert "<script>window.__pwned = 1;" in page.inner_text("#article")
    assert page.locator("#article script, #article img, main img, main b").count() == 0
    page.goto(base + "#/quotes")
    assert "<b>bold</b>" in page.inner_text("table.data")
    shot(watch, screenshot)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == [] and watch.errors == []
