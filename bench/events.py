"""Event typing on CASE 2021 task 2 snippets, scored on the records ``dateline run`` writes.

    python bench/events.py [--data ../shared/bench/events/case2021-task2-dev.tsv] [--no-embeddings] [--out DIR]

Each snippet (an ACLED event note) becomes one document of one run of the whole pipeline (the library call the
CLI makes, default settings). The snippet's label is the ACLED sub-event type of its most confident event in
``event_mentions.jsonl`` (the document's incidents, before cross-document merging), mapped to the CASE label
through ``src/dateline/events/data/en/classes.tsv``; a snippet with no event is labelled ``NONE``. Snippets of
the five labels that are not ACLED event types (DIPLO, ATTRIB, ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER)
should get no event.

Scores: weighted and macro F1 over the 25 ACLED classes (snippets whose gold is one of them; ``NONE`` counts
as a wrong label), the same over all 30 labels, the share of ACLED snippets with no event, and how many of
the five non-ACLED snippets got an event. The snippets are split in two halves by id (even: A, tuned on;
odd: B, never tuned on); both are reported. Last line: JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from dateline.events.triggers import load_lexicon
from dateline.pipeline import run_corpus
from dateline.settings import Settings

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "events" / "case2021-task2-dev.tsv"
NOT_ACLED = frozenset({"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"})
NONE = "NONE"


def read_snippets(path: Path) -> list[tuple[str, str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as handle:
        return [(r["id"], r["EventSnippet"], r["SubType"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def half_of(snippet_id: str) -> str:
    digits = "".join(ch for ch in snippet_id if ch.isdigit())
    return "A" if int(digits or 0) % 2 == 0 else "B"


def predict(rows: list[tuple[str, str, str]], out: Path, *, embeddings: bool) -> tuple[dict[str, str], float]:
    """CASE label per snippet id from a real run over all snippets."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "snippets.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for sid, text, _ in rows:
                handle.write(json.dumps({"text": text, "url": f"https://case.example/{sid}"}) + "\n")
        started = time.perf_counter()
        run_corpus([str(source)], out_dir=out, settings=Settings(report=False, event_embeddings=embeddings))
        seconds = time.perf_counter() - started
    docs = {d["id"]: d["url"].rsplit("/", 1)[1] for d in _jsonl(out / "documents.jsonl") if d.get("url")}
    case = {cls.acled: cls.case for cls in reversed(list(load_lexicon("en").classes.values())) if cls.acled and cls.emit}
    best: dict[str, tuple[float, str]] = {}
    for event in _jsonl(out / "event_mentions.jsonl"):
        sid = docs.get(event["sources"][0]["doc"])
        label = case.get(event.get("acled") or "")
        if sid is None or label is None:
            continue
        score = float(event.get("confidence") or 0.0)
        if sid not in best or score > best[sid][0]:
            best[sid] = (score, label)
    return {sid: best.get(sid, (0.0, NONE))[1] for sid, _, _ in rows}, seconds


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scores(gold: list[str], pred: list[str], labels: list[str]) -> tuple[dict[str, tuple[float, float, float, int]], float, float]:
    table = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1, tp + fn)
    support = Counter(gold)
    total = sum(support[label] for label in labels)
    weighted = sum(table[label][2] * support[label] for label in labels) / total if total else 0.0
    macro = sum(table[label][2] for label in labels if support[label]) / max(1, sum(1 for label in labels if support[label]))
    return table, weighted, macro


def evaluate(rows: list[tuple[str, str, str]], pred: dict[str, str]) -> dict[str, float]:
    acled_rows = [r for r in rows if r[2] not in NOT_ACLED]
    gold = [r[2] for r in acled_rows]
    guess = [pred[r[0]] for r in acled_rows]
    labels = sorted(set(gold))
    _, weighted25, macro25 = scores(gold, guess, labels)
    all_gold = [r[2] if r[2] not in NOT_ACLED else NONE for r in rows]
    all_pred = [pred[r[0]] for r in rows]
    _, weighted30, macro30 = scores(all_gold, all_pred, sorted(set(all_gold)))
    return {
        "weighted_f1_25": round(weighted25, 4), "macro_f1_25": round(macro25, 4),
        "weighted_f1_all": round(weighted30, 4), "macro_f1_all": round(macro30, 4),
        "accuracy_25": round(sum(g == p for g, p in zip(gold, guess, strict=True)) / max(1, len(gold)), 4),
        "no_event_share": round(sum(p == NONE for p in guess) / max(1, len(guess)), 4),
        "non_acled_with_event": sum(pred[r[0]] != NONE for r in rows if r[2] in NOT_ACLED),
        "snippets": len(rows), "acled_snippets": len(acled_rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-embeddings", action="store_true", help="run without the sentence-embedding model")
    parser.add_argument("--out", type=Path, default=None, help="run folder to keep (default: a temporary one)")
    args = parser.parse_args()
    rows = read_snippets(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        pred, seconds = predict(rows, args.out or Path(tmp) / "run", embeddings=not args.no_embeddings)
    results = {half: evaluate([r for r in rows if half == "all" or half_of(r[0]) == half], pred) for half in ("A", "B", "all")}
    acled_rows = [r for r in rows if r[2] not in NOT_ACLED]
    table, _, _ = scores([r[2] for r in acled_rows], [pred[r[0]] for r in acled_rows], sorted({r[2] for r in acled_rows}))
    print(f"{'label':32} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}   (all snippets)")
    for label, (p, r, f, n) in table.items():
        print(f"{label:32} {p:5.2f} {r:5.2f} {f:5.2f} {n:4d}")
    print(f"\n{'':24} {'A (tuned)':>10} {'B (held)':>10} {'all':>10}")
    for key in ("weighted_f1_25", "macro_f1_25", "weighted_f1_all", "accuracy_25", "no_event_share", "non_acled_with_event",
                "acled_snippets"):
        print(f"{key:24} " + " ".join(f"{results[h][key]:>10}" for h in ("A", "B", "all")))
    print(f"pipeline run: {seconds:.1f} s for {len(rows)} snippets")
    print(json.dumps({"weighted_f1_25": results["B"]["weighted_f1_25"], "no_event_share": results["B"]["no_event_share"],
                      "A": results["A"], "B": results["B"], "all": results["all"], "embeddings": not args.no_embeddings,
                      "run_s": round(seconds, 1)}))


if __name__ == "__main__":
    main()
