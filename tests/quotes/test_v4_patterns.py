"""v4 patterns: raising verbs without a source, "see X as Y", that-clauses of verbs outside the
lists, the clause after the cue when the parser gives two, lemmatizer repairs, one-line contents."""

from __future__ import annotations

from dateline.quotes import extract_attributions
from dateline.quotes.nominal import load_raising_verbs


def _found(document):
    return [(document.text[a.start : a.end], a.cue, a.speaker.name if a.speaker else None) for a in extract_attributions(document)]


def test_raising_lexicon_splits_active_and_passive():
    active, passive = load_raising_verbs()
    assert {"seem", "appear"} <= active
    assert {"expect", "believe"} <= passive
    assert "expect" not in active


def test_passive_expectation_has_no_source(make_document):
    doc = make_document("The new ferry is expected to enter service next spring.")
    found = _found(doc)
    assert any(c.startswith("The new ferry") and c.endswith("next spring") and speaker is None for c, _, speaker in found)


def test_active_expect_is_not_a_raising_cue(make_document):
    doc = make_document("The harbour master expects the ferry to be late.")
    assert not any(c.startswith("The harbour master") for c, _, _ in _found(doc))


def test_seem_with_infinitive(make_document):
    doc = make_document("The ceasefire seemed to hold through the night.")
    assert any(c.startswith("The ceasefire") and c.endswith("through the night") for c, _, _ in _found(doc))


def test_expletive_it_appears_that(make_document):
    doc = make_document("It appears that the convoy turned back at the checkpoint.")
    assert ("that the convoy turned back at the checkpoint", "appears", None) in _found(doc)


def test_see_as_is_a_cue_but_plain_see_is_not(make_document):
    cue = make_document("Most farmers see the new dam as a threat to their wells.")
    assert any("the new dam as a threat" in c for c, _, _ in _found(cue))
    plain = make_document("Most farmers saw the new dam on Tuesday.")
    assert not any("dam" in c for c, _, _ in _found(plain))


def test_that_clause_of_an_unlisted_verb(make_document):
    doc = make_document("Local officials fretted that the river would flood the lower town.")
    assert any(c == "that the river would flood the lower town" for c, _, _ in _found(doc))


def test_that_clause_of_expletive_subject_is_not_a_cue(make_document):
    doc = make_document("It happened that the river flooded the lower town.")
    assert not any(cue == "happened" for _, cue, _ in _found(doc))


def test_clause_after_the_cue_wins_over_one_before(make_document):
    doc = make_document("Aid workers stayed in the camp all winter: Nadia Farouk said they had run out of fuel by January.")
    found = _found(doc)
    said = [c for c, cue, _ in found if cue == "said"]
    assert said and all(c.startswith("they had run out of fuel") for c in said)


def test_cut_lemma_is_repaired(make_document):
    doc = make_document("The mayor is hoping that the bridge reopens before the festival.")
    assert any(c == "that the bridge reopens before the festival" for c, _, _ in _found(doc))


def test_content_stays_on_one_line(make_document):
    doc = make_document("Council Backs Harbour Plan\nThe council said on Monday the harbour plan would go ahead despite objections.")
    for content, _, _ in _found(doc):
        assert "\n" not in content
    assert any(c.startswith("the harbour plan would go ahead") for c, _, _ in _found(doc))


def test_speech_verb_object_is_the_content(make_document):
    doc = make_document("The militia claimed responsibility for the ambush on the convoy.")
    assert ("responsibility for the ambush on the convoy", "claimed", "The militia") in _found(doc)


def test_claimed_lives_is_not_a_claim(make_document):
    doc = make_document("The car bomb claimed the lives of twelve people near the market.")
    assert _found(doc) == []


def test_declared_caliphate_is_an_act_not_speech(make_document):
    doc = make_document("The group declared a caliphate in the region.")
    assert _found(doc) == []


def test_prepositional_response_cue(make_document):
    doc = make_document("The governor has not responded to the union's letter.")
    assert any(c == "the union's letter" and cue.startswith("has not responded") for c, cue, _ in _found(doc))
