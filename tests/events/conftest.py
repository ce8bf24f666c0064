"""Documents built from hand-written sentences through the language layer (needs the spaCy model)."""

from __future__ import annotations

import pytest

from dateline.entities.stage import EntitiesStage
from dateline.events.stage import EventsStage
from dateline.geo.stage import GeoStage
from dateline.nlp.stage import SpacyStage
from dateline.settings import Settings
from dateline.time.stage import TimeStage
from tests.documents import document_builder


@pytest.fixture(scope="module")
def make_document():
    return document_builder([SpacyStage, EntitiesStage, TimeStage], "2019-03-02")


@pytest.fixture(scope="module")
def make_placed_document():
    """Like ``make_document``, with places resolved by the embedded gazetteer (as ``dateline run`` does)."""
    return document_builder([SpacyStage, EntitiesStage, TimeStage, GeoStage], "2019-03-02")


@pytest.fixture(scope="module")
def placed_events_of(make_placed_document, rules_stage):
    def run(text: str, published: str | None = "2019-03-02"):
        return rules_stage([make_placed_document(text, published)])[0].events

    return run


@pytest.fixture(scope="module")
def rules_stage():
    """The events stage without the embedding model (the detector's rule-feature heads, as without torch)."""
    stage = EventsStage(Settings(event_embeddings=False))
    stage.setup()
    return stage


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def events_of(make_document, rules_stage):
    def run(text: str, published: str | None = "2019-03-02"):
        return rules_stage([make_document(text, published)])[0].events

    return run
