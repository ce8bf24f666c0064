"""Full-text search over articles without an index: every term must occur (case-insensitive).

DuckDB's ``fts`` extension needs an index written into the store and a download; a scan with
``ILIKE`` over text and title is fast enough for ~50k articles (see BENCHMARKS.md, Web API latency).
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
    # ILIKE on text and title separately: no lower-cased copy or concatenation of every article per query
    # (measured: 136 ms against 195 ms for lower(title || text) + contains on 50k articles, two terms)
    where = " AND ".join(_TERM_MATCH for _ in terms)
    patterns = [p for term in terms for p in (_like(term),) * 2]
    hits = con.execute(
        "SELECT id, count(*) OVER () AS total FROM documents "
        f"WHERE status = 'ok' AND {where} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*patterns, limit, offset],
    ).fetchall()
    total = hits[0][1] if hits else _count(con, where, patterns) if offset else 0
    # the texts only for the page: carrying them through the sort costs more than a second lookup
    found = {r[0]: r for r in con.execute(
        "SELECT id, title, outlet, published, text FROM documents WHERE id IN (SELECT unnest(?))",
        [[h[0] for h in hits]]).fetchall()}
    items = [
        {"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "snippet": snippet(r[4] or "", terms[0])}
        for r in (found[h[0]] for h in hits)
    ]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items, "terms": terms}


def _count(con: duckdb.DuckDBPyConnection, where: str, patterns: list[str]) -> int:
    """The total when the page is past the last match (the window count saw no row)."""
    row = con.execute(f"SELECT count(*) FROM documents WHERE status = 'ok' AND {where}", patterns).fetchone()
    return int(row[0]) if row else 0


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
