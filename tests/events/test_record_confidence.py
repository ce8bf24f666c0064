"""The record-confidence model's reading of a trigger's clause."""

from __future__ import annotations

from dateline.events.record_confidence import clause_tense


def test_a_triggers_tense_is_its_own_clauses(make_document):
    def tense(text, word):
        doc = make_document(text)
        return clause_tense(doc.tokens, next(i for i, t in enumerate(doc.tokens) if doc.text[t.start:t.end] == word))
    assert tense("Police arrest forty marchers in the square.", "arrest") == "present"
    assert tense("The ruling party's office is ransacked.", "ransacked") == "present"
    assert tense("The opposition leader returns home to join the protests.", "protests") == "present"
    assert tense("Witnesses say police arrested forty marchers.", "arrested") == "past"
    assert tense("Rebels are advancing on the town.", "advancing") is None  # going on now, no chronicle's entry
    assert tense("Police have arrested forty marchers.", "arrested") is None
