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
                 "#/stories", "#/search/pwned", "#/charts", "#/place/p-mosul",
                 "#/actor/%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D6%22%3E", "#/doc/d-x/0/10"):
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


def charts_follow_the_date_slider(watch: PageWatch, screenshot: str) -> None:
    """The charts page draws its four charts; moving the slider's start narrows charts, map and timeline."""
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/charts")
    page.wait_for_selector("#chart-total .uplot")
    assert page.locator(".chart .uplot").count() == 4  # total, by type, by actor, by region
    expect(page.locator("#chart-total")).to_have_attribute("data-total", "5")
    legend = page.inner_text("#chart-by_type .u-legend")
    assert "FIGHT" in legend and "ASSAULT" in legend and "PROTEST" in legend
    assert "SY 04" in page.inner_text("#chart-by_region .u-legend")  # Raqqa's admin1
    page.focus("#f-slide-from")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # days with events: 04-03, 04-04, [05-07], 06-01, 06-19
    expect(page.locator("#chart-total")).to_have_attribute("data-total", "3")
    assert page.inner_text("#f-range").startswith("2017-05-07")
    page.select_option("#c-metric", "fatalities")
    expect(page.locator("#chart-by_type")).to_have_attribute("data-total", "2")  # first key ASSAULT: Mosul, 7 May
    shot(watch, screenshot)
    page.goto(page.url.split("#")[0] + "#/map")
    page.wait_for_selector("#map circle.marker")
    expect(page.locator("#map-count")).to_contain_text("3 event(s)")
    assert page.input_value("#f-from") == "2017-05-07"
    page.goto(page.url.split("#")[0] + "#/timeline")
    expect(page.locator(".tl-item")).to_have_count(3)
    page.goto(page.url.split("#")[0] + "#/events")
    expect(page.locator("table.data tbody tr")).to_have_count(3)
    page.focus("#f-slide-from")
    page.keyboard.press("Home")  # back to the first day: every event again
    expect(page.locator("table.data tbody tr")).to_have_count(5)


def actor_and_place_pages(watch: PageWatch, screenshot: str) -> None:
    """From the events table to an actor's page, and from there to a place's page."""
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/events")
    page.locator("table.data a.actor", has_text="Coalition").click()
    page.wait_for_selector("#profile-events")
    assert page.inner_text("h1") == "Coalition"
    assert page.inner_text("dd[data-fact='events']") == "1" and page.inner_text("dd[data-fact='as actor']") == "1"
    assert page.locator("#profile-events li").count() == 1
    page.wait_for_selector("#chart-profile .uplot")
    assert "Islamic State" in page.inner_text("#actor-others")
    page.locator("#actor-places a", has_text="Tabqa").click()
    page.wait_for_selector("#place-types")
    assert page.inner_text("h1") == "Tabqa"
    page.goto(page.url.split("#")[0] + "#/place/p-raqqa")
    page.wait_for_selector("#chart-profile .uplot")
    assert page.inner_text("dd[data-fact='killed']") == "4"
    assert page.inner_text("dd[data-fact='region (admin1)']") == "04"
    assert "militants" in page.inner_text("#place-actors")
    shot(watch, screenshot)


def map_labels_and_clusters(watch: PageWatch, screenshot: str) -> None:
    """Places are named on the map; zoomed out, nearby markers merge into a numbered cluster that zooms in."""
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/map")
    page.wait_for_selector("#map circle.marker")
    assert page.locator("#map text.label", has_text="Mosul").count() == 1
    for _ in range(4):
        page.click("button[title='Zoom out']")
    expect(page.locator("#map g.cluster").first).to_be_visible()
    clustered = sum(int(c.get_attribute("data-count")) for c in page.locator("#map g.cluster").all())
    assert clustered + page.locator("#map circle.marker").count() >= 5  # every event is still on the map
    shot(watch, screenshot)
    before = page.locator("#map circle.marker").count()
    page.locator("#map g.cluster").first.dispatch_event("click")
    expect(page.locator("#map circle.marker")).not_to_have_count(before)


def drag_across_a_chart(watch: PageWatch) -> None:
    """Dragging across the total chart chooses that period, as the slider does; its numbers are in a table."""
    page = watch.page
    page.goto(page.url.split("#")[0] + "#/charts")
    page.wait_for_selector("#chart-total .uplot")
    assert page.locator("#chart-total details.numbers tbody tr").count() == 5  # five days with events
    over = page.locator("#chart-total .u-over").bounding_box()
    y = over["y"] + over["height"] / 2
    page.mouse.move(over["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(over["x"] + over["width"] * 0.35, y, steps=5)  # the first third: April's events only
    page.mouse.up()
    expect(page.locator("#chart-total")).to_have_attribute("data-total", "2")
    assert page.inner_text("#f-range").startswith("2017-04-03")
