"""ACLED's event_date and time_precision from Dateline's date values (export/acled_dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.export.acled_dates import acled_date, first_and_last_day


@pytest.mark.parametrize(("value", "day", "precision"), [
    ("2018-11-05", "2018-11-05", 1),
    ("2018-11-05T06:30", "2018-11-05", 1),
    ("2018-W45", "2018-11-08", 2),  # Monday 5 to Sunday 11 November: the Thursday between
    ("2018-W45-WE", "2018-11-10", 2),
    ("2018-11", "2018-11-15", 3),
    ("2018-11-05/2018-11-07", "2018-11-06", 2),
    ("2018-11-05/2018-11-05", "2018-11-05", 1),
    ("2018-10-20/2018-11-19", "2018-11-04", 3),
    ("2018", "2018-07-02", 3),
])
def test_a_date_is_one_day_and_a_precision(value, day, precision):
    assert acled_date(value) == (dt.date.fromisoformat(day), precision)


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "2018-13", "2018-W60", "soon"])
def test_no_date_is_no_day(value):
    assert acled_date(value) == (None, None)


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2018-11-05", "2018-11-05", "2018-11-05"),
    ("2018-W45", "2018-11-05", "2018-11-11"),
    ("2018-12", "2018-12-01", "2018-12-31"),
    ("2018", "2018-01-01", "2018-12-31"),
    ("2018-11-05/2019-02", "2018-11-05", "2019-02-28"),
])
def test_the_days_a_value_covers(value, first, last):
    assert first_and_last_day(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
