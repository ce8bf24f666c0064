"""Event dates: governing expression, nearest preceding in the paragraph, document date."""

from __future__ import annotations

import datetime

import pytest

from dateline.model import Document, Token
from dateline.time import event_date, tag_times

TEXT = (
    "Rebels shelled the port on Tuesday. Three ships were damaged.\n\n"
    "Engineers repaired the cranes.\n\n"
    "On March 3 the militia seized the dam, and on Friday it was retaken."
)


def _document(text: str = TEXT, tokens: tuple[Token, ...] = ()) -> Document:
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((start, start + len(block)))
        start += len(block) + 2
    times = tag_times(text, doc_id="d", anchor=datetime.date(2017, 4, 6), tokens=tokens)
    return Document(
        id="d",
        source="t",
        text=text,
        published="2017-04-06",
        paragraphs=tuple(paragraphs),
        times=tuple(times),
    )


def test_expression_in_sentence() -> None:
    end = TEXT.index(".") + 1
    assert event_date(_document(), 0, end) == ("2017-04-04", "day")


def test_nearest_preceding_in_paragraph() -> None:
    start = TEXT.index("Three")
    assert event_date(_document(), start, TEXT.index("\n\n")) == ("2017-04-04", "day")


def test_document_date_fallback() -> None:
    start = TEXT.index("Engineers")
    assert event_date(_document(), start, start + len("Engineers repaired the cranes.")) == (
        "2017-04-06",
        "day",
    )


def test_governing_expression_from_tokens() -> None:
    text = "On Friday the dam that fell on March 3 was retaken."
    spans = [
        (0, 2),
        (3, 9),
        (10, 13),
        (14, 17),
        (18, 22),
        (23, 27),
        (28, 30),
        (31, 36),
        (37, 38),
        (39, 42),
        (43, 50),
        (50, 51),
    ]
    heads = [10, 0, 3, 10, 5, 3, 5, 6, 7, 10, 10, 10]  # "retaken" (10) is the root; "On Friday" hangs on it
    words = ["on", "friday", "the", "dam", "that", "fall", "on", "march", "3", "be", "retake", "."]
    tags = ["IN", "NNP", "DT", "NN", "WDT", "VBD", "IN", "NNP", "CD", "VBD", "VBN", "."]
    tokens = tuple(
        Token(
            s, e, lemma, "VERB" if tag.startswith("VB") else "X", tag, "ROOT" if i == 10 else "dep", head, 0
        )
        for i, ((s, e), lemma, tag, head) in enumerate(zip(spans, words, tags, heads, strict=True))
    )
    document = _document(text, tokens)
    assert event_date(document, 0, len(text)) == ("2017-03-31", "day")
    assert event_date(_document(text), 0, len(text))[0] == "2017-03-31"  # no tokens: the first expression


def test_no_date_at_all() -> None:
    document = Document(id="d", source="t", text="Nothing dated.", published=None)
    assert event_date(document, 0, 14) == (None, None)



def _parsed(text: str, published: str) -> Document:
    """Through the language layer and the time stage (needs the spaCy model)."""
    from dateline.nlp.stage import SpacyStage
    from dateline.settings import Settings
    from dateline.time.stage import TimeStage

    docs = [Document(id="d", source="t", text=text, language="en", published=published, paragraphs=((0, len(text)),))]
    for stage in (SpacyStage(Settings()), TimeStage(Settings())):
        stage.setup()
        docs = stage(docs)
    return docs[0]


def test_since_clause_gives_the_main_event_a_range():
    text = "At least 40 people have been killed in the valley since the siege began on 3 May."
    document = _parsed(text, "2021-05-20")
    began, killed = text.index("began"), text.index("killed")
    assert event_date(document, 0, len(text), at=began) == ("2021-05-03", "day")
    assert event_date(document, 0, len(text), at=killed) == ("2021-05-03/2021-05-20", "range")
    assert event_date(document, 0, len(text)) == ("2021-05-03", "day")  # no trigger given: as before


@pytest.mark.parametrize(
    ("text", "published", "trigger", "expected"),
    [
        # "the first time since 1998 that ..." compares with 1998: the day is the clause's own, else the report's
        ("Soldiers marched into the square on Monday, the first time since 1998 that troops were deployed there.",
         "2019-03-06", "marched", ("2019-03-04", "day")),
        ("Soldiers marched into the square, the first time since 1998 that troops were deployed there.",
         "2019-03-06", "marched", ("2019-03-06", "day")),
        # a phrase the parser hangs on a conjunct verb still scopes the event; one in a describing clause does not
        ("At least 40 people have been killed in air strikes, shelling and clashes around the valley since the siege "
         "began on 3 May.", "2021-05-20", "strikes", ("2021-05-03/2021-05-20", "range")),
        ("Rebels attacked the fort on Monday, which the army has held since 3 May.", "2021-05-20", "attacked",
         ("2021-05-17", "day")),
    ],
)
def test_a_since_phrase_dates_only_the_events_it_scopes(text, published, trigger, expected):
    document = _parsed(text, published)
    assert event_date(document, 0, len(text), at=text.index(trigger)) == expected


def test_a_since_phrase_is_never_lent_to_the_next_sentence():
    text = "The mayor has run the city since taking office in 2002. Gunmen stormed the council building."
    document = _parsed(text, "2019-03-06")
    start = text.index("Gunmen")
    assert event_date(document, start, len(text), at=text.index("stormed")) == ("2019-03-06", "day")


def test_the_weekend_is_its_saturday_and_sunday():
    text = "Militia fighters took the hill over the weekend."
    document = _document(text)  # published Thursday 2017-04-06: the weekend before is 1-2 April
    assert event_date(document, 0, len(text)) == ("2017-04-01/2017-04-02", "range")


def test_borrowed_date_reaches_two_sentences_back() -> None:
    """Scraped text often has no paragraph breaks: an undated sentence takes the date of at most the two
    sentences before it, not a year mentioned anywhere above."""
    text = ("The town was first besieged in 1994. Many families fled north. Wells ran dry. "
            "Militants attacked the market. The council met.")
    sentences, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if not part.endswith(".") else 0)
        sentences.append((start, min(end, len(text))))
        start = end + 1
    doc = Document(id="d", source="t", text=text, published="2017-04-06", paragraphs=((0, len(text)),),
                   sentences=tuple(sentences),
                   times=tuple(tag_times(text, doc_id="d", anchor=datetime.date(2017, 4, 6))))
    flee, attack = sentences[1], sentences[3]
    assert event_date(doc, *flee) == ("1994", "year")
    assert event_date(doc, *attack) == ("2017-04-06", "day")


def test_a_day_inside_the_sentences_week_is_the_events_day():
    text = "One week ago, hundreds of dock workers came out of Friday prayers, filled the streets of Dunmore and sang."
    document = _parsed(text, "2021-05-20")  # a Thursday: a week ago is 10-16 May, its Friday the 14th
    assert event_date(document, 0, len(text)) == ("2021-05-14", "day")
    other = "Last month, the dock workers marched again in Dunmore, and again on 2 June."  # not inside May: kept
    assert event_date(_parsed(other, "2021-06-20"), 0, len(other)) == ("2021-05", "month")


def test_a_day_inside_what_someone_said_is_not_the_triggers_day() -> None:
    from dateline.nlp.stage import SpacyStage
    from dateline.time import TimeStage
    from tests.documents import document_builder

    make = document_builder([SpacyStage, TimeStage], "2019-03-08")
    text = "Border guards have detained a trader, saying he smuggled rifles across the river two weeks ago."
    document = make(text)
    at = text.index("detained")
    assert event_date(document, 0, len(text), at=at) == ("2019-03-08", "day")
    told = "Border guards detained a trader at the crossing, an official said on Thursday."
    assert event_date(make(told), 0, len(told), at=told.index("detained")) == ("2019-03-07", "day")  # the saying's


def test_the_clauses_own_day_wins_over_the_day_of_the_saying() -> None:
    from dateline.nlp.stage import SpacyStage
    from dateline.time import TimeStage
    from tests.documents import document_builder

    make = document_builder([SpacyStage, TimeStage], "2019-03-09")  # a Saturday
    for text in ("Militiamen burned the customs post on Wednesday, a border official told reporters on Friday.",
                 "A border official told reporters on Friday that militiamen burned the customs post on Wednesday."):
        at = text.index("burned")
        assert event_date(make(text), 0, len(text), at=at) == ("2019-03-06", "day"), text


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the clause counted from the main one happened that many days before ("after") or after ("before") it
        ("Farmers recaptured the grain silo on Thursday, two days after bandits overran it.", "overran", ("2019-03-05", "day")),
        ("Farmers recaptured the grain silo on Thursday, two days after bandits overran it.", "recaptured", ("2019-03-07", "day")),
        ("The march came a day after gunmen ambushed a bus outside the port.", "ambushed", ("2019-03-08", "day")),
        ("Guards sealed the crossing on Monday, a week before smugglers torched the depot.", "torched",
         ("2019-03-11", "day")),
        # counted from a saying, the day is the saying's: the incident said of is undated
        ("The raid on Thursday came a day after the ministry admitted an errant strike on a school.", "strike",
         ("2019-03-07", "day")),
        # a clause with a day of its own keeps it
        ("Farmers recaptured the grain silo on Thursday, two days after bandits overran it on Monday.", "overran",
         ("2019-03-04", "day")),
    ],
)
def test_a_clause_counted_from_the_main_one_is_dated_from_its_day(text, trigger, expected) -> None:
    from dateline.nlp.stage import SpacyStage
    from dateline.time import TimeStage
    from tests.documents import document_builder

    make = document_builder([SpacyStage, TimeStage], "2019-03-09")  # a Saturday
    assert event_date(make(text), 0, len(text), at=text.index(trigger)) == expected, text
