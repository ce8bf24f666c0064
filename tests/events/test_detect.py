"""What the detector's encoder reads of a sentence (our own sentences)."""

from __future__ import annotations

import pytest

from dateline.events.detect import encoder_input
from dateline.events.stage import _analyse
from dateline.events.triggers import load_lexicon


@pytest.fixture(scope="module")
def read(make_document):
    lexicon = load_lexicon("en")

    def run(text: str) -> str:
        document = make_document(text)
        analysis = _analyse(document, lexicon)
        sent = max(analysis.by_sentence)
        return encoder_input(document, sent, analysis.ranges[sent], analysis.by_sentence[sent], analysis.children)

    return run


def test_purpose_clause_after_the_trigger_is_not_read(read) -> None:
    assert read("Thousands of farmers took to the streets of Lahore on Monday to demand higher prices for wheat.") == (
        "Thousands of farmers took to the streets of Lahore on Monday.")


def test_what_follows_the_purpose_clause_is_kept(read) -> None:
    text = "Hundreds of nurses took to the streets of Lagos on Tuesday to call for better pay, organisers said."
    assert read(text) == "Hundreds of nurses took to the streets of Lagos on Tuesday, organisers said."


def test_a_sentence_whose_only_trigger_is_the_purpose_is_read_whole(read) -> None:
    text = "The militants crossed the border at dawn to attack a police post."
    assert read(text) == text


def test_a_plan_is_read_whole(read) -> None:
    text = "The rebels vowed to attack the port within days."
    assert read(text) == text


def test_a_purpose_clause_that_tells_the_event_is_read(read) -> None:
    text = "Riot police fired tear gas in Dakar on Sunday to disperse hundreds of protesters."
    assert read(text) == text
