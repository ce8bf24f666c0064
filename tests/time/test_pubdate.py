"""Publication-date inference (returned as an estimate with its precision)."""

from __future__ import annotations

import datetime

from dateline.time import infer_publication_date


def test_latest_reported_day() -> None:
    text = (
        "The offensive began on March 2, 2017. By March 28, 2017, government forces had reached the old city, "
        "and on April 5, 2017 they raised a flag over the citadel."
    )
    assert infer_publication_date(text) == ("2017-04-05", "day")


def test_future_dates_do_not_count() -> None:
    text = "The town was retaken on March 28, 2017. Elections will be held on June 11, 2017."
    assert infer_publication_date(text) == ("2017-03-28", "day")


def test_month_and_year_precision() -> None:
    assert infer_publication_date("Since January 2016 the camp has grown, officials said.") == (
        "2016-01",
        "month",
    )
    assert infer_publication_date("The bridge, built in 1961, was destroyed in 2014.") == ("2014", "year")


def test_nothing_to_go_on() -> None:
    assert infer_publication_date("Shelling continued on Monday, residents said.") is None


def test_context_dates_hook() -> None:
    siblings = [datetime.date(2017, 4, 5), datetime.date(2017, 4, 6), datetime.date(2017, 4, 7)]
    # a historical date far from the story's other documents is ignored; the siblings stand in
    assert infer_publication_date("The dam was built on May 4, 1980.", context_dates=siblings) == (
        "2017-04",
        "month",
    )
    assert infer_publication_date("Talks stalled on April 3, 2017.", context_dates=siblings) == (
        "2017-04-03",
        "day",
    )


def test_a_precise_day_that_ends_before_a_later_year_is_history():
    # a retrospective names one day in full and later years only: it was written in the latest year, at the earliest
    text = "On May 4, 1986, the dam burst above the valley. The inquiry reported in 1990. The last survivor died in 1994."
    assert infer_publication_date(text) == ("1994", "year")
    # a year that holds the day adds nothing: the day stands
    assert infer_publication_date("The dam burst on May 4, 1986. Repairs lasted through 1986.") == ("1986-05-04", "day")
