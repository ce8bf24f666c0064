#!/usr/bin/env python
"""Article-body benchmark: what ``dateline ingest`` writes as ``text``, beside trafilatura's defaults.

Scores like the Zyte/Scrapinghub article-extraction-benchmark (``evaluate.py``, MIT):

* text → tokens with the regex ``\\w+`` (the benchmark's tokenizer; it splits on whitespace *and*
  punctuation), tokens → 4-gram shingles counted as a multiset;
* per page, TP/FP/FN over the shingle multisets, normalised by TP+FP+FN so long pages weigh no more than
  short ones;
* precision is averaged over the pages whose prediction has shingles (TP+FP > 0), recall over the pages
  whose ground truth has shingles (TP+FN > 0): an empty prediction for a non-empty truth counts as recall 0
  and is left out of the precision mean, a page where both are empty drops out of both means;
* F1 is the harmonic mean of the averaged precision and the averaged recall.

Systems, all run in this process on the same pages:

* ``dateline ingest``: the ``ingest.extract`` and ``clean.noise`` stages, the code `dateline ingest` and
  `dateline run` use, on a Document made as the HTML reader makes it; the score is of ``Document.text``;
* ``dateline extract_html``: the extractor alone, before cleaning (the figure this bench used to report);
* ``trafilatura defaults``: ``trafilatura.extract(html, url=url)``;
* every baseline JSON in the set's ``baselines/`` folder, scored by the same function.

Each set is split in two halves by page id (ids sorted; even positions are half A, odd half B). Cleaning
rules were tuned on half A only; half B is held out. Recall ("body recall") is printed beside F1, with the
pages that lost most of their body (recall < 0.5). Per set the script also counts the pages where cleaning
removed more than 20 % of the extracted words, and how many of those removals the gold calls article text
(most of the removed 4-gram shingles are in the gold body).

The last line printed is one JSON object: Dateline's ``precision``, ``recall`` and ``f1`` (ingest, all pages)
of the first set, and ``sets`` with every set's figures per half.

    python bench/extraction.py                          # ../shared/bench/extraction and extraction-l3s
    python bench/extraction.py --set ../shared/bench/extraction-l3s --worst 10
    python bench/extraction.py --html DIR --truth FILE [--baselines DIR]   # one set given by its parts
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "extraction"
DEFAULT_L3S = REPO_ROOT.parent / "shared" / "bench" / "extraction-l3s"

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

TpFpFn = tuple[float, float, float]


# --------------------------------------------------------------------------------------------- scoring


def tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles; a text shorter than ``n`` tokens is one (short) shingle."""
    tokens = tokenize(text)
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def shingle_matching(true: str | None, pred: str | None, n: int = 4) -> TpFpFn:
    """Normalised (tp, fp, fn) of one page, as in the benchmark's ``string_shingle_matching``."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def page_scores(true: str | None, pred: str | None) -> dict[str, float]:
    """Precision, recall and F1 of a single page (for error analysis)."""
    tp, fp, fn = shingle_matching(true, pred)
    p, r = _precision(tp, fp, fn), _recall(tp, fp, fn)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(truth: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Benchmark metrics over every page of ``truth``; a page missing from ``predicted`` counts as empty."""
    triples = [shingle_matching(truth[key], predicted.get(key) or "") for key in truth]
    precisions = [_precision(*t) for t in triples if t[0] + t[1] > 0]
    recalls = [_recall(*t) for t in triples if t[0] + t[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(triples)}


# --------------------------------------------------------------------------------------------- data


def load_bodies(path: Path) -> dict[str, str]:
    """``{ID: articleBody}`` from a ground-truth or baseline JSON (with or without an ``output`` wrapper)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("output"), dict):
        data = data["output"]
    return {key: (value or {}).get("articleBody") or "" for key, value in data.items()}


def load_urls(path: Path) -> dict[str, str | None]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: (value or {}).get("url") for key, value in data.items()}


def read_bytes(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.name.endswith(".gz") else raw


def read_page(path: Path) -> str:
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("utf-8", errors="replace")


def page_files(html_dir: Path) -> dict[str, Path]:
    files = {}
    for path in sorted(html_dir.iterdir()):
        for suffix in (".html.gz", ".html"):
            if path.name.endswith(suffix):
                files[path.name[: -len(suffix)]] = path
                break
    return files


# --------------------------------------------------------------------------------------------- running

HALVES = ("A", "B")
REMOVED_SHARE = 0.2  # cleaning that removes more than this share of a page's words is counted
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageRun:
    ingest: str  # Document.text after extraction and cleaning
    extracted: str  # extract_html's body, before cleaning
    removed: str  # the removed pieces, joined
    trafilatura: str
    failed: bool


def halves(keys: Iterable[str]) -> dict[str, list[str]]:
    """Half A: sorted ids at even positions; half B: odd positions."""
    ordered = sorted(keys)
    return {"A": ordered[0::2], "B": ordered[1::2]}


def _import_dateline():
    try:
        import dateline  # noqa: F401
    except ImportError:  # not installed yet: use the checkout's src/
        sys.path.insert(0, str(REPO_ROOT / "src"))


def run_pages(files: Mapping[str, Path], urls: Mapping[str, str | None]) -> tuple[dict[str, PageRun], dict[str, float]]:
    """Run every page through the ingest stages and trafilatura; returns the outputs and seconds per system."""
    _import_dateline()
    import trafilatura

    from dateline.clean.stage import CleanStage
    from dateline.ingest.readers import documents_from_bytes
    from dateline.ingest.stage import ExtractStage
    from dateline.settings import Settings

    settings = Settings()
    extract, clean = ExtractStage(settings), CleanStage(settings)
    extract.setup()
    clean.setup()
    out: dict[str, PageRun] = {}
    seconds = {"ingest": 0.0, "trafilatura": 0.0}
    for key, path in files.items():
        data = read_bytes(path)
        url = urls.get(key) or None
        started = time.perf_counter()
        # as the HTML reader makes it (decoding included), with the URL a JSONL record would give
        read = next(documents_from_bytes(str(path), data, kind="html", max_doc_bytes=settings.max_doc_bytes))
        extracted = extract([dataclasses.replace(read, url=url)])[0]
        cleaned = clean([extracted])[0]
        seconds["ingest"] += time.perf_counter() - started
        started = time.perf_counter()
        baseline = trafilatura.extract(data, url=url) or ""  # trafilatura decodes the bytes itself
        seconds["trafilatura"] += time.perf_counter() - started
        out[key] = PageRun(
            ingest=cleaned.text if cleaned.ok else "",
            extracted=extracted.meta.get("body", "") if extracted.ok else "",
            removed="\n".join(r.text for r in cleaned.removed),
            trafilatura=baseline,
            failed=not extracted.ok,
        )
    return out, seconds


def removal_counts(truth: Mapping[str, str], runs: Mapping[str, PageRun], keys: Iterable[str]) -> dict[str, int]:
    """Pages where cleaning removed > REMOVED_SHARE of the words; of those, how many removals were gold text."""
    heavy = in_gold = 0
    for key in keys:
        run = runs.get(key)
        if run is None or run.failed:
            continue
        before, after = len(WORD_RE.findall(run.extracted)), len(WORD_RE.findall(run.ingest))
        if not before or (before - after) / before <= REMOVED_SHARE:
            continue
        heavy += 1
        removed, gold = shingles(run.removed), shingles(truth[key])
        total = sum(removed.values())
        if total and sum(min(c, gold.get(s, 0)) for s, c in removed.items()) / total > 0.5:
            in_gold += 1
    return {"removed_over_20pct": heavy, "of_which_gold_text": in_gold}


def _table(rows: Iterable[tuple[str, Mapping[str, float], bool]]) -> str:
    lines = [
        f"| {'system':<26} | precision | recall |   F1   | R<0.5 |",
        f"|{'-' * 28}|-----------|--------|--------|-------|",
    ]
    for name, metrics, mine in rows:
        label = f"**{name}** ◀" if mine else name
        lost = metrics.get("lost")
        lost_cell = f"{int(lost):>5}" if lost is not None else "    –"
        lines.append(
            f"| {label:<26} |   {metrics['precision']:.3f}   | {metrics['recall']:.3f}  | {metrics['f1']:.3f}  | {lost_cell} |"
        )
    return "\n".join(lines)


def _scored(truth: Mapping[str, str], predicted: Mapping[str, str], keys: list[str]) -> dict[str, float]:
    subset = {k: truth[k] for k in keys}
    metrics = score(subset, predicted)
    metrics["lost"] = sum(1 for k in keys if truth[k].strip() and page_scores(truth[k], predicted.get(k, ""))["recall"] < 0.5)
    return metrics


def bench_set(
    name: str, html_dir: Path, truth_path: Path, baseline_dir: Path | None, *, worst: int = 0, dump: Path | None = None
) -> dict[str, object]:
    """Score one set, print its tables and return its figures."""
    truth = load_bodies(truth_path)
    urls = load_urls(truth_path)
    files = page_files(html_dir)
    missing = sorted(set(truth) - set(files))
    if missing:
        print(f"warning: {len(missing)} ground-truth pages have no HTML file; they score as empty", file=sys.stderr)
    runs, seconds = run_pages({k: files[k] for k in truth if k in files}, urls)
    systems = {
        "dateline ingest": {k: r.ingest for k, r in runs.items()},
        "dateline extract_html": {k: r.extracted for k, r in runs.items()},
        "trafilatura defaults": {k: r.trafilatura for k, r in runs.items()},
    }
    baselines = sorted(baseline_dir.glob("*.json")) if baseline_dir and baseline_dir.is_dir() else []
    parts = {**halves(truth), "all": sorted(truth)}
    result: dict[str, object] = {"pages": len(truth), "failures": sum(r.failed for r in runs.values())}
    print(f"\n## {name}: {len(truth)} pages, {result['failures']} raised ExtractionError")
    for part, keys in parts.items():
        rows = [(system, _scored(truth, outputs, keys), system == "dateline ingest") for system, outputs in systems.items()]
        if part == "all":
            rows += [(path.stem, _scored(truth, load_bodies(path), keys), False) for path in baselines]
        rows.sort(key=lambda row: row[1]["f1"], reverse=True)
        counts = removal_counts(truth, runs, keys)
        label = "all pages" if part == "all" else f"half {part} ({'tuned on' if part == 'A' else 'held out'})"
        print(f"\n{label}, {len(keys)} pages; cleaning removed > 20 % of the words on {counts['removed_over_20pct']} "
              f"pages ({counts['of_which_gold_text']} of them mostly gold article text)")
        print(_table(rows))
        result[part] = {
            **{system: {m: round(v, 4) for m, v in metrics.items() if m != "pages"} for system, metrics, _ in rows
               if system in systems},
            **counts,
        }
    n = len(runs)
    print(f"\nspeed: ingest {n / max(seconds['ingest'], 1e-9):.1f} pages/s, "
          f"trafilatura {n / max(seconds['trafilatura'], 1e-9):.1f} pages/s (one process)")
    if worst:
        ingest = systems["dateline ingest"]
        ranked = sorted(truth, key=lambda key: page_scores(truth[key], ingest.get(key, ""))["f1"])
        print(f"\nworst {worst} pages (dateline ingest):")
        for key in ranked[:worst]:
            s = page_scores(truth[key], ingest.get(key, ""))
            half = "A" if key in parts["A"] else "B"
            print(f"  {half} {key[:16]}  P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  {urls.get(key) or ''}")
    if dump:
        dump.write_text(json.dumps({"output": {k: {"articleBody": v} for k, v in systems["dateline ingest"].items()}},
                                   ensure_ascii=False), encoding="utf-8")
    return result


def _resolve(value: str | None, default: Path) -> Path:
    if value is None:
        return default
    path = Path(value)
    return path if path.is_absolute() else (Path.cwd() / path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", dest="sets", help="a set folder (html/ + ground-truth.json); "
                        "repeatable; default ../shared/bench/extraction and ../shared/bench/extraction-l3s")
    parser.add_argument("--html", help="one set's folder of ID.html.gz pages (with --truth)")
    parser.add_argument("--truth", help="one set's ground-truth JSON {ID: {articleBody, url}}")
    parser.add_argument("--baselines", help="folder of baseline JSONs (default: next to the ground truth)")
    parser.add_argument("--no-baselines", action="store_true", help="skip the baseline JSONs")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages by F1")
    parser.add_argument("--dump", help="write the first set's ingest outputs as {output: {ID: {articleBody}}} here")
    args = parser.parse_args(argv)

    if args.html or args.truth:
        truth_path = _resolve(args.truth, DEFAULT_DATA / "ground-truth.json")
        specs = [(truth_path.parent.name, _resolve(args.html, truth_path.parent / "html"), truth_path)]
    else:
        folders = [_resolve(s, DEFAULT_DATA) for s in args.sets] if args.sets else [DEFAULT_DATA, DEFAULT_L3S]
        specs = [(f.name, f / "html", f / "ground-truth.json") for f in folders]
    results: dict[str, dict[str, object]] = {}
    for i, (name, html_dir, truth_path) in enumerate(specs):
        baseline_dir = None if args.no_baselines else _resolve(args.baselines, truth_path.parent / "baselines")
        dump = _resolve(args.dump, Path()) if args.dump and i == 0 else None
        results[name] = bench_set(name, html_dir, truth_path, baseline_dir, worst=args.worst, dump=dump)
    first = results[specs[0][0]]["all"]["dateline ingest"]  # type: ignore[index]
    print(json.dumps({**{m: first[m] for m in ("precision", "recall", "f1")}, "sets": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
