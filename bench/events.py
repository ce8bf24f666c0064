"""Event typing on CASE 2021 task 2 snippets: Dateline's rules (+ embeddings) → the 30 CASE labels.

    python bench/events.py [--data ../shared/bench/events/case2021-task2-dev.tsv] [--rules-only]

Each snippet goes through spaCy (the nlp stage), the trigger rules and, unless ``--rules-only`` or
the model is missing, the embedding classifier; the snippet's main event class
(``dateline.events.main_class``) maps to a CASE label through ``classes.tsv``. Nothing is trained on
the evaluation data. Prints per-label P/R/F1, then one JSON line (weighted_f1, macro_f1, ...).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from dateline.events import load_classifier, load_lexicon, main_class, match_sentence
from dateline.events.stage import sentence_token_ranges
from dateline.events.triggers import children_of
from dateline.model import Document
from dateline.nlp.stage import SpacyStage
from dateline.settings import Settings

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "events" / "case2021-task2-dev.tsv"
FALLBACK_LABEL = "ARMED_CLASH"  # rules only, no trigger at all: the most common violent label


def read_snippets(path: Path) -> list[tuple[str, str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as handle:
        return [(r["id"], r["EventSnippet"], r["SubType"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def predict(texts: list[str], *, rules_only: bool) -> tuple[list[str], dict[str, float]]:
    """CASE labels for ``texts`` and timings (seconds)."""
    lexicon = load_lexicon("en")
    started = time.perf_counter()
    classifier = None if rules_only else load_classifier("en")
    load_s = time.perf_counter() - started
    spacy = SpacyStage(Settings())
    spacy.setup()
    started = time.perf_counter()
    docs = spacy([Document(id=f"s{i}", source="bench", text=t, language="en") for i, t in enumerate(texts)])
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    probs = classifier.predict(texts) if classifier is not None else [None] * len(texts)
    labels = []
    for doc, p in zip(docs, probs, strict=True):
        cls = _main(doc, lexicon, p)
        labels.append(lexicon.cls(cls).case if cls else FALLBACK_LABEL)
    typing_s = time.perf_counter() - started
    return labels, {"load_s": load_s, "parse_s": parse_s, "typing_s": typing_s, "embeddings": classifier is not None}


def _main(doc: Document, lexicon, probs) -> str | None:  # type: ignore[no-untyped-def]
    children = children_of(doc.tokens)
    candidates = []
    for span in sentence_token_ranges(doc).values():
        candidates += match_sentence(doc.text, doc.tokens, children, span, lexicon)
    roots = {i for i, t in enumerate(doc.tokens) if t.dep == "ROOT"}
    return main_class(candidates, roots, probs, first_sentence=0)


def scores(gold: list[str], pred: list[str]) -> tuple[dict[str, tuple[float, float, float, int]], float, float]:
    labels = sorted(set(gold))
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
    weighted = sum(table[label][2] * support[label] for label in labels) / len(gold)
    macro = sum(v[2] for v in table.values()) / len(labels)
    return table, weighted, macro


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rules-only", action="store_true", help="do not use the embedding classifier")
    args = parser.parse_args()
    rows = read_snippets(args.data)
    pred, timing = predict([text for _, text, _ in rows], rules_only=args.rules_only)
    gold = [label for _, _, label in rows]
    table, weighted, macro = scores(gold, pred)
    print(f"{'label':32} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}")
    for label, (p, r, f, n) in table.items():
        print(f"{label:32} {p:5.2f} {r:5.2f} {f:5.2f} {n:4d}")
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    per_second = len(rows) / (timing["parse_s"] + timing["typing_s"])
    print(f"\n{len(rows)} snippets; accuracy {accuracy:.3f}; weighted F1 {weighted:.3f}; macro F1 {macro:.3f}")
    print(f"spaCy {timing['parse_s']:.2f}s, typing {timing['typing_s']:.2f}s, model load {timing['load_s']:.2f}s: {per_second:.1f} snippets/s")
    result = {"weighted_f1": round(weighted, 4), "macro_f1": round(macro, 4), "accuracy": round(accuracy, 4),
              "snippets": len(rows), "embeddings": timing["embeddings"], "snippets_per_s": round(per_second, 1)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
