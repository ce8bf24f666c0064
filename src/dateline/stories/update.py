"""The corpus-level stories step: place new documents, merge events, flag conflicts, build timelines.

``update_stories`` runs after every batch run (after entity relinking). It reads only the store and writes
only the store: new documents get a story (earlier assignments are kept), then the derived tables
(stories, merged_events, conflicts, timeline, story_summaries, ``events.story`` and
``figures.conflicts_with``) are rewritten from the assignments.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from dateline.settings import Settings
from dateline.store.duckdb_store import Store
from dateline.stories import load
from dateline.stories.cluster import place_documents
from dateline.stories.conflicts import FigureRow, fatality_conflicts, figure_conflicts
from dateline.stories.features import cosine, embeddings_available, term_counts, words
from dateline.stories.geocheck import PlacedMention, RiverIndex, check_document, default_rivers
from dateline.stories.merge import EventRow, merge_events
from dateline.stories.summary import render_markdown, summarise_story
from dateline.stories.timeline import event_timeline, sentence_timeline

log = logging.getLogger(__name__)

SUMMARY_LEAD = 8  # sentences per document considered for the summary
MAX_FALLBACK_DATES = 15
TITLE_WORDS = 14
_GEO_HINT = re.compile(r"\b(?:rivers?|banks?|side of|straddl\w*|astride|on the|along the|beside the|km|kilomet\w*|miles?)\b",
                       re.IGNORECASE)


def update_stories(store: Store, settings: Settings, *, rivers: RiverIndex | None = None) -> dict[str, int]:
    """Assign new documents to stories and rebuild every story table; return row counts."""
    started = time.perf_counter()
    featured = load.compute_missing_features(store)
    placed = assign_documents(store)
    docs = load.load_documents(store)
    merged = _merge(store)
    conflicts = _conflicts(store, merged)
    conflicts += _geography(store, docs, rivers if rivers is not None else default_rivers(settings.gazetteer))
    stories = _stories(docs, merged)
    timeline, summaries = _timelines_and_summaries(store, docs, stories, merged)
    store.con.execute("BEGIN TRANSACTION")
    try:
        load.write_rows(store, "stories", stories, replace=True)
        load.write_rows(store, "merged_events", merged, replace=True)
        load.write_rows(store, "conflicts", conflicts, replace=True)
        load.write_rows(store, "timeline", timeline, replace=True)
        load.write_rows(store, "story_summaries", summaries, replace=True)
        store.con.execute("UPDATE events SET story = sd.story FROM story_documents sd WHERE events.doc = sd.doc")
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    log.info("stories updated in %.1f s", time.perf_counter() - started)
    return {"features": featured, "placed": placed, "stories": len(stories), "merged_events": len(merged),
            "conflicts": len(conflicts), "timeline": len(timeline), "summary_sentences": len(summaries)}


def assign_documents(store: Store) -> int:
    """Place documents that have no story yet; return how many were placed."""
    existing = load.load_assignments(store)
    corpus = load.load_features(store)
    if len(existing) >= len(corpus) and all(f.doc in existing for f in corpus):
        return 0
    batch = store.con.execute("SELECT coalesce(max(batch), 0) + 1 FROM story_documents").fetchall()[0][0]
    placements = place_documents(corpus, existing, use_embeddings=embeddings_available())
    rows = [{"doc": p.doc, "story": p.story, "duplicate_of": p.duplicate_of, "score": p.score, "batch": batch}
            for p in placements]
    load.write_rows(store, "story_documents", rows, replace=False)
    return len(rows)


def _merge(store: Store) -> list[dict[str, Any]]:
    rows, _ = merge_events(event_rows(load.load_events(store)))
    return rows


def event_rows(records: Iterable[dict[str, Any]]) -> list[EventRow]:
    """Stored event mentions (as :func:`load.load_events` gives them) as what merging takes."""
    return [EventRow(
        id=r["id"], doc=r["doc"], story=r["story_id"], type=r["type"] or "", trigger=r["trigger"] or "",
        date=r["date"], date_precision=r["date_precision"], place=r["place"], actors=r["actors"] or [],
        targets=r["targets"] or [], fatalities=r["fatalities"], sources=r["sources"] or [], mode=r["mode"],
        acled=r["acled"], modality=r["modality"] or "asserted", summary=r["summary"] or "",
        published=r["published"], outlet=r["outlet"], original=r["original"], confidence=r.get("confidence") or 0.0,
        reportable=bool(r.get("reportable")), background=bool(r.get("background")), admin1=r.get("admin1"),
        country=r.get("country")) for r in records]


def _conflicts(store: Store, merged: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    figures = [FigureRow(r["id"], r["doc"], r["start"], r["end"], r["value"], r["unit_or_what"] or "", r["as_of"],
                         r["published"], r["story"], r["original"]) for r in load.load_figures(store)]
    rows, links = figure_conflicts(figures)
    table = pa.table({"id": [f.id for f in figures],
                      "conflicts_with": [_json_list(links.get(f.id, [])) for f in figures]})
    store.con.register("_links", table)
    try:
        store.con.execute("UPDATE figures SET conflicts_with = l.conflicts_with FROM _links l WHERE figures.id = l.id")
    finally:
        store.con.unregister("_links")
    return rows + fatality_conflicts(merged)


def _json_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def _geography(store: Store, docs: Mapping[str, Mapping[str, Any]], rivers: RiverIndex | None) -> list[dict[str, Any]]:
    places = load.load_places(store)
    rows: list[dict[str, Any]] = []
    for doc_id, mentions in sorted(places.items()):
        doc = docs.get(doc_id)
        if doc is None or not _GEO_HINT.search(doc.get("text") or ""):
            continue
        placed = [PlacedMention(m["start"], m["end"], m["text"], m["place"], m["lat"], m["lon"], m["feature"],
                                1.0 if m.get("confidence") is None else m["confidence"], m.get("qualifier"))
                  for m in mentions]
        rows.extend(check_document(doc_id, doc["text"], doc.get("sentences") or [], placed,
                                   rivers=rivers, story=doc["story"]))
    return rows


def _stories(docs: Mapping[str, Mapping[str, Any]], merged: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    members: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for doc in docs.values():
        members[doc["story"]].append(doc)
    events: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for event in merged:
        events[event["story"]].append(event)
    rows = []
    for story, group in sorted(members.items()):
        group = sorted(group, key=lambda d: (d.get("published") or "", d["id"]))
        dates = [d["published"][:10] for d in group if d.get("published")]
        dates += [e["date"] for e in events[story] if e.get("date") and len(e["date"]) >= 10]
        rows.append({"id": story, "title": story_title(group), "docs": [d["id"] for d in group],
                     "events": sorted(e["id"] for e in events[story]),
                     "start": min(dates) if dates else None, "end": max(dates) if dates else None,
                     "outlets": sorted({d["outlet"] for d in group if d.get("outlet")}),
                     "duplicates": sum(1 for d in group if d.get("duplicate_of"))})
    return rows


def story_title(group: Sequence[Mapping[str, Any]]) -> str:
    """The headline closest to the story's vocabulary; else the most central lead sentence, shortened."""
    originals = [d for d in group if not d.get("duplicate_of")] or list(group)
    centroid: Counter[str] = Counter()
    for doc in originals:
        centroid.update(term_counts(f"{doc.get('title') or ''} {doc.get('text') or ''}"))
    candidates = [(d.get("title") or "").strip() for d in originals if (d.get("title") or "").strip()]
    if not candidates:
        candidates = [_first_sentence(d) for d in originals if _first_sentence(d)]
    if not candidates:
        return "(untitled story)"
    best = max(candidates, key=lambda t: (cosine(Counter(words(t)), centroid), -len(t)))
    shown = best.split()
    return " ".join(shown[:TITLE_WORDS]) + ("…" if len(shown) > TITLE_WORDS else "")


def _first_sentence(doc: Mapping[str, Any]) -> str:
    spans = doc.get("sentences") or []
    text = doc.get("text") or ""
    return re.sub(r"\s+", " ", text[spans[0][0]:spans[0][1]]).strip() if spans else text[:160].strip()


def _timelines_and_summaries(store: Store, docs: Mapping[str, dict[str, Any]], stories: Sequence[Mapping[str, Any]],
                             merged: Sequence[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    events: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for event in merged:
        events[event["story"]].append(event)
    dated = load.dated_sentences(store, dict(docs))
    timeline: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    for story in stories:
        originals = [docs[d] for d in story["docs"] if not docs[d].get("duplicate_of")]
        sentences = [s for d in originals for s in load.document_sentences(d, lead=SUMMARY_LEAD)]
        terms: Counter[str] = Counter()
        for s in sentences:
            terms.update(words(s.text))
        rows = event_timeline(story["id"], events[story["id"]], terms)
        if not rows:
            rows = sentence_timeline(story["id"], dated.get(story["id"], []), max_dates=MAX_FALLBACK_DATES)
        timeline.extend(rows)
        summaries.extend(summarise_story(story["id"], sentences))
    return timeline, summaries


def write_summary_md(store: Store, path: Path) -> None:
    """Write summary.md from the stored stories, summaries and conflicts (largest stories first)."""
    stories = list(store.records("stories"))
    stories.sort(key=lambda s: (-len(s.get("docs") or []), s["id"]))
    summaries: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.records("story_summaries"):
        summaries[row["story"]].append(row)
    conflicts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.records("conflicts"):
        conflicts[row["story"]].append(row)
    outlets = {r[0]: r[1] for r in store.con.execute("SELECT id, outlet FROM documents WHERE outlet IS NOT NULL").fetchall()}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_markdown(stories, summaries, conflicts, outlets), encoding="utf-8")
    tmp.replace(path)
