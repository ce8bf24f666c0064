"""The extraction stage: turn each document's raw input into an article body plus metadata."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from dateline.ingest.metadata import normalize_date, outlet_from_url
from dateline.model import FROM_METADATA, STATUS_ERROR, Document
from dateline.stage import BaseStage


class ExtractStage(BaseStage):
    """HTML → article body and metadata (trafilatura, see ``ingest.html``); text passes through."""

    name: ClassVar[str] = "ingest.extract.v2"

    def process(self, document: Document) -> Document:
        if document.format != "html":
            return dataclasses.replace(document, meta={**document.meta, "body": document.raw})
        from dateline.ingest.html import ExtractionError, extract_html

        try:
            article = extract_html(document.raw, url=document.url)
        except ExtractionError as exc:
            return dataclasses.replace(document, status=STATUS_ERROR, error=str(exc))
        published = document.published or normalize_date(article.published)
        url = document.url or article.url
        return dataclasses.replace(
            document,
            title=document.title or article.title,
            url=url,
            outlet=document.outlet or article.site_name or outlet_from_url(url),
            author=document.author or article.author,
            published=published,
            published_from=document.published_from or (FROM_METADATA if published else None),
            meta={**document.meta, "body": article.text, "html_language": article.language},
        )
