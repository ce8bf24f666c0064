"""How long ago an unanchored "N units ago" says something happened."""

from __future__ import annotations

import pytest

from dateline.time.resolve_relative import days_ago


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("nine years ago", 9 * 365),
        ("two weeks ago", 14),
        ("about six months ago", 180),
        ("three days earlier", 3),
        ("five hours ago", None),  # a clock unit: the same day
        ("two years later", None),  # not in the past
        ("last week", None),  # no "ago" expression
    ],
)
def test_days_ago(text, days):
    assert days_ago(text) == days
