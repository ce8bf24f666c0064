"""The store's tables, declared once: DDL, Arrow conversion and exports all come from here.

Nested values (lists of spans, removed items) are JSON text columns, so a table exports to
JSONL/CSV/Parquet as is and every consumer sees the same shape as OUTPUTS.md.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 2  # 2: events/merged_events confidence, reportable, background, admin1, country; figures.cumulative

# table → ordered (column, DuckDB type). "JSON" columns hold JSON text.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("source", "VARCHAR"),
        ("title", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("url", "VARCHAR"),
        ("author", "VARCHAR"),
        ("published", "VARCHAR"),
        ("published_from", "VARCHAR"),
        ("language", "VARCHAR"),
        ("text", "VARCHAR"),
        ("removed", "JSON"),
        ("status", "VARCHAR"),
        ("error", "VARCHAR"),
        ("notes", "JSON"),
        ("format", "VARCHAR"),
        ("paragraphs", "JSON"),
        ("sentences", "JSON"),
        ("pipeline", "VARCHAR"),
    ],
    # every input location a document was read from (exact duplicates add rows here only)
    "sources": [("doc", "VARCHAR"), ("source", "VARCHAR")],
    "mentions": [
        ("doc", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("label", "VARCHAR"),
        ("canonical", "VARCHAR"),
        ("entity", "VARCHAR"),
    ],
    "entity_parents": [("doc", "VARCHAR"), ("child", "VARCHAR"), ("parent", "VARCHAR")],
    "entities": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("name", "VARCHAR"),
        ("type", "VARCHAR"),
        ("aliases", "JSON"),
        ("part_of", "VARCHAR"),
        ("kb", "VARCHAR"),
    ],
    "times": [
        ("id", "VARCHAR"),
        ("doc", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("type", "VARCHAR"),
        ("value", "VARCHAR"),
        ("anchor", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("mod", "VARCHAR"),
    ],
    "place_mentions": [
        ("doc", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("place", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("qualifier", "VARCHAR"),
    ],
    "places": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("name", "VARCHAR"),
        ("lat", "DOUBLE"),
        ("lon", "DOUBLE"),
        ("country", "VARCHAR"),
        ("feature", "VARCHAR"),
        ("geonames_id", "BIGINT"),
        ("admin1", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("radius_km", "DOUBLE"),
    ],
    "events": [
        ("id", "VARCHAR"),
        ("doc", "VARCHAR"),
        ("type", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("acled", "VARCHAR"),
        ("trigger", "VARCHAR"),
        ("actors", "JSON"),
        ("targets", "JSON"),
        ("date", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        ("place", "JSON"),
        ("fatalities", "INTEGER"),
        ("modality", "VARCHAR"),
        ("summary", "VARCHAR"),
        ("sources", "JSON"),
        ("story", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("reportable", "BOOLEAN"),
        ("background", "BOOLEAN"),
        ("admin1", "VARCHAR"),
        ("country", "VARCHAR"),
        ("review", "VARCHAR"),  # a reviewer's decision (accepted, rejected, edited, merged), set by store.reviews
    ],
    "quotes": [
        ("id", "VARCHAR"),
        ("doc", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("speaker", "VARCHAR"),
        ("speaker_entity", "VARCHAR"),
        ("cue", "VARCHAR"),
    ],
    "figures": [
        ("id", "VARCHAR"),
        ("doc", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("value", "DOUBLE"),
        ("unit_or_what", "VARCHAR"),
        ("as_of", "VARCHAR"),
        ("attributed_to", "VARCHAR"),
        ("conflicts_with", "JSON"),
        ("cumulative", "BOOLEAN"),
    ],
    "meta": [("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")],
    # one row per run into the store (store.runs): when, the plan, and the gazetteer index that placed documents
    "runs": [("id", "VARCHAR PRIMARY KEY"), ("at", "VARCHAR"), ("pipeline", "VARCHAR"), ("documents", "INTEGER"),
             ("gazetteer", "JSON")],
    # human corrections of event records (store.reviews): kept across runs, applied after each one. ``members``
    # (the event mentions the record stood for) is the key a re-run reproduces; ``event`` the id at review time.
    "reviews": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("seq", "BIGINT"),
        ("at", "VARCHAR"),
        ("who", "VARCHAR"),
        ("action", "VARCHAR"),
        ("event", "VARCHAR"),
        ("members", "JSON"),
        ("field", "VARCHAR"),
        ("old", "JSON"),
        ("new", "JSON"),
        ("note", "VARCHAR"),
    ],
}

# Stories (dateline.stories): corpus-level tables rewritten by ``update_stories`` after every run.
TABLES.update({
    # per-document clustering features, computed once per document (embedding optional)
    "doc_features": [
        ("doc", "VARCHAR PRIMARY KEY"),
        ("version", "VARCHAR"),
        ("day", "INTEGER"),
        ("embedding", "FLOAT[]"),
        ("minhash", "BIGINT[]"),
        ("terms", "JSON"),
        ("entities", "JSON"),
        ("places", "JSON"),
    ],
    # the incremental assignment: one row per document, never rewritten once placed
    "story_documents": [
        ("doc", "VARCHAR PRIMARY KEY"),
        ("story", "VARCHAR"),
        ("duplicate_of", "VARCHAR"),
        ("score", "DOUBLE"),
        ("batch", "INTEGER"),
    ],
    "stories": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("title", "VARCHAR"),
        ("docs", "JSON"),
        ("events", "JSON"),
        ("start", "VARCHAR"),
        ("end", "VARCHAR"),
        ("outlets", "JSON"),
        ("duplicates", "INTEGER"),
    ],
    # cross-source events: one row per real-world event, ``members`` are the event mentions merged
    "merged_events": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("story", "VARCHAR"),
        ("type", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("acled", "VARCHAR"),
        ("trigger", "VARCHAR"),
        ("actors", "JSON"),
        ("targets", "JSON"),
        ("date", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        ("place", "JSON"),
        ("fatalities", "INTEGER"),
        ("fatalities_by_source", "JSON"),
        ("modality", "VARCHAR"),
        ("summary", "VARCHAR"),
        ("sources", "JSON"),
        ("members", "JSON"),
        ("independent_sources", "INTEGER"),
        ("confidence", "DOUBLE"),
        ("reportable", "BOOLEAN"),
        ("background", "BOOLEAN"),
        ("admin1", "VARCHAR"),
        ("country", "VARCHAR"),
        ("review", "VARCHAR"),
    ],
    "conflicts": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("story", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("subject", "VARCHAR"),
        ("items", "JSON"),
        ("values", "JSON"),
        ("conservative", "DOUBLE"),
        ("note", "VARCHAR"),
        ("sources", "JSON"),
        ("evidence", "JSON"),  # geography flags: stated vs computed, the place, reference and geometry used
    ],
    "timeline": [
        ("story", "VARCHAR"),
        ("date", "VARCHAR"),
        ("day", "VARCHAR"),  # first day the date covers (ISO), so weeks and months sort among days
        ("rank", "INTEGER"),
        ("event", "VARCHAR"),
        ("text", "VARCHAR"),
        ("sources", "JSON"),
        ("importance", "DOUBLE"),
    ],
    "story_summaries": [
        ("story", "VARCHAR"),
        ("rank", "INTEGER"),
        ("text", "VARCHAR"),
        ("sources", "JSON"),
    ],
})

CONSTRAINTS = {"sources": "PRIMARY KEY (doc, source)"}

# Tables holding per-document rows, replaced whenever a document is (re)written.
PER_DOCUMENT_TABLES = ("mentions", "entity_parents", "times", "place_mentions", "events", "quotes", "figures")
JSON_COLUMNS = {table: {c for c, t in cols if t == "JSON"} for table, cols in TABLES.items()}


# DuckDB column type → Arrow type, for every write into the store (JSON columns are JSON text)
ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int64(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
               "JSON": pa.string(), "BOOLEAN": pa.bool_(), "FLOAT[]": pa.list_(pa.float32()),
               "BIGINT[]": pa.list_(pa.int64())}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, ARROW_TYPES[ctype.split()[0]]) for name, ctype in TABLES[table]])


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def missing_columns(existing: dict[str, set[str]]) -> list[str]:
    """ALTER statements adding the columns a store written by an older version lacks (``existing``: table → columns)."""
    out = []
    for table, cols in TABLES.items():
        have = existing.get(table)
        if have is None:
            continue
        for name, ctype in cols:
            if name not in have:
                out.append(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {ctype.replace("JSON", "VARCHAR").split(" PRIMARY")[0]}')
    return out


def ddl() -> list[str]:
    """CREATE TABLE statements (JSON columns stored as VARCHAR holding JSON text)."""
    statements = []
    for table, cols in TABLES.items():
        body = ", ".join(f'"{name}" {ctype.replace("JSON", "VARCHAR")}' for name, ctype in cols)
        if table in CONSTRAINTS:
            body += ", " + CONSTRAINTS[table]
        statements.append(f'CREATE TABLE IF NOT EXISTS "{table}" ({body})')
    return statements
