#!/usr/bin/env python
"""Article-body extraction benchmark for ``dateline.ingest.html.extract_html``.

Scores like the Zyte/Scrapinghub article-extraction-benchmark (``evaluate.py``, MIT):

* text → tokens with the regex ``\\w+`` (the benchmark's tokenizer; it splits on whitespace *and*
  punctuation), tokens → 4-gram shingles counted as a multiset;
* per page, TP/FP/FN over the shingle multisets, normalised by TP+FP+FN so long pages weigh no more than
  short ones;
* precision is averaged over the pages whose prediction has shingles (TP+FP > 0), recall over the pages
  whose ground truth has shingles (TP+FN > 0): an empty prediction for a non-empty truth counts as recall 0
  and is left out of the precision mean, a page where both are empty drops out of both means;
* F1 is the harmonic mean of the averaged precision and the averaged recall.

Every baseline JSON in ``--baselines`` (``{"output": {ID: {"articleBody": ...}}}`` or ``{ID: {...}}``) is
scored with the same function, so the comparison is like for like. The last line printed is one JSON
object with Dateline's ``precision``, ``recall`` and ``f1``.

    python bench/extraction.py [--html DIR] [--truth FILE] [--baselines DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "extraction"

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


def read_page(path: Path) -> str:
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
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


def run_dateline(
    files: Mapping[str, Path], urls: Mapping[str, str | None]
) -> tuple[dict[str, str], float, int]:
    """Extract every page; returns (outputs, seconds spent in extract_html, number of failures)."""
    try:
        from dateline.ingest.html import ExtractionError, extract_html
    except ImportError:  # not installed yet: use the checkout's src/
        sys.path.insert(0, str(REPO_ROOT / "src"))
        from dateline.ingest.html import ExtractionError, extract_html

    out: dict[str, str] = {}
    failures = 0
    elapsed = 0.0
    for key, path in files.items():
        html = read_page(path)
        start = time.perf_counter()
        try:
            out[key] = extract_html(html, url=urls.get(key)).text
        except ExtractionError:
            out[key] = ""
            failures += 1
        elapsed += time.perf_counter() - start
    return out, elapsed, failures


def _table(rows: Iterable[tuple[str, dict[str, float], bool]]) -> str:
    lines = [
        f"| {'system':<22} | precision | recall |   F1   |",
        f"|{'-' * 24}|-----------|--------|--------|",
    ]
    for name, metrics, mine in rows:
        label = f"**{name}** ◀" if mine else name
        lines.append(
            f"| {label:<22} |   {metrics['precision']:.3f}   | {metrics['recall']:.3f}  | {metrics['f1']:.3f}  |"
        )
    return "\n".join(lines)


def _resolve(value: str | None, default: Path) -> Path:
    if value is None:
        return default
    path = Path(value)
    return path if path.is_absolute() else (Path.cwd() / path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--html", help="folder of ID.html.gz pages (default ../shared/bench/extraction/html)")
    parser.add_argument("--truth", help="ground-truth JSON {ID: {articleBody, url}}")
    parser.add_argument("--baselines", help="folder of baseline JSONs (default: next to the ground truth)")
    parser.add_argument("--no-baselines", action="store_true", help="score Dateline only")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages by F1")
    parser.add_argument(
        "--dump", help="write Dateline's outputs as {output: {ID: {articleBody}}} to this file"
    )
    args = parser.parse_args(argv)

    html_dir = _resolve(args.html, DEFAULT_DATA / "html")
    truth_path = _resolve(args.truth, DEFAULT_DATA / "ground-truth.json")
    baseline_dir = _resolve(args.baselines, truth_path.parent / "baselines")

    truth = load_bodies(truth_path)
    urls = load_urls(truth_path)
    files = page_files(html_dir)
    missing = sorted(set(truth) - set(files))
    if missing:
        print(
            f"warning: {len(missing)} ground-truth pages have no HTML file; they score as empty",
            file=sys.stderr,
        )

    outputs, elapsed, failures = run_dateline({k: files[k] for k in truth if k in files}, urls)
    mine = score(truth, outputs)

    rows: list[tuple[str, dict[str, float], bool]] = [("dateline", mine, True)]
    if not args.no_baselines and baseline_dir.is_dir():
        for path in sorted(baseline_dir.glob("*.json")):
            rows.append((path.stem, score(truth, load_bodies(path)), False))
    rows.sort(key=lambda row: row[1]["f1"], reverse=True)

    n_pages = len(outputs)
    rate = n_pages / elapsed if elapsed > 0 else float("inf")
    print(f"pages: {len(truth)} in truth, {n_pages} extracted, {failures} raised ExtractionError")
    print(_table(rows))
    print(f"dateline speed: {rate:.1f} pages/s ({elapsed:.1f} s in extract_html, one process)")

    if args.worst:
        ranked = sorted(truth, key=lambda key: page_scores(truth[key], outputs.get(key, ""))["f1"])
        print(f"\nworst {args.worst} pages:")
        for key in ranked[: args.worst]:
            s = page_scores(truth[key], outputs.get(key, ""))
            print(
                f"  {key[:16]}  P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  {urls.get(key)}"
            )

    if args.dump:
        Path(args.dump).write_text(
            json.dumps({"output": {k: {"articleBody": v} for k, v in outputs.items()}}, ensure_ascii=False),
            encoding="utf-8",
        )

    result = {
        "precision": round(mine["precision"], 4),
        "recall": round(mine["recall"], 4),
        "f1": round(mine["f1"], 4),
        "pages": len(truth),
        "failures": failures,
        "pages_per_s": round(rate, 2),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
