"""Scaling of story assignment and event merging: synthetic corpora of 1k, 10k, 50k documents.

    python bench/stories_speed.py [--sizes 1000,10000,50000]

Synthetic replication: 100 events per story of 20 documents, spread over a year; each document has a
random unit embedding near its story's, 40 terms and 6 entities drawn mostly from its story's vocabulary
(plus shared common words), 2 places, and 2 event mentions (same type/day/place as its story's event,
fatalities varying by outlet). Times ``place_documents`` (all documents new, one batch) and
``merge_events`` separately. Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from dateline.stories.cluster import place_documents
from dateline.stories.dedup import NUM_PERM
from dateline.stories.features import DocFeatures
from dateline.stories.merge import EventRow, merge_events

DOCS_PER_STORY = 20


def synthetic(n: int, seed: int = 7) -> tuple[list[DocFeatures], list[tuple[str, int]]]:
    rng = np.random.default_rng(seed)
    n_stories = max(1, n // DOCS_PER_STORY)
    centres = rng.normal(size=(n_stories, 384)).astype(np.float32)
    docs, story_of = [], []
    for i in range(n):
        s = int(rng.integers(n_stories))
        emb = centres[s] + rng.normal(scale=1.0, size=384).astype(np.float32)
        terms = {f"s{s}w{int(k)}": int(rng.integers(1, 5)) for k in rng.integers(0, 60, size=30)}
        terms.update({f"common{int(k)}": 1 for k in rng.integers(0, 500, size=10)})
        entities = {f"s{s}e{int(k)}": 1 for k in rng.integers(0, 10, size=6)}
        places = {f"s{s}p{int(k)}": 1 for k in rng.integers(0, 3, size=2)}
        minhash = rng.integers(0, 2**32, size=NUM_PERM)
        day = 738000 + (s * 7) % 365 + int(rng.integers(0, 3))
        docs.append(DocFeatures(f"d{i:06d}", day, emb / np.linalg.norm(emb), minhash, terms, entities, places))
        story_of.append((f"d{i:06d}", s))
    return docs, story_of


def events_for(placed: dict[str, str], story_of: list[tuple[str, int]], docs: list[DocFeatures]) -> list[EventRow]:
    rows = []
    for (doc, s), feat in zip(story_of, docs, strict=True):
        for k in range(2):
            date = f"{2022 + (feat.day - 738000) // 365}-01-01"
            rows.append(EventRow(id=f"{doc}:{k}", doc=doc, story=placed[doc], type=("FIGHT", "PROTEST")[k],
                                 date=date, date_precision="day", fatalities=2 + (hash(doc) % 2),
                                 place={"lat": 30.0 + s % 50, "lon": 40.0 + k, "place": f"p{s}"},
                                 sources=[{"doc": doc, "start": 0, "end": 10}], published=date, original=doc))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    args = parser.parse_args()
    out = {}
    print(f"{'docs':>7} {'assign s':>9} {'docs/s':>8} {'stories':>8} {'merge s':>8} {'mentions':>9} {'merged':>7}")
    for n in (int(x) for x in args.sizes.split(",")):
        docs, story_of = synthetic(n)
        started = time.perf_counter()
        placements = place_documents(docs, {}, use_embeddings=True)
        assign_s = time.perf_counter() - started
        placed = {p.doc: p.story for p in placements}
        events = events_for(placed, story_of, docs)
        started = time.perf_counter()
        merged, _ = merge_events(events)
        merge_s = time.perf_counter() - started
        out[n] = {"assign_s": round(assign_s, 2), "merge_s": round(merge_s, 2)}
        print(f"{n:7d} {assign_s:9.2f} {n / assign_s:8.0f} {len(set(placed.values())):8d} {merge_s:8.2f} "
              f"{len(events):9d} {len(merged):7d}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
