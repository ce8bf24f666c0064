"""Build documents from hand-written sentences through the language layer (needs the spaCy model)."""

from __future__ import annotations

import re

import pytest

from dateline.entities.stage import EntitiesStage
from dateline.model import Document
from dateline.nlp.stage import SpacyStage
from dateline.settings import Settings

PARAGRAPH = re.compile(r"[^\n]+")


@pytest.fixture(scope="session")
def make_document():
    settings = Settings()
    stages = [SpacyStage(settings), EntitiesStage(settings)]
    for stage in stages:
        stage.setup()

    def build(text: str, published: str | None = None) -> Document:
        paragraphs = tuple((m.start(), m.end()) for m in PARAGRAPH.finditer(text))
        docs = [Document(id="d-test", source="test", text=text, language="en", paragraphs=paragraphs, published=published)]
        for stage in stages:
            docs = stage(docs)
        return docs[0]

    return build
