"""The cleaning stage: remove scraping noise from the body and lift metadata into fields."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from dateline.clean.cleaner import clean_body
from dateline.clean.lexicon import noise_lexicon
from dateline.model import FROM_TEXT, STATUS_SKIPPED, Document
from dateline.stage import BaseStage


class CleanStage(BaseStage):
    name: ClassVar[str] = "clean.noise.v1"

    def setup(self) -> None:
        noise_lexicon()

    def process(self, document: Document) -> Document:
        body = document.meta.get("body", document.raw)
        result = clean_body(body, title=document.title)
        meta = {k: v for k, v in document.meta.items() if k != "body"}
        published, published_from = document.published, document.published_from
        if published is None and result.published is not None:
            published, published_from = result.published, FROM_TEXT
        cleaned = dataclasses.replace(
            document,
            text=result.text,
            paragraphs=result.paragraphs,
            removed=result.removed,
            title=result.title,
            author=document.author or result.author,
            published=published,
            published_from=published_from,
            meta=meta,
        )
        if not result.text.strip():
            return dataclasses.replace(cleaned, status=STATUS_SKIPPED, error="no article text left after cleaning")
        return cleaned
