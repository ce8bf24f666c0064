from __future__ import annotations

import pytest

from dateline.ingest.metadata import date_from_url


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.example-news.co.uk/world/2018/apr/05/port-reopens", "2018-04-05"),
    ("https://example.org/news/2011/08/12/ceasefire-talks", "2011-08-12"),
    ("http://blog.example.net/2018/10/harvest-report.html", "2018-10"),
    ("https://example.org/2017-06-12-convoy-arrives", "2017-06-12"),
    ("https://example.org/2019/sept/03/story", "2019-09-03"),
    ("https://example.org/2018/13/40/story", None),  # no month 13
    ("https://example.org/story/20181005123", None),  # an id, not a date
    ("https://example.org/2019/mars/03/story", None),  # not an English month
    (None, None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected
