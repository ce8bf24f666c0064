"""Import real gazetteer data into the full tier of an index, streaming.

Formats (detected from the file name, then the content):
* GeoNames ``geoname`` dumps, 19 tab-separated columns: ``allCountries.zip``, ``XX.zip``, ``XX.txt``,
  ``cities15000.txt`` ... (zip members are streamed, never extracted or loaded whole);
* ``alternateNamesV2.zip`` / ``alternateNames*.txt`` (Latin-script names only are kept);
* ``admin1CodesASCII.txt``, ``admin2Codes.txt``, ``countryInfo.txt``;
* a user CSV of extra places (header: name, alternate_names, lat, lon, country, feature[, population, admin1]);
* Natural Earth GeoJSON (rivers, lakes, regions, countries): geometry kept as simplified GeoJSON text.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from dateline.geo.gazetteer import (
    NAME_ALT,
    TIER_FULL,
    IndexWriter,
    PlaceRow,
    connect,
    finish,
    record_import,
    synthetic_id,
)
from dateline.geo.names import name_key

log = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with bytes read so far (for a progress bar)
MAX_GEOMETRY_POINTS = 400  # per line/ring: enough for a river-distance check, small enough to store
SKIPPED_ALT_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc", "tcid"})


def detect_format(path: Path) -> str:
    """geonames | alternates | admin1 | admin2 | countryinfo | csv | geojson."""
    name = path.name.lower()
    if name.startswith("alternatenames"):
        return "alternates"
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.startswith("countryinfo"):
        return "countryinfo"
    if name.endswith((".json", ".geojson")):
        return "geojson"
    if name.endswith(".csv"):
        return "csv"
    return "geonames"


def import_paths(db: Path | str, paths: list[Path | str], *, progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Import every path into the index at ``db``; returns rows imported per file."""
    conn = connect(db, create=True)
    counts: dict[str, int] = {}
    try:
        # Code tables first: they name the admin divisions that geoname rows refer to.
        ordered = sorted((Path(p) for p in paths), key=lambda p: detect_format(p) not in ("admin1", "admin2", "countryinfo"))
        for path in ordered:
            kind = detect_format(path)
            total = path.stat().st_size

            def tick(done: int, _name: str = path.name, _total: int = total) -> None:
                if progress:
                    progress(_name, done, _total)

            counts[path.name] = IMPORTERS[kind](conn, path, tick)
            record_import(conn, path, kind, counts[path.name])
            conn.commit()
        finish(conn)
    finally:
        conn.close()
    return counts


@contextmanager
def _open_text(path: Path, progress: Progress) -> Iterator[IO[str]]:
    """Open a text file or the main .txt member of a zip, reporting compressed bytes read."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.endswith(".txt") and "readme" not in m.filename.lower()]
            member = max(members, key=lambda m: m.file_size)
            with archive.open(member) as raw:
                yield _Counting(io.TextIOWrapper(raw, encoding="utf-8", newline=""), progress, path.stat().st_size, member.file_size)
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            yield _Counting(handle, progress, 1, 1)


class _Counting:
    """Line iterator that reports progress every ~1 MB of text."""

    def __init__(self, handle: IO[str], progress: Progress, packed: int, unpacked: int) -> None:
        self.handle, self.progress, self.ratio = handle, progress, packed / max(unpacked, 1)
        self.done = 0

    def __iter__(self) -> Iterator[str]:
        step = 0
        for line in self.handle:
            self.done += len(line)
            if self.done - step > 1_000_000:
                step = self.done
                self.progress(int(self.done * self.ratio))
            yield line
        self.progress(int(self.done * self.ratio))

    def read(self) -> str:
        return self.handle.read()


def _geoname_row(cols: list[str], source: str) -> PlaceRow | None:
    if len(cols) < 19 or not cols[0].isdigit():
        return None
    try:
        lat, lon = float(cols[4]), float(cols[5])
    except ValueError:
        return None
    gid = int(cols[0])
    alternates = tuple(a for a in cols[3].split(",") if a)
    if cols[2] and cols[2] != cols[1]:
        alternates = (cols[2], *alternates)
    population = int(cols[14]) if cols[14].isdigit() else 0
    feature = f"{cols[6]}.{cols[7]}" if cols[7] else cols[6] or None
    return PlaceRow(id=gid, gid=gid, name=cols[1], lat=lat, lon=lon, country=cols[8] or None, feature=feature,
                    admin1=cols[10] or None, admin2=cols[11] or None, population=population, source=source,
                    alternates=alternates)


def import_geonames(conn: sqlite3.Connection, path: Path, progress: Progress) -> int:
    writer = IndexWriter(conn, tier=TIER_FULL, replace=True)
    source = f"geonames:{path.name}"
    with _open_text(path, progress) as handle:
        for line in handle:
            row = _geoname_row(line.rstrip("\n").split("\t"), source)
            if row is not None:
                writer.add(row)
    writer.flush()
    return writer.count


def import_alternates(conn: sqlite3.Connection, path: Path, progress: Progress) -> int:
    writer = IndexWriter(conn, tier=TIER_FULL, replace=False)
    count = 0
    with _open_text(path, progress) as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[2] in SKIPPED_ALT_LANGS or (len(cols) > 7 and cols[7] == "1"):
                continue
            writer.add_names(int(cols[1]), [cols[3]], kind=NAME_ALT)
            count += 1
    writer.flush()
    conn.execute("DELETE FROM names WHERE pid NOT IN (SELECT id FROM places)")
    return count


def import_admin1(conn: sqlite3.Connection, path: Path, progress: Progress) -> int:
    writer = IndexWriter(conn, tier=TIER_FULL, replace=False)
    count = 0
    with _open_text(path, progress) as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or "." not in cols[0]:
                continue
            country, code = cols[0].split(".", 1)
            gid = int(cols[3]) if cols[3].isdigit() else None
            conn.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", (country, code, cols[1], gid))
            names = {cols[1], cols[2]} | ({code} if country == "US" and code.isalpha() else set())  # ", TX"
            for name in names:
                conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(name), country, code))
            if gid:
                writer.add_names(gid, [cols[1], cols[2]], kind=NAME_ALT)
            count += 1
    writer.flush()
    return count


def import_admin2(conn: sqlite3.Connection, path: Path, progress: Progress) -> int:
    count = 0
    with _open_text(path, progress) as handle:
        rows = []
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[0].count(".") != 2:
                continue
            country, admin1, code = cols[0].split(".")
            rows.append((country, admin1, code, cols[1], int(cols[3]) if cols[3].isdigit() else None))
            count += 1
        conn.executemany("INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?,?)", rows)
    return count


def import_countryinfo(conn: sqlite3.Connection, path: Path, progress: Progress) -> int:
    writer = IndexWriter(conn, tier=TIER_FULL, replace=False)
    count = 0
    with _open_text(path, progress) as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 17 or not cols[16].isdigit():
                continue
            gid = int(cols[16])
            conn.execute("INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?)", (cols[0], cols[1], cols[4], gid, cols[8]))
            conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(cols[4]), cols[0], ""))
            writer.add_names(gid, [cols[4]], kind=NAME_ALT)
            count += 1
    writer.flush()
    return count


def import_csv(conn: sqlite3.Connection, path: Path, progress: Progress) -> int:
    writer = IndexWriter(conn, tier=TIER_FULL, replace=True)
    with _open_text(path, progress) as handle:
        for rec in csv.DictReader(handle):  # type: ignore[arg-type]
            rec = {k.strip().lower(): (v or "").strip() for k, v in rec.items() if k}
            try:
                lat, lon = float(rec["lat"]), float(rec["lon"])
            except (KeyError, ValueError):
                continue
            alts = tuple(a.strip() for a in rec.get("alternate_names", rec.get("alternate names", "")).replace(";", "|").split("|") if a.strip())
            population = int(rec["population"]) if rec.get("population", "").isdigit() else 0
            writer.add(PlaceRow(id=synthetic_id("csv", rec["name"], lat, lon), name=rec["name"], lat=lat, lon=lon,
                                country=rec.get("country") or None, feature=rec.get("feature") or "P.PPL",
                                admin1=rec.get("admin1") or None, population=population, source=f"csv:{path.name}",
                                alternates=alts))
    writer.flush()
    return writer.count


_NE_FEATURES = {"river": "H.STM", "lake": "H.LK", "admin-0": "A.PCLI", "admin-1": "A.ADM1", "sea": "H.SEA",
                "bay": "H.BAY", "gulf": "H.GULF", "range": "T.MTS", "island": "T.ISL", "desert": "T.DSRT"}


def import_geojson(conn: sqlite3.Connection, path: Path, progress: Progress) -> int:
    writer = IndexWriter(conn, tier=TIER_FULL, replace=True)
    data = json.loads(path.read_text(encoding="utf-8"))  # Natural Earth files are a few MB at most
    progress(path.stat().st_size)
    for feature in data.get("features", ()):
        row = _geojson_row(feature, path.name)
        if row is not None:
            existing = _same_country(conn, row)
            if existing is not None:
                conn.execute("UPDATE places SET geometry=? WHERE id=?", (row.geometry, existing))
                continue
            writer.add(row)
    writer.flush()
    return writer.count


def _same_country(conn: sqlite3.Connection, row: PlaceRow) -> int | None:
    if row.feature != "A.PCLI" or not row.country:
        return None
    found = conn.execute("SELECT pid FROM countries WHERE iso=?", (row.country,)).fetchone()
    return found[0] if found and found[0] is not None else None


def _geojson_row(feature: dict[str, Any], filename: str) -> PlaceRow | None:
    props = {k.lower(): v for k, v in (feature.get("properties") or {}).items()}
    name = props.get("name_en") or props.get("name") or props.get("admin")
    geometry = feature.get("geometry")
    if not name or not geometry:
        return None
    lines = _simplify(geometry)
    if not lines:
        return None
    lat, lon = _representative_point(lines, polygon=geometry["type"].endswith("Polygon"))
    kind = str(props.get("featurecla") or "").lower()
    code = next((v for k, v in _NE_FEATURES.items() if k in kind), "L.RGN")
    iso = props.get("iso_a2") if props.get("iso_a2") not in (None, "-99") else props.get("iso_a2_eh")
    alts = [props.get("name_alt"), props.get("name")]
    if code == "H.STM" and not str(name).lower().endswith("river"):
        alts.append(f"{name} River")
    geometry_text = json.dumps({"type": "MultiLineString", "coordinates": lines}, separators=(",", ":"))
    return PlaceRow(id=synthetic_id("ne", filename, name, kind), name=str(name), lat=lat, lon=lon,
                    country=iso if iso and iso != "-99" else None, feature=code, source=f"naturalearth:{filename}",
                    geometry=geometry_text, alternates=tuple(str(a) for a in alts if a))


def _simplify(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Every line or outer ring as a coordinate list of at most ``MAX_GEOMETRY_POINTS`` points."""
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "LineString":
        parts = [coords]
    elif kind == "MultiLineString":
        parts = coords
    elif kind == "Polygon":
        parts = coords[:1]
    elif kind == "MultiPolygon":
        parts = [poly[0] for poly in coords if poly]
    else:
        return []
    out = []
    for part in parts:
        step = max(1, len(part) // MAX_GEOMETRY_POINTS)
        pts = part[::step]
        if part and pts[-1] != part[-1]:
            pts.append(part[-1])
        out.append([[round(float(x), 4), round(float(y), 4)] for x, y, *_ in pts])
    return out


def _representative_point(lines: list[list[list[float]]], *, polygon: bool) -> tuple[float, float]:
    longest = max(lines, key=len)
    if polygon:
        xs, ys = [p[0] for p in longest], [p[1] for p in longest]
        return (sum(ys) / len(ys), sum(xs) / len(xs))
    mid = longest[len(longest) // 2]
    return (mid[1], mid[0])


IMPORTERS: dict[str, Callable[[sqlite3.Connection, Path, Progress], int]] = {
    "geonames": import_geonames,
    "alternates": import_alternates,
    "admin1": import_admin1,
    "admin2": import_admin2,
    "countryinfo": import_countryinfo,
    "csv": import_csv,
    "geojson": import_geojson,
}

__all__ = ["IMPORTERS", "detect_format", "import_paths"]
