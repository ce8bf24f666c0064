"""Human corrections of event records: stored once in ``reviews``, applied to the event rows after every run.

A reviewer accepts, rejects or edits an event record, merges two, or splits one. Each correction is a row of
the ``reviews`` table (who, when, the action, the field with its old and new value) keyed by the event
*mentions* the record stood for (``members``: ids like ``ev-<document>-<offset>``, derived from the document's
content), not by the record's own id: a re-run that clusters the mentions again finds the record that holds
most of them, so a human decision is never overwritten. :func:`apply_reviews` replays the corrections in order
on the event rows (idempotent: replaying twice changes nothing) and marks every touched row's ``review``
(``accepted``, ``rejected``, ``edited``, ``merged``), so exports and the report read corrected rows as they are.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import duckdb

from dateline.store.duckdb_store import Store, decoded_rows, event_table
from dateline.store.schema import JSON_COLUMNS, columns

ACTIONS = ("accept", "reject", "edit", "merge", "split")
STATUS = {"accept": "accepted", "reject": "rejected", "edit": "edited", "merge": "merged", "split": "edited"}
# review field → event column(s) it sets
EDITABLE = ("type", "acled", "actors", "targets", "place", "date", "fatalities", "modality")
MODALITIES = ("asserted", "claimed", "denied", "hypothetical", "planned")
NOT_FACTUAL = {"denied", "hypothetical", "planned"}  # never presented as fact (OUTPUTS.md, reportable)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_PRECISION = {4: "year", 7: "month", 10: "day", 8: "week"}
MAX_TEXT = 300
BULK = 20  # replaying more reviews than this: map every mention to its record once


log = logging.getLogger(__name__)


class ReviewError(ValueError):
    """A correction that cannot be made (unknown event, bad value); the API answers 400."""


# -- writing ------------------------------------------------------------------------------------------------
def record_review(store: Store, *, action: str, event: str, who: str, field: str | None = None, value: Any = None,
                  other: str | None = None, split: Iterable[str] = (), note: str | None = None) -> dict[str, Any]:
    """Validate one correction of the event record ``event``, store it and apply it, in one transaction.

    ``edit``: ``field`` (one of EDITABLE) gets ``value``. ``merge``: ``other`` (an event id) joins ``event``.
    ``split``: the mentions ``split`` (event-mention ids or document ids among the record's sources) become a
    record of their own. Returns the stored review row.
    """
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
    table = event_table(store.con)
    row = _row(store.con, table, event)
    if row is None:
        raise ReviewError(f"no event {event!r}")
    old: Any = None
    new: Any = None
    if action == "edit":
        if field not in EDITABLE:
            raise ReviewError(f"field must be one of {', '.join(EDITABLE)}")
        old = row.get(field)
        new = _normalise(store.con, field, value)
    elif action == "merge":
        other_row = _row(store.con, table, other or "")
        if other_row is None or other == event:
            raise ReviewError("merge needs another existing event id in 'other'")
        new = {"event": other, "members": _members(table, other_row)}
    elif action == "split":
        new = {"members": _split_members(store.con, table, row, set(split))}
    entry = {"id": uuid.uuid4().hex, "seq": _next_seq(store.con), "at": datetime.now(UTC).isoformat(timespec="seconds"),
             "who": (who or "reviewer")[:MAX_TEXT], "action": action, "event": event,
             "members": json.dumps(_members(table, row)), "field": field if action == "edit" else None,
             "old": json.dumps(old, ensure_ascii=False), "new": json.dumps(new, ensure_ascii=False),
             "note": (note or None) and note[:MAX_TEXT]}
    store.con.execute("BEGIN TRANSACTION")
    try:
        quoted = ", ".join(f'"{c}"' for c in columns("reviews"))
        store.con.execute(f"INSERT INTO reviews ({quoted}) VALUES ({', '.join('?' for _ in entry)})",
                          [entry[c] for c in columns("reviews")])
        touched = _apply(store, [entry])
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    return {**_decode(entry), "touched": sorted(touched)}


def _next_seq(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM reviews").fetchone()
    return int(row[0]) if row else 1


def _split_members(con: duckdb.DuckDBPyConnection, table: str, row: dict[str, Any], wanted: set[str]) -> list[str]:
    if table == "events":
        raise ReviewError("an event reported by one sentence cannot be split (run the stories step first)")
    members = _members(table, row)
    by_doc = dict.fromkeys(members, "") | dict(con.execute(  # type: ignore[arg-type]
        "SELECT id, doc FROM events WHERE id IN (SELECT unnest(?))", [members]).fetchall())
    chosen = sorted(m for m in members if m in wanted or by_doc[m] in wanted)
    if not chosen or len(chosen) == len(members):
        raise ReviewError("split needs some, not all, of the event's mentions (ids or document ids) in 'split'")
    return chosen


def _normalise(con: duckdb.DuckDBPyConnection, field: str, value: Any) -> Any:
    """The value an edit stores, checked and in the shape of OUTPUTS.md."""
    if field in ("type", "acled"):
        if value in (None, ""):
            return None
        if not isinstance(value, str) or len(value) > 80:
            raise ReviewError(f"{field} must be a short text")
        return value.strip().upper() if field == "type" else value.strip()
    if field in ("actors", "targets"):
        items = value if isinstance(value, list) else [value] if value else []
        out = []
        for item in items[:20]:
            if isinstance(item, str) and item.strip():
                out.append({"name": item.strip()[:MAX_TEXT], "entity": None, "canonical": item.strip()[:MAX_TEXT],
                            "type": None})
            elif isinstance(item, dict) and str(item.get("name") or "").strip():
                out.append({"name": str(item["name"])[:MAX_TEXT], "entity": item.get("entity"),
                            "canonical": str(item.get("canonical") or item["name"])[:MAX_TEXT],
                            "type": item.get("type") if isinstance(item.get("type"), int) else None})
            else:
                raise ReviewError(f"{field} must be a list of names or {{name, canonical, type}} objects")
        return out
    if field == "place":
        return _place(con, value)
    if field == "date":
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not _DATE.match(value):
            raise ReviewError("date must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
        return value
    if field == "fatalities":
        if value in (None, ""):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError) as exc:
            raise ReviewError("fatalities must be a whole number") from exc
        if not 0 <= number <= 1_000_000:
            raise ReviewError("fatalities out of range")
        return number
    if value not in MODALITIES:  # modality
        raise ReviewError(f"modality must be one of {', '.join(MODALITIES)}")
    return value


def _place(con: duckdb.DuckDBPyConnection, value: Any) -> dict[str, Any] | None:
    """A place object: a known place of the store when the name matches one, else the name alone."""
    if value in (None, ""):
        return None
    if isinstance(value, dict):
        name = str(value.get("name") or "").strip()
        lat, lon = value.get("lat"), value.get("lon")
        if not name or not all(v is None or isinstance(v, int | float) for v in (lat, lon)):
            raise ReviewError("place must be a name or {name, lat, lon}")
        return {"name": name[:MAX_TEXT], "lat": lat, "lon": lon, "place": None, "admin1": value.get("admin1"),
                "country": value.get("country")}
    if not isinstance(value, str):
        raise ReviewError("place must be a name or {name, lat, lon}")
    name = value.strip()[:MAX_TEXT]
    found = con.execute("SELECT id, name, lat, lon, admin1, country FROM places WHERE lower(name) = lower(?) "
                        "ORDER BY confidence DESC NULLS LAST, id LIMIT 1", [name]).fetchone()
    if found:
        return {"name": found[1], "lat": found[2], "lon": found[3], "place": found[0], "admin1": found[4],
                "country": found[5]}
    return {"name": name, "lat": None, "lon": None, "place": None, "admin1": None, "country": None}


# -- applying -----------------------------------------------------------------------------------------------
def apply_reviews(store: Store) -> set[str]:
    """Replay every stored correction, oldest first, on the event rows; return the ids of the rows touched.

    Called at the end of every pipeline run (the stories step rewrites ``merged_events``) and after each review.
    """
    if not _has_reviews(store.con):
        return set()
    quoted = ", ".join(f'"{c}"' for c in columns("reviews"))
    entries = list(decoded_rows(store.con.execute(f'SELECT {quoted} FROM reviews ORDER BY seq, "at", id'), ()))
    store.con.execute("BEGIN TRANSACTION")
    try:
        touched = _apply(store, entries)
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    return touched


def _has_reviews(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        row = con.execute("SELECT count(*) FROM reviews").fetchone()
    except duckdb.Error:
        return False
    return bool(row and row[0])


def _apply(store: Store, entries: list[dict[str, Any]]) -> set[str]:
    con = store.con
    table = event_table(con)
    touched: set[str] = set()
    orphans = 0
    finder = _Finder(con, table, bulk=len(entries) > BULK)
    for entry in entries:
        members = _loads(entry["members"]) or []
        new = _loads(entry["new"])
        row = finder.find(members)
        if row is None:
            orphans += 1  # the mentions are gone (documents removed or read anew): nothing to correct
            continue
        action = entry["action"]
        if action == "merge":
            other = finder.find((new or {}).get("members") or [])
            if other is None or other["id"] == row["id"]:
                continue  # merged already
            _merge_rows(con, table, row, other)
            finder.changed()
            touched.update((row["id"], other["id"]))
            continue
        if action == "split":
            part = _split_row(store, table, row, set((new or {}).get("members") or []))
            finder.changed()
            if part is not None:
                touched.update((row["id"], part))
            continue
        changes: dict[str, Any] = {}
        if action == "accept":
            changes = {"reportable": True, "review": "accepted"}
        elif action == "reject":
            changes = {"reportable": False, "review": "rejected"}
        elif action == "edit":
            changes = _edit_changes(entry["field"], new)
            changes["review"] = row.get("review") if row.get("review") in ("rejected", "merged") else "edited"
        _update(con, table, row["id"], changes)
        touched.add(row["id"])
    if table == "merged_events" and touched:
        _mark_mentions(con, touched)
    if orphans:
        log.warning("%d review(s) found no event record: their event mentions are no longer in the store", orphans)
    return touched


def _edit_changes(field: str, new: Any) -> dict[str, Any]:
    if field == "place":
        place = None if new is None else {k: new.get(k) for k in ("name", "lat", "lon", "place")}
        return {"place": place, "admin1": (new or {}).get("admin1"), "country": (new or {}).get("country")}
    if field == "date":
        return {"date": new, "date_precision": _PRECISION.get(len(new)) if new else None}
    if field == "modality":
        return {"modality": new, **({"reportable": False} if new in NOT_FACTUAL else {})}
    return {field: new}


def _merge_rows(con: duckdb.DuckDBPyConnection, table: str, keep: dict[str, Any], gone: dict[str, Any]) -> None:
    """``gone`` joins ``keep``: its sources (and mentions, fatality reports) are added, its row removed."""
    sources = _union_spans(keep.get("sources") or [], gone.get("sources") or [])
    changes: dict[str, Any] = {"sources": sources, "review": "merged",
                               "reportable": bool(keep.get("reportable") or gone.get("reportable")),
                               "confidence": max(keep.get("confidence") or 0.0, gone.get("confidence") or 0.0)}
    if keep.get("fatalities") is None and gone.get("fatalities") is not None:
        changes["fatalities"] = gone["fatalities"]
    if table == "merged_events":
        changes["members"] = sorted(set(keep.get("members") or []) | set(gone.get("members") or []))
        changes["fatalities_by_source"] = (keep.get("fatalities_by_source") or []) + (gone.get("fatalities_by_source") or [])
        changes["independent_sources"] = len({s.get("doc") for s in sources})
        _update(con, table, keep["id"], changes)
        con.execute("DELETE FROM merged_events WHERE id = ?", [gone["id"]])
    else:  # per-document rows: the absorbed mention stays (it is a mention) but is no longer a record of its own
        _update(con, table, keep["id"], changes)
        _update(con, table, gone["id"], {"reportable": False, "review": "merged"})


def _split_row(store: Store, table: str, row: dict[str, Any], part: set[str]) -> str | None:
    """Make the mentions ``part`` of ``row`` a record of their own (computed as the stories step would)."""
    from dateline.stories import load
    from dateline.stories.merge import merged_row
    from dateline.stories.update import event_rows

    if table != "merged_events":
        return None
    members = set(row.get("members") or [])
    moving = members & part
    if not moving or moving == members:
        return None  # split already (or nothing left to split)
    mentions = {e.id: e for e in event_rows(load.load_events(store, sorted(members)))}
    if not moving <= mentions.keys():
        return None
    new = merged_row([mentions[m] for m in sorted(moving)])
    new["id"] = _split_id(sorted(moving))
    new["review"] = "edited"
    stay = sorted(members - moving)
    sources = [s for s in row.get("sources") or [] if s.get("doc") not in {mentions[m].doc for m in moving}
               or s.get("doc") in {mentions[m].doc for m in stay if m in mentions}]
    by_source = [s for s in row.get("fatalities_by_source") or [] if s.get("event") not in moving]
    _update(store.con, table, row["id"], {"members": stay, "sources": sources, "fatalities_by_source": by_source,
                                          "independent_sources": len({s.get("doc") for s in sources}),
                                          "review": "edited"})
    store.con.execute("DELETE FROM merged_events WHERE id = ?", [new["id"]])
    load.write_rows(store, "merged_events", [new], replace=False)
    return str(new["id"])


def _split_id(members: list[str]) -> str:
    from dateline.ids import content_id

    return content_id("split", *members, prefix="mev-")


def _mark_mentions(con: duckdb.DuckDBPyConnection, ids: set[str]) -> None:
    """The event mentions behind reviewed records carry the decision too (``event_mentions`` exports them)."""
    rows = con.execute("SELECT members, review FROM merged_events WHERE id IN (SELECT unnest(?))", [sorted(ids)]).fetchall()
    for members, review in rows:
        mentions = _loads(members) or []
        if mentions:
            con.execute("UPDATE events SET review = ?, reportable = CASE WHEN ? = 'rejected' THEN false ELSE reportable END "
                        "WHERE id IN (SELECT unnest(?))", [review, review, mentions])


# -- reading ------------------------------------------------------------------------------------------------
class _Finder:
    """Finds the record holding most of a review's mentions: by one query each, or (``bulk``: replaying many
    reviews after a run) through a map of every mention to its record, built once (again after a merge or split)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: str, *, bulk: bool) -> None:
        self.con, self.table, self.bulk = con, table, bulk
        self._owners: dict[str, str] | None = None

    def changed(self) -> None:
        self._owners = None

    def find(self, members: list[str]) -> dict[str, Any] | None:
        if not members:
            return None
        if self.table == "events" or not self.bulk:
            return _find(self.con, self.table, members)
        if self._owners is None:
            self._owners = {m: str(row_id) for row_id, ms in self.con.execute("SELECT id, members FROM merged_events").fetchall()
                            for m in json.loads(ms or "[]")}
        counts = Counter(self._owners[m] for m in members if m in self._owners)
        if not counts:
            return None
        best = min(counts, key=lambda row_id: (-counts[row_id], row_id))
        return _row(self.con, self.table, best)


def _find(con: duckdb.DuckDBPyConnection, table: str, members: list[str]) -> dict[str, Any] | None:
    """The record holding most of ``members`` now (ties: the smallest id)."""
    if table == "events":
        found = list(decoded_rows(con.execute("SELECT * FROM events WHERE id IN (SELECT unnest(?)) ORDER BY id LIMIT 1",
                                              [members]), JSON_COLUMNS["events"]))
    else:
        found = list(decoded_rows(con.execute(
            "SELECT * FROM merged_events WHERE len(list_intersect(from_json(members, '[\"VARCHAR\"]'), ?)) > 0 "
            "ORDER BY len(list_intersect(from_json(members, '[\"VARCHAR\"]'), ?)) DESC, id LIMIT 1",
            [members, members]), JSON_COLUMNS["merged_events"]))
    return found[0] if found else None


def _row(con: duckdb.DuckDBPyConnection, table: str, event: str) -> dict[str, Any] | None:
    found = list(decoded_rows(con.execute(f'SELECT * FROM "{table}" WHERE id = ? LIMIT 1', [event]), JSON_COLUMNS[table]))
    return found[0] if found else None


def _members(table: str, row: dict[str, Any]) -> list[str]:
    return sorted(row.get("members") or []) if table == "merged_events" else [row["id"]]


def _update(con: duckdb.DuckDBPyConnection, table: str, event: str, changes: dict[str, Any]) -> None:
    if not changes:
        return
    json_cols = JSON_COLUMNS[table]
    sets = ", ".join(f'"{c}" = ?' for c in changes)
    values = [json.dumps(v, ensure_ascii=False) if c in json_cols and v is not None else v for c, v in changes.items()]
    con.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', [*values, event])


def _union_spans(*groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    for group in groups:
        for span in group:
            seen.setdefault((span.get("doc"), span.get("start"), span.get("end")), span)
    return list(seen.values())


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _decode(entry: dict[str, Any]) -> dict[str, Any]:
    return {**entry, **{k: _loads(entry[k]) for k in ("members", "old", "new")}}


def review_history(con: duckdb.DuckDBPyConnection, *, event: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Stored corrections, newest first (of one event record: those keyed by any of its mentions)."""
    quoted = ", ".join(f'"{c}"' for c in columns("reviews"))
    if event is None:
        cursor = con.execute(f"SELECT {quoted} FROM reviews ORDER BY seq DESC LIMIT ?", [limit])
    else:
        table = event_table(con)
        row = _row(con, table, event)
        keys = _members(table, row) if row else [event]
        cursor = con.execute(f"SELECT {quoted} FROM reviews WHERE event = ? OR "
                             "len(list_intersect(from_json(members, '[\"VARCHAR\"]'), ?)) > 0 ORDER BY seq DESC LIMIT ?",
                             [event, keys, limit])
    return [_decode(r) for r in decoded_rows(cursor, ())]


def review_queue(con: duckdb.DuckDBPyConnection, *, limit: int = 50, offset: int = 0,
                 reportable: bool | None = True) -> dict[str, Any]:
    """Event records nobody has reviewed yet, least sure first (by default only those presented as fact)."""
    table = event_table(con)
    where = "review IS NULL" + ("" if reportable is None else " AND coalesce(reportable, true) = ?")
    params: list[Any] = [] if reportable is None else [reportable]
    try:
        total = con.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', params).fetchone()
    except duckdb.Error:  # a store from before reviews (served read-only, not upgraded): nothing reviewed yet
        where, params = ("true", []) if reportable is None else ("coalesce(reportable, true) = ?", [reportable])
        total = con.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', params).fetchone()
    cursor = con.execute(f'SELECT * FROM "{table}" WHERE {where} ORDER BY confidence ASC NULLS FIRST, id LIMIT ? OFFSET ?',
                         [*params, limit, offset])
    items = list(decoded_rows(cursor, JSON_COLUMNS[table]))
    return {"total": int(total[0]) if total else 0, "limit": limit, "offset": offset, "items": items}
