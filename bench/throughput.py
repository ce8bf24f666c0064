"""Throughput of `dateline run` beside spaCy's own `nlp.pipe` on the same texts, in the same run.

    python bench/throughput.py [--corpus DIR] [--replicate N] [--jobs J]

The corpus (default: the demo corpus in examples/) is replicated N times; each copy gets a distinct
reference line so that content-hash de-duplication does not skip it. The figure that matters is
ours/spaCy: how much of spaCy's raw speed the whole pipeline keeps. Peak RSS is reported for the
main process and its workers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from dateline.ingest.readers import discover
from dateline.nlp.models import load_spacy
from dateline.pipeline import run_corpus
from dateline.registry import DEFAULT_PLAN
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FOUNDATION = ("ingest.extract", "clean.noise", "nlp.language", "nlp.spacy", "entities.canonical")


def replicate(corpus: Path, copies: int, dest: Path) -> int:
    """Copy every text/HTML file ``copies`` times with a distinct trailing line; return the file count."""
    count = 0
    for path in map(Path, discover([str(corpus)], include=["*.txt", "*.md", "*.html", "*.htm"])):
        raw = path.read_text(encoding="utf-8", errors="replace")
        for i in range(copies):
            marker = f"\n\n<p>Reference {i}.</p>\n" if path.suffix.startswith(".htm") else f"\n\nReference {i}.\n"
            body = raw.replace("</article>", marker + "</article>", 1) if "</article>" in raw else raw + marker
            (dest / f"{i:05d}_{path.name}").write_text(body, encoding="utf-8")
            count += 1
    return count


def spacy_baseline(texts: list[str], jobs: int, batch_size: int) -> float:
    """Seconds for spaCy's own nlp.pipe (same pipeline, same processes) over ``texts``."""
    nlp = load_spacy()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=jobs):
        pass
    return time.perf_counter() - started


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples")
    parser.add_argument("--replicate", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--plan", choices=("all", "foundation"), default="all",
                        help="all: every stage, stories and the report; foundation: ingest to entities only")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dateline-throughput-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        files = replicate(args.corpus, args.replicate, corpus)
        settings = Settings(jobs=args.jobs, batch_size=args.batch_size)
        if args.plan == "foundation":
            settings = dataclasses.replace(settings, stages=FOUNDATION, corpus_steps=False, report=False)
        summary = run_corpus([str(corpus)], out_dir=work / "out", settings=settings)
        texts = [json.loads(line)["text"] for line in (work / "out" / "documents.jsonl").open(encoding="utf-8")]
        texts = [t for t in texts if t]
        spacy_seconds = spacy_baseline(texts, args.jobs, args.batch_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    words = sum(len(t.split()) for t in texts)
    ours = summary.ok / summary.seconds
    theirs = len(texts) / spacy_seconds
    own_rss, child_rss = peak_rss_mb()
    rows = [
        ("dateline run", summary.ok, summary.seconds, ours, words / summary.seconds),
        ("spaCy nlp.pipe", len(texts), spacy_seconds, theirs, words / spacy_seconds),
    ]
    stages = FOUNDATION if args.plan == "foundation" else (*DEFAULT_PLAN, "stories", "report")
    print(f"corpus: {files} files ({args.corpus} x{args.replicate}), jobs={args.jobs}, stages: {', '.join(stages)}")
    print(f"{'system':<16} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'words/s':>9}")
    for name, docs, secs, dps, wps in rows:
        print(f"{name:<16} {docs:>6} {secs:>8.1f} {dps:>8.1f} {wps:>9.0f}")
    print(f"ratio ours/spaCy: {ours / theirs:.2f}   peak RSS: main {own_rss:.0f} MiB, largest worker {child_rss:.0f} MiB")
    print(json.dumps({"docs_per_s": round(ours, 2), "words_per_s": round(words / summary.seconds),
                      "spacy_docs_per_s": round(theirs, 2), "ratio": round(ours / theirs, 3),
                      "peak_rss_main_mb": round(own_rss), "peak_rss_worker_mb": round(child_rss),
                      "docs": summary.ok, "jobs": args.jobs, "plan": args.plan}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
