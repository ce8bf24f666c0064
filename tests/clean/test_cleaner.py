from __future__ import annotations

import pytest

from dateline.clean.cleaner import clean_body, split_paragraphs
from dateline.clean.metadata_lines import parse_byline, parse_dateline

from ..conftest import ARTICLE_ONE, ARTICLE_TWO


def _kinds(result):
    return [(r.kind, r.text[:25]) for r in result.removed]


# ARTICLE_ONE is short: its noise is over a fifth of its words. A longer telling of the same story is cleaned.
LONGER_ONE = ARTICLE_ONE.replace("Share this article", "\n\n".join([
    "Residents who stayed behind described two nights of shelling that left the main street without power, and "
    "said the bakery and the clinic had both been hit before the army arrived on the edge of the village.",
    "The army said engineers were clearing mines from the road to Raqqa so that families could return, but aid "
    "workers warned that many homes had been badly damaged and that the water network was not working.",
    "Share this article",
]))


def test_noise_is_removed_and_recorded():
    result = clean_body(LONGER_ONE)
    kinds = [r.kind for r in result.removed]
    assert result.title == "Rebels pushed back from Tal Hamra after dawn assault"
    assert kinds == ["title", "duplicate_headline", "caption", "related_link", "boilerplate"]
    assert "Getty" not in result.text and "READ MORE" not in result.text and "Share this" not in result.text
    assert "Col Haddad said four soldiers were killed" in result.text


def test_every_real_sentence_is_kept():
    result = clean_body(LONGER_ONE)
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
    assert ("header", "Issued by the Delta Relief Network, 9 March 2021") in [(r.kind, r.text) for r in result.removed]
    assert result.source == "Delta Relief Network"


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


def test_cleaning_that_would_take_a_fifth_of_the_words_keeps_them_with_a_note():
    result = clean_body(ARTICLE_ONE)  # gallery caption, teaser and share line: 28 of 135 words
    assert "3/14 A soldier checks" in result.text and "READ MORE" in result.text
    assert [r.kind for r in result.removed] == ["title", "duplicate_headline"]
    assert len(result.notes) == 1 and "more than 20%" in result.notes[0] and "caption" in result.notes[0]


def test_a_photo_gallery_is_removed_even_when_it_is_most_of_the_page():
    captions = [f"{n}/6 Villagers carry sacks of grain past the burned market in the hills north of the town AFP"
                for n in range(1, 7)]
    credited = "A convoy crosses the river bridge during the evacuation on 3 May (Reuters)"
    body = "\n\n".join(["Floods cut roads in the north", "Rain fell for a third day, officials said.", credited,
                         *captions])
    result = clean_body(body)
    assert "Villagers carry" not in result.text and "convoy crosses" not in result.text
    assert "Rain fell for a third day" in result.text and not result.notes


def test_unpunctuated_paragraphs_are_article_text_unless_beside_media():
    lines = [
        "Fighting resumes near the dam",
        "Rebels and government troops fought near the dam on Sunday, residents said.",
        "Both sides brought up reinforcements during the night according to local officials",  # no full stop
        "Video: Smoke rises over the dam as fighting resumes in the north",
        "0:00",
        "Displaced families wait at a checkpoint on the road north of the town",
        "Shelling continued into the evening, and the road to the north was closed to traffic by the army.",
        "The United Nations said it was ready to send aid as soon as the road reopened, and urged both sides to "
        "let civilians leave the area around the dam before the fighting spread to the villages nearby.",
        "Engineers at the dam said the turbines had been shut down as a precaution, and that water levels were "
        "being watched closely because the spillway gates could not be opened while the shelling went on.",
    ]
    result = clean_body("\n\n".join(lines))
    captions = [r.text for r in result.removed if r.kind == "caption"]
    assert captions == [lines[3], lines[5]]  # a media label; beside a player clock
    assert lines[2] in result.text


@pytest.mark.parametrize("row", ["| Raqqa | 12 killed | 3 May |", "| The army said the talks would resume on Monday |"])
def test_table_rows_are_article_text(row):
    rows = "\n\n".join([row] * 1 + ["| Tabqa | 4 killed | 5 May |", "| | |"])
    body = f"Casualties by town\n\nThe monitor gave these figures for the week, town by town.\n\n{rows}"
    result = clean_body(body)
    assert row in result.text and "| Tabqa | 4 killed | 5 May |" in result.text
    assert [(r.kind, r.text) for r in result.removed] == [("title", "Casualties by town"), ("separator", "| | |")]


def test_repeated_sentences_and_list_items_stay_repeated_labels_go():
    body = ("Markets reopen in the old town\n\nTraders reopened the market on Saturday.\n\nLarger text | Smaller text\n\n- Buy it here\n\n"
            "Prices fell sharply.\n\nLarger text | Smaller text\n\n- Buy it here\n\nTraders reopened the market on Saturday.\n\n"
            "Officials said the market would stay open every day of the week from now on, council officials said.")
    result = clean_body(body)
    assert [(r.kind, r.text) for r in result.removed] == [("title", "Markets reopen in the old town"), ("duplicate", "Larger text | Smaller text")]
    assert result.text.count("Traders reopened") == 2 and result.text.count("- Buy it here") == 2


def test_gallery_counter_needs_a_counter():
    body = ("Families remember\n\n9/11 families gathered at the memorial on Sunday morning\n\n"
            "They read the names of the dead, as they have every year since the attacks on the city.")
    assert "9/11 families" in clean_body(body).text


def test_headline_ending_in_a_quote_is_the_title():
    body = "Strike 'kills 21 waiting for boats'\n\n15 Jun, 2017 10:20\n\nAs many as 21 civilians were killed, a monitor said."
    result = clean_body(body)
    assert result.title == "Strike 'kills 21 waiting for boats'" and result.published == "2017-06-15"


@pytest.mark.parametrize("first", ["World News", "2008-01-14 03:50:02 -", "Protesters marched on the ministry."])
def test_labels_and_sentences_are_not_titles(first):
    body = f"{first}\n\nProtesters marched on the ministry on Monday, demanding the release of detainees."
    assert clean_body(body).title is None


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


def test_parse_dateline_reads_dotted_times_and_page_updated_lines():
    assert parse_dateline("Friday 12 August 2011 18.11 BST") == "2011-08-12"
    assert parse_dateline("06.01.2008 01:07") == "2008-01-06"
    assert parse_dateline("Page last updated at 14:04 GMT, Friday, 12 August 2011") == "2011-08-12"


def test_parse_byline_cases():
    assert parse_byline("By Mariam Haddad and Tom Reyes") == "Mariam Haddad and Tom Reyes"
    assert parse_byline("By OMAR FARIS, Associated Press Writer") == "Omar Faris"
    assert parse_byline("By Jon Whitby BBC News, Cairo") == "Jon Whitby"
    assert parse_byline("By Friday, most had left.") is None
