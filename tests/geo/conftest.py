"""Tiny gazetteer fixtures written for these tests, in the exact GeoNames formats."""

from __future__ import annotations

import pytest

from dateline.geo.embedded import embedded_stamp
from dateline.geo.gazetteer import connect, finish, set_meta
from dateline.geo.importer import import_paths


def geoname(gid, name, lat, lon, fclass, fcode, cc, admin1, population, alternates=""):
    ascii_name = name.encode("ascii", "ignore").decode() or name
    cols = [str(gid), name, ascii_name, alternates, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
            str(population), "", "100", "Asia/Baghdad", "2024-01-01"]
    return "\t".join(cols)


ROWS = [
    geoname(1001, "Mosul", 36.335, 43.119, "P", "PPLA", "IQ", "18", 1_683_000, "Al Mawsil,Mossul"),
    geoname(1002, "Ba'shiqah", 36.454, 43.352, "P", "PPL", "IQ", "18", 0, "Bashiqa,Bashiqah"),
    geoname(1003, "Al Qayyārah", 35.800, 43.289, "P", "PPLA3", "IQ", "18", 0, "Qayyarah"),
    geoname(1004, "Ḩammām al ‘Alīl", 36.160, 43.259, "P", "PPL", "IQ", "18", 0, ""),
    geoname(1005, "Al Fallūjah", 33.349, 43.784, "P", "PPL", "IQ", "01", 190_159, "Fallujah"),
    geoname(1006, "Baghdad", 33.341, 44.401, "P", "PPLC", "IQ", "07", 7_216_000, ""),
    geoname(2001, "Paris", 48.853, 2.349, "P", "PPLC", "FR", "11", 2_138_551, "Paree"),
    geoname(2002, "Paris", 33.661, -95.556, "P", "PPLA2", "US", "TX", 24_782, ""),
    geoname(2003, "Paris", 36.302, -88.326, "P", "PPLA2", "US", "TN", 10_156, ""),
    geoname(2004, "Oakdale", 40.1, -80.2, "P", "PPL", "US", "PA", 1_500, "Badush"),  # an alternate name shared by chance
    geoname(3001, "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", "00", 38_000_000, "Irak"),
    geoname(3002, "France", 46.0, 2.0, "A", "PCLI", "FR", "00", 66_000_000, ""),
    geoname(3003, "United States", 39.76, -98.5, "A", "PCLI", "US", "00", 327_000_000, "USA"),
    geoname(3004, "Texas", 31.25, -99.25, "A", "ADM1", "US", "TX", 22_875_689, ""),
    geoname(3005, "Tennessee", 35.75, -86.25, "A", "ADM1", "US", "TN", 6_910_840, ""),
]
ADMIN1 = "US.TX\tTexas\tTexas\t3004\nUS.TN\tTennessee\tTennessee\t3005\nIQ.18\tNinawa\tNinawa\t99999\nFR.11\tÎle-de-France\tIle-de-France\t3012874\n"
COUNTRY_INFO = ("#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea\tPopulation\tContinent\ttld\tCurrencyCode\tCurrencyName\t"
                "Phone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n"
                "IQ\tIRQ\t368\tIZ\tIraq\tBaghdad\t437072\t38433600\tAS\t.iq\tIQD\tDinar\t964\t#####\t^(\\d{5})$\tar-IQ\t3001\tSY\t\n"
                "FR\tFRA\t250\tFR\tFrance\tParis\t547030\t66987244\tEU\t.fr\tEUR\tEuro\t33\t#####\t^(\\d{5})$\tfr-FR\t3002\tES\t\n"
                "US\tUSA\t840\tUS\tUnited States\tWashington\t9629091\t327167434\tNA\t.us\tUSD\tDollar\t1\t#####-####\t^\\d{5}$\ten-US\t3003\tCA\t\n")


def current_index(path):
    """An empty index whose embedded stamp is current, so nothing builds the embedded tier (slow) in a test."""
    conn = connect(path, create=True)
    set_meta(conn, "embedded_stamp", embedded_stamp())
    finish(conn)
    conn.close()
    return path


@pytest.fixture
def geo_files(tmp_path):
    """Tiny files in the GeoNames formats, a CSV and a GeoJSON river."""
    (tmp_path / "XX.txt").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (tmp_path / "admin1CodesASCII.txt").write_text(ADMIN1, encoding="utf-8")
    (tmp_path / "admin2Codes.txt").write_text("US.TX.277\tLamar County\tLamar County\t4705086\n", encoding="utf-8")
    (tmp_path / "countryInfo.txt").write_text(COUNTRY_INFO, encoding="utf-8")
    (tmp_path / "alternateNamesV2.txt").write_text(
        "1\t1003\ten\tQayara\t\t\t\t\t\t\n2\t1003\tar\tالقيارة\t\t\t\t\t\t\n3\t1005\tlink\thttps://x\t\t\t\t\t\t\n", encoding="utf-8")
    (tmp_path / "extra.csv").write_text("name,alternate_names,lat,lon,country,feature\nGogjali,Kokjali|Gogjali village,36.35,43.21,IQ,P.PPL\n",
                                        encoding="utf-8")
    (tmp_path / "rivers.json").write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Tigris","featurecla":"River"},'
        '"geometry":{"type":"LineString","coordinates":[[42.0,37.0],[43.1,36.3],[44.4,33.3]]}}]}', encoding="utf-8")
    return tmp_path


@pytest.fixture
def gazetteer(geo_files, tmp_path):
    """An index holding only the tiny fixture data (no embedded tier: fast and deterministic)."""
    from dateline.geo import Gazetteer

    db = tmp_path / "index.sqlite"
    conn = connect(db, create=True)
    finish(conn)
    conn.close()
    names = ["XX.txt", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt", "alternateNamesV2.txt", "extra.csv", "rivers.json"]
    import_paths(db, [geo_files / n for n in names])
    conn = connect(db)
    conn.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?)", [("iraqi", "IQ"), ("iraqis", "IQ"), ("kurdish", "-")])
    conn.commit()
    conn.close()
    with Gazetteer(db) as gaz:
        yield gaz


def index_of(tmp_path, rows, filename="XX.txt"):
    """A gazetteer index (path) holding only ``rows`` (GeoNames lines), for tests that need their own places."""
    (tmp_path / filename).write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "index.sqlite"
    conn = connect(db, create=True)
    finish(conn)
    conn.close()
    import_paths(db, [tmp_path / filename])
    return db


def doc_with(text, *entities):
    """A document whose NER mentions are ``(surface, label)`` pairs (first occurrence of each surface)."""
    from dateline.model import Document, Mention

    mentions = []
    for surface, label in entities:
        start = text.index(surface)
        mentions.append(Mention(start, start + len(surface), surface, label))
    return Document(id="d1", source="test", text=text, mentions=tuple(mentions), paragraphs=((0, len(text)),))
