"""Live pages: entry stamps date their entries (text written for these tests)."""

from __future__ import annotations

import datetime

from dateline.model import Document
from dateline.time import tag_times
from dateline.time.entries import STAMP_RULE, nearest_weekday
from dateline.time.event_date import event_date, report_day

TUE = datetime.date(2011, 2, 1)  # a Tuesday: the page's date, its entries run on to Thursday

LIVE = (
    "Live: unrest in the capital. "
    "(Update 5:16 a.m. Thursday in Cairo, 10:16 p.m. ET Wednesday) Gunfire was heard early Thursday near the square. "
    "(Update 11:50 p.m. Wednesday in Cairo, 4:50 p.m. ET Wednesday) Police fired tear gas at marchers on Wednesday. "
    "Organisers said the crowds first gathered Monday."
)


def _values(text: str, anchor: datetime.date) -> dict[str, tuple[str, str]]:
    return {t.text: (t.value, t.rule) for t in tag_times(text, doc_id="d", anchor=anchor)}


def test_stamps_are_the_days_nearest_the_page_date_not_the_week_before() -> None:
    values = _values(LIVE, TUE)
    assert values["5:16 a.m. Thursday"] == ("2011-02-03T05:16", STAMP_RULE)
    assert values["10:16 p.m. ET Wednesday"] == ("2011-02-02T22:16", STAMP_RULE)
    assert values["11:50 p.m. Wednesday"][0] == "2011-02-02T23:50"


def test_an_entry_is_told_from_its_stamp_day() -> None:
    values = _values(LIVE, TUE)
    assert values["early Thursday"][0] == "2011-02-03"
    assert values["Wednesday"][0] == "2011-02-02"
    assert values["Monday"][0] == "2011-01-31"


def test_one_stamp_shaped_time_is_no_live_page() -> None:
    text = "(5:16 a.m. Thursday) Gunfire was heard near the square, witnesses said."
    value, rule = _values(text, TUE)["5:16 a.m. Thursday"]
    assert (value, rule) == ("2011-01-27T05:16", "clock.weekday")


def test_a_clock_time_inside_a_sentence_is_no_stamp() -> None:
    text = ("The blast came at 10:35 a.m. Thursday, police said. A second blast came at 11:10 a.m. Thursday. "
            "A third came at 1:15 p.m. Thursday.")
    assert all(rule == "clock.weekday" for _, rule in _values(text, TUE).values())


def test_nearest_weekday_looks_both_ways() -> None:
    assert nearest_weekday(TUE, 4) == datetime.date(2011, 2, 3)  # Thursday after
    assert nearest_weekday(TUE, 7) == datetime.date(2011, 1, 30)  # Sunday before
    assert nearest_weekday(TUE, 2) == TUE


def test_report_day_is_the_latest_stamp() -> None:
    times = tuple(tag_times(LIVE, doc_id="d", anchor=TUE))
    page = Document(id="d", source="live.txt", text=LIVE, published="2011-02-01", times=times)
    assert report_day(page) == "2011-02-03"
    assert report_day(Document(id="e", source="e.txt", text="x", published="2011-02-01")) == "2011-02-01"


def test_a_weekday_a_time_zone_from_the_entry_day_is_that_day() -> None:
    sat = datetime.date(2011, 3, 19)
    text = ("Live updates. (10:45 p.m. Saturday, 11:45 a.m. Sunday) Aftershocks shook the coast. "
            "(9:05 p.m. Saturday, 10:05 a.m. Sunday) State radio reported early Sunday that a dam had failed. "
            "Rescuers said the village flooded Friday.")
    values = _values(text, sat)
    assert values["early Sunday"][0] == "2011-03-20"  # past tense, yet a day after the entry's Saturday
    assert values["Friday"][0] == "2011-03-18"
    assert values["10:45 p.m. Saturday"][0] == "2011-03-19T22:45"


def test_the_stamp_naming_a_place_dates_its_entry() -> None:
    text = ("(Update 1:10 a.m. Friday in Tripoli, 7:10 p.m. ET Thursday) Explosions were heard in the capital. "
            "(Update 12:40 a.m. Friday in Tripoli, 6:40 p.m. ET Thursday) Jets flew over the port.")
    times = tuple(tag_times(text, doc_id="d", anchor=datetime.date(2011, 3, 24)))
    page = Document(id="d", source="live.txt", text=text, published="2011-03-24", times=times)
    start = text.index("Explosions")
    assert event_date(page, start, text.index(".", start) + 1)[0] == "2011-03-25"
