"""Publication dates from the story: a document with no stated date is re-estimated against the dates of
the dated documents of its story (the hook ``dateline.time.infer_publication_date`` leaves open).

A text-only estimate can only use the dates an article mentions, and history dominates many of them
("seized the city in 2014"). Once the article is placed in a story whose other reports carry real dates,
mentioned dates far from those are history, and the story's dates stand in when nothing finer is left.
The result is still an estimate: ``published_from`` stays ``inferred`` and a note says where it came from.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from dateline.model import FROM_INFERRED, FROM_METADATA, FROM_TEXT
from dateline.store.duckdb_store import Store
from dateline.time.pubdate import infer_publication_date
from dateline.time.stage import anchor_date

STATED = (FROM_METADATA, FROM_TEXT)


@dataclass(frozen=True, slots=True)
class DateEstimate:
    doc: str
    value: str
    precision: str
    context: tuple[str, str]  # first and last stated date of the story's other documents


def story_date_estimates(store: Store) -> list[DateEstimate]:
    """New estimates for undated or inferred documents whose story has dated documents (only those that change)."""
    rows = store.con.execute(
        "SELECT d.id, d.text, d.published, d.published_from, sd.story FROM documents d "
        "JOIN story_documents sd ON sd.doc = d.id WHERE d.status = 'ok' ORDER BY d.id"
    ).fetchall()
    stated: dict[str, list[datetime.date]] = defaultdict(list)
    for _, _, published, source, story in rows:
        day = anchor_date(published)  # the stated publication day, None when only a month or year
        if source in STATED and day is not None:
            stated[story].append(day)
    estimates = []
    for doc, text, published, source, story in rows:
        if source in STATED or not stated.get(story):
            continue
        context = stated[story]
        found = infer_publication_date(text or "", context_dates=context)
        if found is None or (found[0] == published and source == FROM_INFERRED):
            continue
        estimates.append(DateEstimate(doc, found[0], found[1], (min(context).isoformat(), max(context).isoformat())))
    return estimates

