"""The geo stage: resolve every document's toponyms against the gazetteer index."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from dateline.geo.gazetteer import Gazetteer, state_of
from dateline.geo.resolve_doc import resolve_places
from dateline.model import Document
from dateline.stage import BaseStage

NOTE_PREFIX = "gazetteer: "  # the document note naming the index that placed it ("gazetteer: gz-… PATH")


class GeoStage(BaseStage):
    """Fill ``places`` (mentions, resolved or not) and ``place_records`` (the Place rows they point to)."""

    name: ClassVar[str] = "geo.resolve.v1"

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self._gazetteer: Gazetteer | None = None
        self._note: str | None = None

    @property
    def signature(self) -> str:
        """The stage name plus the index's fingerprint: another index (``--gazetteer``), an import into this one or
        a rebuilt embedded tier places the stored documents again on the next run."""
        fingerprint = state_of(getattr(self.settings, "gazetteer", None))["fingerprint"]
        return f"{self.name}@{fingerprint}"

    def setup(self) -> None:
        """Open the gazetteer once per worker (building the embedded tier when missing or stale)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.open(getattr(self.settings, "gazetteer", None))
            state = self._gazetteer.state()
            self._note = f"{NOTE_PREFIX}{state['fingerprint']} {state['path']}"

    def process(self, document: Document) -> Document:
        self.setup()
        assert self._gazetteer is not None  # for the type checker: setup() just set it
        mentions, records = resolve_places(document, self._gazetteer)
        notes = tuple(n for n in document.notes if not n.startswith(NOTE_PREFIX)) + (self._note or "",)
        return dataclasses.replace(document, places=mentions, place_records=records, notes=notes)

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "_gazetteer": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._gazetteer = None
        self._note = None
