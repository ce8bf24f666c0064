"""Which sentences the events stage sends to the embedding classifier (fewer is cheaper; output must not change)."""

from __future__ import annotations

import dataclasses

import pytest

from dateline.events import stage as events_stage
from dateline.events.stage import EventsStage, _needs_embedding
from dateline.settings import Settings

WEAK_ONLY = "The war has lasted nine years."  # "war" (0.3) alone emits nothing, whatever its class
OPEN = "Gunmen attacked the village on Sunday."  # generic "attack" (0.5): the classifier may retype it


class FakeClassifier:
    """Records what it is asked to encode; every sentence reads like an air strike."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def predict(self, sentences):
        self.seen += sentences
        return [{"air_strike": 0.9, "attack": 0.1} for _ in sentences]


@pytest.fixture
def fake_stage():
    stage = EventsStage(Settings(event_embeddings=False))
    stage.setup()
    stage._classifier = FakeClassifier()
    return stage


def _sentence_candidates(document, lexicon):
    analysis = events_stage._analyse(document, lexicon)
    return [analysis.by_sentence.get(s, []) for s in range(len(document.sentences))]


def test_weak_trigger_alone_is_not_embedded(make_document, fake_stage):
    doc = make_document(WEAK_ONLY + "\n" + OPEN)
    weak, generic = _sentence_candidates(doc, fake_stage._lexicon)
    assert weak and not _needs_embedding(doc, weak)
    assert generic and _needs_embedding(doc, generic)
    fake_stage([doc])
    assert fake_stage._classifier.seen == [doc.text[slice(*doc.sentences[1])]]


def test_skipping_sentences_does_not_change_events(make_document, fake_stage, monkeypatch):
    doc = make_document(WEAK_ONLY + "\nA military operation began in the north.\n" + OPEN)
    selected = fake_stage([doc])[0].events
    skipped = list(fake_stage._classifier.seen)
    assert WEAK_ONLY not in skipped and OPEN in skipped
    monkeypatch.setattr(events_stage, "_needs_embedding", lambda document, candidates: True)
    everything = fake_stage([doc])[0].events
    assert WEAK_ONLY in fake_stage._classifier.seen[len(skipped):]
    assert selected == everything


def test_identical_sentences_are_encoded_once(make_document, fake_stage):
    doc = make_document(OPEN)
    copy = dataclasses.replace(doc, id="d-copy")
    out = fake_stage([doc, copy])
    assert len(fake_stage._classifier.seen) == 1
    assert [e.type for e in out[0].events] == [e.type for e in out[1].events]
