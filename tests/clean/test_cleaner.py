from __future__ import annotations

import pytest

from dateline.clean.cleaner import clean_body, split_paragraphs
from dateline.clean.metadata_lines import parse_byline, parse_dateline

from ..conftest import ARTICLE_ONE, ARTICLE_TWO


def _kinds(result):
    return [(r.kind, r.text[:25]) for r in result.removed]


def test_noise_is_removed_and_recorded():
    result = clean_body(ARTICLE_ONE)
    kinds = [r.kind for r in result.removed]
    assert result.title == "Rebels pushed back from Tal Hamra after dawn assault"
    assert kinds == ["title", "duplicate_headline", "caption", "related_link", "boilerplate"]
    assert "Getty" not in result.text and "READ MORE" not in result.text and "Share this" not in result.text
    assert "Col Haddad said four soldiers were killed" in result.text


def test_every_real_sentence_is_kept():
    result = clean_body(ARTICLE_ONE)
    for sentence in ("Government troops said on Tuesday", "We entered the village", "Aid workers from the International"):
        assert sentence in result.text


def test_metadata_prefix_becomes_published():
    result = clean_body(ARTICLE_TWO)
    assert result.published == "2017-06-20"
    assert result.text.startswith("Coalition aircraft struck")
    assert ("metadata_prefix", "date 2017-06-20") in _kinds(result)
    assert ("caption", "A man walks past a destro") in _kinds(result)
    assert result.title is None  # the first paragraph is a sentence, not a headline


def test_paragraph_offsets_point_into_text():
    result = clean_body(ARTICLE_ONE)
    for start, end in result.paragraphs:
        paragraph = result.text[start:end]
        assert paragraph and paragraph == paragraph.strip()


def test_icon_junk_player_and_dateline():
    body = ("icon closeicon shareicon mailicon twicon fbicon searchicon menu\n"
            "14 Jun, 2017 11:05\n\nTroops advance on the old city\n\n"
            "Troops advanced into the old city on Wednesday, officers said.\n\nPodcasts\n0:00\n31:07\n")
    result = clean_body(body)
    assert result.published == "2017-06-14"
    assert [r.kind for r in result.removed] == ["icon_junk", "dateline", "title", "player", "player", "player"]
    assert result.text == "Troops advanced into the old city on Wednesday, officers said."


def test_dateline_line_is_not_joined_with_the_junk_below_it():
    body = ("Convoy reaches the camp\nBy Samir Aziz\nPosted: 3 May 2018\nicon shareicon mailicon close\n\n"
            "A convoy of twelve lorries reached the camp on Thursday, aid workers said.\n")
    result = clean_body(body)
    assert result.published == "2018-05-03" and result.author == "Samir Aziz"
    assert [r.kind for r in result.removed] == ["title", "byline", "dateline", "icon_junk"]


def test_headline_is_not_joined_with_icon_junk_below_it():
    body = ("Strike on a market kills nine, medics say\nicon shareicon mailicon twicon close\n\n"
            "An air strike hit the crowded market on Friday morning, medics said.\n")
    result = clean_body(body)
    assert result.title == "Strike on a market kills nine, medics say"
    assert [r.kind for r in result.removed] == ["title", "icon_junk"]


def test_issued_by_header_line_gives_the_date():
    body = ("Flood situation report No. 4\n\nIssued by the Delta Relief Network, 9 March 2021\n\n"
            "Water levels fell in the southern districts on Monday, but 4,000 people remain in shelters.\n\n"
            "Teams reached three villages that had been cut off since the weekend.\n")
    result = clean_body(body)
    assert result.published == "2021-03-09"
    assert ("dateline", "Issued by the Delta Relief Network, 9 March 2021") in [(r.kind, r.text) for r in result.removed]


def test_date_in_a_body_sentence_is_not_a_header_date():
    body = ("Talks resume\n\nThe two sides met in Geneva, officials said on 9 March 2021.\n\n"
            "A second round is planned for April.\n")
    assert clean_body(body).published is None


@pytest.mark.parametrize(("first", "dateline"), [
    ("BEIRUT - An air strike hit a market in the north of the country on Friday, medics said.", "BEIRUT -"),
    ("AL-BAB, Syria, March 3 (Wire Agency) - Rebels shelled the town overnight, residents told reporters.",
     "AL-BAB, Syria, March 3 (Wire Agency) -"),
])
def test_wire_dateline_opening_the_body_is_metadata(first, dateline):
    result = clean_body(f"Strike hits market\n\n{first}\n\nA second paragraph follows with more detail.")
    assert ("dateline", dateline) in [(r.kind, r.text) for r in result.removed]
    assert result.text.startswith(first[len(dateline):].strip())


def test_capitalised_words_with_a_dash_inside_a_sentence_stay():
    body = "Talks stall\n\nThe UN envoy said the ceasefire - agreed in March - was holding.\n\nMore talks are due."
    assert "dateline" not in [r.kind for r in clean_body(body).removed]
    body = "Talks stall\n\nNATO - The alliance said nothing.\n\nMore talks are due."
    assert "dateline" not in [r.kind for r in clean_body(body).removed]  # too short to be a dateline + body


def test_unpunctuated_text_is_not_taken_for_captions():
    body = "\n".join(["the army entered the town and residents came out to greet the soldiers on the road"] * 4)
    result = clean_body(body.replace("\n", "\n\n"))
    # When the source has no punctuation at all, nothing is removed as a caption.
    assert not [r for r in result.removed if r.kind == "caption"]


def test_hard_wrapped_lines_are_joined():
    body = "The minister said the talks would\ncontinue next week in the capital.\n\nA second paragraph follows here."
    assert split_paragraphs(body) == [
        "The minister said the talks would continue next week in the capital.",
        "A second paragraph follows here.",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("31 Oct, 2016 16:20", "2016-10-31"), ("Published: Tuesday 4 April 2017 10:02 BST", "2017-04-04"),
     ("Updated June 2017", "2017-06"), ("The talks began on 17 October 2016.", None), ("Raqqa 2017", None)],
)
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


def test_parse_byline():
    assert parse_byline("By Lena Ortiz, Middle East correspondent") == "Lena Ortiz"
    assert parse_byline("by the time the convoy arrived it was dark") is None
