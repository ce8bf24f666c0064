"""Train the event detector's heads (``src/dateline/events/data/en/detector.npz``) from our own labels.

    python training/event_detector.py [--data ../shared/bench/timelines/t17] [--out PATH] [--folds 5]

Inputs (see ``training/README.md``):
- ``training/data/event_sentences.jsonl``: sentence labels we made on T17 conflict articles (offsets into the
  detokenized text of ``bench/t17.py``; the text itself stays in ``../shared``). Articles of the event gold
  (``bench/gold/event_articles.tsv``) are never used here.
- ``training/data/own_sentences.jsonl``: sentences we wrote ourselves, labelled the same way.
- ``src/dateline/events/data/en/examples.tsv``: the typing examples we wrote earlier (types only).

Every sentence goes through Dateline's own stages (the ones before events), so the features are exactly what
the events stage computes at run time (:func:`dateline.events.detect.sentence_features`), plus the sentence's
all-MiniLM-L6-v2 embedding. Two variants are trained: with the embedding and on the rule features alone (the
fallback without torch). Event head: L2 logistic regression, C chosen by grouped cross-validation over T17
articles; its out-of-fold probabilities fit the isotonic calibration. Type head: multinomial logistic
regression over the ACLED sub-event types of event sentences. Needs scikit-learn (``pip install -e '.[train]'``).
Prints cross-validated scores and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, log_loss, roc_auc_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from t17 import DEFAULT_DATA, load_articles, records  # noqa: E402

from dateline.events.actors import actor_lexicon, document_context  # noqa: E402
from dateline.events.detect import (  # noqa: E402
    FEATURES,
    Prediction,
    encoder_input,
    encoder_text,
    sentence_features,
    weights_path,
)
from dateline.events.incidents import EVENT_TYPE_OF  # noqa: E402
from dateline.events.record_confidence import RECORD_FEATURES  # noqa: E402
from dateline.events.stage import _analyse, event_mentions, gazetteer_names  # noqa: E402
from dateline.events.triggers import data_rows, load_lexicon  # noqa: E402
from dateline.ingest.readers import document_from_record  # noqa: E402
from dateline.model import Document  # noqa: E402
from dateline.nlp.embeddings import encode, sentence_model  # noqa: E402
from dateline.registry import DEFAULT_PLAN, build_plan  # noqa: E402
from dateline.settings import Settings  # noqa: E402

LABELS = ROOT / "training" / "data" / "event_sentences.jsonl"
OWN = ROOT / "training" / "data" / "own_sentences.jsonl"
GOLD_ARTICLES = ROOT / "bench" / "gold" / "event_articles.tsv"
TOPICS = ("LibyaWar_cnn", "EgyptianProtest_cnn")
C_GRID = (0.03, 0.1, 0.3, 1.0)
TYPE_C = 0.5
SEED = 13


@dataclass
class Sample:
    group: str  # article key (own sentences: "own")
    text: str
    features: np.ndarray
    event: int  # 1: reports an incident that happened (recent or background)
    types: list[str]
    candidate: bool  # the sentence has a trigger (the only sentences the stage asks the detector about)
    doc: int = -1  # index into the processed training documents (T17 samples)
    sent: int = -1
    label: str = ""  # event | background | none


def before_events_plan() -> tuple[str, ...]:
    return DEFAULT_PLAN[:DEFAULT_PLAN.index("events.extract")]


def process(records_: list[dict], stages: list) -> list[Document]:
    docs = [document_from_record(f"train#{i}", r) for i, r in enumerate(records_)]
    out = []
    for k in range(0, len(docs), 16):
        batch = docs[k:k + 16]
        for stage in stages:
            batch = stage(batch)
        out += batch
    return out


def t17_samples(data: Path, stages: list, lexicon,  # type: ignore[no-untyped-def]
                extra: tuple[Path, ...] = ()) -> tuple[list[Sample], list[Document]]:
    labels = [json.loads(line) for path in (LABELS, *extra) for line in path.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    gold = {line.split("\t")[0] for line in GOLD_ARTICLES.read_text(encoding="utf-8").splitlines()[1:]}
    by_article: dict[str, list[dict]] = {}
    for row in labels:
        if row["article"] in gold:
            raise SystemExit(f"a gold article is in the training labels: {row['article']}")
        by_article.setdefault(row["article"], []).append(row)
    articles = {a.key: a for a in load_articles(data, TOPICS) if a.key in by_article}
    ordered = sorted(articles)
    docs = process(list(records([articles[k] for k in ordered])), stages)
    samples, lost = [], 0
    for n, (key, doc) in enumerate(zip(ordered, docs, strict=True)):
        if not doc.ok:
            lost += len(by_article[key])
            continue
        analysis = _analyse(doc, lexicon)
        raw = articles[key].text
        for row in by_article[key]:
            sentence = raw[row["start"]:row["end"]]
            sent = _sentence_of(doc, sentence)
            if sent is None:
                lost += 1
                continue
            candidates = analysis.by_sentence.get(sent, [])
            span = analysis.ranges.get(sent)
            if span is None:
                lost += 1
                continue
            feats = sentence_features(doc, sent, span, candidates, lexicon, analysis.children)
            samples.append(Sample(key, encoder_input(doc, sent, span, candidates, analysis.children), feats,
                                  int(row["label"] in ("event", "background")),
                                  [e["type"] for e in row["events"] if e.get("type")],
                                  any(not c.agent for c in candidates), n, sent, row["label"]))
    print(f"T17 labels: {len(labels)} rows, {len(samples)} usable, {lost} lost (sentence not found after cleaning)")
    return samples, docs


def _sentence_of(doc: Document, sentence: str) -> int | None:
    at = doc.text.find(sentence)
    if at < 0:
        return None
    return next((i for i, (s, e) in enumerate(doc.sentences) if s <= at < e), None)


def own_samples(stages: list, lexicon) -> list[Sample]:  # type: ignore[no-untyped-def]
    rows = [json.loads(line) for line in OWN.read_text(encoding="utf-8").splitlines() if line.strip()] if OWN.exists() else []
    rows += [{"text": r["sentence"], "label": "event", "type": _acled_of(lexicon, r["class"]), "style": "example"}
             for r in data_rows("examples.tsv", "en") if _acled_of(lexicon, r["class"]) is not None]
    rows += [{"text": r["sentence"], "label": "none", "type": None, "style": "example"}
             for r in data_rows("examples.tsv", "en") if lexicon.cls(r["class"]).acled is None
             or not lexicon.cls(r["class"]).emit or lexicon.cls(r["class"]).plover == "CONSULT"]
    docs = process([{"text": r["text"]} for r in rows], stages)
    samples = []
    for row, doc in zip(rows, docs, strict=True):
        if not doc.ok or not doc.sentences:
            continue
        analysis = _analyse(doc, lexicon)
        sent = max(range(len(doc.sentences)), key=lambda i: doc.sentences[i][1] - doc.sentences[i][0])
        candidates = analysis.by_sentence.get(sent, [])
        feats = sentence_features(doc, sent, analysis.ranges[sent], candidates, lexicon, analysis.children)
        samples.append(Sample("own", doc.text, feats, int(row["label"] == "event"),
                              [row["type"]] if row.get("type") else [], any(not c.agent for c in candidates)))
    print(f"own sentences: {len(samples)} (events {sum(s.event for s in samples)})")
    return samples


def _acled_of(lexicon, key: str) -> str | None:  # type: ignore[no-untyped-def]
    cls = lexicon.classes.get(key)
    if cls is None or not cls.emit or not cls.acled or cls.plover == "CONSULT":
        return None
    return cls.acled


def embed(texts: list[str]) -> np.ndarray:
    model = sentence_model()
    return encode(model, [encoder_text(t) for t in texts])


def standardize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean, scale


def fit_variant(name: str, x: np.ndarray, samples: list[Sample], types: list[str],
                folds: int) -> tuple[dict, dict, np.ndarray, np.ndarray]:
    """Both heads for one feature set; returns (arrays to save, cross-validated scores, out-of-fold calibrated
    event probabilities, out-of-fold type probabilities) — the last two for every sample."""
    y = np.array([s.event for s in samples])
    groups = np.array([s.group for s in samples])
    t17 = groups != "own"
    mean, scale = standardize(x)
    z = (x - mean) / scale
    best = None
    for c in C_GRID:
        oof = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=folds).split(z[t17], y[t17], groups[t17]):
            idx_train = np.concatenate([np.where(t17)[0][train], np.where(~t17)[0]])  # own sentences always train
            model = LogisticRegression(C=c, max_iter=2000).fit(z[idx_train], y[idx_train])
            oof[np.where(t17)[0][test]] = model.predict_proba(z[np.where(t17)[0][test]])[:, 1]
        loss = log_loss(y[t17], np.clip(oof[t17], 1e-6, 1 - 1e-6))
        if best is None or loss < best[0]:
            best = (loss, c, oof.copy())
    loss, c, oof = best
    calibration = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(oof[t17], y[t17])
    grid = np.linspace(0, 1, 101)
    calib_y = calibration.predict(grid)
    final = LogisticRegression(C=c, max_iter=2000).fit(z, y)
    cand = t17 & np.array([s.candidate for s in samples])
    calibrated = np.interp(oof, grid, calib_y)
    scores = {
        "C": c, "log_loss": round(loss, 4),
        "auc": round(roc_auc_score(y[t17], oof[t17]), 4),
        "average_precision": round(average_precision_score(y[t17], oof[t17]), 4),
        "candidate_sentences": int(cand.sum()),
        "auc_candidates": round(roc_auc_score(y[cand], oof[cand]), 4),
        "precision_at_0.5": round(float(y[cand][calibrated[cand] >= 0.5].mean()), 4),
        "recall_at_0.5": round(float((calibrated[cand] >= 0.5)[y[cand] == 1].mean()), 4),
    }
    # type head: event sentences, one sample per (sentence, type)
    rows, labels, tgroups = [], [], []
    for i, s in enumerate(samples):
        for t in dict.fromkeys(s.types):
            if t in types:
                rows.append(i)
                labels.append(types.index(t))
                tgroups.append(s.group)
    zt, yt, gt = z[rows], np.array(labels), np.array(tgroups)
    is_t17 = gt != "own"
    pred = np.zeros(len(yt), dtype=int)
    oof_types = np.zeros((len(samples), len(types)), dtype=np.float32)
    articles = sorted({s.group for s in samples if s.group != "own"})
    fold_of = {a: k % folds for k, a in enumerate(articles)}
    rows_arr = np.array(rows)
    for k in range(folds):
        train = np.array([fold_of.get(g, -1) != k for g in gt])  # own sentences always train
        model = LogisticRegression(C=TYPE_C, max_iter=3000).fit(zt[train], yt[train])
        test = ~train
        pred[test] = model.predict(zt[test])
        in_fold = np.array([fold_of.get(s.group, -1) == k for s in samples])
        probs = model.predict_proba(z[in_fold])
        full = np.zeros((int(in_fold.sum()), len(types)), dtype=np.float32)
        full[:, model.classes_] = probs
        oof_types[in_fold] = full
    del rows_arr
    scores["type_accuracy_t17"] = round(float((pred[is_t17] == yt[is_t17]).mean()), 4)
    scores["type_weighted_f1_t17"] = round(f1_score(yt[is_t17], pred[is_t17], average="weighted"), 4)
    type_model = LogisticRegression(C=TYPE_C, max_iter=3000).fit(zt, yt)
    type_w = np.zeros((z.shape[1], len(types)), dtype=np.float32)
    type_b = np.full(len(types), -30.0, dtype=np.float32)  # types never seen in training get no mass
    for k, cls in enumerate(type_model.classes_):
        type_w[:, cls] = type_model.coef_[k] if len(type_model.classes_) > 2 else 0
        type_b[cls] = type_model.intercept_[k] if len(type_model.classes_) > 2 else 0
    arrays = {
        f"{name}_mean": mean.astype(np.float32), f"{name}_scale": scale.astype(np.float32),
        f"{name}_event_w": final.coef_[0].astype(np.float32), f"{name}_event_b": np.float32(final.intercept_[0]),
        f"{name}_type_w": type_w, f"{name}_type_b": type_b,
        f"{name}_calib_x": grid.astype(np.float32), f"{name}_calib_y": calib_y.astype(np.float32),
    }
    return arrays, scores, calibrated, oof_types


def _family(acled: str | None) -> str | None:
    return EVENT_TYPE_OF.get(acled or "", acled)


def fit_records(name: str, samples: list[Sample], docs: list[Document], oof_event: np.ndarray, oof_types: np.ndarray,
                types: list[str], lexicon, folds: int) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    """The record confidence model of one variant, on the event mentions of labelled training sentences."""
    predictions: dict[tuple[str, int], Prediction] = {}
    labelled: dict[tuple[int, int], Sample] = {}
    for i, sample in enumerate(samples):
        if sample.group == "own":
            continue
        predictions[(docs[sample.doc].id, sample.sent)] = Prediction(float(oof_event[i]),
                                                                     dict(zip(types, oof_types[i].tolist(), strict=True)))
        labelled[(sample.doc, sample.sent)] = sample
    actors = actor_lexicon("en")
    countries = gazetteer_names()[0]
    rows, y, groups = [], [], []
    for n, doc in enumerate(docs):
        if not doc.ok or not any(key[0] == n for key in labelled):
            continue
        analysis = _analyse(doc, lexicon)
        found = event_mentions(doc, analysis, lexicon, predictions, document_context(doc, actors, dict(countries)), 0.5)
        for event, feats, sent in zip(found.mentions, found.features, found.sentences, strict=True):
            sample = labelled.get((n, sent))
            if sample is None:
                continue
            right = sample.label == "event" and _family(event.acled) in {_family(t) for t in sample.types}
            rows.append(feats)
            y.append(int(right))
            groups.append(sample.group)
    x, yy, gg = np.vstack(rows), np.array(y), np.array(groups)
    mean, scale = standardize(x)
    z = (x - mean) / scale
    best = None
    for c in C_GRID:
        oof = np.zeros(len(yy))
        for train, test in GroupKFold(n_splits=folds).split(z, yy, gg):
            model = LogisticRegression(C=c, max_iter=2000).fit(z[train], yy[train])
            oof[test] = model.predict_proba(z[test])[:, 1]
        loss = log_loss(yy, np.clip(oof, 1e-6, 1 - 1e-6))
        if best is None or loss < best[0]:
            best = (loss, c, oof.copy())
    loss, c, oof = best
    grid = np.linspace(0, 1, 101)
    calib_y = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(oof, yy).predict(grid)
    final = LogisticRegression(C=c, max_iter=2000).fit(z, yy)
    calibrated = np.interp(oof, grid, calib_y)
    scores = {"mentions": len(yy), "right": int(yy.sum()), "C": c, "log_loss": round(loss, 4),
              "auc": round(roc_auc_score(yy, oof), 4),
              "precision_at_0.5": round(float(yy[calibrated >= 0.5].mean()), 4),
              "recall_at_0.5": round(float((calibrated >= 0.5)[yy == 1].mean()), 4),
              "weights": dict(zip(RECORD_FEATURES, [round(float(w), 3) for w in final.coef_[0]], strict=True))}
    arrays = {f"{name}_record_mean": mean.astype(np.float32), f"{name}_record_scale": scale.astype(np.float32),
              f"{name}_record_w": final.coef_[0].astype(np.float32), f"{name}_record_b": np.float32(final.intercept_[0]),
              f"{name}_record_calib_x": grid.astype(np.float32), f"{name}_record_calib_y": calib_y.astype(np.float32)}
    return arrays, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=None, help="weights file (default: the packaged one)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--extra-labels", type=Path, action="append", default=[],
                        help="more label files in the same format (e.g. data/event_sentences_round3.jsonl)")
    parser.add_argument("--records-only", action="store_true",
                        help="refit only the record-confidence model; keep the shipped detector heads (the "
                             "detector is still cross-fitted for its out-of-fold probabilities)")
    args = parser.parse_args()
    started = time.perf_counter()
    np.random.seed(SEED)
    settings = Settings(jobs=1, stages=before_events_plan(), report=False)
    stages = build_plan(settings)
    for stage in stages:
        stage.setup()
    lexicon = load_lexicon("en")
    t17, docs = t17_samples(args.data, stages, lexicon, tuple(args.extra_labels))
    samples = t17 + own_samples(stages, lexicon)
    counts = Counter(t for s in samples for t in s.types)
    types = sorted(counts)
    feats = np.vstack([s.features for s in samples]).astype(np.float32)
    vectors = embed([s.text for s in samples]).astype(np.float32)
    arrays: dict[str, np.ndarray] = {"types": np.array(types), "features": np.array(FEATURES)}
    report = {}
    for name, x in (("embed", np.hstack([vectors, feats])), ("rules", feats)):
        found, scores, oof_event, oof_types = fit_variant(name, x, samples, types, args.folds)
        arrays.update(found)
        report[name] = scores
        print(f"{name}: {json.dumps(scores)}")
        found, scores = fit_records(name, samples, docs, oof_event, oof_types, types, lexicon, args.folds)
        arrays.update(found)
        report[f"{name}_records"] = {k: v for k, v in scores.items() if k != "weights"}
        print(f"{name} records: {json.dumps(scores)}")
    out = args.out or Path(str(weights_path("en")))
    if args.records_only:
        with np.load(str(weights_path("en"))) as shipped:
            kept = {k: shipped[k] for k in shipped.files if "_record_" not in k}
        arrays = {**kept, **{k: v for k, v in arrays.items() if "_record_" in k}}
    np.savez_compressed(out, **arrays)
    print(f"types ({len(types)}): {dict(counts)}")
    print(json.dumps({"samples": len(samples), "events": sum(s.event for s in samples), "types": len(types),
                      "weights": str(out), "kb": round(out.stat().st_size / 1024, 1),
                      "seconds": round(time.perf_counter() - started, 1), **{k: v for k, v in report.items()}}))


if __name__ == "__main__":
    main()
