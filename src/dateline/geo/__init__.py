"""Geo: gazetteer index, toponym recognition and resolution, qualifiers, relative positions, event places."""

from __future__ import annotations

from dateline.geo.event_place import event_place
from dateline.geo.gazetteer import Gazetteer, default_index_path, ensure_embedded
from dateline.geo.importer import import_paths
from dateline.geo.recognize import ToponymSpan, recognize
from dateline.geo.resolve import LOW_CONFIDENCE
from dateline.geo.resolve_doc import resolve_places
from dateline.geo.stage import GeoStage

__all__ = [
    "LOW_CONFIDENCE",
    "Gazetteer",
    "GeoStage",
    "ToponymSpan",
    "default_index_path",
    "ensure_embedded",
    "event_place",
    "import_paths",
    "recognize",
    "resolve_places",
]
