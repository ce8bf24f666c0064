"""Time of the exports and the Python API over a synthetic store of many events (no NLP pipeline).

    python bench/export_scale.py [--docs 5000] [--events-per-doc 4] [--db /tmp/dateline-export-bench.duckdb]

The store is written through Store.write_documents (invented documents, each with a few events at a handful of
real GeoNames towns), then the ACLED CSV, the typed Parquet files and `dateline.open(...).events` are timed.
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import dateline
from dateline.export.acled import export_acled_csv
from dateline.export.files import export_all
from dateline.model import Document, Event, EventPlace, Participant, Place, PlaceMention, Span
from dateline.store.duckdb_store import Store

TOWNS = [Place("gn:172955", "Ar Raqqah", 35.95283, 39.00788, "SY", "P.PPL", 172955, "04", 0.9),
         Place("gn:98182", "Baghdad", 33.34058, 44.40088, "IQ", "P.PPLC", 98182, "07", 0.9),
         Place("gn:99072", "Mosul", 36.335, 43.11889, "IQ", "P.PPLA", 99072, "15", 0.9)]
KINDS = [("Armed clash", "FIGHT"), ("Air/drone strike", "FIGHT"), ("Peaceful protest", "PROTEST"), ("Attack", "ASSAULT"),
         ("Arrests", "COERCE")]
DATES = ["2017-06-{:02d}", "2017-W{:02d}", "2017-{:02d}"]


def build(path: Path, docs: int, per_doc: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sentence = "Fighters clashed with troops near the town on Monday, and 3 people were killed."
    text = " ".join([sentence] * per_doc)
    batch: list[Document] = []
    with Store(path) as store:
        for d in range(docs):
            doc = f"d-{d:07d}"
            town = rng.choice(TOWNS)
            events = []
            for e in range(per_doc):
                start = e * (len(sentence) + 1)
                acled, plover = rng.choice(KINDS)
                events.append(Event(f"ev-{d:07d}{e:02d}aa", plover, "clashed", (Span(doc, start, start + len(sentence), sentence),),
                                    acled=acled, actors=(Participant("troops", canonical="Military Forces of Iraq", type=1),),
                                    targets=(Participant("fighters", canonical="Islamic State", type=2),),
                                    date=rng.choice(DATES).format(rng.randint(1, 12)), date_precision="day",
                                    place=EventPlace(town.name, town.lat, town.lon, town.id), fatalities=rng.choice([None, 3]),
                                    confidence=rng.random(), reportable=rng.random() < 0.6, country=town.country))
            batch.append(Document(id=doc, source=f"{doc}.txt", outlet=f"Outlet {d % 40}", published="2017-07-01",
                                  language="en", text=text, places=(PlaceMention(doc, 0, 8, "Fighters", town.id, 0.9),),
                                  place_records=(town,), events=tuple(events)))
            if len(batch) == 500:
                store.write_documents(batch, pipeline="bench")
                batch = []
        store.write_documents(batch, pipeline="bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--events-per-doc", type=int, default=4)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "dateline-export-bench.duckdb")
    args = parser.parse_args()
    args.db.unlink(missing_ok=True)
    started = time.perf_counter()
    build(args.db, args.docs, args.events_per_doc)
    built = time.perf_counter() - started
    out = args.db.parent / "dateline-export-bench"
    result = {"docs": args.docs, "events": args.docs * args.events_per_doc, "build_s": round(built, 1)}
    with Store(args.db, read_only=True) as store:
        t = time.perf_counter()
        result["acled_rows"] = export_acled_csv(store, out / "events_acled.csv", include_unreported=True)
        result["acled_csv_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        export_all(store, out, "parquet")
        result["parquet_s"] = round(time.perf_counter() - t, 2)
        result["events_parquet_bytes"] = (out / "events.parquet").stat().st_size
    t = time.perf_counter()
    with dateline.open(args.db) as data:
        result["api_events_rows"] = len(data.events)
    result["api_events_s"] = round(time.perf_counter() - t, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
