"""Where `dateline run` spends its time: each stage, the corpus steps and the output files, in one process.

    python bench/stage_costs.py [--corpus DIR] [--replicate N] [--batch-size B]

The corpus (default: the demo corpus in examples/) is replicated N times (distinct copies, as in
bench/throughput.py). Stages run in-process, one batch at a time, so every second is attributed to
exactly one step; model loading (each stage's ``setup``) is reported apart. The issues' budgets are
checked as what the stages add to the rest of the run: the time stage under 10 %, the events stage (with its
learned detector) under 35 %, events + quotes + figures under 30 % (an older budget).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from dateline.engine.batch import finalize
from dateline.ingest.readers import read_inputs
from dateline.pipeline import relink_entities, write_outputs
from dateline.registry import build_plan
from dateline.settings import Settings
from dateline.store.duckdb_store import Store
from dateline.stories.update import update_stories

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import replicate  # noqa: E402 - the same replication as the throughput benchmark

ROOT = Path(__file__).resolve().parent.parent
BUDGETS = {"time": (("time.tag",), 0.10), "events": (("events.extract",), 0.35),
           "events+quotes+figures": (("events.extract", "quotes.extract", "figures.extract"), 0.30)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples")
    parser.add_argument("--replicate", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-embeddings", action="store_true", help="events typed by rules only; stories lexical")
    args = parser.parse_args()
    if args.no_embeddings:
        os.environ["DATELINE_NO_EMBEDDINGS"] = "1"

    settings = Settings(jobs=1, batch_size=args.batch_size, event_embeddings=not args.no_embeddings)
    stages = build_plan(settings)
    names = [s.name.rsplit(".v", 1)[0] for s in stages]
    seconds: dict[str, float] = defaultdict(float)
    setup: dict[str, float] = {}
    for name, stage in zip(names, stages, strict=True):
        started = time.perf_counter()
        stage.setup()
        setup[name] = time.perf_counter() - started

    work = Path(tempfile.mkdtemp(prefix="dateline-costs-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        files = replicate(args.corpus, args.replicate, corpus)
        docs = 0
        with Store(work / "dateline.duckdb") as store:
            batch = []
            started = time.perf_counter()
            pending = list(read_inputs([str(corpus)], max_doc_bytes=settings.max_doc_bytes))
            seconds["read"] += time.perf_counter() - started
            for i in range(0, len(pending), args.batch_size):
                batch = pending[i:i + args.batch_size]
                for name, stage in zip(names, stages, strict=True):
                    started = time.perf_counter()
                    batch = stage(batch)
                    seconds[name] += time.perf_counter() - started
                started = time.perf_counter()
                batch = [finalize(d) for d in batch]
                store.write_documents(batch, pipeline="bench")
                seconds["store"] += time.perf_counter() - started
                docs += sum(1 for d in batch if d.ok)
            for step, call in (("entity linking", lambda: relink_entities(store)),
                               ("stories", lambda: update_stories(store, settings)),
                               ("files + report", lambda: write_outputs(store, work / "out", settings))):
                started = time.perf_counter()
                call()
                seconds[step] += time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)

    total = sum(seconds.values())
    print(f"corpus: {files} files ({args.corpus} x{args.replicate}), {docs} documents, batch size {args.batch_size}, one process")
    print(f"{'step':<22} {'seconds':>8} {'share':>7} {'ms/doc':>7}")
    for name, value in seconds.items():
        print(f"{name:<22} {value:>8.2f} {value / total:>7.1%} {1000 * value / max(docs, 1):>7.1f}")
    print(f"{'total':<22} {total:>8.2f} {1:>7.0%} {1000 * total / max(docs, 1):>7.1f}")
    print("model/data loading once per worker: " + ", ".join(f"{k} {v:.1f}s" for k, v in setup.items() if v >= 0.05))
    shares = {label: sum(seconds[n] for n in members) / total for label, (members, _) in BUDGETS.items()}
    # "adds X % to a run": the stages' time over the time of the run without them
    added = {label: share / (1 - share) for label, share in shares.items()}
    for label, (_, budget) in BUDGETS.items():
        verdict = "within" if added[label] < budget else "OVER"
        print(f"budget {label}: {shares[label]:.1%} of the run, adds {added[label]:.1%} to it ({verdict} the {budget:.0%} budget)")
    print(json.dumps({"docs": docs, "total_s": round(total, 2), "docs_per_s": round(docs / total, 2),
                      **{f"share_{k}": round(v, 4) for k, v in shares.items()},
                      **{f"adds_{k}": round(v, 4) for k, v in added.items()},
                      "steps_s": {k: round(v, 3) for k, v in seconds.items()}}))


if __name__ == "__main__":
    main()
