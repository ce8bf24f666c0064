"""Reported speech, "according to", and the short-name → full-name speaker."""

from __future__ import annotations

from dateline.quotes.stage import QuotesStage
from dateline.settings import Settings


def _quotes(document):
    return QuotesStage(Settings()).process(document).quotes


def test_indirect_resolves_short_name(make_document):
    doc = make_document("Sami Kareem is the governor of the province.\nMr Kareem said the militants had lost most of the old town.")
    (quote,) = [q for q in _quotes(doc) if q.kind == "indirect"]
    assert quote.speaker == "Sami Kareem"
    assert quote.text == "the militants had lost most of the old town"
    assert quote.cue == "said"


def test_according_to(make_document):
    doc = make_document("The bridge was destroyed overnight, according to local officials.")
    (quote,) = _quotes(doc)
    assert quote.cue == "according to" and quote.speaker == "local officials"
    assert quote.text == "The bridge was destroyed overnight"


def test_indirect_with_partial_quote_is_one_indirect(make_document):
    doc = make_document("Ms Okafor said the agency had delivered 'more food than ever before' to the camps.")
    quotes = _quotes(doc)
    assert [q.kind for q in quotes] == ["indirect"]
    assert "more food than ever before" in quotes[0].text


def test_indirect_then_direct_in_one_sentence(make_document):
    doc = make_document("Dina Haddad runs the clinic.\nShe said 40 patients had arrived and said: 'We cannot treat them all tonight.'")
    quotes = _quotes(doc)
    assert [q.kind for q in quotes] == ["indirect", "direct"]
    assert {q.speaker for q in quotes} == {"Dina Haddad"}
    assert quotes[0].text == "40 patients had arrived"
