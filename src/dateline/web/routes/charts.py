"""Counts for the app's charts, over every event in the store (the browser's event list is capped)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dateline.report.data import store_charts
from dateline.web.db import CursorStore
from dateline.web.deps import Cursor

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/charts")
def charts(con: Cursor) -> dict[str, Any]:
    """Reportable events and fatalities per day: in total and by type, actor and region (top 8 + other)."""
    return store_charts(CursorStore(con))
