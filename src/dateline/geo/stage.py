"""The geo stage: resolve every document's toponyms against the gazetteer index."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from dateline.geo.gazetteer import Gazetteer
from dateline.geo.resolve_doc import resolve_places
from dateline.model import Document
from dateline.stage import BaseStage


class GeoStage(BaseStage):
    """Fill ``places`` (mentions, resolved or not) and ``place_records`` (the Place rows they point to)."""

    name: ClassVar[str] = "geo.resolve.v1"

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self._gazetteer: Gazetteer | None = None

    def setup(self) -> None:
        """Open the gazetteer once per worker (building the embedded tier when missing or stale)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.open(getattr(self.settings, "gazetteer", None))

    def process(self, document: Document) -> Document:
        self.setup()
        assert self._gazetteer is not None  # for the type checker: setup() just set it
        mentions, records = resolve_places(document, self._gazetteer)
        return dataclasses.replace(document, places=mentions, place_records=records)

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "_gazetteer": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._gazetteer = None
