"""Direct quotes: marks, apostrophes, speakers before/after, split and multi-paragraph quotes."""

from __future__ import annotations

import pytest

from dateline.quotes import extract_attributions
from dateline.quotes.direct import find_marked
from dateline.quotes.stage import QuotesStage
from dateline.settings import Settings


def _quotes(document):
    return QuotesStage(Settings()).process(document).quotes


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said: 'The rebels aren't leaving, and the town's mayor knows it.'", ["The rebels aren't leaving, and the town's mayor knows it."]),
        ("'The fighters' weapons were old,' she said.", ["The fighters' weapons were old,"]),
        ("Hamas’ leader spoke. ‘We will stay here,’ he said.", ["We will stay here,"]),
        ("“The road is open,” the colonel said.", ["The road is open,"]),
        ('"The road is open," the colonel said.', ["The road is open,"]),
    ],
)
def test_find_marked_apostrophes_are_not_marks(text, expected):
    found = [text[m.start : m.end] for m in find_marked(text, ((0, len(text)),))]
    assert found == expected


def test_quote_speaker_after_with_inverted_said(make_document):
    doc = make_document("'We have pushed them out of the valley,' said Colonel Rami Haddad, a spokesman for the army.")
    (quote,) = _quotes(doc)
    assert quote.text == "We have pushed them out of the valley,"
    assert quote.speaker == "Rami Haddad" and quote.cue == "said" and quote.kind == "direct"
    assert doc.text[quote.start : quote.end] == quote.text


def test_quote_speaker_before_with_colon(make_document):
    doc = make_document("The UN envoy, Ingrid Solberg, said: 'The talks will resume next month in Geneva.'")
    (quote,) = _quotes(doc)
    assert quote.speaker == "Ingrid Solberg"
    assert quote.text == "The talks will resume next month in Geneva."


def test_quote_role_is_kept(make_document):
    doc = make_document("“The bridge is down,” General Karim Saadi of the Northern Command said.")
    (attribution,) = extract_attributions(doc)
    assert attribution.speaker.name.endswith("Karim Saadi")
    assert "Northern Command" in attribution.speaker.role


def test_split_quote_keeps_one_speaker(make_document):
    doc = make_document("'The convoy left at dawn,' Amal Nasser said. 'It reached the camp before noon.'")
    quotes = _quotes(doc)
    assert [q.text for q in quotes] == ["The convoy left at dawn,", "It reached the camp before noon."]
    assert {q.speaker for q in quotes} == {"Amal Nasser"}


def test_pronoun_resolves_to_previous_person(make_document):
    doc = make_document("Colonel Rami Haddad visited the front on Monday.\n'The army will hold this line,' he said.")
    (quote,) = _quotes(doc)
    assert quote.speaker == "Rami Haddad"


def test_quote_paragraph_after_introducing_sentence(make_document):
    doc = make_document("Major Lina Farouk, who leads the convoy, agreed with the assessment.\n\"This is the hardest road we have driven. Nobody is safe here.\"")
    (quote,) = [q for q in _quotes(doc) if q.kind == "direct"]  # "agreed with the assessment" is an indirect one
    assert quote.speaker == "Lina Farouk"
    assert quote.text.startswith("This is the hardest road")


def test_multi_paragraph_quote_inherits_speaker(make_document):
    doc = make_document("'We stayed for three days,' said Yusuf Karimi.\n'Then the shelling started again and we ran.'")
    quotes = _quotes(doc)
    assert len(quotes) == 2 and {q.speaker for q in quotes} == {"Yusuf Karimi"}


def test_dash_attribution(make_document):
    doc = make_document("“The water ran out on the second day.” ― Maria Lopez")
    (quote,) = _quotes(doc)
    assert quote.speaker == "Maria Lopez"


def test_scare_quotes_are_not_quotes(make_document):
    doc = make_document("The group declared a so-called 'caliphate' in the region.")
    assert _quotes(doc) == ()


def test_no_quote_is_taken_from_reader_comments(make_document):
    article = "'We have pushed them out of the valley,' said Colonel Rami Haddad, a spokesman for the army.\n"
    comments = ("Ann\nMarch 8, 2011 at 6:40 pm | 'They are lying,' said my neighbour.\n"
                "Bob\nMarch 8, 2011 at 7:02 pm | 'Peace now,' said the mayor.\n")
    quotes = _quotes(make_document(article + comments))
    assert [q.speaker for q in quotes] == ["Rami Haddad"]
