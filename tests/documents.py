"""Documents built from hand-written sentences through the pipeline's own stages (needs the spaCy model)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dateline.model import Document
from dateline.settings import Settings

PARAGRAPH = re.compile(r"[^\n]+")


def document_builder(stage_types: Sequence[type], default_published: str | None) -> Callable[..., Document]:
    """A function text → Document run through ``stage_types`` (set up once), one paragraph per line."""
    settings = Settings()
    stages = [stage_type(settings) for stage_type in stage_types]
    for stage in stages:
        stage.setup()

    def build(text: str, published: str | None = default_published) -> Document:
        paragraphs = tuple((m.start(), m.end()) for m in PARAGRAPH.finditer(text))
        docs = [Document(id="d-test", source="test", text=text, language="en", paragraphs=paragraphs, published=published)]
        for stage in stages:
            docs = stage(docs)
        return docs[0]

    return build
