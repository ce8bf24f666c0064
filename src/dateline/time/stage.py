"""The time stage: infer a missing publication date, then tag and normalise temporal expressions."""

from __future__ import annotations

import dataclasses
import datetime
from typing import ClassVar

from dateline.model import FROM_INFERRED, Document
from dateline.stage import BaseStage
from dateline.time.pubdate import infer_publication_date
from dateline.time.tagger import tag_times, warm_up

INFERRED_FROM_TEXT = "inferred from the text"


def date_guessed_from_text(document: Document) -> bool:
    """The publication date is the time stage's guess from the dates the text names, coarser than a day (the
    latest year or month an article mentions is a bound on its date, not its date)."""
    return (document.published_from == FROM_INFERRED and len(document.published or "") < 10
            and any(INFERRED_FROM_TEXT in note for note in document.notes))


class TimeStage(BaseStage):
    """Fill ``Document.times`` (TIMEX3 values anchored to the publication date) and infer missing dates."""

    name: ClassVar[str] = "time.tag.v3"

    def setup(self) -> None:
        warm_up()

    def process(self, document: Document) -> Document:
        changes: dict[str, object] = {}
        published = document.published
        if not published:
            inferred = infer_publication_date(document.text)
            if inferred is not None:
                published, precision = inferred
                meta = dict(document.meta, published_precision=precision)
                note = f"publication date {published} {INFERRED_FROM_TEXT} ({precision} precision), not stated"
                changes.update(
                    published=published,
                    published_from=FROM_INFERRED,
                    meta=meta,
                    notes=(*document.notes, note),
                )
        times = tag_times(
            document.text,
            doc_id=document.id,
            anchor=anchor_date(published),
            anchor_year=int(published[:4]) if published and published[:4].isdigit() else None,
            tokens=document.tokens,
            sentences=document.sentences,
        )
        return dataclasses.replace(document, times=tuple(times), **changes)  # type: ignore[arg-type]


def anchor_date(published: str | None) -> datetime.date | None:
    """The anchor for relative expressions: the publication day; None when only a month or year is known."""
    if not published or len(published) < 10:
        return None
    try:
        return datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None
