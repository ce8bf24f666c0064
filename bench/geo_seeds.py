"""Done-when check on the seed articles: known places resolve near their true positions.

    python bench/geo_seeds.py [--seeds ../shared/seeds] [--gazetteer PATH] [--full]

--full imports ../shared/geo (IQ_SY.txt, admin codes, countryInfo) into a temporary copy of the index first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from dateline.geo import Gazetteer, ensure_embedded, import_paths, resolve_places
from dateline.geo.gazetteer import haversine_km
from dateline.geo.names import name_key
from dateline.model import Document

HERE = Path(__file__).resolve().parent
# Reference positions (approximate town centres) and the allowed error in km.
EMBEDDED_TARGETS = {"mosul": (36.34, 43.13), "raqqa": (35.95, 39.01), "sinjar": (36.32, 41.88),
                    "fallujah": (33.35, 43.78), "falluja": (33.35, 43.78), "erbil": (36.19, 44.01), "baghdad": (33.34, 44.40)}
FULL_TARGETS = {"bashiqa": (36.45, 43.35), "badush": (36.43, 42.96), "hammam al alil": (36.16, 43.26),
                "qayyarah": (35.80, 43.29), "qayara": (35.80, 43.29), "qaraqosh": (36.27, 43.38)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=Path, default=HERE.parent.parent / "shared" / "seeds")
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    from dateline.nlp.stage import SpacyStage
    from dateline.settings import Settings

    nlp = SpacyStage(Settings())
    files = sorted(args.seeds.glob("*.txt"))
    docs = nlp([Document(id=f.stem, source=str(f), text=f.read_text(encoding="utf-8")) for f in files])
    index = ensure_embedded(args.gazetteer)
    tmp = Path(tempfile.mkdtemp())
    targets, limit = EMBEDDED_TARGETS, 30.0
    if args.full:
        shutil.copy(index, tmp / "full.sqlite")
        index = tmp / "full.sqlite"
        geo = HERE.parent.parent / "shared" / "geo"
        import_paths(index, [geo / n for n in ("IQ_SY.txt", "admin1CodesASCII.txt", "countryInfo.txt")])
        targets, limit = {**EMBEDDED_TARGETS, **FULL_TARGETS}, 15.0
    results, unresolved = {}, set()
    with Gazetteer(index) as gazetteer:
        for doc in docs:
            mentions, records = resolve_places(doc, gazetteer)
            by_id = {r.id: r for r in records}
            for m in mentions:
                key = name_key(m.text)
                if m.place is None:
                    unresolved.add(m.text)
                    continue
                if key in targets and m.qualifier is None:
                    place = by_id[m.place]
                    err = haversine_km(*targets[key], place.lat, place.lon)
                    results.setdefault(key, []).append(round(err, 1))
    shutil.rmtree(tmp, ignore_errors=True)
    ok = {k: max(v) <= (30.0 if k in EMBEDDED_TARGETS else limit) for k, v in results.items()}
    print("errors km per mention:", json.dumps(results))
    print("unresolved names:", sorted(unresolved))
    print(json.dumps({"all_within": all(ok.values()), "checked": sorted(ok), "failed": sorted(k for k, v in ok.items() if not v),
                      "targets_not_found": sorted(set(targets) - set(results))}))


if __name__ == "__main__":
    main()
