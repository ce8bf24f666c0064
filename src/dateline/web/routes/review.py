"""The review loop: a queue of event records to check, corrections (token required) and their history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from dateline.store.duckdb_store import event_table
from dateline.store.reviews import ACTIONS, EDITABLE, ReviewError, record_review, review_history, review_queue
from dateline.web.db import Database
from dateline.web.deps import Cursor, Limit, Offset
from dateline.web.query import decode
from dateline.web.routes.ingest import require_token
from dateline.web.searcher import Searcher

router = APIRouter(prefix="/api", tags=["review"])


class Correction(BaseModel):
    """One correction of an event record."""

    action: str = Field(description=f"one of {', '.join(ACTIONS)}")
    field: str | None = Field(default=None, description=f"for edit: one of {', '.join(EDITABLE)}")
    value: Any = Field(default=None, description="for edit: the new value (actors/targets: a list of names; place: a "
                                                 "name or {name, lat, lon}; date: YYYY[-MM[-DD]]; fatalities: a number)")
    other: str | None = Field(default=None, max_length=100, description="for merge: the event that joins this one")
    split: list[str] = Field(default_factory=list, max_length=500,
                             description="for split: event-mention ids or document ids that become an event of their own")
    who: str | None = Field(default=None, max_length=100, description="the reviewer's name")
    note: str | None = Field(default=None, max_length=300)


@router.get("/review/queue")
def queue(con: Cursor, limit: Limit = 50, offset: Offset = 0,
          reportable: Annotated[bool | None, Query(description="only records presented as fact (default)")] = True,
          ) -> dict[str, Any]:
    """Event records nobody has reviewed yet, least sure first."""
    return review_queue(con, limit=limit, offset=offset, reportable=reportable)


@router.get("/reviews")
def history(con: Cursor, event: Annotated[str | None, Query(max_length=100)] = None, limit: Limit = 200) -> dict[str, Any]:
    """Corrections made, newest first (of one event record with ``event``): who, when, what, old and new value."""
    try:
        items = review_history(con, event=event, limit=limit)
    except Exception:  # noqa: BLE001 - a store from before reviews, served read-only: nothing reviewed
        items = []
    return {"total": len(items), "items": items}


@router.get("/events/{event_id}")
def get_event(con: Cursor, event_id: str) -> dict[str, Any]:
    """One event record as exports see it (corrections applied, ``review`` says which)."""
    table = event_table(con)
    items = decode(con.execute(f'SELECT * FROM "{table}" WHERE id = ?', [event_id]), table)
    if not items:
        raise HTTPException(status_code=404, detail="no such event")
    return items[0]


@router.post("/events/{event_id}/review", dependencies=[Depends(require_token)])
def review(event_id: str, body: Annotated[Correction, Body()], request: Request) -> dict[str, Any]:
    """Accept, reject, edit, merge or split the event record ``event_id``. The correction is stored with who and when,
    applied at once, kept across re-runs of the pipeline and honoured by every export and the report."""
    database: Database = request.app.state.database
    who = body.who or request.headers.get("x-dateline-reviewer") or "reviewer"
    with database.write() as store:
        try:
            entry = record_review(store, action=body.action, event=event_id, who=who, field=body.field, value=body.value,
                                  other=body.other, split=body.split, note=body.note)
        except ReviewError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc
    with database.read() as con:
        searcher: Searcher = request.app.state.searcher
        searcher.events_changed(con, entry["touched"])
        table = event_table(con)
        rows = decode(con.execute(f'SELECT * FROM "{table}" WHERE id IN (SELECT unnest(?)) ORDER BY id',
                                  [entry["touched"]]), table)
    return {"review": entry, "events": rows}
