"""The read API: lists with filters and pagination, single records, search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from dateline.report.basemap import basemap_geojson
from dateline.report.data import REPORT_TABLES, existing_tables, report_data, table_records
from dateline.store.duckdb_store import event_table
from dateline.store.schema import columns
from dateline.web.db import CursorStore
from dateline.web.deps import Cursor, Limit, Offset, Text
from dateline.web.query import Filters, decode, page
from dateline.web.search import KINDS, EventFilters
from dateline.web.search import search as search_index
from dateline.web.searcher import Searcher

router = APIRouter(prefix="/api", tags=["api"])
DOC_LIST_COLUMNS = ["id", "source", "title", "outlet", "url", "author", "published", "published_from", "language", "status"]
REPORT_LIMIT = 5_000  # rows per table in /api/report-data; the browser filters these in memory
DateFrom = Annotated[str | None, Query(alias="from", max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
DateTo = Annotated[str | None, Query(alias="to", max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
BBox = Annotated[str | None, Query(max_length=100, description="west,south,east,north")]


@router.get("/health")
def health(con: Cursor) -> dict[str, Any]:
    """Liveness and row counts."""
    present = existing_tables(CursorStore(con))
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ("documents", *REPORT_TABLES) if t in present}  # type: ignore[index]
    return {"status": "ok", "counts": counts}


@router.get("/documents")
def list_documents(con: Cursor, limit: Limit = 100, offset: Offset = 0, q: Text = None, outlet: Text = None,
                   date_from: DateFrom = None, date_to: DateTo = None, status: Text = None) -> dict[str, Any]:
    """Articles (without text), newest first; ``q`` matches title or text."""
    f = Filters()
    f.contains("title || ' ' || text", q)
    f.equals("outlet", outlet)
    f.equals("status", status)
    f.date_range("published", date_from, date_to)
    return page(con, "documents", f, order="published DESC NULLS LAST, id", limit=limit, offset=offset, select=DOC_LIST_COLUMNS)


@router.get("/documents/{doc_id}")
def get_document(con: Cursor, doc_id: str) -> dict[str, Any]:
    """One article with its text: every offset in the API points into ``text``."""
    cols = [c for c in columns("documents") if c != "pipeline"]
    quoted = ", ".join(f'"{c}"' for c in cols)
    items = decode(con.execute(f"SELECT {quoted} FROM documents WHERE id = ?", [doc_id]), "documents")
    if not items:
        raise HTTPException(status_code=404, detail="no such document")
    return items[0]


@router.get("/events")
def list_events(con: Cursor, limit: Limit = 100, offset: Offset = 0, date_from: DateFrom = None, date_to: DateTo = None,
                type: Text = None, actor: Text = None, place: Text = None, bbox: BBox = None, story: Text = None,
                doc: Text = None, q: Text = None) -> dict[str, Any]:
    """Events by date; ``actor`` matches actors or targets, ``place`` the place name, ``bbox`` its coordinates."""
    table = event_table(con)
    f = Filters()
    f.date_range("date", date_from, date_to)
    f.equals("type", type)
    f.equals("story", story)
    if table == "events":
        f.equals("doc", doc)
    elif doc:  # merged events: every reporting document is among the sources
        f.add("list_contains(json_extract_string(sources, '$[*].doc'), ?)", doc)
    f.contains("actors || ' ' || targets", actor)
    f.contains("json_extract_string(place, '$.name')", place)
    f.contains("summary || ' ' || trigger", q)
    f.bbox(bbox)
    return page(con, table, f, order="date NULLS LAST, id", limit=limit, offset=offset)


@router.get("/places")
def list_places(con: Cursor, limit: Limit = 100, offset: Offset = 0, q: Text = None, country: Text = None,
                bbox: BBox = None) -> dict[str, Any]:
    """Resolved places."""
    f = Filters()
    f.contains("name", q)
    f.equals("country", country.upper() if country else None)
    f.bbox(bbox, lat="lat", lon="lon")
    return page(con, "places", f, order="name, id", limit=limit, offset=offset)


@router.get("/entities")
def list_entities(con: Cursor, limit: Limit = 100, offset: Offset = 0, q: Text = None, type: Text = None) -> dict[str, Any]:
    """Canonical entities with mention counts, most mentioned first."""
    f = Filters()
    f.contains("name || ' ' || aliases", q)
    f.equals("type", type)
    where = f.clause()
    total = con.execute(f"SELECT count(*) FROM entities{where}", f.params).fetchone()[0]  # type: ignore[index]
    cursor = con.execute(
        "SELECT e.*, coalesce(m.n, 0) AS mention_count, coalesce(m.d, 0) AS doc_count FROM "
        f"(SELECT * FROM entities{where}) e LEFT JOIN "
        "(SELECT entity, count(*) AS n, count(DISTINCT doc) AS d FROM mentions GROUP BY entity) m ON m.entity = e.id "
        "ORDER BY mention_count DESC, e.id LIMIT ? OFFSET ?", [*f.params, limit, offset])
    return {"total": int(total), "limit": limit, "offset": offset, "items": decode(cursor, "entities")}


@router.get("/entities/{entity_id}")
def get_entity(con: Cursor, entity_id: str, limit: Limit = 500) -> dict[str, Any]:
    """One entity with its mentions (provenance spans)."""
    items = decode(con.execute("SELECT * FROM entities WHERE id = ?", [entity_id]), "entities")
    if not items:
        raise HTTPException(status_code=404, detail="no such entity")
    rows = con.execute('SELECT doc, start, "end", text FROM mentions WHERE entity = ? ORDER BY doc, start LIMIT ?',
                       [entity_id, limit]).fetchall()
    return {**items[0], "mentions": [dict(zip(("doc", "start", "end", "text"), r, strict=True)) for r in rows]}


@router.get("/quotes")
def list_quotes(con: Cursor, limit: Limit = 100, offset: Offset = 0, speaker: Text = None, q: Text = None,
                doc: Text = None, kind: Text = None) -> dict[str, Any]:
    """Quotes; ``speaker`` and ``q`` are case-insensitive substrings."""
    f = Filters()
    f.contains("speaker", speaker)
    f.contains("text", q)
    f.equals("doc", doc)
    f.equals("kind", kind)
    return page(con, "quotes", f, order="doc, start", limit=limit, offset=offset)


@router.get("/figures")
def list_figures(con: Cursor, limit: Limit = 100, offset: Offset = 0, q: Text = None, doc: Text = None) -> dict[str, Any]:
    """Reported figures."""
    f = Filters()
    f.contains("unit_or_what || ' ' || coalesce(attributed_to, '')", q)
    f.equals("doc", doc)
    return page(con, "figures", f, order="doc, start", limit=limit, offset=offset)


@router.get("/stories")
def list_stories(con: Cursor, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Stories (empty until the stories stage has run)."""
    rows = table_records(CursorStore(con), "stories")
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset:offset + limit]}


@router.get("/stories/{story_id}")
def get_story(con: Cursor, story_id: str) -> dict[str, Any]:
    """One story with its timeline and events."""
    store = CursorStore(con)
    found = [s for s in table_records(store, "stories") if s.get("id") == story_id]
    if not found:
        raise HTTPException(status_code=404, detail="no such story")
    timeline = [t for t in table_records(store, "timeline") if t.get("story") == story_id]
    table = event_table(con)
    events = decode(con.execute(f'SELECT * FROM "{table}" WHERE story = ? ORDER BY date NULLS LAST, id', [story_id]), table)
    return {**found[0], "timeline": timeline, "event_records": events}


@router.get("/timeline")
def list_timeline(con: Cursor, limit: Limit = 100, offset: Offset = 0, story: Text = None, date_from: DateFrom = None,
                  date_to: DateTo = None) -> dict[str, Any]:
    """Timeline entries by date (from the timeline table)."""
    rows = [t for t in table_records(CursorStore(con), "timeline")
            if (not story or t.get("story") == story)
            and (not date_from or str(t.get("date") or "") >= date_from[: len(str(t.get("date") or ""))])
            and (not date_to or str(t.get("date") or "") <= date_to[: len(str(t.get("date") or ""))])]
    rows.sort(key=lambda t: (str(t.get("date") or ""), str(t.get("event") or "")))
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset:offset + limit]}


@router.get("/search")
def search(con: Cursor, request: Request, q: Annotated[str, Query(max_length=200)] = "", limit: Limit = 20,
           offset: Offset = 0, date_from: DateFrom = None, date_to: DateTo = None, country: Text = None,
           type: Text = None, actor: Text = None, modality: Text = None, reportable: bool | None = None,
           fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
           kind: Annotated[str | None, Query(max_length=60, description="comma-separated: documents,events,entities,places")] = None,
           ) -> dict[str, Any]:
    """Search articles, events, entities and places: every word must match, as written (case and diacritics aside),
    through its transliteration (Mayadeen finds Mayādīn) or, for a name, through the entity's aliases (SDF). Hits
    carry highlights as character offsets. Filters (dates, country, type, actor, modality, reportable, at least
    ``fatalities`` killed) narrow the events. ``index.fresh`` says whether the index is current with the store.
    """
    filters = EventFilters(date_from=date_from, date_to=date_to, country=country, type=type, actor=actor,
                           modality=modality, reportable=reportable, fatalities=fatalities)
    if not q.strip() and not filters.active():
        raise HTTPException(status_code=422, detail="give q or a filter")
    kinds = [k for k in (kind or ",".join(KINDS)).split(",") if k in KINDS] or list(KINDS)
    searcher: Searcher = request.app.state.searcher
    status = searcher.status(con)
    result = search_index(con, searcher.path, q, filters=filters, kinds=kinds, limit=limit, offset=offset)
    documents = result.get("documents", {"total": 0, "items": []})
    # ``items``/``total``: the articles, as before the index existed
    return {**result, "items": documents["items"], "total": documents["total"], "index": status}


@router.get("/report-data")
def report(con: Cursor) -> dict[str, Any]:
    """What the browser views need, without article texts (loaded per article); capped per table."""
    return report_data(CursorStore(con), with_text=False, limit=REPORT_LIMIT)


@router.get("/basemap")
def basemap() -> dict[str, Any]:
    """Coastlines and borders for the map (GeoJSON)."""
    return basemap_geojson()
