"""Reader comments left in an article's text are found by their stamps; nothing is removed."""

from __future__ import annotations

from dateline.clean.comments import comments_start

ARTICLE = "Rebels took the hill town on Sunday, a spokesman said.\nThe fighting went on until dusk.\n"
COMMENTS = ("Ann\nMarch 8, 2011 at 6:40 pm | They should bomb the airfield.\n"
            "Bob\nMarch 8, 2011 at 7:02 pm | No, talks first.\n")


def test_the_comment_section_starts_at_its_first_stamp():
    text = ARTICLE + COMMENTS
    start = comments_start(text)
    assert start is not None and text[start:].startswith("March 8, 2011 at 6:40 pm |")


def test_one_stamp_is_not_a_comment_section():
    assert comments_start(ARTICLE + "Posted March 8, 2011 at 6:40 pm | updated later.\n") is None
    assert comments_start(ARTICLE) is None

