"""Point event actors/targets and quote speakers at corpus-wide entities, once entities are linked.

The per-document stages name participants by the document's canonical names ("Islamic State" for a
sentence that says "Isis"); corpus entity ids exist only after :func:`dateline.pipeline.relink_entities`.
This pass fills ``entity`` / ``speaker_entity`` by matching a name to the document's own mentions (their
canonical name or surface text), so a participant is linked only to an entity its document mentions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pyarrow as pa

from dateline.entities.aliases import normalize_surface
from dateline.store.duckdb_store import Store

_ARTICLES = ("the ", "a ", "an ")


def _key(name: str) -> str:
    key = normalize_surface(name)
    for article in _ARTICLES:
        if key.startswith(article):
            return key[len(article):]
    return key


def name_index(store: Store) -> dict[str, dict[str, str]]:
    """doc → normalised name → entity id, from the document's linked mentions (first entity wins)."""
    index: dict[str, dict[str, str]] = defaultdict(dict)
    rows = store.con.execute(
        "SELECT doc, canonical, text, entity FROM mentions WHERE entity IS NOT NULL ORDER BY doc, start"
    ).fetchall()
    for doc, canonical, text, entity in rows:
        for name in (canonical, text):
            if name:
                index[doc].setdefault(_key(name), entity)
    return index


def link_participants(store: Store) -> int:
    """Fill entity ids of event participants and quote speakers; return how many were linked."""
    index = name_index(store)
    linked = 0
    event_rows: list[dict[str, Any]] = []
    for event_id, doc, actors, targets in store.con.execute("SELECT id, doc, actors, targets FROM events").fetchall():
        names = index.get(doc, {})
        new = []
        for column in (actors, targets):
            people = json.loads(column or "[]")
            for person in people:
                entity = names.get(_key(person.get("name") or ""))
                if entity and person.get("entity") != entity:
                    person["entity"] = entity
                    linked += 1
            new.append(json.dumps(people, ensure_ascii=False))
        event_rows.append({"id": event_id, "doc": doc, "actors": new[0], "targets": new[1]})
    quote_rows = []
    for quote_id, doc, speaker in store.con.execute("SELECT id, doc, speaker FROM quotes WHERE speaker IS NOT NULL").fetchall():
        entity = index.get(doc, {}).get(_key(speaker))
        if entity:
            quote_rows.append({"id": quote_id, "doc": doc, "speaker_entity": entity})
            linked += 1
    store.con.execute("BEGIN TRANSACTION")
    try:
        if event_rows:
            store.con.register("_participants", pa.Table.from_pylist(event_rows))
            store.con.execute("UPDATE events SET actors = p.actors, targets = p.targets FROM _participants p "
                              "WHERE events.id = p.id AND events.doc = p.doc")
            store.con.unregister("_participants")
        if quote_rows:
            store.con.register("_speakers", pa.Table.from_pylist(quote_rows))
            store.con.execute("UPDATE quotes SET speaker_entity = s.speaker_entity FROM _speakers s "
                              "WHERE quotes.id = s.id AND quotes.doc = s.doc")
            store.con.unregister("_speakers")
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    return linked
