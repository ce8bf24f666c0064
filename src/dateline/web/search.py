"""Full-text search over articles without an index: every term must occur (case-insensitive).

Each document's title and text are stored lower-cased once, when the document is written (table
``search_text``), and a query is plain ``contains`` tests over them: fast enough for ~50k articles (see
BENCHMARKS.md, Web API latency). DuckDB's ``fts`` extension would need an index rebuilt after every write.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

MAX_TERMS = 8
MAX_TERM_CHARS = 64
SNIPPET_CHARS = 220
_WORD = re.compile(r"\w[\w'’.-]*", re.UNICODE)


def search_terms(query: str) -> list[str]:
    """Lower-cased words of ``query``; at most MAX_TERMS, each at most MAX_TERM_CHARS long."""
    return [w.lower()[:MAX_TERM_CHARS] for w in _WORD.findall(query)][:MAX_TERMS]


def search_documents(con: duckdb.DuckDBPyConnection, query: str, *, limit: int, offset: int) -> dict[str, Any]:
    """Articles containing every term, newest first, with a snippet around the first term."""
    terms = search_terms(query)
    if not terms:
        return {"total": 0, "limit": limit, "offset": offset, "items": [], "terms": []}
    if _indexed(con):
        # the stored lower-cased text of every document (search_text): plain substring tests, no per-query lowering
        where = " AND ".join("contains(hay, ?)" for _ in terms)
        params: list[str] = list(terms)
        source = "search_text"
    else:
        # a store written before search_text existed: ILIKE on text and title separately
        where = " AND ".join(_TERM_MATCH for _ in terms)
        params = [p for term in terms for p in (_like(term),) * 2]
        source = "(SELECT id AS doc, published, title, text FROM documents WHERE status = 'ok')"
    hits = con.execute(
        f"SELECT doc, count(*) OVER () AS total FROM {source} WHERE {where} "
        "ORDER BY published DESC NULLS LAST, doc LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    total = hits[0][1] if hits else _count(con, source, where, params) if offset else 0
    # the texts only for the page: carrying them through the sort costs more than a second lookup
    found = {r[0]: r for r in con.execute(
        "SELECT id, title, outlet, published, text FROM documents WHERE id IN (SELECT unnest(?))",
        [[h[0] for h in hits]]).fetchall()}
    items = [
        {"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "snippet": snippet(r[4] or "", terms[0])}
        for r in (found[h[0]] for h in hits)
    ]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items, "terms": terms}


def _count(con: duckdb.DuckDBPyConnection, source: str, where: str, params: list[str]) -> int:
    """The total when the page is past the last match (the window count saw no row)."""
    row = con.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def _indexed(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every OK document has its search_text row (stores written before it existed have none)."""
    try:
        row = con.execute("SELECT (SELECT count(*) FROM search_text) = "
                          "(SELECT count(*) FROM documents WHERE status = 'ok')").fetchone()
    except duckdb.Error:
        return False
    return bool(row and row[0])


_TERM_MATCH = "(text ILIKE ? ESCAPE '\\' OR coalesce(title, '') ILIKE ? ESCAPE '\\')"


def _like(term: str) -> str:
    """``%term%`` with LIKE's own wildcards in the term escaped (a search for "a_b" means "a_b")."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def snippet(text: str, term: str) -> str:
    """About SNIPPET_CHARS characters of ``text`` around the first occurrence of ``term``."""
    at = max(0, text.lower().find(term))
    start = max(0, at - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
