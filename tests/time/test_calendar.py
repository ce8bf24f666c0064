from dateline.time.calendar import day_span


def test_day_spans_cover_days_weeks_months_and_ranges():
    assert day_span("2011-01-28") == (day_span("2011-01-28")[0],) * 2
    first, last = day_span("2011-W04")
    assert last - first == 6
    assert day_span("2011-02/2011-03")[1] - day_span("2011-02/2011-03")[0] == 58
    assert day_span("not a date") is None


def test_a_range_that_ends_before_it_starts_is_no_span():
    assert day_span("2011-03/2011-02") is None


def test_a_weekend_covers_two_days():
    first, last = day_span("2011-W14-WE")
    assert (first, last) == (day_span("2011-04-09")[0], day_span("2011-04-10")[0])
