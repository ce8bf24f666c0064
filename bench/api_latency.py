"""Latency of the web API's list and search endpoints over a synthetic 50k-article store, and of reads while
reviews are written.

    python bench/api_latency.py [--docs 50000] [--requests 60] [--db /tmp/dateline-bench.duckdb]

The store is filled by bulk Arrow inserts (no NLP pipeline), its full-text index built (timed), then each
endpoint is called in-process through the ASGI app (FastAPI TestClient: routing, validation, JSON included; no
sockets). The articles are made-up text in which a town and an armed group appear under several spellings
and names (Al Mayādīn, Mayadeen, al-Mayadin; Syrian Democratic Forces, SDF), so the searches exercise
diacritics, transliteration and aliases. Last, a writer thread posts review corrections while reads are timed.
Prints tables and, last, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import threading
import time
from pathlib import Path

import pyarrow as pa
from fastapi.testclient import TestClient

from dateline.store.duckdb_store import Store
from dateline.store.schema import arrow_schema, columns
from dateline.store.search_index import index_path, refresh
from dateline.web.app import create_app

WORDS = [f"w{i}" for i in range(3000)] + ["army", "protest", "coalition", "strike", "police", "rebels", "ceasefire"]
# one town and one group, each under the spellings and names reports use
TOWN = ["Al Mayādīn", "Mayadeen", "al-Mayadin", "Meyadin"]
GROUP = ["Syrian Democratic Forces", "SDF"]
TYPES = ["FIGHT", "ASSAULT", "PROTEST", "MOBILIZE", "COERCE"]
ENDPOINTS = [
    "/api/documents?limit=50",
    "/api/documents?limit=50&offset=25000",
    "/api/documents?from=2018-01-01&to=2018-01-31&limit=50",
    "/api/events?limit=100",
    "/api/events?type=PROTEST&limit=100",
    "/api/events?from=2018-03-01&to=2018-03-31&limit=100",
    "/api/events?bbox=30,30,40,40&limit=100",
    "/api/events?actor=actor17&limit=100",
    "/api/places?limit=100",
    "/api/entities?limit=100",
    "/api/quotes?speaker=speaker3&limit=100",
    "/api/figures?q=displaced&limit=100",
    "/api/search?q=ceasefire&limit=20",
    "/api/search?q=coalition%20strike&limit=20",
    "/api/search?q=w123%20w456&limit=20",
]
SEARCH_KINDS = ("documents", "events", "entities", "places")
SEARCHES = [
    "/api/search?q=Mayadin&limit=20",
    "/api/search?q=Al-Mayadeen&limit=20",
    "/api/search?q=SDF&limit=20",
    "/api/search?q=SDF%20Mayadin%20ceasefire&limit=20",
    "/api/search?q=Deir%20al-Zour&limit=20",
    "/api/search?q=w123&limit=20",  # an unfinished word: w123, w1230 ... w1239 (two articles in three)
    "/api/search?q=protest&type=PROTEST&from=2018-03-01&to=2018-03-31&reportable=true&limit=20",
    "/api/search?actor=SDF&fatalities=5&limit=20",
]


def build(db: Path, n: int, seed: int = 7) -> None:
    """A store with ``n`` documents, 2 events, 1 quote and 1 figure each, 500 places, 5000 entities."""
    rng = random.Random(seed)
    docs, events, quotes, figures, mentions = [], [], [], [], []
    places = [{"id": f"p{i}", "name": f"Place {i}", "lat": rng.uniform(-60, 70), "lon": rng.uniform(-180, 180),
               "country": "XX", "feature": "P.PPL", "confidence": 0.9} for i in range(500)]
    for i in range(n):
        words = rng.choices(WORDS, k=220)
        if i % 20 == 0:  # one article in twenty is about the town, one in ten about the group
            words[rng.randrange(220)] = rng.choice(TOWN)
        if i % 10 == 0:
            words[rng.randrange(220)] = rng.choice(GROUP)
        text = " ".join(words) + "."
        day = f"2018-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        docs.append({"id": f"d{i}", "source": f"s{i}.txt", "title": f"Report {i}", "outlet": f"outlet{i % 40}",
                     "published": day, "language": "en", "text": text, "status": "ok", "pipeline": "bench",
                     "removed": "[]", "notes": "[]", "paragraphs": "[]", "sentences": "[]", "format": "text"})
        span = json.dumps([{"doc": f"d{i}", "start": 0, "end": 40, "text": text[:40]}])
        for k in range(2):
            p = places[rng.randrange(500)]
            events.append({"id": f"e{i}-{k}", "doc": f"d{i}", "type": rng.choice(TYPES), "trigger": "hit", "date": day,
                           "date_precision": "day",
                           "actors": json.dumps([{"name": rng.choice(GROUP) if i % 10 == 0 else f"actor{rng.randrange(300)}",
                                                  "entity": None}]),
                           "targets": "[]", "modality": "asserted", "summary": f"event {i}", "sources": span,
                           "fatalities": rng.randrange(12), "confidence": rng.random(), "reportable": rng.random() < 0.7,
                           "place": json.dumps({"name": p["name"], "lat": p["lat"], "lon": p["lon"], "place": p["id"]})})
        quotes.append({"id": f"q{i}", "doc": f"d{i}", "start": 0, "end": 20, "text": text[:20], "kind": "direct",
                       "speaker": f"speaker{rng.randrange(500)}"})
        figures.append({"id": f"f{i}", "doc": f"d{i}", "start": 0, "end": 40, "value": 10.0 * i,
                        "unit_or_what": rng.choice(["people displaced", "people killed"]), "conflicts_with": "[]"})
        mentions.extend({"doc": f"d{i}", "start": j, "end": j + 3, "text": "x", "label": "PERSON",
                         "canonical": "x", "entity": f"ent{rng.randrange(5000)}"} for j in range(4))
    entities = [{"id": f"ent{i}", "name": f"Entity {i}", "type": "PERSON", "aliases": "[]"} for i in range(5000)]
    entities.append({"id": "ent-sdf", "name": GROUP[0], "type": "ORG", "aliases": json.dumps(GROUP)})
    with Store(db) as store:
        for table, rows in (("documents", docs), ("events", events), ("places", places), ("quotes", quotes),
                            ("figures", figures), ("mentions", mentions), ("entities", entities)):
            arrow = pa.Table.from_pylist([{c: r.get(c) for c in columns(table)} for r in rows], schema=arrow_schema(table))
            store.con.register("_bulk", arrow)
            store.con.execute(f'INSERT INTO "{table}" SELECT * FROM _bulk')
            store.con.unregister("_bulk")


def measure(db: Path, requests: int, endpoints: list[str]) -> list[dict[str, object]]:
    with TestClient(create_app(db, token=None), base_url="http://127.0.0.1") as client:
        return [_timed(client, url, requests) for url in endpoints]


def _timed(client: TestClient, url: str, requests: int) -> dict[str, object]:
    for _ in range(3):
        client.get(url).raise_for_status()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    times.sort()
    body = response.json()
    # a search answers articles, events, entities and places: the matches of all four
    total = sum(body[k]["total"] for k in SEARCH_KINDS if k in body) if "/api/search" in url else body["total"]
    return {"endpoint": url, "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1), "total": total}


def reads_during_writes(db: Path, seconds: float) -> dict[str, object]:
    """Time reads (an event page, a search) while another thread posts review corrections without pause."""
    token = "bench-token"
    reads = ["/api/events?limit=100", "/api/search?q=Mayadin&limit=20", "/api/review/queue?limit=50"]
    with TestClient(create_app(db, token=token), base_url="http://127.0.0.1") as client:
        events = [e["id"] for e in client.get("/api/review/queue?limit=400").json()["items"]]
        stop = threading.Event()
        writes: list[float] = []

        def writer() -> None:
            k = 0
            while not stop.is_set():
                body = ({"action": "edit", "field": "fatalities", "value": k % 50} if k % 3 else
                        {"action": "accept"} if k % 2 else {"action": "reject"})
                started = time.perf_counter()
                client.post(f"/api/events/{events[k % len(events)]}/review", json=body,
                            headers={"Authorization": f"Bearer {token}"}).raise_for_status()
                writes.append((time.perf_counter() - started) * 1000)
                k += 1

        slowest: dict[str, float] = {}

        def read_times(duration: float) -> list[float]:
            times: list[float] = []
            deadline = time.monotonic() + duration
            while time.monotonic() < deadline:
                for url in reads:
                    started = time.perf_counter()
                    client.get(url).raise_for_status()
                    times.append((time.perf_counter() - started) * 1000)
                    slowest[url] = max(slowest.get(url, 0.0), times[-1])
            return sorted(times)

        for url in reads:
            client.get(url)
        idle = read_times(seconds / 2)
        thread = threading.Thread(target=writer)
        thread.start()
        busy = read_times(seconds)
        stop.set()
        thread.join()
    return {"reviews_written": len(writes), "write_p50_ms": round(statistics.median(writes), 1),
            "read_p95_idle_ms": round(idle[int(0.95 * (len(idle) - 1))], 1),
            "read_p95_during_writes_ms": round(busy[int(0.95 * (len(busy) - 1))], 1),
            "read_max_during_writes_ms": round(busy[-1], 1), "reads": len(busy),
            "slowest_ms": {u: round(t, 1) for u, t in slowest.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--write-seconds", type=float, default=20.0)
    parser.add_argument("--db", type=Path, default=Path("/tmp/dateline-bench.duckdb"))
    parser.add_argument("--writes-only", action="store_true", help="only the reads-while-writing part, on --db as it is")
    args = parser.parse_args()
    if args.writes_only:
        print("reads while reviews are written:", json.dumps(reads_during_writes(args.db, args.write_seconds)))
        return
    args.db.unlink(missing_ok=True)
    index_path(args.db).unlink(missing_ok=True)
    started = time.perf_counter()
    build(args.db, args.docs)
    print(f"built {args.docs} documents in {time.perf_counter() - started:.1f}s ({args.db.stat().st_size / 2**20:.0f} MiB)")
    started = time.perf_counter()
    with Store(args.db) as store:
        counts = refresh(store.con, index_path(args.db))
    index_seconds = time.perf_counter() - started
    index_mib = index_path(args.db).stat().st_size / 2**20
    print(f"full-text index built in {index_seconds:.1f}s ({index_mib:.0f} MiB): {counts}")
    results = measure(args.db, args.requests, ENDPOINTS + SEARCHES)
    print(f"{'endpoint':58} {'p50 ms':>8} {'p95 ms':>8} {'matches':>8}")
    for r in results:
        print(f"{r['endpoint']:58} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['total']:8}")
    worst = max(r["p95_ms"] for r in results)  # type: ignore[type-var]
    search_worst = max(r["p95_ms"] for r in results if "/api/search" in str(r["endpoint"]))  # type: ignore[type-var]
    writes = reads_during_writes(args.db, args.write_seconds)
    print("reads while reviews are written:", json.dumps(writes))
    print(json.dumps({"bench": "api_latency", "docs": args.docs, "worst_p95_ms": worst, "goal_p95_ms": 200,
                      "search_worst_p95_ms": search_worst, "search_goal_p95_ms": 100,
                      "index_build_s": round(index_seconds, 1), "index_mib": round(index_mib),
                      "reads_during_writes": writes, "results": results}))


if __name__ == "__main__":
    main()
