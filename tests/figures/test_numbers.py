"""Number formats → values, and what is never a count."""

from __future__ import annotations

import pytest

from dateline.figures.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("two", 2), ("twenty-five", 25), ("two hundred", 200), ("a dozen", 12), ("302,000", 302_000),
        ("1.5 million", 1_500_000), ("30k", 30_000), ("dozens", 12), ("hundreds", 100), ("thousands", 1000),
        ("tens of thousands", 10_000), ("hundreds of thousands", 100_000), ("4,250", 4250),
    ],
)
def test_parse_number_formats(phrase, value):
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    "text",
    ["in 2015 the town fell", "about 40 percent of the district", "40% of homes", "a 9-year-old boy", "the 5th brigade",
     "on March 3", "3 March", "$400 million in aid", "at 6:30 in the morning"],
)
def test_find_numbers_skips_non_counts(text):
    assert find_numbers(text) == []


def test_find_numbers_offsets_and_vague_range():
    text = "Tens, perhaps hundreds of thousands of people are stranded; nearly 7,500 reached the border."
    found = find_numbers(text)
    assert [text[n.start : n.end] for n in found] == ["Tens, perhaps hundreds of thousands", "7,500"]
    assert [n.value for n in found] == [10_000, 7500]
