"""Documents (and what stages extracted from them) → flat rows for the store's tables."""

from __future__ import annotations

import json
from typing import Any

from dateline.model import Document, Removal, to_dict


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def document_rows(document: Document, *, pipeline: str) -> dict[str, list[dict[str, Any]]]:
    """All rows one document contributes, by table."""
    doc_row = {
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "author": document.author,
        "published": document.published,
        "published_from": document.published_from,
        "language": document.language,
        "text": document.text,
        "removed": _json([to_dict(r) for r in document.removed]),
        "status": document.status,
        "error": document.error,
        "notes": _json(list(document.notes)),
        "format": document.format,
        "paragraphs": _json([list(p) for p in document.paragraphs]),
        "sentences": _json([list(s) for s in document.sentences]),
        "pipeline": pipeline,
    }
    rows: dict[str, list[dict[str, Any]]] = {"documents": [doc_row]}
    rows["mentions"] = [
        {"doc": document.id, "start": m.start, "end": m.end, "text": m.text, "label": m.label,
         "canonical": m.canonical, "entity": m.entity or None}
        for m in document.mentions
    ]
    parents = document.meta.get("entity_parents", {})
    rows["entity_parents"] = [{"doc": document.id, "child": c, "parent": p} for c, p in sorted(parents.items())]
    rows["times"] = [to_dict(t) for t in document.times]
    rows["place_mentions"] = [to_dict(p) for p in document.places]
    rows["places"] = [{k: v for k, v in to_dict(p).items() if k != "mentions"} for p in document.place_records]
    rows["events"] = [_event_row(document.id, to_dict(e)) for e in document.events]
    rows["quotes"] = [to_dict(q) for q in document.quotes]
    rows["figures"] = [{**to_dict(f), "conflicts_with": _json(list(f.conflicts_with))} for f in document.figures]
    return rows


def _event_row(doc: str, event: dict[str, Any]) -> dict[str, Any]:
    row = dict(event, doc=doc)
    for key in ("actors", "targets", "place", "sources"):
        row[key] = _json(row.get(key))
    return row


def document_from_row(row: dict[str, Any]) -> Document:
    """A stored document back as a :class:`Document` with its cleaned text (to run later stages again)."""
    return Document(
        id=row["id"], source=row["source"], format=row.get("format") or "text", title=row.get("title"),
        outlet=row.get("outlet"), url=row.get("url"), author=row.get("author"), published=row.get("published"),
        published_from=row.get("published_from"), language=row.get("language") or "und", text=row.get("text") or "",
        removed=tuple(Removal(**r) for r in json.loads(row.get("removed") or "[]")), status=row["status"],
        error=row.get("error"), notes=tuple(json.loads(row.get("notes") or "[]")),
        paragraphs=tuple((int(a), int(b)) for a, b in json.loads(row.get("paragraphs") or "[]")),
    )
