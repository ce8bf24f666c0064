"""River centre lines by name, for the geography check: packaged with Dateline, no import needed.

``data/rivers.json`` is derived from Natural Earth's 1:50m rivers and lake centre lines (public domain) by
``python -m dateline.geo.rivers_build`` (see that module): 338 named rivers worldwide, simplified to ~1 km.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from dateline.geo.gazetteer import data_file

Line = list[tuple[float, float]]  # (lon, lat)
RIVERS_FILE = "rivers.json"


def river_key(name: str) -> str:
    """Fold a river's name: case, a leading "the", a trailing "river"/"river's"."""
    key = " ".join(name.lower().replace("\u2019", "'").split())
    key = key.removeprefix("the ").removesuffix("'s").strip()
    for word in (" river", " rivers"):
        key = key.removesuffix(word)
    return key.removeprefix("river ").strip()


class PackagedRivers:
    """The packaged Natural Earth rivers (``data/rivers.json``)."""

    def __init__(self, content: dict[str, Any] | None = None) -> None:
        content = content if content is not None else _packaged()
        self.source = str(content.get("source") or RIVERS_FILE)
        self._lines: dict[str, list[Line]] = {}
        self._names: dict[str, str] = {}
        for river in content.get("rivers", ()):
            lines = [[(float(x), float(y)) for x, y in line] for line in river.get("lines", ())]
            for key in {river_key(name) for name in (river["name"], *river.get("names", ()))} - {""}:
                self._lines.setdefault(key, []).extend(lines)
                self._names.setdefault(key, river["name"])

    def lines(self, name: str) -> list[Line]:
        return self._lines.get(river_key(name), [])

    def canonical(self, name: str) -> str | None:
        """The river's name in the file ("Al Furat" → "Euphrates"), None when unknown."""
        return self._names.get(river_key(name))


@lru_cache(maxsize=1)
def _packaged() -> dict[str, Any]:
    return json.loads(data_file(RIVERS_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def packaged_rivers() -> PackagedRivers:
    """The packaged rivers, read once per process."""
    return PackagedRivers()
