"""The cleaning stage: remove scraping noise from the body and lift metadata into fields."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from dateline.clean.cleaner import CleanResult, clean_body
from dateline.clean.lexicon import noise_lexicon
from dateline.clean.wire import agency_tags
from dateline.ingest.metadata import date_from_url, outlet_from_url
from dateline.model import FROM_TEXT, FROM_URL, STATUS_SKIPPED, Document
from dateline.stage import BaseStage


class CleanStage(BaseStage):
    """Clean the body; fill title, author, published (metadata first, then the text's header, then the URL)
    and outlet (metadata, URL domain, then the dateline's agency or a source line) where they are missing.

    Where the story was filed and by which agency go to ``notes`` as ``"dateline: TRIPOLI, Libya"`` and
    ``"agency: Reuters"``; the removed header itself is in ``removed`` (kind ``dateline``/``header``/``source``).
    """

    name: ClassVar[str] = "clean.noise.v2"

    def setup(self) -> None:
        noise_lexicon()
        agency_tags()

    def process(self, document: Document) -> Document:
        body = document.meta.get("body", document.raw)
        result = clean_body(body, title=document.title)
        meta = {k: v for k, v in document.meta.items() if k != "body"}
        published, published_from = document.published, document.published_from
        if published is None and result.published is not None:
            published, published_from = result.published, FROM_TEXT
        if published is None and (from_url := date_from_url(document.url)) is not None:
            published, published_from = from_url, FROM_URL
        cleaned = dataclasses.replace(
            document,
            text=result.text,
            paragraphs=result.paragraphs,
            removed=result.removed,
            title=result.title,
            author=document.author or result.author,
            outlet=document.outlet or outlet_from_url(document.url) or result.source or result.agency,
            published=published,
            published_from=published_from,
            notes=(*document.notes, *_header_notes(result), *result.notes),
            meta=meta,
        )
        if not result.text.strip():
            return dataclasses.replace(cleaned, status=STATUS_SKIPPED, error="no article text left after cleaning")
        return cleaned


def _header_notes(result: CleanResult) -> tuple[str, ...]:
    notes = []
    if result.place:
        notes.append(f"dateline: {result.place}")
    if result.agency:
        notes.append(f"agency: {result.agency}")
    if result.source:
        notes.append(f"source: {result.source}")
    return tuple(notes)
