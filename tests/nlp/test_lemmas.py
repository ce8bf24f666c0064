"""The lemmatizer's gaps repaired from its own tables (own sentences; needs the spaCy model)."""

from __future__ import annotations

import pytest

from dateline.nlp.lemmas import LemmaRepair


@pytest.fixture(scope="module")
def nlp():
    from dateline.nlp.models import load_spacy
    from dateline.settings import Settings

    return load_spacy(Settings().spacy_model)


def _lemmas(nlp, text: str) -> dict[str, str]:
    repair = LemmaRepair(nlp)
    return {t.text: repair.lemma(t) for t in nlp(text)}


def test_a_prefixed_irregular_past_gets_its_verbs_lemma(nlp):
    assert _lemmas(nlp, "Militiamen retook the bridge on Monday.")["retook"] == "retake"


def test_a_verb_of_its_own_is_not_split_into_a_prefix(nlp):
    assert _lemmas(nlp, "The guards never relent.")["relent"] == "relent"


def test_a_plural_common_noun_read_as_a_name_at_the_start_of_a_sentence(nlp):
    repair = LemmaRepair(nlp)
    doc = nlp("Fighting went on in the north.\n\nRebels captured the town on Tuesday.")
    rebels = next(t for t in doc if t.text == "Rebels")
    assert rebels.pos_ == "PROPN"  # the small tagger's misreading this repairs
    assert repair.lemma(rebels) == "rebel"
    named = nlp("Fighting went on.\n\nDunmore fell on Tuesday.")
    assert all(repair.lemma(t) == t.lemma_ for t in named if t.text == "Dunmore")  # a name keeps its lemma


def test_without_tables_nothing_changes():
    class Bare:
        pipe_names = ()

    class Word:
        text, lemma_, pos_, tag_, is_sent_start, ent_iob_ = "retook", "retook", "VERB", "VBD", False, "O"

    assert LemmaRepair(Bare()).lemma(Word()) == "retook"
