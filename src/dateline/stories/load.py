"""Reading what stories need from the store, and writing the story tables back (SQL and Arrow only)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from dateline.store.duckdb_store import Store, decoded_rows
from dateline.store.schema import TABLES, arrow_schema, columns
from dateline.stories.dedup import signature
from dateline.stories.features import (
    FEATURE_VERSION,
    DocFeatures,
    embed,
    entity_keys,
    lead_text,
    parse_day,
    place_keys,
    term_counts,
)
from dateline.stories.timeline import DatedSentence

CHUNK = 2_000


def write_rows(store: Store, table: str, rows: Sequence[dict[str, Any]], *, replace: bool) -> None:
    """Insert ``rows`` into one of the story tables (JSON columns dumped), optionally emptying it first."""
    spec = TABLES[table]
    schema = arrow_schema(table)
    json_cols = {name for name, ctype in spec if ctype == "JSON"}
    data = [{c: (json.dumps(r.get(c), ensure_ascii=False) if c in json_cols and r.get(c) is not None else r.get(c))
             for c in columns(table)} for r in rows]
    if replace:
        store.con.execute(f'DELETE FROM "{table}"')
    if not data:
        return
    store.con.register("_story_rows", pa.Table.from_pylist(data, schema=schema))
    try:
        quoted = ", ".join(f'"{c}"' for c in columns(table))
        store.con.execute(f'INSERT INTO "{table}" ({quoted}) SELECT {quoted} FROM _story_rows')
    finally:
        store.con.unregister("_story_rows")


def compute_missing_features(store: Store) -> int:
    """Compute and store features of OK documents that have none (or an older version); return how many."""
    todo = [r[0] for r in store.con.execute(
        "SELECT id FROM documents WHERE status = 'ok' AND id NOT IN "
        "(SELECT doc FROM doc_features WHERE version = ?) ORDER BY id", [FEATURE_VERSION]).fetchall()]
    for i in range(0, len(todo), CHUNK):
        chunk = todo[i:i + CHUNK]
        store.con.execute("DELETE FROM doc_features WHERE doc IN (SELECT unnest(?))", [chunk])
        write_rows(store, "doc_features", _feature_rows(store, chunk), replace=False)
    return len(todo)


def _feature_rows(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    docs = store.con.execute(
        "SELECT id, title, text, sentences, published FROM documents WHERE id IN (SELECT unnest(?)) ORDER BY id", [ids]
    ).fetchall()
    mentions = _grouped(store, 'SELECT doc, label, canonical, text FROM mentions WHERE doc IN (SELECT unnest(?)) ORDER BY doc, start', ids)
    places = _grouped(store, "SELECT doc, place, confidence, qualifier FROM place_mentions WHERE doc IN (SELECT unnest(?)) "
                     "ORDER BY doc, start", ids)
    leads = [lead_text(title, text or "", json.loads(sents or "[]")) for _, title, text, sents, _ in docs]
    vectors = embed(leads)
    rows = []
    for k, (doc, title, text, _, published) in enumerate(docs):
        rows.append({
            "doc": doc, "version": FEATURE_VERSION, "day": parse_day(published),
            "embedding": vectors[k].tolist() if vectors is not None else None,
            "minhash": signature(text or "").tolist(),
            "terms": term_counts(f"{title or ''} {text or ''}"),
            "entities": entity_keys(mentions.get(doc, ())), "places": place_keys(places.get(doc, ())),
        })
    return rows


def _grouped(store: Store, sql: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    cursor = store.con.execute(sql, [ids])
    names = [d[0] for d in cursor.description]
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        out[record["doc"]].append(record)
    return out


def load_features(store: Store) -> list[DocFeatures]:
    """Features of every OK document, in id order."""
    cursor = store.con.execute(
        "SELECT f.doc, f.day, f.embedding, f.minhash, f.terms, f.entities, f.places FROM doc_features f "
        "JOIN documents d ON d.id = f.doc WHERE d.status = 'ok' ORDER BY f.doc")
    out = []
    while batch := cursor.fetchmany(5_000):
        for doc, day, emb, minhash, terms, entities, places in batch:
            out.append(DocFeatures(
                doc=doc, day=day,
                embedding=np.asarray(emb, dtype=np.float32) if emb is not None else None,
                minhash=np.asarray(minhash, dtype=np.int64) if minhash is not None else None,
                terms=json.loads(terms or "{}"), entities=json.loads(entities or "{}"), places=json.loads(places or "{}")))
    return out


def load_assignments(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT doc, story FROM story_documents").fetchall())  # type: ignore[arg-type]


def load_events(store: Store, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Event mentions of placed documents (all, or those ``ids``), JSON decoded, with their document's story, date
    and outlet."""
    where = "" if ids is None else " WHERE e.id IN (SELECT unnest(?))"
    cursor = store.con.execute(
        "SELECT e.*, sd.story AS story_id, coalesce(sd.duplicate_of, e.doc) AS original, d.published, d.outlet "
        f"FROM events e JOIN story_documents sd ON sd.doc = e.doc JOIN documents d ON d.id = e.doc{where} "
        "ORDER BY e.id, e.doc", [] if ids is None else [list(ids)])
    return list(decoded_rows(cursor, ("actors", "targets", "place", "sources")))


def load_documents(store: Store) -> dict[str, dict[str, Any]]:
    """Placed documents: title, outlet, published, text, sentences, story and duplicate_of."""
    cursor = store.con.execute(
        "SELECT d.id, d.title, d.outlet, d.published, d.text, d.sentences, sd.story, sd.duplicate_of "
        "FROM documents d JOIN story_documents sd ON sd.doc = d.id ORDER BY d.id")
    return {r["id"]: r for r in decoded_rows(cursor, ("sentences",))}


def document_sentences(doc: dict[str, Any], *, lead: int | None = None) -> list[DatedSentence]:
    """The document's sentences as undated :class:`DatedSentence` records (first ``lead`` only if given)."""
    spans = doc.get("sentences") or []
    text = doc.get("text") or ""
    return [DatedSentence(doc["id"], s, e, text[s:e], None, doc.get("published"), k)
            for k, (s, e) in enumerate(spans[:lead] if lead else spans)]


def dated_sentences(store: Store, docs: dict[str, dict[str, Any]]) -> dict[str, list[DatedSentence]]:
    """Per story, sentences holding a day-precise DATE expression (from the times table)."""
    rows = store.con.execute(
        "SELECT doc, start, value FROM times WHERE type = 'DATE' AND regexp_matches(value, '^\\d{4}-\\d{2}-\\d{2}$') "
        "ORDER BY doc, start"
    ).fetchall()
    out: dict[str, list[DatedSentence]] = defaultdict(list)
    for doc_id, start, value in rows:
        doc = docs.get(doc_id)
        if doc is None or doc.get("duplicate_of"):
            continue
        for k, (s, e) in enumerate(doc.get("sentences") or []):
            if s <= start < e:
                out[doc["story"]].append(DatedSentence(doc_id, s, e, doc["text"][s:e], value, doc.get("published"), k))
                break
    return out


def load_figures(store: Store) -> list[dict[str, Any]]:
    cursor = store.con.execute(
        'SELECT f.id, f.doc, f.start, f."end", f.value, f.unit_or_what, f.as_of, d.published, sd.story, '
        "coalesce(sd.duplicate_of, f.doc) AS original FROM figures f JOIN documents d ON d.id = f.doc "
        "JOIN story_documents sd ON sd.doc = f.doc ORDER BY f.id")
    return list(decoded_rows(cursor, ()))


def load_places(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Per document, resolved place mentions with coordinates."""
    cursor = store.con.execute(
        'SELECT m.doc, m.start, m."end", m.text, m.place, p.lat, p.lon, p.feature, m.confidence, m.qualifier '
        "FROM place_mentions m "
        "JOIN places p ON p.id = m.place WHERE p.lat IS NOT NULL AND coalesce(m.qualifier, '') != 'demonym' "
        "ORDER BY m.doc, m.start")
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in decoded_rows(cursor, ()):
        out[record["doc"]].append(record)
    return out
