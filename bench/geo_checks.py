"""Every geography claim the checks evaluate in a store, with what the coordinates give and whether it is flagged.

    python bench/geo_checks.py OUT/dateline.duckdb [--gazetteer INDEX]
    python bench/geo_checks.py --lgl ../shared/bench/geo/lgl.xml

Run `dateline run INPUT --out OUT` first (the demo: examples/; the seeds: ../shared/seeds/). A claim is listed
once with tolerances set to zero (so each one shows its computed evidence) and marked FLAG when the real
tolerances flag it too. ``--lgl``: the checks on LGL's 588 US local news articles with the gold toponyms as the
placed mentions (GeoNames feature class and coordinates from the gold; sentences split at ". "), so what is
measured is the checks' reading of the text, not the resolver: every flag there should be a real error of the
article (or of the gold).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.store.duckdb_store import Store
from dateline.stories import geocheck, load


def claims(store: Store, rivers: geocheck.RiverIndex, *, everything: bool) -> list[dict]:
    saved = (geocheck.RIVER_KM, geocheck.DISTANCE_ABS_KM, geocheck.DISTANCE_REL, geocheck.DIRECTION_DEG)
    if everything:
        geocheck.RIVER_KM, geocheck.DISTANCE_ABS_KM, geocheck.DISTANCE_REL, geocheck.DIRECTION_DEG = -1.0, 0.0, 0.0, -1.0
    try:
        rows = []
        docs = {r[0]: (r[1], json.loads(r[2] or "[]")) for r in
                store.con.execute("SELECT id, text, sentences FROM documents WHERE status = 'ok'").fetchall()}
        for doc, mentions in sorted(load.load_places(store).items()):
            placed = [geocheck.PlacedMention(m["start"], m["end"], m["text"], m["place"], m["lat"], m["lon"], m["feature"],
                                             1.0 if m["confidence"] is None else m["confidence"], m["qualifier"])
                      for m in mentions]
            rows += geocheck.check_document(doc, docs[doc][0], docs[doc][1], placed, rivers=rivers)
        return rows
    finally:
        geocheck.RIVER_KM, geocheck.DISTANCE_ABS_KM, geocheck.DISTANCE_REL, geocheck.DIRECTION_DEG = saved


def lgl_documents(path: Path) -> list[tuple[str, str, list[tuple[int, int]], list[geocheck.PlacedMention]]]:
    """LGL articles: (id, text, sentences, gold toponyms as placed mentions)."""
    import re
    import xml.etree.ElementTree as ET

    out = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        sentences, begin = [], 0
        for stop in re.finditer(r"[.!?](?=\s+[A-Z\"“])|$", text):
            sentences.append((begin, stop.end()))
            begin = stop.end() + 1
        mentions = []
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            feature = f"{tag.findtext('fclass') or ''}.{tag.findtext('fcode') or ''}"
            mentions.append(geocheck.PlacedMention(
                int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0), toponym.findtext("phrase") or "",
                f"gn:{tag.get('geonameid')}", float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0), feature))
        out.append((article.get("docid") or "", text, sentences, sorted(mentions, key=lambda m: m.start)))
    return out


def gold_claims(docs: list, rivers: geocheck.RiverIndex, *, everything: bool) -> list[dict]:
    saved = (geocheck.RIVER_KM, geocheck.DISTANCE_ABS_KM, geocheck.DISTANCE_REL, geocheck.DIRECTION_DEG)
    if everything:
        geocheck.RIVER_KM, geocheck.DISTANCE_ABS_KM, geocheck.DISTANCE_REL, geocheck.DIRECTION_DEG = -1.0, 0.0, 0.0, -1.0
    try:
        return [row for doc, text, sentences, mentions in docs
                for row in geocheck.check_document(doc, text, sentences, mentions, rivers=rivers)]
    finally:
        geocheck.RIVER_KM, geocheck.DISTANCE_ABS_KM, geocheck.DISTANCE_REL, geocheck.DIRECTION_DEG = saved


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path, nargs="?")
    parser.add_argument("--gazetteer", default=None)
    parser.add_argument("--lgl", type=Path, default=None)
    args = parser.parse_args()
    rivers = geocheck.default_rivers(args.gazetteer)
    if args.lgl:
        docs = lgl_documents(args.lgl)
        flagged = {r["id"] for r in gold_claims(docs, rivers, everything=False)}
        every = gold_claims(docs, rivers, everything=True)
    else:
        with Store(args.store, read_only=True) as store:
            flagged = {r["id"] for r in claims(store, rivers, everything=False)}
            every = claims(store, rivers, everything=True)
    for row in every:
        ev = row["evidence"]
        mark = "FLAG" if row["id"] in flagged else "ok  "
        if row["kind"] == "river":
            said = f"on the {ev['river']}: {ev['computed_km']:.0f} km from its line"
        else:
            ref = ev["reference"]
            said = (f"stated {ev['stated_km']:.0f} km {ev['stated_direction'] or ''} of {ref['name']} ({ref['from']}): "
                    f"{ev['computed_km']:.0f} km at {ev['computed_bearing']}°")
        print(f"{mark} {row['kind']:8} {ev['place']['name']:>12} | {said} | {row['sources'][0]['text'][:70]!r}")
    print(f"{len(every)} claims evaluated, {len(flagged)} flagged")


if __name__ == "__main__":
    main()
